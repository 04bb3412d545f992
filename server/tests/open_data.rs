//! The public data for programs and other sites: CORS, and answers a program can read.

use crate::common::TestApp;
use reqwest::{header, Method};

const OTHER_SITE: &str = "https://www.gemeente.example";

#[tokio::test]
async fn another_origin_may_read_every_public_endpoint_but_never_the_management_api() {
    let app = TestApp::start().await;
    for path in [
        "/api/projects?huurkoop=huur",
        "/api/projects/GM1731-beilen-havengebied",
        "/api/kaart",
        "/api/grenzen/gemeenten",
        "/api/plaatsen",
        "/api/stats/regio/zuidwest",
    ] {
        let res = app.client.get(format!("{}{path}", app.base)).header(header::ORIGIN, OTHER_SITE).send().await.unwrap();
        assert_eq!(res.status(), 200, "{path}");
        assert_eq!(res.headers()[header::ACCESS_CONTROL_ALLOW_ORIGIN], "*", "{path}");
        let exposed = res.headers()[header::ACCESS_CONTROL_EXPOSE_HEADERS].to_str().unwrap().to_ascii_lowercase();
        assert!(exposed.contains("etag"), "{path}: a script can revalidate ({exposed})");
        // A script that revalidates sends If-None-Match, which needs a preflight.
        let preflight = app
            .client
            .request(Method::OPTIONS, format!("{}{path}", app.base))
            .header(header::ORIGIN, OTHER_SITE)
            .header(header::ACCESS_CONTROL_REQUEST_METHOD, "GET")
            .header(header::ACCESS_CONTROL_REQUEST_HEADERS, "if-none-match")
            .send()
            .await
            .unwrap();
        assert!(preflight.status().is_success(), "{path}: preflight {}", preflight.status());
        assert_eq!(preflight.headers()[header::ACCESS_CONTROL_ALLOW_ORIGIN], "*", "{path}");
        assert!(preflight.headers()[header::ACCESS_CONTROL_ALLOW_METHODS].to_str().unwrap().contains("GET"), "{path}");
    }
    // The management API: no CORS answer, not to a preflight either, so no other site's script
    // can use a municipality's token.
    for (method, path) in
        [("GET", "/api/beheer/projecten"), ("POST", "/api/beheer/import"), ("PUT", "/api/beheer/projecten/x"), ("GET", "/api/beheer/bestaat-niet")]
    {
        let res = app.client.get(format!("{}{path}", app.base)).header(header::ORIGIN, OTHER_SITE).send().await.unwrap();
        assert!(res.headers().get(header::ACCESS_CONTROL_ALLOW_ORIGIN).is_none(), "{path}");
        let preflight = app
            .client
            .request(Method::OPTIONS, format!("{}{path}", app.base))
            .header(header::ORIGIN, OTHER_SITE)
            .header(header::ACCESS_CONTROL_REQUEST_METHOD, method)
            .header(header::ACCESS_CONTROL_REQUEST_HEADERS, "authorization, content-type")
            .send()
            .await
            .unwrap();
        assert!(preflight.headers().get(header::ACCESS_CONTROL_ALLOW_ORIGIN).is_none(), "{method} {path}");
        assert!(preflight.headers().get(header::ACCESS_CONTROL_ALLOW_METHODS).is_none(), "{method} {path}");
    }
    // Nor do the pages need it.
    let page = app.client.get(format!("{}/", app.base)).header(header::ORIGIN, OTHER_SITE).send().await.unwrap();
    assert!(page.headers().get(header::ACCESS_CONTROL_ALLOW_ORIGIN).is_none());
}

#[tokio::test]
async fn an_unknown_path_under_api_is_a_json_404() {
    let app = TestApp::start().await;
    for path in ["/api/bestaat-niet", "/api/projects/a/b", "/api/v9/projects", "/api/beheer/bestaat-niet", "/api/", "/api"] {
        let res = app.get(path).await;
        assert_eq!(res.status(), 404, "{path}");
        assert_eq!(res.headers()[header::CONTENT_TYPE], "application/problem+json", "{path}");
        let body: serde_json::Value = res.json().await.unwrap();
        assert!(body["fout"].as_str().unwrap().contains("bestaat niet"), "{path}: {body}");
    }
    // A public path answered with another method says which it takes.
    let post = app.client.post(format!("{}/api/projects", app.base)).send().await.unwrap();
    assert_eq!(post.status(), 405);
    // Pages are still the site's own 404.
    let page = app.get("/bestaat-niet").await;
    assert_eq!(page.status(), 404);
    assert!(page.text().await.unwrap().contains("<html"));
}

#[tokio::test]
async fn the_map_pages_downloads_hold_its_selection_as_a_dutch_csv_and_as_geojson() {
    let app = TestApp::start().await;
    let filter = "huurkoop=huur&gemeente=GM0114";
    let page = app.page(&format!("/?{filter}")).await;
    let want = app.features(&format!("/api/projects?{filter}")).await;
    let homes: u64 = want.features.iter().map(|f| f.property("woningen").unwrap().as_u64().unwrap()).sum();
    // The page links both with its own filter.
    for extension in ["csv", "geojson"] {
        assert!(page.contains(&format!("href=\"/api/v1/projecten.{extension}?{}\"", filter.replace('&', "&amp;"))), "{extension} link");
    }
    let res = app.get(&format!("/api/v1/projecten.csv?{filter}")).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()[header::CONTENT_TYPE], "text/csv; charset=utf-8");
    assert_eq!(res.headers()[header::CONTENT_DISPOSITION], "attachment; filename=\"woningbouwprojecten-drenthe.csv\"");
    assert!(res.headers()[header::LINK].to_str().unwrap().contains("<https://creativecommons.org/licenses/by/4.0/deed.nl>; rel=\"license\""));
    let bytes = res.bytes().await.unwrap();
    assert!(bytes.starts_with("\u{feff}".as_bytes()), "a BOM, so Excel reads UTF-8");
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    let mut rows = csv::ReaderBuilder::new().delimiter(b';').from_reader(text.as_bytes());
    let header: Vec<String> = rows.headers().unwrap().iter().map(str::to_owned).collect();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap_or_else(|| panic!("column {name} in {header:?}"));
    let (woningen, lon, social) = (column("woningen"), column("lon"), column("woningen_sociale_huur"));
    let records: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), want.features.len(), "one row per project of the page");
    assert_eq!(records.iter().map(|r| r[woningen].parse::<u64>().unwrap()).sum::<u64>(), homes, "the page's homes");
    assert!(records.iter().all(|r| r[lon].starts_with("6,") || r[lon].starts_with("7,")), "decimal commas");
    assert!(records.iter().any(|r| &r[social] != "0"));
    // The GeoJSON download: the same projects, flat, with the licence.
    let geo: serde_json::Value = app.get(&format!("/api/v1/projecten.geojson?{filter}")).await.json().await.unwrap();
    assert_eq!(geo["features"].as_array().unwrap().len(), want.features.len());
    assert_eq!(geo["licentie"]["naam"], "CC BY 4.0");
    // A wrong filter is a 400 that names it, as everywhere in the API.
    let bad = app.get("/api/v1/projecten.csv?huurkoop=pacht").await;
    assert_eq!(bad.status(), 400);
    assert_eq!(bad.json::<serde_json::Value>().await.unwrap()["parameter"], "huurkoop");
}

#[tokio::test]
async fn search_engines_find_every_public_page_and_project_and_leave_the_embed_and_beheer() {
    let app = TestApp::start().await;
    let robots = app.get("/robots.txt").await.text().await.unwrap();
    for line in ["Disallow: /embed", "Allow: /embed/maken", "Disallow: /beheer", "Disallow: /api/beheer", &format!("Sitemap: {}/sitemap.xml", app.base)] {
        assert!(robots.lines().any(|l| l == line), "robots.txt: {line}\n{robots}");
    }
    let index = app.get("/sitemap.xml").await;
    assert!(index.headers()[header::CONTENT_TYPE].to_str().unwrap().starts_with("application/xml"));
    let index = index.text().await.unwrap();
    let locs = |xml: &str| -> Vec<String> { xml.split("<loc>").skip(1).map(|s| s.split("</loc>").next().unwrap().replace("&amp;", "&")).collect() };
    let files = locs(&index);
    assert!(files.len() >= 2, "{index}");
    let mut pages = Vec::new();
    for file in &files {
        let xml = app.get(file.strip_prefix(&app.base).unwrap()).await.text().await.unwrap();
        assert!(xml.starts_with("<?xml") && xml.contains("<urlset"), "{file}");
        pages.extend(locs(&xml));
    }
    let unique: std::collections::BTreeSet<&String> = pages.iter().collect();
    assert_eq!(unique.len(), pages.len(), "each address once");
    for path in ["/", "/regio", "/regio/noord", "/gemeente/GM0114", "/prijsklassen", "/toegankelijkheid"] {
        assert!(pages.contains(&format!("{}{path}", app.base)), "{path}");
    }
    let projects: Vec<&String> = pages.iter().filter(|p| p.contains("?project=")).collect();
    assert_eq!(projects.len(), app.public_count);
    for hidden in &app.hidden_ids {
        assert!(!pages.iter().any(|p| p.ends_with(&format!("project={hidden}"))), "{hidden} is not public");
    }
    // Every listed project page is there.
    let one = projects[projects.len() / 2].strip_prefix(&app.base).unwrap().to_owned();
    assert_eq!(app.get(&one).await.status(), 200, "{one}");
    assert_eq!(app.get("/sitemaps/projecten-99.xml").await.status(), 404);
}

/// The feed's entries as (title, summary, updated, id), in its order.
fn entries(xml: &str) -> Vec<(String, String, String, String)> {
    let doc = roxmltree::Document::parse(xml).unwrap_or_else(|e| panic!("the feed is XML: {e}"));
    let root = doc.root_element();
    assert_eq!((root.tag_name().namespace(), root.tag_name().name()), (Some("http://www.w3.org/2005/Atom"), "feed"));
    let child = |node: roxmltree::Node, name: &str| node.children().find(|c| c.tag_name().name() == name).and_then(|c| c.text()).unwrap_or_default().to_owned();
    // What RFC 4287 requires of a feed: id, title, updated, an author, a self link.
    for required in ["id", "title", "updated"] {
        assert!(!child(root, required).is_empty(), "feed {required}");
    }
    assert!(root.children().any(|c| c.tag_name().name() == "author"));
    assert!(root.children().any(|c| c.tag_name().name() == "link" && c.attribute("rel") == Some("self")));
    root.children()
        .filter(|c| c.tag_name().name() == "entry")
        .map(|e| {
            assert!(e.children().any(|c| c.tag_name().name() == "link" && c.attribute("rel") == Some("alternate")));
            (child(e, "title"), child(e, "summary"), child(e, "updated"), child(e, "id"))
        })
        .collect()
}

#[tokio::test]
async fn each_municipality_page_links_a_feed_whose_entries_follow_a_delivery() {
    let app = TestApp::start().await;
    let page = app.page("/gemeente/GM0114").await;
    let feed = "/api/v1/feeds/gemeente/GM0114";
    let linked = page.split("<link ").skip(1).map(|tag| tag.split('>').next().unwrap()).any(|tag| {
        [
            format!("href=\"{feed}\""),
            "rel=\"alternate\"".into(),
            "type=\"application/atom+xml\"".into(),
            "title=\"Nieuwe en gewijzigde woningbouwplannen in Emmen\"".into(),
        ]
        .iter()
        .all(|attribute| tag.contains(attribute.as_str()))
    });
    assert!(linked, "the page links its feed in its head");
    let before = app.get(feed).await;
    assert_eq!(before.headers()[header::CONTENT_TYPE], "application/atom+xml; charset=utf-8");
    let before = entries(&before.text().await.unwrap());
    assert!(!before.is_empty(), "the demo's projects appeared once");
    // A delivery: Emmen's demo plans are replaced by two public and two confidential ones.
    let token = app.store.create_token(server::store::Access::Municipality("GM0114".into()), "test").await.unwrap().secret;
    let csv = include_str!("fixtures/emmen.csv");
    let import =
        |body: String| app.client.post(format!("{}/api/beheer/import", app.base)).bearer_auth(&token).header("content-type", "text/csv").body(body).send();
    assert_eq!(import(csv.to_owned()).await.unwrap().status(), 200);
    let after = entries(&app.get(feed).await.text().await.unwrap());
    let titles: Vec<&str> = after.iter().map(|e| e.0.as_str()).collect();
    assert!(titles.contains(&"Nieuw: Testplan Stadscentrum (Emmen, gemeente Emmen)"), "{titles:?}");
    assert!(titles.contains(&"Nieuw: Testplan Klazienaveen-Noord (Klazienaveen, gemeente Emmen)"), "{titles:?}");
    assert!(titles.iter().any(|t| t.starts_with("Niet meer op de kaart: ")), "the demo's plans left the map: {titles:?}");
    // The confidential plans of the delivery are in no entry.
    assert!(!after.iter().any(|e| e.0.contains("Schoonebeek Oost") || e.0.contains("Nieuw-Amsterdam") || e.1.contains("Schoonebeek Oost")), "{titles:?}");
    assert!(after[0].2 >= before[0].2, "newest first");
    // Ids are stable: the demo's entries that are still in the feed kept theirs.
    let ids: std::collections::BTreeSet<&String> = after.iter().map(|e| &e.3).collect();
    assert_eq!(ids.len(), after.len(), "unique ids");
    assert!(after.iter().all(|e| e.3.starts_with("urn:uuid:")));
    // A change to a public plan: the newest entry says what changed.
    let changed = csv.replace(";In aanbouw;2025;2027;", ";Opgeleverd;2025;2026;");
    assert_eq!(import(changed).await.unwrap().status(), 200);
    let latest = entries(&app.get(feed).await.text().await.unwrap());
    assert_eq!(latest[0].0, "Gewijzigd: Testplan Stadscentrum (Emmen, gemeente Emmen)");
    assert!(latest[0].1.contains("status") && latest[0].1.contains("oplevering"), "{}", latest[0].1);
    // The region's and the province's feeds have it too; another municipality's does not.
    for other in ["/api/v1/feeds/regio/zuidoost", "/api/v1/feeds/provincie"] {
        assert_eq!(entries(&app.get(other).await.text().await.unwrap())[0].0, latest[0].0, "{other}");
    }
    assert!(!entries(&app.get("/api/v1/feeds/gemeente/GM1680").await.text().await.unwrap()).iter().any(|e| e.0.contains("Testplan")));
    assert_eq!(app.get("/api/v1/feeds/gemeente/GM9999").await.status(), 404);
}

/// A client that revalidates by date (`If-Modified-Since`) gets a 304 until the data changes,
/// and the new data at once after a delivery, even one in the same second.
#[tokio::test]
async fn public_data_says_when_it_last_changed_and_revalidates_by_date() {
    let app = TestApp::start().await;
    let paths = ["/api/v1/collections/projecten/items", "/api/projects", "/api/v1/projecten.csv", "/api/v1/feeds/provincie"];
    let since = |path: &'static str, date: String| app.client.get(format!("{}{path}", app.base)).header(header::IF_MODIFIED_SINCE, date).send();
    let mut dates = Vec::new();
    for path in paths {
        let res = app.get(path).await;
        let date = res.headers().get(header::LAST_MODIFIED).unwrap_or_else(|| panic!("{path} has no Last-Modified")).to_str().unwrap().to_owned();
        let when = httpdate::parse_http_date(&date).unwrap();
        assert!(when <= std::time::SystemTime::now() + std::time::Duration::from_secs(5), "{path}: {date} lies ahead");
        assert_eq!(since(path, date.clone()).await.unwrap().status(), 304, "{path}");
        dates.push(date);
    }
    // A delivery changes the data.
    let token = app.store.create_token(server::store::Access::Municipality("GM0114".into()), "test").await.unwrap().secret;
    let delivered = app
        .client
        .post(format!("{}/api/beheer/import", app.base))
        .bearer_auth(&token)
        .header("content-type", "text/csv")
        .body(include_str!("fixtures/emmen.csv"))
        .send()
        .await
        .unwrap();
    assert_eq!(delivered.status(), 200);
    for (path, before) in paths.into_iter().zip(dates) {
        let res = since(path, before.clone()).await.unwrap();
        assert_eq!(res.status(), 200, "{path} changed with the delivery");
        let after = httpdate::parse_http_date(res.headers()[header::LAST_MODIFIED].to_str().unwrap()).unwrap();
        assert!(after > httpdate::parse_http_date(&before).unwrap(), "{path}");
    }
}

/// The Dutch API Design Rules (Logius) as far as they are the API's and not its documents':
/// a semantic version in the document and in an `API-Version` header on every answer, the
/// document at `openapi.json`, a contact, errors as RFC 9457 problems.
#[tokio::test]
async fn the_api_follows_the_dutch_api_design_rules() {
    let app = TestApp::start().await;
    let document: serde_json::Value = app.get("/api/v1/openapi.json").await.json().await.unwrap();
    let version = document["info"]["version"].as_str().unwrap();
    assert_eq!(version.split('.').filter(|p| p.parse::<u32>().is_ok()).count(), 3, "semantic: {version}");
    // Drenthe's demo configures no contact (the site says so); a province that does gets it
    // into the document.
    assert!(document["info"]["contact"].is_null());
    let lagewaard = server::config::load(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lagewaard/provincie.toml")).unwrap();
    let theirs = server::openapi::document(&lagewaard.province, lagewaard.contact.as_ref(), "https://kaart.example.nl");
    assert!(theirs["info"]["contact"]["name"].is_string() && theirs["info"]["contact"]["email"].is_string(), "{}", theirs["info"]);
    for path in [
        "/api/v1",
        "/api/v1/collections/projecten/items?limit=1",
        "/api/projects?huurkoop=huur",
        "/api/stats",
        "/api/plaatsen",
        "/api/v1/onbekend",
        "/api/projects?kleur=rood",
    ] {
        let response = app.get(path).await;
        assert_eq!(response.headers()["api-version"], version, "{path}");
    }
    let wrong = app.get("/api/projects?kleur=rood").await;
    assert_eq!(wrong.status(), 400);
    assert_eq!(wrong.headers()["content-type"], "application/problem+json");
    let problem: serde_json::Value = wrong.json().await.unwrap();
    assert_eq!((problem["status"].as_u64(), problem["type"].as_str()), (Some(400), Some("about:blank")));
    assert!(problem["title"].is_string() && problem["detail"] == problem["fout"] && problem["parameter"] == "kleur", "{problem}");
    // Drenthe's demo configures no security contact: no file rather than an invented one.
    assert_eq!(app.get("/.well-known/security.txt").await.status(), 404);
    let management = app.get("/api/beheer/projecten").await;
    assert_eq!((management.status().as_u16(), management.headers()["api-version"].to_str().unwrap()), (401, version));
}
