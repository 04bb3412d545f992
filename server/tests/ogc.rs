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
        assert_eq!(res.headers()[header::CONTENT_TYPE], "application/problem+json", "{path}");
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

/// WGS 84 to RD New by the published approximation (Schreutelkamp and Strang van Hees,
/// "Benaderingsformules voor de transformatie tussen RD- en WGS84-kaartcoördinaten", within a
/// metre or so): a check of the server's projection that shares nothing with it.
fn rd_approx(lon: f64, lat: f64) -> (f64, f64) {
    let (dp, dl) = (0.36 * (lat - 52.155_174_40), 0.36 * (lon - 5.387_206_21));
    let x = [
        (0, 1, 190_094.945),
        (1, 1, -11_832.228),
        (2, 1, -114.221),
        (0, 3, -32.391),
        (1, 0, -0.705),
        (3, 1, -2.340),
        (1, 3, -0.608),
        (0, 2, -0.008),
        (2, 3, 0.148),
    ];
    let y = [
        (1, 0, 309_056.544),
        (0, 2, 3_638.893),
        (2, 0, 73.077),
        (1, 2, -157.984),
        (3, 0, 59.788),
        (0, 1, 0.433),
        (2, 2, -6.439),
        (1, 1, -0.032),
        (0, 4, 0.092),
        (1, 4, -0.054),
    ];
    let sum = |terms: &[(i32, i32, f64)]| terms.iter().map(|(p, q, c)| c * dp.powi(*p) * dl.powi(*q)).sum::<f64>();
    (155_000.0 + sum(&x), 463_000.0 + sum(&y))
}

const RD: &str = "http://www.opengis.net/def/crs/EPSG/0/28992";
const EPSG_4326: &str = "http://www.opengis.net/def/crs/EPSG/0/4326";
const CRS84: &str = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";

async fn items_in(app: &TestApp, query: &str) -> (String, geojson::FeatureCollection) {
    let res = app.get(&format!("/api/v1/collections/projecten/items?{query}")).await;
    assert_eq!(res.status(), 200, "{query}");
    let crs = res.headers()["content-crs"].to_str().unwrap().to_owned();
    (crs, res.text().await.unwrap().parse().unwrap())
}

fn point(f: &geojson::Feature) -> Vec<f64> {
    match &f.geometry.as_ref().unwrap().value {
        geojson::Value::Point(p) => p.clone(),
        other => panic!("{other:?}"),
    }
}

fn ids(c: &geojson::FeatureCollection) -> BTreeSet<String> {
    c.features.iter().map(|f| format!("{:?}", f.id.clone().unwrap())).collect()
}

/// Part 2: a Dutch GIS user asks for RD New (and a box drawn in it), another for EPSG:4326's
/// latitude first; each answer names its CRS, the collection lists them.
#[tokio::test]
async fn items_come_in_rd_new_or_latitude_first_when_asked_and_say_which() {
    let app = TestApp::start().await;
    let collection = json(&app, "/api/v1/collections/projecten").await;
    let systems: Vec<&str> = collection["crs"].as_array().unwrap().iter().map(|c| c.as_str().unwrap()).collect();
    assert_eq!(systems, [CRS84, EPSG_4326, RD]);
    assert_eq!(collection["storageCrs"], CRS84);
    let classes = json(&app, "/api/v1/conformance").await["conformsTo"].to_string();
    assert!(classes.contains("ogcapi-features-2/1.0/conf/crs"), "{classes}");

    let (crs, plain) = items_in(&app, "geometrie=punt&limit=10000").await;
    assert_eq!(crs, format!("<{CRS84}>"));
    let (crs, rd) = items_in(&app, &format!("geometrie=punt&limit=10000&crs={RD}")).await;
    assert_eq!(crs, format!("<{RD}>"));
    let (crs, lat_first) = items_in(&app, &format!("geometrie=punt&limit=10000&crs={EPSG_4326}")).await;
    assert_eq!(crs, format!("<{EPSG_4326}>"));
    assert_eq!(plain.features.len(), app.public_count);
    for ((a, b), c) in plain.features.iter().zip(&rd.features).zip(&lat_first.features) {
        assert_eq!((&a.id, &a.properties), (&b.id, &b.properties), "the same rows, only the coordinates differ");
        let (lonlat, xy, latlon) = (point(a), point(b), point(c));
        let (x, y) = rd_approx(lonlat[0], lonlat[1]);
        assert!((xy[0] - x).abs() < 3.0 && (xy[1] - y).abs() < 3.0, "{:?}: {lonlat:?} → {xy:?}, expected about ({x:.0}, {y:.0})", a.id);
        assert_eq!(latlon, [lonlat[1], lonlat[0]]);
    }
    // Plan areas are turned too, every vertex.
    let (_, areas) = items_in(&app, &format!("limit=10000&crs={RD}")).await;
    let polygon = areas.features.iter().find_map(|f| match &f.geometry.as_ref().unwrap().value {
        geojson::Value::Polygon(rings) => Some(rings.clone()),
        _ => None,
    });
    let polygon = polygon.expect("the demo has plan areas");
    assert!(polygon.iter().flatten().all(|p| (100_000.0..300_000.0).contains(&p[0]) && (450_000.0..650_000.0).contains(&p[1])), "{polygon:?}");
    // One item, in RD New.
    let id = plain.features[0].id.clone().map(|id| match id {
        geojson::feature::Id::String(s) => s,
        other => panic!("{other:?}"),
    });
    let one = app.get(&format!("/api/v1/collections/projecten/items/{}?geometrie=punt&crs={RD}", id.unwrap())).await;
    assert_eq!(one.headers()["content-crs"], format!("<{RD}>").as_str());
    let one: geojson::Feature = one.text().await.unwrap().parse().unwrap();
    assert_eq!(point(&one), point(&rd.features[0]));

    // A box in RD New around Emmen (metres): what lies well inside comes, what lies well
    // outside does not (the approximation is good to a metre or so).
    let (w, s, e, n) = (252_000.0, 525_000.0, 262_000.0, 535_000.0);
    let (_, boxed) = items_in(&app, &format!("geometrie=punt&limit=10000&bbox={w},{s},{e},{n}&bbox-crs={RD}")).await;
    let got = ids(&boxed);
    let near = |x: f64, y: f64, margin: f64| w - margin <= x && x <= e + margin && s - margin <= y && y <= n + margin;
    let (mut inside, mut outside) = (0, 0);
    for f in &plain.features {
        let p = point(f);
        let (x, y) = rd_approx(p[0], p[1]);
        let id = format!("{:?}", f.id.clone().unwrap());
        if near(x, y, -5.0) {
            inside += 1;
            assert!(got.contains(&id), "{id} at ({x:.0}, {y:.0}) lies in the box");
        } else if !near(x, y, 5.0) {
            outside += 1;
            assert!(!got.contains(&id), "{id} at ({x:.0}, {y:.0}) lies outside the box");
        }
    }
    assert!(inside > 5 && outside > inside, "{inside} inside, {outside} outside");
    // The same box asked latitude first (EPSG:4326) selects as the CRS84 box does.
    let (_, by_lonlat) = items_in(&app, "geometrie=punt&limit=10000&bbox=6.85,52.74,6.98,52.82").await;
    let (_, by_latlon) = items_in(&app, &format!("geometrie=punt&limit=10000&bbox=52.74,6.85,52.82,6.98&bbox-crs={EPSG_4326}")).await;
    assert!(!by_lonlat.features.is_empty());
    assert_eq!(ids(&by_latlon), ids(&by_lonlat));

    // Wrong ones are named.
    for (query, param) in [("crs=EPSG:28992", "crs"), (&format!("bbox-crs={RD}&bbox=6.85,52.74,6.98,52.82") as &str, "bbox"), ("bbox-crs=nee", "bbox-crs")] {
        let res = app.get(&format!("/api/v1/collections/projecten/items?{query}")).await;
        assert_eq!(res.status(), 400, "{query}");
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["parameter"], param, "{query}: {body}");
    }
}

/// Part 3: the collection says what its items can be filtered on, and each of those is a query
/// parameter of the items.
#[tokio::test]
async fn the_queryables_describe_the_filters_and_each_works_as_a_parameter() {
    let app = TestApp::start().await;
    let collection = json(&app, "/api/v1/collections/projecten").await;
    let href = link(&collection, "http://www.opengis.net/def/rel/ogc/1.0/queryables").expect("a queryables link");
    let res = app.get(&local(&app, href)).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()[header::CONTENT_TYPE], "application/schema+json");
    let schema: Value = res.json().await.unwrap();
    assert_eq!(schema["type"], "object");
    assert_eq!(schema["$id"], href);
    let properties = schema["properties"].as_object().unwrap();
    let names: Vec<&str> = properties.keys().map(String::as_str).collect();
    for key in domain::query::FILTER_KEYS {
        assert!(names.contains(key), "{key} in {names:?}");
    }
    assert!(properties["huurkoop"]["enum"].as_array().unwrap().contains(&Value::from("huur")));
    assert!(properties["gemeente"]["enum"].as_array().unwrap().contains(&Value::from("GM0114")));
    for (name, property) in properties {
        let value = match property["enum"].as_array() {
            Some(values) => values[0].as_str().unwrap().to_owned(),
            None if property["type"] == "integer" => "2030".to_owned(),
            None => "Woonconcept".to_owned(),
        };
        let res =
            app.get(&format!("/api/v1/collections/projecten/items?{name}={}", form_urlencoded::byte_serialize(value.as_bytes()).collect::<String>())).await;
        assert_eq!(res.status(), 200, "{name}={value}");
        let page: Value = res.json().await.unwrap();
        assert!(page["numberMatched"].as_u64().unwrap() as usize <= app.public_count);
    }
    let classes = json(&app, "/api/v1/conformance").await["conformsTo"].to_string();
    assert!(classes.contains("ogcapi-features-3/1.0/conf/queryables-query-parameters"), "{classes}");
    // For people too.
    let page = app.client.get(format!("{href}?f=html")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("<code>huurkoop</code>") && page.contains("Huur of koop."), "{page}");
}

#[tokio::test]
async fn standard_clients_may_skip_the_geometry_and_find_the_downloads() {
    let app = TestApp::start().await;
    // camptocamp's ogc-client sends skipGeometry=true|false.
    let skipped = json(&app, "/api/v1/collections/projecten/items?limit=5&skipGeometry=true").await;
    let features = skipped["features"].as_array().unwrap();
    assert_eq!(features.len(), 5);
    assert!(features.iter().all(|f| f["geometry"].is_null() && f["properties"]["centrum_lon"].is_number()), "{skipped}");
    assert!(link(&skipped, "next").unwrap().contains("skipGeometry=true"), "the next page keeps it");
    let kept = json(&app, "/api/v1/collections/projecten/items?limit=5&skipGeometry=false").await;
    assert!(kept["features"].as_array().unwrap().iter().all(|f| f["geometry"]["type"].is_string()));
    let id = features[0]["id"].as_str().unwrap();
    assert!(json(&app, &format!("/api/v1/collections/projecten/items/{id}?skipGeometry=true")).await["geometry"].is_null());
    let wrong = app.get("/api/v1/collections/projecten/items?skipGeometry=ja").await;
    assert_eq!(wrong.status(), 400);
    assert_eq!(wrong.json::<Value>().await.unwrap()["parameter"], "skipGeometry");
    // Other unknown parameters are still refused.
    assert_eq!(app.get("/api/v1/collections/projecten/items?skipgeometry=true").await.status(), 400);
    // The whole collection as files, linked from the collection.
    let collection = json(&app, "/api/v1/collections/projecten").await;
    let enclosures: Vec<&str> =
        collection["links"].as_array().unwrap().iter().filter(|l| l["rel"] == "enclosure").map(|l| l["href"].as_str().unwrap()).collect();
    assert_eq!(enclosures.len(), 2, "{collection}");
    for href in enclosures {
        assert_eq!(app.get(&local(&app, href)).await.status(), 200, "{href}");
    }
}
