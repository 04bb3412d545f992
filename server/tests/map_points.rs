//! `/api/kaart`: the map's compact points, against the GeoJSON API over the real router.

use domain::map_points::Encoded;
use reqwest::header;
use std::collections::BTreeMap;
use std::path::Path;

mod common;
use common::TestApp;

async fn points(app: &TestApp, path: &str) -> domain::map_points::MapPoints {
    let res = app.get(path).await;
    assert_eq!(res.status(), 200, "{path}");
    assert_eq!(res.headers()[header::CONTENT_TYPE], "application/x-postcard");
    let bytes = res.bytes().await.unwrap();
    postcard::from_bytes::<Encoded>(&bytes).expect("the points are postcard").decode().expect("the points decode")
}

async fn names(app: &TestApp, path: &str) -> domain::map_points::Names {
    let res = app.get(path).await;
    assert_eq!(res.status(), 200, "{path}");
    assert_eq!(res.headers()[header::CONTENT_TYPE], "application/x-postcard");
    postcard::from_bytes(&res.bytes().await.unwrap()).expect("the names are postcard")
}

fn province() -> domain::Province {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    server::config::load(&root.join("config/drenthe/provincie.toml")).unwrap().province
}

/// id → homes counted, as the GeoJSON API answers a filter.
async fn api_homes(app: &TestApp, query: &str) -> BTreeMap<String, u64> {
    app.features(&format!("/api/projects?{query}"))
        .await
        .features
        .iter()
        .map(|f| {
            let id = match &f.id {
                Some(geojson::feature::Id::String(s)) => s.clone(),
                other => panic!("{other:?}"),
            };
            (id, f.property("woningen").unwrap().as_u64().unwrap())
        })
        .collect()
}

#[tokio::test]
async fn the_map_filters_its_points_as_the_api_filters_projects() {
    let app = TestApp::start().await;
    let province = province();
    let all = points(&app, "/api/kaart").await;
    assert_eq!(all.len(), app.public_count);
    for query in [
        "",
        "huurkoop=huur",
        "prijsklasse=sociale-huur&prijsklasse=betaalbare-koop",
        "regio=zuidoost&status=vergund&status=in-aanbouw",
        "gemeente=GM0114&van=2027&tot=2029",
        "soort=corporatie&woonvorm=meergezins",
        "ligging=uitbreiding",
    ] {
        let filter = domain::query::parse(query, &province).unwrap().filter;
        let on_the_map: BTreeMap<String, u64> =
            all.select(&filter, &province).iter().map(|(row, homes)| (row.id().to_string(), u64::from(*homes))).collect();
        assert_eq!(on_the_map, api_homes(&app, query).await, "{query}");
    }
}

#[tokio::test]
async fn an_embed_loads_only_its_area_and_nothing_non_public() {
    let app = TestApp::start().await;
    let emmen = points(&app, "/api/kaart?gemeente=GM0114").await;
    let want = api_homes(&app, "gemeente=GM0114").await;
    let ids: std::collections::BTreeSet<String> = emmen.rows().map(|r| r.id().to_string()).collect();
    assert_eq!(ids, want.keys().cloned().collect());
    // Nothing non-public, decoded or anywhere in the bytes (points and names).
    let all = points(&app, "/api/kaart").await;
    assert!(!app.hidden_ids.is_empty());
    for path in ["/api/kaart", "/api/kaart/namen"] {
        let bytes = app.get(path).await.bytes().await.unwrap();
        for id in &app.hidden_ids {
            assert!(!all.rows().any(|r| r.id().as_str() == id.as_str()), "{id} in the map's points");
            assert!(!bytes.windows(id.len()).any(|w| w == id.as_bytes()), "{id} in {path}");
        }
    }
    assert_eq!(app.get("/api/kaart?gemeente=GM9999").await.status(), 400);
    assert_eq!(app.get("/api/kaart/namen?gemeente=GM9999").await.status(), 400);
}

#[tokio::test]
async fn the_names_follow_in_the_same_order() {
    let app = TestApp::start().await;
    let res = app.get("/api/projects?gemeente=GM0114").await;
    let collection: geojson::FeatureCollection = res.text().await.unwrap().parse::<geojson::GeoJson>().unwrap().try_into().unwrap();
    let want: BTreeMap<String, String> = collection
        .features
        .iter()
        .map(|f| match &f.id {
            Some(geojson::feature::Id::String(id)) => (id.clone(), f.property("naam").and_then(|n| n.as_str()).unwrap().to_owned()),
            other => panic!("id {other:?}"),
        })
        .collect();
    let mut emmen = points(&app, "/api/kaart?gemeente=GM0114").await;
    emmen.attach_names(names(&app, "/api/kaart/namen?gemeente=GM0114").await).expect("one name per project");
    let got: BTreeMap<String, String> = emmen.rows().map(|r| (r.id().to_string(), r.name().unwrap().to_owned())).collect();
    assert_eq!(got, want);
}

#[tokio::test]
async fn the_points_are_small_cached_and_revalidated() {
    let app = TestApp::start().await;
    let res = app.client.get(format!("{}/api/kaart", app.base)).header(header::ACCEPT_ENCODING, "br").send().await.unwrap();
    assert_eq!(res.headers()[header::CONTENT_ENCODING], "br");
    let etag = res.headers()[header::ETAG].clone();
    let brotli = res.bytes().await.unwrap().len();
    // The budget of issue 6: 12 KB brotli per 1,000 projects for the map's first view (the
    // names follow it; GeoJSON is about 50 KB).
    let per_thousand = brotli * 1000 / app.public_count;
    eprintln!("points: {per_thousand} bytes brotli per 1,000 projects");
    assert!(per_thousand <= 12 * 1024, "{per_thousand} bytes per 1,000 projects");
    let again = app.client.get(format!("{}/api/kaart", app.base)).header(header::IF_NONE_MATCH, etag).send().await.unwrap();
    assert_eq!(again.status(), 304);
}
