//! API and page tests against the real router, served on a free port and called over HTTP.

use reqwest::header;

use crate::common;
use crate::common::TestApp;
use std::collections::HashSet;

fn prop<'a>(f: &'a geojson::Feature, key: &str) -> &'a serde_json::Value {
    f.property(key).unwrap_or_else(|| panic!("property {key} missing"))
}

#[tokio::test]
async fn all_public_projects_as_valid_geojson_inside_the_province() {
    let app = TestApp::start().await;
    let fc = app.features("/api/projects").await;
    assert_eq!(fc.features.len(), app.public_count);
    let mut ids = HashSet::new();
    for f in &fc.features {
        let id = match &f.id {
            Some(geojson::feature::Id::String(s)) => s.clone(),
            other => panic!("feature without string id: {other:?}"),
        };
        assert!(ids.insert(id), "ids are unique");
        let centre = prop(f, "centrum").as_array().unwrap();
        let (lon, lat) = (centre[0].as_f64().unwrap(), centre[1].as_f64().unwrap());
        assert!((6.0..7.2).contains(&lon) && (52.5..53.3).contains(&lat), "{lon},{lat} in Drenthe");
        match &f.geometry.as_ref().unwrap().value {
            geojson::Value::Point(p) => assert_eq!((p[0], p[1]), (lon, lat)),
            geojson::Value::Polygon(rings) => assert_eq!(rings[0].first(), rings[0].last(), "closed ring"),
            other => panic!("unexpected geometry {other:?}"),
        }
        assert!(prop(f, "woningen").as_u64().unwrap() > 0);
    }
}

#[tokio::test]
async fn non_public_projects_never_appear() {
    let app = TestApp::start().await;
    let everything = app.get("/api/projects").await.text().await.unwrap();
    let page = app.get("/?toon=100000").await.text().await.unwrap();
    for id in &app.hidden_ids {
        assert!(!everything.contains(&format!("\"{id}\"")), "{id} in the API");
        assert!(!page.contains(&format!("\"{id}\"")) && !page.contains(&format!("={id}\"")), "{id} in the page");
        assert_eq!(app.get(&format!("/api/projects/{id}")).await.status(), 404, "{id} by id");
        let detail = app.get(&format!("/?project={id}")).await.text().await.unwrap();
        assert!(detail.contains("bestaat niet of is niet openbaar"), "{id} as selected project");
    }
}

#[tokio::test]
async fn filters_select_what_they_say() {
    let app = TestApp::start().await;
    let all = app.features("/api/projects").await;
    let noord = app.features("/api/projects?regio=noord").await;
    assert!(!noord.features.is_empty() && noord.features.len() < all.features.len());
    assert!(noord.features.iter().all(|f| prop(f, "regio") == "noord"));

    let social = app.features("/api/projects?prijsklasse=sociale-huur").await;
    for f in &social.features {
        let in_class = prop(f, "per_prijsklasse")["sociale-huur"].as_u64().unwrap();
        assert_eq!(prop(f, "woningen").as_u64().unwrap(), in_class);
    }
    let years = app.features("/api/projects?van=2027&tot=2028&status=vergund&status=onherroepelijk").await;
    for f in &years.features {
        let y = prop(f, "oplevering").as_u64().unwrap();
        assert!((2027..=2028).contains(&y));
        assert!(["vergund", "onherroepelijk"].contains(&prop(f, "status").as_str().unwrap()));
    }
}

#[tokio::test]
async fn bad_parameters_get_400_naming_the_parameter() {
    let app = TestApp::start().await;
    for (query, param) in [
        ("prijsklasse=goedkoop", "prijsklasse"),
        ("regio=west", "regio"),
        ("gemeente=GM9999", "gemeente"),
        ("van=twintig", "van"),
        ("van=2030&tot=2026", "tot"),
        ("kleur=rood", "kleur"),
    ] {
        let res = app.get(&format!("/api/projects?{query}")).await;
        assert_eq!(res.status(), 400, "{query}");
        let body: serde_json::Value = res.json().await.unwrap();
        assert_eq!(body["parameter"], param, "{query}: {body}");
        assert!(body["fout"].as_str().unwrap().contains(param));
    }
}

#[tokio::test]
async fn one_project_or_404() {
    let app = TestApp::start().await;
    let res = app.get("/api/projects/GM1731-beilen-havengebied").await;
    assert_eq!(res.status(), 200);
    let f: geojson::Feature = res.text().await.unwrap().parse().unwrap();
    assert_eq!(prop(&f, "naam"), "Beilen Havengebied");
    assert_eq!(prop(&f, "per_prijsklasse")["sociale-huur"], 43);
    assert_eq!(prop(&f, "locatie"), "indicatief");
    assert_eq!(app.get("/api/projects/bestaat-niet").await.status(), 404);
}

#[tokio::test]
async fn etag_304_and_precompressed_bodies() {
    let app = TestApp::start().await;
    let plain = app.client.get(format!("{}/api/projects?regio=zuidwest", app.base)).header(header::ACCEPT_ENCODING, "identity").send().await.unwrap();
    assert!(plain.headers().get(header::CONTENT_ENCODING).is_none());
    let etag = plain.headers()[header::ETAG].to_str().unwrap().to_owned();
    assert!(etag.starts_with('"') && !etag.starts_with("W/"), "strong ETag: {etag}");
    assert!(plain.headers()[header::CACHE_CONTROL].to_str().unwrap().contains("max-age"));
    let identity = plain.bytes().await.unwrap();

    let again = app
        .client
        .get(format!("{}/api/projects?regio=zuidwest", app.base))
        .header(header::ACCEPT_ENCODING, "identity")
        .header(header::IF_NONE_MATCH, &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);
    assert!(again.bytes().await.unwrap().is_empty());

    for (coding, decode) in [("br", decode_br as fn(&[u8]) -> Vec<u8>), ("gzip", decode_gzip)] {
        let ask = |held: Option<&str>| {
            let request = app.client.get(format!("{}/api/projects?regio=zuidwest", app.base)).header(header::ACCEPT_ENCODING, coding);
            match held {
                Some(tag) => request.header(header::IF_NONE_MATCH, tag),
                None => request,
            }
            .send()
        };
        let res = ask(None).await.unwrap();
        assert_eq!(res.headers()[header::CONTENT_ENCODING], coding);
        // Each coding is its own representation, with its own ETag (RFC 9110 §8.8.3).
        let coded = res.headers()[header::ETAG].to_str().unwrap().to_owned();
        assert_ne!(coded, etag, "{coding}");
        let body = res.bytes().await.unwrap();
        assert!(body.len() < identity.len() / 3, "{coding} compresses");
        assert_eq!(decode(&body), identity.to_vec());
        assert_eq!(ask(Some(&coded)).await.unwrap().status(), 304, "{coding}");
        // A proxy that marked it weak still gets a 304 (If-None-Match compares weakly).
        assert_eq!(ask(Some(&format!("W/{coded}"))).await.unwrap().status(), 304, "{coding}");
        assert_eq!(ask(Some(&etag)).await.unwrap().status(), 200, "{coding}: the identity body's ETag is not this one's");
    }
    // The same filter written differently is the same response.
    let reordered = app.get("/api/projects?regio=zuidwest&van=").await;
    assert_eq!(reordered.headers()[header::ETAG].to_str().unwrap(), etag);
}

fn decode_br(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    brotli::BrotliDecompress(&mut std::io::Cursor::new(b), &mut out).unwrap();
    out
}

fn decode_gzip(b: &[u8]) -> Vec<u8> {
    use std::io::Read;
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(b).read_to_end(&mut out).unwrap();
    out
}

#[tokio::test]
async fn boundaries_are_served() {
    let app = TestApp::start().await;
    let fc = app.features("/api/grenzen/gemeenten").await;
    assert_eq!(fc.features.len(), 12);
    assert_eq!(app.features("/api/grenzen/regios").await.features.len(), 3);
    assert_eq!(app.get("/api/grenzen/wegen").await.status(), 404);
    // The boundaries are CBS's, under CC BY: wherever they are served, their attribution goes too.
    for path in ["/api/grenzen/gemeenten", "/api/grenzen/regios", "/api/grenzen/provincie", "/api/grenzen/gemeenten/GM0114", "/api/grenzen/regios/noord"] {
        let fc = app.features(path).await;
        let attribution = fc.foreign_members.as_ref().and_then(|m| m.get("attributie")).and_then(|a| a.as_str()).unwrap_or_default().to_owned();
        assert!(attribution.contains("CBS") && attribution.contains("CC BY 4.0"), "{path}: '{attribution}'");
    }
}

#[tokio::test]
async fn the_page_is_rendered_on_the_server_with_the_filtered_totals() {
    let app = TestApp::start().await;
    let res = app.get("/?regio=noord&prijsklasse=sociale-huur").await;
    assert_eq!(res.status(), 200);
    assert_eq!(common::frame_ancestors(&res), "frame-ancestors 'self'");
    let html = res.text().await.unwrap();
    let fc = app.features("/api/projects?regio=noord&prijsklasse=sociale-huur").await;
    let homes: u64 = fc.features.iter().map(|f| prop(f, "woningen").as_u64().unwrap()).sum();
    let dutch = app::format::number;
    assert!(html.contains(&format!("data-testid=\"total-projects\">{}<", dutch(fc.features.len() as u64))), "project total");
    assert!(html.contains(&format!("data-testid=\"total-homes\">{}<", dutch(homes))), "homes total");
    assert!(html.contains("Demogegevens"));
    assert!(html.contains("lang=\"nl\""));
    assert_eq!(app.get("/bestaat-niet").await.status(), 404);
}

#[tokio::test]
async fn the_page_draws_its_map_unless_it_is_asked_for_its_parts() {
    let app = TestApp::start().await;
    let fc = app.features("/api/projects?regio=zuidwest").await;
    let html = app.get("/?regio=zuidwest").await.text().await.unwrap();
    let label = format!("Overzichtskaart: {} met", app::format::projects(fc.features.len() as u64));
    assert!(html.contains(&label), "the drawing names the filtered projects");
    assert!(html.contains("class=\"map-preview\"") && html.contains("<path class=\"thick\""));
    // A page moving to a new URL swaps its parts and keeps its own map: no drawing to send.
    let url = format!("{}/?regio=zuidwest", app.base);
    let parts = app.client.get(url).header(app::url::PARTS_ONLY, "1").send().await.unwrap().text().await.unwrap();
    assert!(!parts.contains("map-preview"));
    assert!(parts.contains("data-testid=\"total-projects\""));
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    // The data endpoints are routed apart from the pages (no compression layer, no
    // middleware on their path); they keep the same headers.
    let app = TestApp::start().await;
    for path in ["/api/projects", "/api/kaart", "/api/stats", "/api/grenzen/provincie", "/api/projects?status=onbekend", "/", "/regio", "/bestaat-niet"] {
        let res = app.get(path).await;
        let h = res.headers();
        assert_eq!(h[header::X_CONTENT_TYPE_OPTIONS], "nosniff", "{path}");
        assert_eq!(h[header::REFERRER_POLICY], "strict-origin-when-cross-origin", "{path}");
        assert_eq!(common::frame_ancestors(&res), "frame-ancestors 'self'", "{path}");
        if !path.starts_with("/api/") {
            assert!(
                h[header::CONTENT_SECURITY_POLICY].to_str().unwrap().starts_with("default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-"),
                "{path}"
            );
            assert_eq!(h["cross-origin-opener-policy"], "same-origin", "{path}");
            assert!(h["permissions-policy"].to_str().unwrap().contains("geolocation=()"), "{path}");
        }
    }
}

/// The public endpoints live under `/api/v1`; their old paths answer the same for a while, and
/// say so (RFC 9745 `Deprecation`, RFC 8594 `Sunset`, the successor as a link).
#[tokio::test]
async fn the_old_paths_answer_the_same_and_point_to_their_successor() {
    let app = TestApp::start().await;
    for (old, new) in [
        ("/api/projects?huurkoop=huur", "/api/v1/projects?huurkoop=huur"),
        ("/api/projects/GM1731-beilen-havengebied", "/api/v1/projects/GM1731-beilen-havengebied"),
        ("/api/stats/regio/noord", "/api/v1/stats/regio/noord"),
        ("/api/stats/gemeente/GM0114/oplevering.csv", "/api/v1/stats/gemeente/GM0114/oplevering.csv"),
        ("/api/grenzen/gemeenten", "/api/v1/grenzen/gemeenten"),
        ("/api/plaatsen", "/api/v1/plaatsen"),
    ] {
        let (was, is) = (app.get(old).await, app.get(new).await);
        assert_eq!((was.status(), is.status()), (reqwest::StatusCode::OK, reqwest::StatusCode::OK), "{old}");
        assert!(is.headers().get("deprecation").is_none(), "{new} is current");
        assert!(was.headers()["deprecation"].to_str().unwrap().starts_with('@'), "{old}");
        assert_eq!(was.headers()["sunset"], server::api::SUNSET, "{old}");
        let successor = new.split('?').next().unwrap();
        assert!(was.headers().get_all("link").iter().any(|l| l.to_str().unwrap() == format!("<{successor}>; rel=\"successor-version\"")), "{old}");
        assert_eq!(was.bytes().await.unwrap(), is.bytes().await.unwrap(), "{old} answers as {new}");
    }
}
