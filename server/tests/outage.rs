//! A database outage, on the PostgreSQL the suite runs on (`WONINGBOUW_TEST_POSTGRES`, started
//! by `scripts/postgres`): stopped in the middle of this test, then started again. The public
//! site keeps serving the last data it had, project detail and status history included;
//! management calls hear 503 with `Retry-After` within seconds, in Dutch; an instance started
//! during the outage waits for the database; and everything recovers without a restart.
//!
//! This test is its own binary, alone in it: stopping the database would fail any test running
//! beside it. Without `WONINGBOUW_TEST_POSTGRES` (SQLite has no outage) it says so and passes.

mod common;

use common::TestApp;
use server::store::Access;
use std::process::Command;
use std::time::{Duration, Instant};

fn postgres(action: &str) {
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../scripts/postgres");
    let status = Command::new(script).arg(action).status().unwrap();
    assert!(status.success(), "scripts/postgres {action}");
}

/// Starts the database again when the test ends, whether it passed or not.
struct Resume;

impl Drop for Resume {
    fn drop(&mut self) {
        postgres("resume");
    }
}

// Two worker threads: the deliveries go on while `scripts/postgres` stops the database.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stopped_database_is_answered_in_seconds_and_the_public_site_keeps_serving() {
    if std::env::var("WONINGBOUW_TEST_POSTGRES").is_err() {
        eprintln!("no WONINGBOUW_TEST_POSTGRES: the outage test runs only on PostgreSQL");
        return;
    }
    let app = TestApp::start().await;
    let token = app.store.create_token(Access::Municipality("GM0114".into()), "test").await.unwrap().secret;
    let province = app.store.create_token(Access::Province, "test").await.unwrap().secret;
    let mine = app.client.get(format!("{}/api/beheer/projecten", app.base)).bearer_auth(&token).send().await.unwrap();
    assert_eq!(mine.status(), 200, "the token works before the outage");
    let features: serde_json::Value = app.get("/api/projects?gemeente=GM0114").await.json().await.unwrap();
    let id = features["features"][0]["id"].as_str().unwrap().to_owned();
    let detail = format!("/?project={id}");
    let before = app.get(&detail).await.text().await.unwrap();
    assert!(before.contains("Statusverloop"), "the detail shows its history");

    postgres("pause");
    let _resume = Resume;

    // The public site: everything from memory, at once.
    for path in ["/", detail.as_str(), "/regio", "/embed?gemeente=GM0114", "/api/projects", &format!("/api/projects/{id}"), "/api/kaart", "/api/stats"] {
        let started = Instant::now();
        let response = app.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        let body = response.text().await.unwrap();
        assert!(started.elapsed() < Duration::from_secs(2), "{path} took {:?}", started.elapsed());
        if path == detail {
            assert!(body.contains("Statusverloop") && !body.contains("kan nu niet worden getoond"), "the history from memory");
        }
    }

    // Management: 503 with Retry-After and a Dutch message, within 5 s, for every kind of call.
    let wrong = format!("wbk_{}", "0".repeat(64));
    let calls: Vec<(reqwest::Method, String, Option<&str>, &str)> = vec![
        (reqwest::Method::GET, "/api/beheer/projecten".into(), Some(&token), ""),
        (reqwest::Method::GET, format!("/api/beheer/projecten/{id}"), Some(&province), ""),
        (reqwest::Method::GET, format!("/api/beheer/projecten/{id}/geschiedenis"), Some(&token), ""),
        (reqwest::Method::GET, "/api/beheer/wijzigingen".into(), Some(&token), ""),
        (reqwest::Method::POST, "/api/beheer/import".into(), Some(&token), include_str!("fixtures/emmen.csv")),
        // A wrong token of the right form: only the database can tell.
        (reqwest::Method::GET, "/api/beheer/projecten".into(), Some(&wrong), ""),
    ];
    for (method, path, secret, body) in calls {
        let started = Instant::now();
        let mut request = app.client.request(method.clone(), format!("{}{path}", app.base)).header("content-type", "text/csv").body(body.to_owned());
        if let Some(secret) = secret {
            request = request.bearer_auth(secret);
        }
        let response = request.send().await.unwrap();
        let took = started.elapsed();
        let status = response.status();
        if status != 503 {
            panic!("{method} {path}: {status} after {took:?}: {}", response.text().await.unwrap());
        }
        assert_eq!(response.headers()["retry-after"], "5", "{method} {path}");
        assert_eq!(response.headers()["cache-control"], "no-store", "{method} {path}");
        let answer: serde_json::Value = response.json().await.unwrap();
        assert!(answer["fout"].as_str().unwrap().contains("tijdelijk niet bereikbaar"), "{answer}");
        assert!(took < Duration::from_secs(5), "{method} {path} took {took:?}");
    }
    // The delivery page says the same, in the page.
    let form = reqwest::multipart::Form::new()
        .text("sleutel", token.clone())
        .part("bestand", reqwest::multipart::Part::text(include_str!("fixtures/emmen.csv")).file_name("plannen.csv").mime_str("text/csv").unwrap());
    let started = Instant::now();
    let page = app.client.post(format!("{}/beheer", app.base)).multipart(form).send().await.unwrap();
    assert_eq!(page.status(), 503);
    assert_eq!(page.headers()["retry-after"], "5");
    assert!(page.text().await.unwrap().contains("tijdelijk niet bereikbaar"));
    assert!(started.elapsed() < Duration::from_secs(5));

    // A new instance started now waits for the database, and serves once it is back.
    let settings = app.settings.clone();
    let second = tokio::spawn(async move {
        let options = leptos::config::LeptosOptions::builder().output_name("woningbouwkaart").site_root("target/site").build();
        server::load_state(&settings, options).await.map(|state| state.snapshot().catalog.projects().len())
    });
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert!(!second.is_finished(), "the new instance waits for the database");

    drop(_resume);
    // Recovered without a restart: management answers again within seconds.
    let started = Instant::now();
    loop {
        let response = app.client.get(format!("{}/api/beheer/projecten", app.base)).bearer_auth(&token).send().await.unwrap();
        if response.status() == 200 {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(30), "still {} after the database is back", response.status());
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let public = tokio::time::timeout(Duration::from_secs(30), second).await.expect("the new instance starts").unwrap().unwrap();
    assert_eq!(public, app.public_count, "the new instance serves the same data");

    // A stream of deliveries with the database stopped in its middle: no answer lies. A 200 is
    // in the audit trail; "er is niets gewijzigd" is not; only an answer that says the outcome
    // is unknown may be either.
    let stream = {
        let (client, base, token) = (app.client.clone(), app.base.clone(), token.clone());
        tokio::spawn(async move {
            let mut answers = Vec::new();
            for i in 0..60 {
                let name = format!("Levering tijdens storing {i}");
                let body = include_str!("fixtures/emmen.csv").replacen("Testplan Stadscentrum", &name, 1);
                let response =
                    client.post(format!("{base}/api/beheer/import")).bearer_auth(&token).header("content-type", "text/csv").body(body).send().await.unwrap();
                let status = response.status().as_u16();
                answers.push((name, status, response.text().await.unwrap()));
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            answers
        })
    };
    tokio::time::sleep(Duration::from_millis(800)).await;
    postgres("pause");
    let resume = Resume;
    // Longer than the wait for a connection (3 s), so deliveries are refused meanwhile.
    tokio::time::sleep(Duration::from_secs(6)).await;
    drop(resume);
    let answers = stream.await.unwrap();
    let trail = loop {
        match app.store.recent_changes(Some(&"GM0114".into()), 100_000).await {
            Ok(trail) => break trail,
            Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
        }
    };
    let written = |name: &str| trail.iter().any(|c| c.after.as_ref().is_some_and(|p| p.name == name));
    let mut refused = 0;
    for (name, status, body) in &answers {
        match status {
            200 => assert!(written(name), "'{name}' was answered 200 but is not in the audit trail"),
            503 if body.contains("onbekend of de levering is verwerkt") => {}
            503 => {
                refused += 1;
                assert!(body.contains("niets gewijzigd"), "{body}");
                assert!(!written(name), "'{name}' was answered '{body}' but is in the audit trail");
            }
            other => panic!("'{name}': {other} {body}"),
        }
    }
    assert!(refused > 0, "the database was stopped during the stream: {:?}", answers.iter().map(|a| a.1).collect::<Vec<_>>());
}
