//! Another province by configuration alone: Lagewaard, invented for this test (its own
//! boundaries and places, one region, no price limits, targets, norms or published series), with
//! the demo off (`WONINGBOUW_DEMO=uit`, no `demo.toml`) and its projects delivered by CSV through
//! the command line, which reads the same `WONINGBOUW_*` variables as the server. No page or
//! API answer may name anything of Drenthe.

use crate::common::{self, TestApp};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lagewaard")
}

/// Words only a page about Drenthe would hold: its name and code, its municipalities, its
/// regions' ids, its demo.
const DRENTHE: [&str; 20] = [
    "Drenthe",
    "Drents",
    "PV22",
    "Assen",
    "Emmen",
    "Hoogeveen",
    "Meppel",
    "Coevorden",
    "Borger-Odoorn",
    "Aa en Hunze",
    "Midden-Drenthe",
    "Noordenveld",
    "Tynaarlo",
    "De Wolden",
    "Westerveld",
    "zuidoost",
    "zuidwest",
    "GM0114",
    "Voorbeeldplan",
    "Demogegevens",
];

#[tokio::test]
async fn a_province_configured_from_scratch_works_and_names_nothing_of_drenthe() {
    let dir = tempfile::tempdir().unwrap();
    let mut settings = common::test_settings(dir.path()).await;
    settings.province = fixtures().join("provincie.toml");
    settings.demo = None;

    // The command line delivers the municipality's file, with the server's own variables.
    let csv = fixtures().join("oosterveen.csv");
    let output = common::server_command(&settings, &["import", "--gemeente", "GM9801", csv.to_str().unwrap()])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .output()
        .unwrap();
    let said = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "{said}");
    assert!(said.contains("3 toegevoegd"), "{said}");

    let app = TestApp::serve(settings, dir).await;
    assert_eq!(app.public_count, 2, "the two public plans; the municipality's own stays off the map");

    let pages = [
        "/",
        "/?gemeente=GM9801&project=GM9801-1",
        "/?weergave=lijst",
        "/regio",
        "/regio/heel",
        "/gemeente/GM9801",
        "/gemeente/GM9802",
        "/embed?gemeente=GM9801",
        "/embed?regio=heel&weergave=cijfers",
        "/embed/maken",
        "/beheer",
        "/prijsklassen",
        "/toegankelijkheid",
        "/api/projects",
        "/api/projects/GM9801-1",
        "/api/stats",
        "/api/stats/regio/heel",
        "/api/stats/gemeente/GM9801",
        "/api/grenzen/gemeenten",
        "/api/grenzen/regios",
    ];
    for path in pages {
        let res = app.get(path).await;
        assert_eq!(res.status(), 200, "{path}");
        let body = res.text().await.unwrap();
        for word in DRENTHE {
            assert!(!body.contains(word), "{path} says '{word}'");
        }
        if !path.starts_with("/api") {
            assert!(body.contains("Lagewaard"), "{path} names its province");
        }
    }

    // The map: the delivered public plans, no demo notice, the province's own attribution.
    let map = app.get("/").await.text().await.unwrap();
    assert!(map.contains("<span class=\"province\">Lagewaard"), "the province in the header");
    assert!(map.contains("data-testid=\"total-projects\">2<") && map.contains("data-testid=\"total-homes\">50<"));
    assert!(map.contains("verzonnen voor de tests"), "the configured attribution");
    assert!(map.replace("<!>", "").contains("rel=\"license\">CC0 1.0</a>."), "its own licence, without a credit line");
    assert!(!map.contains("CC BY 4.0</a>"), "not Drenthe's licence");
    assert!(!map.contains("Stille plannen"));
    let detail = app.get("/?project=GM9801-1").await.text().await.unwrap();
    assert!(detail.contains("Veenhof") && detail.contains("gemeente Oosterveen (regio Lagewaard)"));
    // Without price limits, the detail does not explain limits it does not have, and the price
    // classes page says there are none.
    assert!(!detail.contains("class=\"limits\""));
    let classes = app.get("/prijsklassen").await.text().await.unwrap();
    assert!(classes.contains("heeft geen grenzen in euro") && !classes.contains("id=\"jaar-"));
    // Its own contact, in every page's footer and in the accessibility statement.
    let contact = "href=\"mailto:woonloket@lagewaard.example\"";
    assert!(map.contains(contact) && figures_page_has(&app, contact).await);
    let statement = app.get("/toegankelijkheid").await.text().await.unwrap();
    assert!(statement.contains("data-testid=\"contact\"") && statement.contains("Mail het woonloket van Lagewaard"));

    // Its own security contact (RFC 9116), at the configured public address.
    let security = app.get("/.well-known/security.txt").await;
    assert_eq!(security.status(), 200);
    let security = security.text().await.unwrap();
    for line in
        ["Contact: mailto:beveiliging@lagewaard.example\n", "Expires: 2027-06-30T23:59:59Z\n", "Canonical: https://kaart.example.nl/.well-known/security.txt\n"]
    {
        assert!(security.contains(line), "{line} in {security}");
    }

    // Figures without targets, norms or published series: what there is, and nothing made up.
    let stats: Value = app.get("/api/stats").await.json().await.unwrap();
    assert_eq!(stats["naam"], "Lagewaard");
    assert_eq!(stats["woningen"], 50);
    assert_eq!(stats["doelen"], serde_json::json!([]));
    assert_eq!(stats["normen"], serde_json::json!([]));
    assert_eq!(stats["delen"][0]["naam"], "Lagewaard");
    let figures = app.get("/regio").await.text().await.unwrap();
    assert!(figures.contains("data-chart=\"oplevering\""), "the projects' own charts are there");
    for absent in ["data-chart=\"doelen\"", "data-chart=\"normen\"", "Cijfers van de provincie zelf"] {
        assert!(!figures.contains(absent), "{absent} on a province without it");
    }
}

async fn figures_page_has(app: &TestApp, text: &str) -> bool {
    app.get("/regio/heel").await.text().await.unwrap().contains(text)
}
