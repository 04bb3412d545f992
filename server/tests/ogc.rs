//! OGC API Features at /api/v1, as a GIS program walks it: landing page → conformance →
//! collections → items, page by page and by bbox.

use crate::common::TestApp;
use reqwest::header;
use serde_json::Value;
use std::collections::BTreeSet;

async fn json(app: &TestApp, path: &str) -> Value {
    let res = app.get(path).await;
    assert_eq!(res.status(), 200, "{path}");
    res.json().await.unwrap()
}

fn link<'a>(doc: &'a Value, rel: &str) -> Option<&'a str> {
    doc["links"].as_array()?.iter().find(|l| l["rel"] == rel).and_then(|l| l["href"].as_str())
}

/// The path and query of an absolute link, to ask the test server.
fn local(app: &TestApp, href: &str) -> String {
    href.strip_prefix(&app.base).unwrap_or_else(|| panic!("{href} is not on {}", app.base)).to_owned()
}

#[tokio::test]
async fn the_landing_page_leads_to_the_conformance_and_the_collection() {
    let app = TestApp::start().await;
    let landing = json(&app, "/api/v1").await;
    assert!(landing["title"].as_str().unwrap().contains("Drenthe"));
    let conformance = json(&app, &local(&app, link(&landing, "conformance").unwrap())).await;
    let classes: Vec<&str> = conformance["conformsTo"].as_array().unwrap().iter().map(|c| c.as_str().unwrap()).collect();
    assert!(classes.contains(&"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core"), "{classes:?}");
    assert!(classes.contains(&"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson"), "{classes:?}");
    let collections = json(&app, &local(&app, link(&landing, "data").unwrap())).await;
    let list = collections["collections"].as_array().unwrap();
    assert_eq!(list.len(), 1);
    let projects = &list[0];
    assert_eq!(projects["id"], "projecten");
    assert_eq!(projects["itemType"], "feature");
    let bbox = projects["extent"]["spatial"]["bbox"][0].as_array().unwrap();
    let [w, s, e, n] = [0, 1, 2, 3].map(|i| bbox[i].as_f64().unwrap());
    assert!(6.0 < w && w < e && e < 7.2 && 52.5 < s && s < n && n < 53.3, "{bbox:?} is Drenthe");
    assert_eq!(projects["extent"]["spatial"]["crs"], "http://www.opengis.net/def/crs/OGC/1.3/CRS84");
    // The project data's licence, as configured, on the landing page, the collection and every
    // page of items.
    const LICENCE: &str = "https://creativecommons.org/licenses/by/4.0/deed.nl";
    assert_eq!(link(&landing, "license"), Some(LICENCE));
    assert_eq!(link(projects, "license"), Some(LICENCE));
    assert_eq!(projects["attribution"], "Provincie Drenthe en de Drentse gemeenten");
    assert_eq!(link(&json(&app, "/api/v1/collections/projecten/items?limit=1").await, "license"), Some(LICENCE));
    // The collection's own page says the same, and links its items as GeoJSON.
    let one = json(&app, "/api/v1/collections/projecten").await;
    assert_eq!(one["id"], "projecten");
    let items = one["links"].as_array().unwrap().iter().find(|l| l["rel"] == "items").unwrap();
    assert_eq!(items["type"], "application/geo+json");
    // Links are absolute, on the host the client asked (a proxy's forwarded host too).
    assert!(link(&landing, "self").unwrap().starts_with(&app.base));
    let proxied: Value = app
        .client
        .get(format!("{}/api/v1", app.base))
        .header("x-forwarded-host", "kaart.drenthe.example")
        .header("x-forwarded-proto", "https")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(link(&proxied, "data").unwrap(), "https://kaart.drenthe.example/api/v1/collections");
}

#[tokio::test]
async fn every_public_project_comes_page_by_page_once_and_nothing_else() {
    let app = TestApp::start().await;
    let mut path = "/api/v1/collections/projecten/items?limit=250".to_owned();
    let mut seen = BTreeSet::new();
    let mut pages = 0;
    loop {
        let page = json(&app, &path).await;
        pages += 1;
        assert_eq!(page["type"], "FeatureCollection");
        assert_eq!(page["numberMatched"].as_u64().unwrap() as usize, app.public_count);
        let features = page["features"].as_array().unwrap();
        assert_eq!(page["numberReturned"].as_u64().unwrap() as usize, features.len());
        assert!(page["timeStamp"].as_str().unwrap().ends_with('Z'));
        for f in features {
            assert!(seen.insert(f["id"].as_str().unwrap().to_owned()), "{} twice", f["id"]);
        }
        assert_eq!(local(&app, link(&page, "self").unwrap()), path.replace("items?limit=250&offset=0", "items?limit=250"));
        match link(&page, "next") {
            Some(next) => path = local(&app, next),
            None => break,
        }
        assert!(pages < 20, "paging ends");
    }
    assert_eq!(seen.len(), app.public_count);
    assert_eq!(pages, app.public_count.div_ceil(250));
    for hidden in &app.hidden_ids {
        assert!(!seen.contains(hidden), "{hidden} is not public");
        assert_eq!(app.get(&format!("/api/v1/collections/projecten/items/{hidden}")).await.status(), 404);
    }
    // The last page links back.
    let last = json(&app, &path).await;
    let prev = local(&app, link(&last, "prev").unwrap());
    assert!(prev.contains("offset="), "{prev}");
    // The default page is 100.
    let first = json(&app, "/api/v1/collections/projecten/items").await;
    assert_eq!(first["features"].as_array().unwrap().len(), 100);
}

#[tokio::test]
async fn bbox_and_the_maps_filters_select_as_the_map_does() {
    let app = TestApp::start().await;
    // The map's own filter gives the same projects as /api/projects.
    let filter = "huurkoop=huur&gemeente=GM0114";
    let want = app.features(&format!("/api/projects?{filter}")).await;
    let got = json(&app, &format!("/api/v1/collections/projecten/items?{filter}&limit=10000")).await;
    assert_eq!(got["numberMatched"].as_u64().unwrap() as usize, want.features.len());
    // A box around Emmen: every project whose geometry touches it, and no other.
    let (w, s, e, n) = (6.85, 52.74, 6.98, 52.82);
    let all = app.features("/api/projects").await;
    let touches = |f: &geojson::Feature| {
        let mut points = Vec::new();
        match &f.geometry.as_ref().unwrap().value {
            geojson::Value::Point(p) => points.push(p.clone()),
            geojson::Value::Polygon(rings) => points.extend(rings.iter().flatten().cloned()),
            other => panic!("{other:?}"),
        }
        let lon = points.iter().map(|p| p[0]);
        let lat = points.iter().map(|p| p[1]);
        let (x0, x1) = (lon.clone().fold(f64::MAX, f64::min), lon.fold(f64::MIN, f64::max));
        let (y0, y1) = (lat.clone().fold(f64::MAX, f64::min), lat.fold(f64::MIN, f64::max));
        x0 <= e && w <= x1 && y0 <= n && s <= y1
    };
    let inside: BTreeSet<String> = all.features.iter().filter(|f| touches(f)).map(|f| f.id.clone().map(|id| format!("{id:?}")).unwrap()).collect();
    assert!(inside.len() > 5 && inside.len() < all.features.len() / 2, "{}", inside.len());
    let boxed: geojson::FeatureCollection =
        app.get(&format!("/api/v1/collections/projecten/items?bbox={w},{s},{e},{n}&limit=10000")).await.text().await.unwrap().parse().unwrap();
    let got: BTreeSet<String> = boxed.features.iter().map(|f| f.id.clone().map(|id| format!("{id:?}")).unwrap()).collect();
    assert_eq!(got, inside);
    // The day of the latest change: datetime finds exactly the projects changed that day or after.
    let latest = all.features.iter().map(|f| f.property("bijgewerkt").unwrap().as_str().unwrap().to_owned()).max().unwrap();
    let changed = all.features.iter().filter(|f| f.property("bijgewerkt").unwrap().as_str().unwrap() == latest).count();
    let since = json(&app, &format!("/api/v1/collections/projecten/items?datetime={latest}/..&limit=10000")).await;
    assert_eq!(since["numberMatched"].as_u64().unwrap() as usize, changed);
}

#[tokio::test]
async fn items_are_flat_rows_and_points_on_request() {
    let app = TestApp::start().await;
    let page = json(&app, "/api/v1/collections/projecten/items?limit=10000&geometrie=punt").await;
    let features = page["features"].as_array().unwrap();
    assert_eq!(features.len(), app.public_count);
    for f in features {
        assert_eq!(f["geometry"]["type"], "Point", "{}", f["id"]);
        let props = f["properties"].as_object().unwrap();
        // No nested values: each is a column in a GIS table.
        assert!(props.values().all(|v| !v.is_object() && !v.is_array()), "{}", f["id"]);
        let per_class: u64 = ["sociale_huur", "middeldure_huur", "dure_huur", "betaalbare_koop", "dure_koop", "huur_onbekend", "koop_onbekend", "onbekend"]
            .iter()
            .map(|c| props[&format!("woningen_{c}")].as_u64().unwrap())
            .sum();
        assert_eq!(per_class, props["woningen_totaal"].as_u64().unwrap(), "{}", f["id"]);
        assert_eq!(f["geometry"]["coordinates"][0], props["centrum_lon"]);
        assert_eq!(f["geometry"]["coordinates"][1], props["centrum_lat"]);
        assert!(!props.contains_key("vertrouwelijkheid"));
    }
    // Without it, plan areas stay areas.
    let as_known = json(&app, "/api/v1/collections/projecten/items?limit=10000").await;
    assert!(as_known["features"].as_array().unwrap().iter().any(|f| f["geometry"]["type"] == "Polygon"));
    // One item, with its links.
    let id = features[0]["id"].as_str().unwrap();
    let one = app.get(&format!("/api/v1/collections/projecten/items/{id}")).await;
    assert_eq!(one.headers()[header::CONTENT_TYPE], "application/geo+json");
    let one: Value = one.json().await.unwrap();
    assert_eq!(one["id"], id);
    assert!(link(&one, "collection").is_some());
}

#[tokio::test]
async fn wrong_parameters_are_named_and_unknown_things_are_404() {
    let app = TestApp::start().await;
    for (query, param) in [
        ("limit=0", "limit"),
        ("limit=10001", "limit"),
        ("limit=veel", "limit"),
        ("offset=-1", "offset"),
        ("bbox=6,52,7", "bbox"),
        ("bbox=7,52,6,95", "bbox"),
        ("datetime=gisteren", "datetime"),
        ("geometrie=lijn", "geometrie"),
        ("huurkoop=pacht", "huurkoop"),
        ("kleur=rood", "kleur"),
        ("f=xml", "f"),
    ] {
        let res = app.get(&format!("/api/v1/collections/projecten/items?{query}")).await;
        assert_eq!(res.status(), 400, "{query}");
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["parameter"], param, "{query}: {body}");
    }
    for path in
        ["/api/v1/collections/gebouwen", "/api/v1/collections/gebouwen/items", "/api/v1/collections/projecten/items/bestaat-niet", "/api/v1/bestaat-niet"]
    {
        let res = app.get(path).await;
        assert_eq!(res.status(), 404, "{path}");
        assert!(res.headers()[header::CONTENT_TYPE].to_str().unwrap().starts_with("application/json"), "{path}");
    }
    assert_eq!(app.get("/api/v1?kleur=rood").await.status(), 400);
}

#[tokio::test]
async fn a_browser_gets_the_same_resources_as_pages_and_a_program_gets_json() {
    let app = TestApp::start().await;
    let browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    let ask = |path: &str, accept: &str| app.client.get(format!("{}{path}", app.base)).header(header::ACCEPT, accept.to_owned()).send();
    let landing = ask("/api/v1", browser).await.unwrap();
    assert_eq!(landing.headers()[header::CONTENT_TYPE], "text/html; charset=utf-8");
    assert!(landing.headers()[header::VARY].to_str().unwrap().contains("accept"), "caches keep the two apart");
    let html = landing.text().await.unwrap();
    assert!(html.contains("<h1>Publieke Woningbouwkaart Drenthe</h1>") && html.contains("Demogegevens"), "{html}");
    assert!(html.contains("/api/v1/collections\"") && html.contains("Dit als JSON"), "{html}");
    // Programs that ask for JSON, or for anything, get JSON.
    for accept in ["application/json", "*/*", "application/geo+json, application/json;q=0.9"] {
        let res = ask("/api/v1", accept).await.unwrap();
        assert_eq!(res.headers()[header::CONTENT_TYPE], "application/json", "{accept}");
    }
    // The conformance declaration says so.
    let conformance = json(&app, "/api/v1/conformance").await;
    assert!(conformance["conformsTo"].as_array().unwrap().iter().any(|c| c == "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html"));
    // Items as a table of the page's projects, with paging that stays HTML.
    let items = app.get("/api/v1/collections/projecten/items?f=html&limit=10&huurkoop=huur").await;
    assert_eq!(items.status(), 200);
    let items = items.text().await.unwrap();
    assert_eq!(items.matches("<tr><td><a href=\"items/").count(), 10, "{items}");
    assert!(items.contains("rel=\"next\"") && items.contains("huurkoop=huur&amp;limit=10&amp;offset=10&amp;f=html"), "{items}");
    // One item: its properties, and the project on the map.
    let first = json(&app, "/api/v1/collections/projecten/items?limit=1").await;
    let id = first["features"][0]["id"].as_str().unwrap().to_owned();
    let name = first["features"][0]["properties"]["naam"].as_str().unwrap().to_owned();
    let item = ask(&format!("/api/v1/collections/projecten/items/{id}"), browser).await.unwrap().text().await.unwrap();
    assert!(item.contains(&format!("<h1>{name}</h1>")) && item.contains(&format!("href=\"/?project={id}\"")), "{item}");
    // The JSON links its HTML page.
    assert!(link(&json(&app, "/api/v1").await, "alternate").unwrap().ends_with("/api/v1?f=html"));
}

#[tokio::test]
async fn the_openapi_description_names_every_parameter_and_every_path_it_names_answers() {
    let app = TestApp::start().await;
    let landing = json(&app, "/api/v1").await;
    let desc = app.get(&local(&app, link(&landing, "service-desc").unwrap())).await;
    assert_eq!(desc.headers()[header::CONTENT_TYPE], "application/vnd.oai.openapi+json;version=3.0");
    let doc: Value = desc.json().await.unwrap();
    assert_eq!(doc["openapi"], "3.0.3");
    assert_eq!(doc["info"]["license"]["name"], "CC BY 4.0");
    for key in domain::query::FILTER_KEYS {
        assert_eq!(doc["components"]["parameters"][key]["name"], *key, "{key} is described");
    }
    // The values it lists are the ones the API takes.
    let tenure: Vec<&str> =
        doc["components"]["parameters"]["huurkoop"]["schema"]["items"]["enum"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    assert_eq!(tenure, ["huur", "koop"]);
    let first = json(&app, "/api/v1/collections/projecten/items?limit=1").await;
    let id = first["features"][0]["id"].as_str().unwrap().to_owned();
    let paths = doc["paths"].as_object().unwrap();
    assert!(paths.len() >= 18, "{}", paths.len());
    for path in paths.keys() {
        let concrete = path
            .replace("{collectionId}", "projecten")
            .replace("{featureId}", &id)
            .replace("/regio/{id}", "/regio/noord")
            .replace("{code}", "GM0114")
            .replace("{laag}", "gemeenten")
            .replace("{id}", &id);
        assert_eq!(app.get(&concrete).await.status(), 200, "{path} as {concrete}");
    }
    let conformance = json(&app, "/api/v1/conformance").await;
    assert!(conformance["conformsTo"].as_array().unwrap().iter().any(|c| c == "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30"));
}
