//! A process killed in the middle of an import leaves the database as it was before, or as it
//! is after the whole import: never half of it.

use crate::common;

use server::store::Store;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The most a delivery may hold: a larger one is refused before anything is written, so it
/// would never test an import being killed.
const ROWS: usize = 10_000;

fn server(settings: &server::Settings, args: &[&str]) -> Command {
    let mut command = common::server_command(settings, args);
    command.env("RUST_LOG", "warn").stderr(Stdio::null());
    command
}

async fn emmen_count(store: &Store) -> usize {
    store.snapshot().await.unwrap().projects.iter().filter(|p| p.municipality.as_str() == "GM0114").count()
}

#[tokio::test]
async fn a_killed_import_leaves_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let settings = common::test_settings(dir.path()).await;
    // A large delivery, so the transaction takes a while.
    let csv = include_str!("fixtures/emmen.csv");
    let mut lines = csv.lines();
    let header = lines.next().unwrap();
    let row = lines.next().unwrap();
    let mut big = format!("{header}\n");
    for i in 0..ROWS {
        big.push_str(&row.replacen("1;", &format!("{i};"), 1));
        big.push('\n');
    }
    let file = dir.path().join("groot.csv");
    std::fs::write(&file, big).unwrap();

    // The database with the demo in it, as the server leaves it.
    let (_, store) = server::serving_store(&settings).await.unwrap();
    let before = emmen_count(&store).await;
    let version = store.version().await.unwrap();

    // Kill it sooner and later; every time the data is whole.
    let args = ["import", "--gemeente", "GM0114", file.to_str().unwrap()];
    let mut finished = false;
    for delay in [100, 300, 600, 1000, 1500, 2500, 4000] {
        let mut child = server(&settings, &args).spawn().unwrap();
        let started = Instant::now();
        while started.elapsed() < Duration::from_millis(delay) {
            if child.try_wait().unwrap().is_some() {
                break;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "after {delay} ms the import ended with {status}");
            finished = true;
        } else {
            child.kill().unwrap();
            child.wait().unwrap();
        }
        let store = Store::open(&settings.database).await.unwrap();
        let now = emmen_count(&store).await;
        assert!(now == before || now == ROWS, "after {delay} ms: {now} Emmen projects, expected {before} or {ROWS}");
        let changes = store.recent_changes(Some(&"GM0114".into()), 100_000).await.unwrap();
        let of_import = changes.iter().filter(|c| c.actor == "cli").count();
        assert_eq!(of_import, if now == ROWS { ROWS + before } else { 0 }, "the audit trail matches the data");
        if now == ROWS {
            assert!(store.version().await.unwrap() > version);
            finished = true;
            break;
        }
        assert_eq!(store.version().await.unwrap(), version, "nothing was committed");
    }
    if !finished {
        // Its own error, if any, in the failure's message.
        let alone = server(&settings, &args).stderr(Stdio::piped()).output().unwrap();
        assert!(alone.status.success(), "the import succeeds when left alone: {}", String::from_utf8_lossy(&alone.stderr));
        assert_eq!(emmen_count(&Store::open(&settings.database).await.unwrap()).await, ROWS);
    }
}
