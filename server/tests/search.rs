//! Finding a place or a project: the places as open data (`/api/plaatsen`) and the search page
//! (`/zoeken`) that the map's search box opens without JavaScript.

use crate::common::TestApp;
use domain::Confidentiality;

#[tokio::test]
async fn the_places_are_points_with_unique_keys_and_their_attribution() {
    let app = TestApp::start().await;
    let res = app.get("/api/plaatsen").await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/geo+json");
    let places: serde_json::Value = res.json().await.unwrap();
    let features = places["features"].as_array().unwrap();
    assert_eq!(features.len(), 401, "every place of the gazetteer");
    let keys: std::collections::HashSet<&str> = features.iter().map(|f| f["id"].as_str().unwrap()).collect();
    assert_eq!(keys.len(), features.len(), "keys are unique (Alteveer is in two municipalities)");
    assert!(keys.contains("beilen") && keys.contains("tweede-exloermond"));
    assert!(places["attributie"].as_str().unwrap().contains("GeoNames"), "the gazetteer's CC BY attribution travels with it");
    let assen = features.iter().find(|f| f["id"] == "assen").unwrap();
    assert_eq!(assen["properties"]["gemeente"], "GM0106");
    assert!(assen["properties"]["inwoners"].as_u64().is_some_and(|n| n > 50_000), "{assen}");
}

#[tokio::test]
async fn the_search_page_lists_places_and_projects_and_keeps_the_filter() {
    let app = TestApp::start().await;
    let html = app.page("/zoeken?q=beil&huurkoop=huur").await;
    assert!(html.contains("<title>Zoeken · Publieke Woningbouwkaart</title>"), "{html}");
    // Beilen first: a place before the projects named after it; without JavaScript the map
    // shows its municipality, and the filter the search came from is kept.
    let results = &html[html.find("data-testid=\"search-results\"").expect("results are listed")..];
    let first = &results[results.find("<a href=\"").unwrap() + 9..];
    let first = &first[..first.find('"').unwrap()];
    assert_eq!(first, "/?huurkoop=huur&amp;plaats=beilen&amp;gemeente=GM1731");
    assert!(results.contains("plaats in Midden-Drenthe"));
    // A project named for the place, opening its detail.
    assert!(results.contains("/?huurkoop=huur&amp;project="), "projects link to their detail");
    // The box says what was searched.
    assert!(html.contains(r#"name="q""#) && html.contains(r#"value="beil""#));
}

#[tokio::test]
async fn the_search_page_says_when_a_query_is_too_short_or_finds_nothing() {
    let app = TestApp::start().await;
    assert!(app.page("/zoeken?q=b").await.contains("Typ ten minste twee letters."));
    assert!(app.page("/zoeken?q=qqxqq").await.contains("Niets gevonden voor ‘qqxqq’"));
    let page_html = app.page("/zoeken?q=%3Cscript%3Ealert(1)%3C/script%3E").await;
    assert!(!page_html.contains("<script>alert(1)"), "what was typed is text, never markup");
    assert!(app.page("/zoeken").await.contains("Typ de naam van een plaats"));
    // Overlong input is cut, not an error.
    let long = "a".repeat(5000);
    assert_eq!(app.get(&format!("/zoeken?q={long}")).await.status(), 200);
}

#[tokio::test]
async fn search_never_finds_a_project_that_is_not_public() {
    let app = TestApp::start().await;
    let province = server::config::load(&app.settings.province).unwrap();
    let demo_path = app.settings.demo.as_ref().unwrap();
    let demo = server::demo::load(demo_path).unwrap();
    let all = server::demo::generate(&province, &demo, demo_path, 1.0).unwrap();
    let public: std::collections::HashSet<&str> = all.iter().filter(|p| p.confidentiality == Confidentiality::Openbaar).map(|p| p.name.as_str()).collect();
    let hidden: Vec<&domain::Project> = all.iter().filter(|p| p.confidentiality != Confidentiality::Openbaar && !public.contains(p.name.as_str())).collect();
    assert!(!hidden.is_empty());
    for p in hidden.iter().take(5) {
        let html = app.page(&format!("/zoeken?q={}", urlencode(&p.name))).await;
        assert!(!html.contains(&format!("project={}", p.id)), "{} ({}) is not public", p.name, p.id);
    }
}

fn urlencode(s: &str) -> String {
    let mut url = reqwest::Url::parse("http://localhost/").unwrap();
    url.query_pairs_mut().append_pair("q", s);
    url.query().unwrap().trim_start_matches("q=").to_owned()
}
