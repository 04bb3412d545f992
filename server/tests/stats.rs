//! `/api/stats`, its CSV downloads and the figures pages, against the real router over HTTP.

use crate::common::TestApp;
use serde_json::Value;

async fn json(app: &TestApp, path: &str) -> Value {
    let res = app.get(path).await;
    assert_eq!(res.status(), 200, "{path}");
    assert_eq!(res.headers()["content-type"], "application/json");
    res.json().await.unwrap()
}

fn homes(v: &Value) -> u64 {
    v["woningen"].as_u64().unwrap()
}

#[tokio::test]
async fn regions_add_up_to_the_province_and_match_the_map() {
    let app = TestApp::start().await;
    let province = json(&app, "/api/stats").await;
    assert_eq!(province["naam"], "Drenthe");
    let mut sum = 0;
    for region in ["noord", "zuidoost", "zuidwest"] {
        let r = json(&app, &format!("/api/stats/regio/{region}")).await;
        sum += homes(&r);
        // The same homes as the map's GeoJSON for that region.
        let fc = app.features(&format!("/api/projects?regio={region}")).await;
        let on_map: u64 = fc.features.iter().map(|f| f.property("woningen").unwrap().as_u64().unwrap()).sum();
        assert_eq!(homes(&r), on_map, "{region}");
        let parts: u64 = r["delen"].as_array().unwrap().iter().map(|p| p["woningen"].as_u64().unwrap()).sum();
        assert_eq!(parts, homes(&r), "municipalities add up to {region}");
    }
    assert_eq!(sum, homes(&province));
    let regio_parts: Vec<&str> = province["delen"].as_array().unwrap().iter().map(|p| p["naam"].as_str().unwrap()).collect();
    assert_eq!(regio_parts, ["Noord", "Zuidoost", "Zuidwest"]);
}

#[tokio::test]
async fn targets_and_norms_come_from_the_configuration() {
    let app = TestApp::start().await;
    let zuidoost = json(&app, "/api/stats/regio/zuidoost").await;
    let targets: Vec<(String, u64)> =
        zuidoost["doelen"].as_array().unwrap().iter().map(|t| (t["soort"].as_str().unwrap().to_owned(), t["doel_woningen"].as_u64().unwrap())).collect();
    assert_eq!(targets, [("netto-toevoeging".into(), 4177), ("sociale-huur".into(), 1041), ("middensegment".into(), 476)]);
    let norms: Vec<&str> = zuidoost["normen"].as_array().unwrap().iter().map(|n| n["id"].as_str().unwrap()).collect();
    assert_eq!(norms, ["betaalbaar", "sociale-huur"]);
    // A municipality has no targets of its own in this configuration.
    let emmen = json(&app, "/api/stats/gemeente/GM0114").await;
    assert_eq!(emmen["naam"], "Emmen");
    assert!(emmen["doelen"].as_array().unwrap().is_empty());
    assert!(emmen["niet_openbaar_woningen"].is_null(), "not published unless configured");
}

#[tokio::test]
async fn a_filter_narrows_every_figure() {
    let app = TestApp::start().await;
    let all = json(&app, "/api/stats/regio/zuidwest").await;
    let social = json(&app, "/api/stats/regio/zuidwest?prijsklasse=sociale-huur").await;
    assert!(homes(&social) < homes(&all));
    let by_class = social["per_prijsklasse"].as_object().unwrap();
    assert_eq!(by_class["sociale-huur"].as_u64().unwrap(), homes(&social), "only sociale huur is counted");
    assert!(by_class.iter().filter(|(k, _)| *k != "sociale-huur").all(|(_, c)| c.as_u64() == Some(0)));
    let norm = &social["normen"][1];
    assert_eq!(norm["woningen"], norm["woningen_bekende_prijsklasse"], "all of it is sociale huur");
    assert_eq!(norm["voldoet"], true);
}

#[tokio::test]
async fn unknown_areas_parameters_and_charts_are_refused_by_name() {
    let app = TestApp::start().await;
    assert_eq!(app.get("/api/stats/regio/atlantis").await.status(), 404);
    assert_eq!(app.get("/api/stats/gemeente/GM9999").await.status(), 404);
    let res = app.get("/api/stats/regio/noord?kleur=rood").await;
    assert_eq!(res.status(), 400);
    assert_eq!(res.json::<Value>().await.unwrap()["parameter"], "kleur");
    let res = app.get("/api/stats/regio/noord/taart.csv").await;
    assert_eq!(res.status(), 404);
    assert!(res.text().await.unwrap().contains("oplevering"), "names the known charts");
}

#[tokio::test]
async fn a_chart_downloads_as_the_csv_of_its_table() {
    let app = TestApp::start().await;
    let res = app.get("/api/stats/regio/noord/oplevering.csv?huurkoop=huur").await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "text/csv; charset=utf-8");
    assert!(res.headers()["content-disposition"].to_str().unwrap().contains("woningbouw-regio-noord-oplevering.csv"));
    let csv = res.text().await.unwrap();
    let mut lines = csv.trim_start_matches('\u{feff}').lines();
    let header: Vec<&str> = lines.next().unwrap().split(';').collect();
    assert_eq!(header.first(), Some(&"Jaar"));
    assert_eq!(header.last(), Some(&"Totaal"));
    // The yearly totals are the API's figures, per year.
    let stats = json(&app, "/api/stats/regio/noord?huurkoop=huur").await;
    let by_year = stats["per_opleverjaar"].as_object().unwrap();
    let mut rows = 0;
    for line in lines {
        let cells: Vec<&str> = line.split(';').collect();
        let expected: u64 = by_year[cells[0]].as_object().unwrap().values().map(|v| v.as_u64().unwrap()).sum();
        assert_eq!(cells.last().unwrap().parse::<u64>().unwrap(), expected, "{line}");
        rows += 1;
    }
    assert_eq!(rows, by_year.len());
    // The province's published figures have their own CSV, unaffected by the filter.
    let csv = app.get("/api/stats/bron-opgeleverd.csv?huurkoop=huur").await.text().await.unwrap();
    assert!(csv.contains("2025;834;377;398;1609"), "{csv}");
}

#[tokio::test]
async fn the_figures_pages_are_rendered_on_the_server_with_svg_charts() {
    let app = TestApp::start().await;
    let res = app.get("/regio?prijsklasse=sociale-huur").await;
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    assert!(html.contains("de regio&#x27;s naast elkaar") || html.contains("de regio's naast elkaar"));
    let charts = html.matches("class=\"chart\"").count();
    assert!(charts >= 3 * 3 + 6, "{charts} charts");
    assert!(html.matches("<svg").count() >= charts, "every chart has its SVG");
    let province = json(&app, "/api/stats?prijsklasse=sociale-huur").await;
    let dutch = app::format::number;
    assert!(html.contains(&format!("data-testid=\"area-homes\">{}<", dutch(homes(&province)))));
    for path in ["/regio/zuidoost", "/gemeente/GM0114"] {
        let res = app.get(path).await;
        assert_eq!(res.status(), 200, "{path}");
        assert!(res.text().await.unwrap().contains("<svg"), "{path}");
    }
    assert_eq!(app.get("/regio/atlantis").await.status(), 404);
    assert_eq!(app.get("/gemeente/GM9999").await.status(), 404);
}

#[tokio::test]
async fn pages_are_sent_compressed_to_browsers_that_accept_it() {
    let app = TestApp::start().await;
    let plain = app.get("/regio").await.bytes().await.unwrap().len();
    let res = app.client.get(format!("{}/regio", app.base)).header("accept-encoding", "br").send().await.unwrap();
    assert_eq!(res.headers()["content-encoding"], "br");
    let compressed = res.bytes().await.unwrap().len();
    assert!(compressed * 4 < plain, "{compressed} of {plain} bytes");
    // The API's own precompressed body is not compressed twice.
    let res = app.client.get(format!("{}/api/stats", app.base)).header("accept-encoding", "br").send().await.unwrap();
    assert_eq!(res.headers().get_all("content-encoding").iter().count(), 1);
}
