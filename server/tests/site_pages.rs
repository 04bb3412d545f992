//! The basics of a public site: every page's footer says how current the data are and links the
//! price classes, the accessibility statement and the delivery page; the price classes page has
//! every configured year's limits in euros under its own anchor; the accessibility statement says
//! honestly where to report a problem.

use crate::common::TestApp;

#[tokio::test]
async fn every_page_has_the_footer_with_the_datas_date_and_the_sites_links() {
    let app = TestApp::start().await;
    // The latest public change: what the API says of every public project.
    let all: serde_json::Value = app.get("/api/projects").await.json().await.unwrap();
    let latest =
        all["features"].as_array().unwrap().iter().filter_map(|f| f["properties"]["bijgewerkt"].as_str()).filter(|d| d.len() == 10).max().unwrap().to_owned();
    let said = app::format::date(&latest);
    for path in [
        "/",
        "/?weergave=lijst",
        "/regio",
        "/regio/noord",
        "/gemeente/GM0114",
        "/embed/maken",
        "/beheer",
        "/prijsklassen",
        "/toegankelijkheid",
        "/bestaat-niet",
    ] {
        let html = app.get(path).await.text().await.unwrap().replace("<!>", "");
        assert!(html.contains(&format!("<time datetime=\"{latest}\">{said}</time>")), "{path} says the data are of {said}");
        for link in ["href=\"/prijsklassen\"", "href=\"/toegankelijkheid\"", "href=\"/beheer\""] {
            assert!(html.contains(link), "{path} links {link}");
        }
        assert!(html.contains("CBS / Kadaster"), "{path} has the boundaries' attribution");
        // The project data's licence, as configured, linked as one.
        assert!(
            html.contains("Projectgegevens: <a href=\"https://creativecommons.org/licenses/by/4.0/deed.nl\" rel=\"license\">CC BY 4.0</a> (Provincie Drenthe en de Drentse gemeenten)."),
            "{path} names the project data's licence"
        );
    }
}

#[tokio::test]
async fn the_price_classes_page_has_every_years_limits_from_the_configuration() {
    let app = TestApp::start().await;
    let html = app.page("/prijsklassen").await;
    let province = server::config::load(&app.settings.province).unwrap().province;
    assert!(!province.price_limits.is_empty());
    for limits in &province.price_limits {
        let year = limits.year;
        let section = html.split(&format!("id=\"jaar-{year}\"")).nth(1).unwrap_or_else(|| panic!("a section for {year}"));
        let section = section.split("</section>").next().unwrap();
        for euros in [limits.sociale_huur_max, limits.middenhuur_max, limits.betaalbare_koop_max].into_iter().flatten() {
            assert!(section.contains(&app::format::euros(euros)), "{year} has {}", app::format::euros(euros));
        }
        assert!(section.contains(&limits.source), "{year} names its source");
    }
    for class in domain::PriceClass::ALL {
        assert!(html.contains(class.label()) && html.contains(class.explanation()), "{} is explained", class.label());
    }
    // The map's legend and a project's detail link here, the detail to its data's year.
    assert!(app.page("/").await.contains("href=\"/prijsklassen\""));
    let all: serde_json::Value = app.get("/api/projects").await.json().await.unwrap();
    let feature = &all["features"][0];
    let (id, year) = (feature["id"].as_str().unwrap(), &feature["properties"]["bijgewerkt"].as_str().unwrap()[..4]);
    let detail = app.page(&format!("/?project={id}")).await;
    let year = province.price_limits_for(year.parse().unwrap()).unwrap().year;
    assert!(detail.contains(&format!("href=\"/prijsklassen#jaar-{year}\"")), "the detail links {year}");
    // In an embed the link leaves the frame.
    let embed = app.page("/embed?gemeente=GM0114").await;
    assert!(embed.contains("href=\"/prijsklassen\" target=\"_top\""));
}

#[tokio::test]
async fn the_accessibility_statement_says_where_to_report_and_claims_no_audit() {
    let app = TestApp::start().await;
    let html = app.page("/toegankelijkheid").await;
    assert!(html.contains("<title>Toegankelijkheid · Publieke Woningbouwkaart</title>"));
    assert!(html.contains("WCAG") && html.contains("Een onafhankelijk onderzoek (audit) is nog niet gedaan"));
    // Drenthe's configuration names no contact: the page says so rather than inventing one.
    assert!(html.contains("data-testid=\"no-contact\"") && !html.contains("data-testid=\"contact\""));
}

/// What the Nu Html Checker found on every page kind: an empty `action` (the spec wants a
/// valid non-empty URL, or none) and `role="combobox"` on an `<input type="search">`, which
/// ARIA in HTML does not allow (it does on a text field).
#[tokio::test]
async fn forms_have_no_empty_action_and_the_combobox_is_a_text_field() {
    let app = TestApp::start().await;
    for path in ["/", "/regio", "/gemeente/GM0114", "/embed?gemeente=GM0114&filters=uit", "/embed/maken", "/zoeken?q=beilen"] {
        let page = app.page(path).await;
        assert!(!page.contains("action=\"\""), "{path}");
        for input in page.split("<input").skip(1).map(|i| &i[..i.find('>').unwrap()]) {
            if input.contains("role=\"combobox\"") {
                assert!(input.contains("type=\"text\""), "{path}: {input}");
            }
        }
    }
}
