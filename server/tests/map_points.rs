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
    let text = app.get("/api/kaart").await.text().await.unwrap();
    for id in &app.hidden_ids {
        assert!(!text.contains(&format!("\"{id}\"")), "{id} in the map's points");
    }
    assert_eq!(app.get("/api/kaart?gemeente=GM9999").await.status(), 400);
}

#[tokio::test]
async fn the_points_are_small_cached_and_revalidated() {
    let app = TestApp::start().await;
    let res = app.client.get(format!("{}/api/kaart", app.base)).header(header::ACCEPT_ENCODING, "br").send().await.unwrap();
    assert_eq!(res.headers()[header::CONTENT_ENCODING], "br");
    let etag = res.headers()[header::ETAG].clone();
    let brotli = res.bytes().await.unwrap().len();
    // The budget of issue 6 is 12 KB brotli per 1,000 projects for the map's first view; the
    // points are 13.5 KB now (postcard; GeoJSON: 50 KB). This ceiling keeps them from growing while they
    // are brought down (README, known gaps); lower it with every reduction.
    let per_thousand = brotli * 1000 / app.public_count;
    eprintln!("points: {per_thousand} bytes brotli per 1,000 projects");
    assert!(per_thousand <= 14 * 1024, "{per_thousand} bytes per 1,000 projects");
    let again = app.client.get(format!("{}/api/kaart", app.base)).header(header::IF_NONE_MATCH, etag).send().await.unwrap();
    assert_eq!(again.status(), 304);
}
