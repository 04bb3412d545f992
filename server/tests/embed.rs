//! The embeddable view and its builder, against the real router over HTTP.

use crate::common;
use crate::common::TestApp;

const EMMEN: &str = "GM0114";

#[tokio::test]
async fn the_embed_may_be_framed_by_any_origin_and_nothing_else_may() {
    let app = TestApp::start().await;
    let embed = app.get(&format!("/embed?gemeente={EMMEN}")).await;
    assert_eq!(embed.status(), 200);
    assert_eq!(common::frame_ancestors(&embed), "frame-ancestors *");
    assert!(embed.headers().get("x-frame-options").is_none());
    assert!(embed.headers().get("set-cookie").is_none(), "an embed sets no cookies");
    for path in ["/", "/regio", "/embed/maken", "/api/projects", "/embed-hoogte.js", "/bestaat-niet"] {
        let res = app.get(path).await;
        assert_eq!(common::frame_ancestors(&res), "frame-ancestors 'self'", "{path}");
    }
}

#[tokio::test]
async fn the_configuration_names_who_may_frame_the_embed() {
    let app = TestApp::start_with(|s| s.embed_origins = "https://www.emmen.nl https://*.drenthe.nl".into()).await;
    let embed = app.get("/embed").await;
    assert_eq!(common::frame_ancestors(&embed), "frame-ancestors 'self' https://www.emmen.nl https://*.drenthe.nl");
}

#[tokio::test]
async fn a_municipality_embed_lists_only_that_municipality_and_offers_only_its_options() {
    let app = TestApp::start().await;
    let page = app.get("/embed?gemeente=0114&weergave=lijst&toon=100000").await.text().await.unwrap();
    assert!(page.contains("Woningbouwprojecten in de gemeente Emmen"));
    assert!(page.contains("Demogegevens"), "demo data is labelled");
    let emmen = app.features(&format!("/api/projects?gemeente={EMMEN}")).await;
    let elsewhere = app.features("/api/projects?regio=noord").await;
    assert!(!emmen.features.is_empty());
    // Every Emmen project is listed, and no project from elsewhere.
    for f in &emmen.features {
        let id = match &f.id {
            Some(geojson::feature::Id::String(s)) => s,
            _ => panic!("string ids"),
        };
        assert!(page.contains(&format!("data-id=\"{id}\"")), "{id} listed");
    }
    for f in elsewhere.features.iter().take(50) {
        let Some(geojson::feature::Id::String(id)) = &f.id else { panic!() };
        assert!(!page.contains(&format!("data-id=\"{id}\"")), "{id} from regio noord is not listed");
    }
    // The developers offered are Emmen's: a developer that builds only elsewhere is not.
    let emmen_devs: std::collections::HashSet<&str> = emmen.features.iter().map(|f| f.property("ontwikkelaar").unwrap().as_str().unwrap()).collect();
    let only_elsewhere = elsewhere
        .features
        .iter()
        .map(|f| f.property("ontwikkelaar").unwrap().as_str().unwrap())
        .find(|d| !emmen_devs.contains(d))
        .expect("a developer outside Emmen")
        .replace('&', "&amp;");
    assert!(app.get("/").await.text().await.unwrap().contains(&only_elsewhere), "the full map offers {only_elsewhere}");
    assert!(!page.contains(&only_elsewhere), "the Emmen embed does not offer {only_elsewhere}");
}

#[tokio::test]
async fn the_area_outline_is_served_alone() {
    let app = TestApp::start().await;
    for (path, n) in
        [(format!("/api/grenzen/gemeenten/{EMMEN}"), 1), ("/api/grenzen/gemeenten/0114".to_owned(), 1), ("/api/grenzen/regios/zuidoost".to_owned(), 1)]
    {
        let fc = app.features(&path).await;
        assert_eq!(fc.features.len(), n, "{path}");
    }
    let one = app.features(&format!("/api/grenzen/gemeenten/{EMMEN}")).await;
    let all = app.get("/api/grenzen/gemeenten").await.bytes().await.unwrap();
    let one_bytes = app.get(&format!("/api/grenzen/gemeenten/{EMMEN}")).await.bytes().await.unwrap();
    assert!(one_bytes.len() * 4 < all.len(), "one outline is a fraction of all ({} of {})", one_bytes.len(), all.len());
    assert!(one.features[0].properties.as_ref().unwrap().values().any(|v| v == "Emmen"));
    for wrong in ["/api/grenzen/gemeenten/GM9999", "/api/grenzen/regios/west", "/api/grenzen/wegen/x"] {
        assert_eq!(app.get(wrong).await.status(), 404, "{wrong}");
    }
}

#[tokio::test]
async fn the_builder_writes_a_snippet_for_this_site_with_js_off() {
    let app = TestApp::start().await;
    let page = app.get("/embed/maken?gebied=gemeente%2FGM0114&weergave=lijst&tegels=uit&filters=aan&huurkoop=huur&hoogte=700").await.text().await.unwrap();
    // The snippet is HTML shown as text in a textarea, so its markup arrives escaped.
    let src = format!("&lt;iframe src=\"{}/embed?gemeente=GM0114&amp;amp;huurkoop=huur&amp;amp;weergave=lijst&amp;amp;tegels=uit\"", app.base);
    assert!(page.contains(&src), "snippet with {src}");
    assert!(!page.contains(&format!("<iframe src=\"{}", app.base)), "no live iframe from the snippet");
    assert!(page.contains("height=\"700\""));
    assert!(page.contains("woningbouwkaart:hoogte"));
    assert!(page.contains(r#"src="/embed?gemeente=GM0114&amp;huurkoop=huur&amp;weergave=lijst&amp;tegels=uit""#), "the preview");
}

#[tokio::test]
async fn only_pages_that_open_on_a_map_preload_its_points() {
    let app = TestApp::start().await;
    let cases = [
        ("/", Some("/api/kaart")),
        ("/?prijsklasse=sociale-huur&project=x", Some("/api/kaart")),
        ("/embed?gemeente=GM0114&huurkoop=huur", Some("/api/kaart?gemeente=GM0114")),
        ("/embed?regio=zuidwest", Some("/api/kaart?regio=zuidwest")),
        ("/embed?gemeente=GM0114&weergave=lijst", None),
        ("/embed?gemeente=GM0114&weergave=cijfers", None),
        ("/regio", None),
        ("/embed/maken", None),
    ];
    for (path, want) in cases {
        let html = app.get(path).await.text().await.unwrap();
        let preloads: Vec<&str> =
            html.split(r#"<link rel="preload" href=""#).skip(1).filter_map(|rest| rest.split('"').next()).filter(|href| href.starts_with("/api/")).collect();
        assert_eq!(preloads, want.into_iter().collect::<Vec<_>>(), "{path}");
    }
}
