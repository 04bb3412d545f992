//! `/api/kaart`: the map's compact points, against the GeoJSON API over the real router.

use domain::map_points::Encoded;
use reqwest::header;
use std::collections::BTreeMap;
use std::path::Path;

use crate::common;
use crate::common::TestApp;

/// One of the map's postcard responses.
async fn postcard_at<T: serde::de::DeserializeOwned>(app: &TestApp, path: &str) -> T {
    let res = app.get(path).await;
    assert_eq!(res.status(), 200, "{path}");
    assert_eq!(res.headers()[header::CONTENT_TYPE], "application/x-postcard");
    postcard::from_bytes(&res.bytes().await.unwrap()).unwrap_or_else(|e| panic!("{path} is not postcard: {e}"))
}

async fn points(app: &TestApp, path: &str) -> domain::map_points::MapPoints {
    postcard_at::<Encoded>(app, path).await.decode().expect("the points decode")
}

fn province() -> domain::Province {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    server::config::load(&root.join("config/drenthe/provincie.toml")).unwrap().province
}

/// id → one property, as the GeoJSON API answers a filter.
async fn api_by_id<T>(app: &TestApp, query: &str, property: &str, read: impl Fn(&serde_json::Value) -> Option<T>) -> BTreeMap<String, T> {
    app.features(&format!("/api/projects?{query}"))
        .await
        .features
        .iter()
        .map(|f| {
            let id = match &f.id {
                Some(geojson::feature::Id::String(s)) => s.clone(),
                other => panic!("{other:?}"),
            };
            (id, f.property(property).and_then(&read).unwrap_or_else(|| panic!("{property} of {:?}", f.id)))
        })
        .collect()
}

/// id → homes counted, as the GeoJSON API answers a filter.
async fn api_homes(app: &TestApp, query: &str) -> BTreeMap<String, u64> {
    api_by_id(app, query, "woningen", serde_json::Value::as_u64).await
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
        let on_the_map: BTreeMap<String, u64> = all.select(&filter, &province).map(|(row, homes)| (row.id().to_string(), u64::from(homes))).collect();
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
    for id in &app.hidden_ids {
        assert!(!all.rows().any(|r| r.id() == id.as_str()), "{id} in the map's points");
    }
    for path in ["/api/kaart", "/api/kaart/namen"] {
        let bytes = app.get(path).await.bytes().await.unwrap();
        for id in &app.hidden_ids {
            assert!(!bytes.windows(id.len()).any(|w| w == id.as_bytes()), "{id} in {path}");
        }
    }
    assert_eq!(app.get("/api/kaart?gemeente=GM9999").await.status(), 400);
    assert_eq!(app.get("/api/kaart/namen?gemeente=GM9999").await.status(), 400);
}

#[tokio::test]
async fn the_names_follow_in_the_same_order() {
    let app = TestApp::start().await;
    let want = api_by_id(&app, "gemeente=GM0114", "naam", |n| n.as_str().map(str::to_owned)).await;
    let mut emmen = points(&app, "/api/kaart?gemeente=GM0114").await;
    emmen.attach_names(postcard_at(&app, "/api/kaart/namen?gemeente=GM0114").await).expect("one name per project");
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
    let again =
        app.client.get(format!("{}/api/kaart", app.base)).header(header::ACCEPT_ENCODING, "br").header(header::IF_NONE_MATCH, etag).send().await.unwrap();
    assert_eq!(again.status(), 304);
}

/// The first visitor after a new data version does not wait for the map's points: they are
/// built when the version is loaded, before anyone asks.
#[tokio::test]
async fn a_data_version_builds_what_the_map_asks_for_first_before_anyone_asks() {
    let dir = tempfile::tempdir().unwrap();
    let settings = common::test_settings(dir.path()).await;
    let options = leptos::config::LeptosOptions::builder().output_name("woningbouwkaart").build();
    let state = server::load_state(&settings, options).await.unwrap();
    let snapshot = state.snapshot();
    for name in ["kaart", "kaart-namen", "projects"] {
        let mut waited = 0;
        while !server::bodies::is_prepared(&snapshot.responses, name) {
            assert!(waited < 300, "{name} was not built within 30 s of loading");
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            waited += 1;
        }
    }
    // Nothing filtered is built ahead.
    assert!(!snapshot.responses.contains("kaart?regio=zuidwest"));
}

/// Nor for the map page itself: the province's map is rendered when a version is loaded, and
/// again when a new version takes over.
#[tokio::test]
async fn a_data_version_renders_the_map_page_before_anyone_asks() {
    let dir = tempfile::tempdir().unwrap();
    let settings = common::test_settings(dir.path()).await;
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let options =
        leptos::config::LeptosOptions::builder().output_name("woningbouwkaart").site_root(root.join("target/site").to_string_lossy().into_owned()).build();
    let state = server::load_state(&settings, options).await.unwrap();
    let live = state.live.clone();
    let site = server::app(state);
    let rendered = |live: &server::live::Live| server::page_cache::holds(&live.current().pages, "/");
    assert!(!rendered(&live), "nothing is rendered before it is asked for");
    server::page_cache::render_ahead(site, live.versions());
    let wait_for = |what: &'static str| {
        let live = live.clone();
        async move {
            for _ in 0..300 {
                if rendered(&live) {
                    return;
                }
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            }
            panic!("{what}: the map page was not rendered within 30 s");
        }
    };
    wait_for("first version").await;
    // Another version (a publication raises it, as a delivery does): its own, empty cache …
    live.store().publish(server::store::publications::WITHHELD_TOTAL, true, "test").await.unwrap();
    assert!(live.refresh().await.unwrap());
    // … rendered ahead too.
    wait_for("next version").await;
    // Only the map page: the others wait for their first visitor.
    assert!(!server::page_cache::holds(&live.current().pages, "/regio"));
}
