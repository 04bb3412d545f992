//! `/beheer`, the page where an official delivers a file: what they see for each outcome, and
//! that a dry run's "Toepassen" applies exactly the checked file.

use crate::common::TestApp;
use reqwest::multipart::{Form, Part};
use server::store::Access;

const CSV: &str = include_str!("fixtures/emmen.csv");

fn file(name: &str, body: &str, media: &str) -> Part {
    Part::bytes(body.as_bytes().to_vec()).file_name(name.to_owned()).mime_str(media).unwrap()
}

impl TestApp {
    async fn deliver(&self, form: Form) -> (u16, String) {
        let response = self.client.post(format!("{}/beheer", self.base)).multipart(form).send().await.unwrap();
        let status = response.status().as_u16();
        assert_eq!(response.headers()["cache-control"], "no-store");
        // Without the markers between text nodes that server rendering writes.
        (status, response.text().await.unwrap().replace("<!>", ""))
    }
}

/// The value of the hidden field `name` in a page.
fn hidden(page: &str, name: &str) -> String {
    let at = page.find(&format!("name=\"{name}\"")).unwrap_or_else(|| panic!("a field {name}"));
    let tag = &page[page[..at].rfind('<').unwrap()..at + page[at..].find('>').unwrap()];
    let value = &tag[tag.find("value=\"").unwrap_or_else(|| panic!("a value in {tag}")) + 7..];
    value[..value.find('"').unwrap()].to_owned()
}

#[tokio::test]
async fn the_form_asks_for_token_file_and_format() {
    let app = TestApp::start().await;
    let response = app.get("/beheer").await;
    assert_eq!(response.status(), 200);
    let page = response.text().await.unwrap().replace("<!>", "");
    for part in [
        "enctype=\"multipart/form-data\"",
        "name=\"sleutel\"",
        "type=\"password\"",
        "name=\"bestand\"",
        "name=\"formaat\"",
        "value=\"proef\"",
        "<h1>Gegevens aanleveren</h1>",
    ] {
        assert!(page.contains(part), "{part}");
    }
    // The map's footer leads officials here.
    assert!(app.get("/").await.text().await.unwrap().contains("href=\"/beheer\""));
}

#[tokio::test]
async fn a_dry_run_shows_the_changes_and_applying_it_puts_the_public_plans_on_the_map() {
    let app = TestApp::start().await;
    let token = app.store.create_token(Access::Municipality("GM0114".into()), "test").await.unwrap().secret;
    let version = app.store.version().await.unwrap();
    let (status, page) = app
        .deliver(
            Form::new().text("sleutel", token.clone()).part("bestand", file("emmen.csv", CSV, "text/csv")).text("formaat", "herkennen").text("actie", "proef"),
        )
        .await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("Dit zou de levering doen met de plannen van Emmen"), "{page}");
    assert!(page.contains("Toegevoegd (4)") && page.contains("Testplan Schoonebeek Oost") && page.contains("Er is nog niets gewijzigd."));
    assert!(!page.contains(&token), "the token is never written into a page");
    assert_eq!(app.store.version().await.unwrap(), version, "a dry run writes nothing");

    // "Toepassen" sends the checked file back with the token.
    let carried = hidden(&page, "levering");
    assert_eq!(hidden(&page, "formaat"), "csv");
    let (status, page) = app
        .deliver(
            Form::new()
                .text("levering", carried)
                .text("bestandsnaam", hidden(&page, "bestandsnaam"))
                .text("formaat", "csv")
                .text("actie", "toepassen")
                .text("sleutel", token.clone()),
        )
        .await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("Toegepast: de plannen van Emmen zijn bijgewerkt") && page.contains("Bestand: emmen.csv."), "{page}");
    assert!(page.contains("href=\"/?gemeente=GM0114\""));
    let mut public: Vec<String> =
        app.store.snapshot().await.unwrap().projects.into_iter().filter(|p| p.municipality.as_str() == "GM0114").map(|p| p.id.to_string()).collect();
    public.sort();
    assert_eq!(public, ["GM0114-1", "GM0114-2", "GM0114-3", "GM0114-4"]);
    let map = app.get("/?gemeente=GM0114").await.text().await.unwrap();
    assert!(map.contains("Testplan Stadscentrum") && !map.contains("Testplan Schoonebeek Oost"));

    // The same file again: nothing to change, said so.
    let (status, page) = app.deliver(Form::new().text("sleutel", token).part("bestand", file("emmen.csv", CSV, "text/csv")).text("actie", "proef")).await;
    assert_eq!(status, 200);
    assert!(page.contains("Deze levering verandert niets") && page.contains("4 ongewijzigd"), "{page}");
}

#[tokio::test]
async fn every_problem_is_listed_and_nothing_changes() {
    let app = TestApp::start().await;
    let token = app.store.create_token(Access::Municipality("GM0114".into()), "test").await.unwrap().secret;
    let version = app.store.version().await.unwrap();
    let broken = CSV.replace(";24;12;;;36;", ";24;12;;;40;").replace("Vergund", "Bijna klaar");
    let (status, page) =
        app.deliver(Form::new().text("sleutel", token).part("bestand", file("emmen.csv", &broken, "text/csv")).text("actie", "toepassen")).await;
    assert_eq!(status, 422);
    assert!(page.contains("2 problemen in de levering; er is niets gewijzigd"), "{page}");
    assert!(page.contains("<td>regel 2</td><td><code>woningen_totaal</code></td>"), "{page}");
    assert!(page.contains("<td>regel 3</td><td><code>status</code></td>"), "{page}");
    assert!(page.find("<td>regel 2</td>") < page.find("<td>regel 3</td>"), "in the order of the file");
    // The form is there to try again.
    assert!(page.contains("name=\"bestand\""));
    assert_eq!(app.store.version().await.unwrap(), version);
}

#[tokio::test]
async fn wrong_tokens_and_missing_files_are_refused_in_plain_words() {
    let app = TestApp::start().await;
    let version = app.store.version().await.unwrap();
    let csv = || file("emmen.csv", CSV, "text/csv");
    let (status, page) = app.deliver(Form::new().text("sleutel", "geraden").part("bestand", csv()).text("actie", "toepassen")).await;
    assert_eq!(status, 401);
    assert!(page.contains("deze sleutel is onbekend of ingetrokken"), "{page}");
    let province = app.store.create_token(Access::Province, "test").await.unwrap().secret;
    let (status, page) = app.deliver(Form::new().text("sleutel", province).part("bestand", csv()).text("actie", "toepassen")).await;
    assert_eq!(status, 403);
    assert!(page.contains("met de sleutel van de provincie kun je lezen, niet aanleveren"), "{page}");
    let emmen = app.store.create_token(Access::Municipality("GM0114".into()), "test").await.unwrap().secret;
    let (status, page) = app.deliver(Form::new().text("sleutel", emmen.clone()).text("actie", "toepassen")).await;
    assert_eq!(status, 400);
    assert!(page.contains("kies een bestand"), "{page}");
    let (status, page) = app.deliver(Form::new().text("sleutel", emmen).text("levering", "%%%").text("actie", "toepassen")).await;
    assert_eq!(status, 400);
    assert!(page.contains("de gecontroleerde levering is beschadigd"), "{page}");
    assert_eq!(app.store.version().await.unwrap(), version);
}

#[tokio::test]
async fn a_file_over_the_limit_gets_413_and_a_page() {
    let app = TestApp::start().await;
    let emmen = app.store.create_token(Access::Municipality("GM0114".into()), "test").await.unwrap().secret;
    let big = CSV.repeat(app.settings.upload_limit / CSV.len() * 2);
    let response = app
        .client
        .post(format!("{}/beheer", app.base))
        .multipart(Form::new().text("sleutel", emmen).part("bestand", file("groot.csv", &big, "text/csv")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 413);
    assert!(response.text().await.unwrap().contains("het bestand is groter dan 1 MB"));
}
