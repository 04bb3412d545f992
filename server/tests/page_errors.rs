//! Errors that must not mislead: a link with one bad value keeps the rest, an unknown project or
//! area is a real 404 on a page with the site's header, a municipality code without `GM` is
//! understood on the figures pages as in the embed, and a project's page has its own title,
//! description and canonical address.

use crate::common::TestApp;
use serde_json::Value;

async fn page(app: &TestApp, path: &str) -> (u16, String) {
    let res = app.get(path).await;
    (res.status().as_u16(), res.text().await.unwrap())
}

/// The figure after `data-testid="{id}">`, as a number.
fn figure(html: &str, id: &str) -> u64 {
    let marker = format!("data-testid=\"{id}\">");
    let start = html.find(&marker).unwrap_or_else(|| panic!("{id} in the page")) + marker.len();
    html[start..].split('<').next().unwrap().replace('.', "").parse().unwrap()
}

#[tokio::test]
async fn one_bad_value_is_named_and_the_rest_of_the_link_still_counts() {
    let app = TestApp::start().await;
    let (status, html) = page(&app, "/embed?gemeente=GM0114&prijsklasse=foo").await;
    assert_eq!(status, 200);
    assert!(html.contains("<h1 id=\"embed-titel\">") && html.contains("Emmen"), "the embed stays on Emmen");
    assert!(html.contains("prijsklasse: onbekende waarde &#x27;foo&#x27;") || html.contains("prijsklasse: onbekende waarde 'foo'"), "the bad value is named");
    assert!(html.contains("De rest van de keuze geldt wel"));
    let emmen: Value = app.get("/api/stats/gemeente/GM0114").await.json().await.unwrap();
    assert_eq!(figure(&html, "total-homes"), emmen["woningen"].as_u64().unwrap(), "Emmen's homes, not the province's");

    // On the map page too: the valid class stays chosen.
    let (status, html) = page(&app, "/?prijsklasse=foo,sociale-huur").await;
    assert_eq!(status, 200);
    let social: Value = app.get("/api/stats?prijsklasse=sociale-huur").await.json().await.unwrap();
    assert_eq!(figure(&html, "total-homes"), social["woningen"].as_u64().unwrap());
    // The API stays strict: a program gets a 400 that names the parameter.
    assert_eq!(app.get("/api/projects?prijsklasse=foo,sociale-huur").await.status(), 400);
}

#[tokio::test]
async fn what_does_not_exist_is_a_404_on_a_page_with_the_sites_header() {
    let app = TestApp::start().await;
    let (status, html) = page(&app, "/?project=bestaat-niet").await;
    assert_eq!(status, 404, "an unknown project");
    assert!(html.contains("Project &#x27;bestaat-niet&#x27; bestaat niet") || html.contains("Project 'bestaat-niet' bestaat niet"));
    assert!(html.contains("class=\"site-header\"") && html.contains("class=\"row\""), "the map page itself, with its list");

    for (path, said) in [
        ("/gemeente/GM9999", "geen gemeente met de code &#x27;GM9999&#x27;"),
        ("/regio/atlantis", "geen regio &#x27;atlantis&#x27;"),
        ("/bestaat-niet", "bestaat niet (meer)"),
    ] {
        let (status, html) = page(&app, path).await;
        assert_eq!(status, 404, "{path}");
        let said_plain = said.replace("&#x27;", "'");
        assert!(html.contains(said) || html.contains(&said_plain), "{path} says what was not found");
        assert!(html.contains("class=\"site-header\"") && html.contains("Drenthe"), "{path} has the site's header");
        assert!(html.contains("<title>Pagina niet gevonden"), "{path}");
        // Its skip link leads somewhere.
        assert!(html.contains("href=\"#inhoud\"") && html.contains("id=\"inhoud\""), "{path}");
        assert!(!html.contains("href=\"#cijfers\""), "{path}: no skip link to figures that are not there");
    }
}

#[tokio::test]
async fn a_municipality_code_without_gm_opens_its_figures_as_the_embed_does() {
    let app = TestApp::start().await;
    let (status, html) = page(&app, "/gemeente/0114").await;
    assert_eq!(status, 200);
    assert!(html.contains("Woningbouw in de gemeente Emmen"));
    let (status, _) = page(&app, "/embed?gemeente=0114").await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn a_projects_page_has_its_own_title_description_and_canonical_address() {
    let app = TestApp::start().await;
    let projects = app.features("/api/projects?gemeente=GM0114").await;
    let feature = projects.features.iter().find(|f| f.property("omschrijving").and_then(Value::as_str).is_some_and(|d| !d.is_empty())).unwrap();
    let id = match &feature.id {
        Some(geojson::feature::Id::String(id)) => id.clone(),
        other => panic!("{other:?}"),
    };
    let name = feature.property("naam").and_then(Value::as_str).unwrap();
    let (status, html) = page(&app, &format!("/?prijsklasse=sociale-huur&project={id}&weergave=lijst")).await;
    assert_eq!(status, 200);
    let escaped = |s: &str| s.replace('&', "&amp;").replace('\'', "&#x27;").replace('"', "&quot;");
    assert!(html.contains(&format!("<title>{} · Publieke Woningbouwkaart Drenthe</title>", escaped(name))), "{name}");
    let canonical: Vec<&str> = html.split("<link ").filter(|l| l.split('>').next().unwrap().contains("rel=\"canonical\"")).collect();
    assert_eq!(canonical.len(), 1, "one canonical link");
    // Absolute, at the configured public address (search engines want one), whatever the
    // request's Host said.
    assert!(canonical[0].contains(&format!("href=\"https://kaart.example.nl/?project={id}\"")), "one address whatever the filter: {}", canonical[0]);
    assert_eq!(html.matches("<meta name=\"description\"").count(), 1);
    let (_, map) = page(&app, "/").await;
    assert!(map.contains("<title>Publieke Woningbouwkaart Drenthe</title>"));
    assert_eq!(map.matches("<meta name=\"description\"").count(), 1);
    assert!(!map.contains("rel=\"canonical\""), "the map itself has no other address");
}
