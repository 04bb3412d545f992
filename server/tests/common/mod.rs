//! The app on a free port, for the tests that call it over HTTP.
//!
//! Every app gets a database of its own: a new SQLite file, or, when `WONINGBOUW_TEST_POSTGRES`
//! holds the URL of a PostgreSQL server (`postgres://user:pw@127.0.0.1/postgres`), a new
//! database there. So the whole suite runs against either backend.
#![allow(dead_code)]

use domain::Confidentiality;
use reqwest::header;
use server::store::Store;
use server::{load_state, Settings};
use std::path::Path;
use std::time::Duration;

pub struct TestApp {
    pub base: String,
    pub client: reqwest::Client,
    pub hidden_ids: Vec<String>,
    pub public_count: usize,
    /// The app's database, for tokens and checks behind the API's back.
    pub store: Store,
    /// Its public data and caches, for checks behind the API's back.
    pub live: std::sync::Arc<server::live::Live>,
    pub settings: Settings,
    _dir: tempfile::TempDir,
}

/// A database nobody else uses: its URL.
pub async fn fresh_database(dir: &Path) -> String {
    match std::env::var("WONINGBOUW_TEST_POSTGRES") {
        Ok(admin) if !admin.is_empty() => {
            use sqlx::Connection;
            sqlx::any::install_default_drivers();
            let name = format!("test_{}", dir.file_name().unwrap().to_string_lossy().to_lowercase().replace(|c: char| !c.is_ascii_alphanumeric(), "_"));
            let mut conn = sqlx::AnyConnection::connect(&admin).await.expect("the PostgreSQL test server");
            sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}"))).execute(&mut conn).await.unwrap();
            let (base, _) = admin.rsplit_once('/').expect("a database in the URL");
            format!("{base}/{name}")
        }
        _ => format!("sqlite://{}?mode=rwc", dir.join("woningbouw.sqlite").display()),
    }
}

/// Settings for the Drenthe demo on a database of its own.
pub async fn test_settings(dir: &Path) -> Settings {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    Settings {
        province: root.join("config/drenthe/provincie.toml"),
        demo: Some(root.join("config/drenthe/demo.toml")),
        demo_scale: 1.0,
        database: fresh_database(dir).await,
        refresh: Duration::from_millis(200),
        upload_limit: 1024 * 1024,
        tiles: None,
        embed_origins: "*".to_owned(),
        limits: server::serve::Limits::default(),
        public_origin: Some("https://kaart.example.nl".to_owned()),
    }
}

impl TestApp {
    pub async fn start() -> TestApp {
        Self::start_with(|_| {}).await
    }

    /// The app with the Drenthe demo and settings changed by `change`.
    pub async fn start_with(change: impl FnOnce(&mut Settings)) -> TestApp {
        let dir = tempfile::tempdir().unwrap();
        let mut settings = test_settings(dir.path()).await;
        Self::serve(settings_changed(&mut settings, change), dir).await
    }

    /// Another server instance on the same database as `self`.
    pub async fn second_instance(&self) -> TestApp {
        let dir = tempfile::tempdir().unwrap();
        Self::serve(self.settings.clone(), dir).await
    }

    /// The app with exactly `settings` (any province, with or without the demo), its files in
    /// `dir`.
    pub async fn serve(settings: Settings, dir: tempfile::TempDir) -> TestApp {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let options =
            leptos::config::LeptosOptions::builder().output_name("woningbouwkaart").site_root(root.join("target/site").to_string_lossy().into_owned()).build();
        let state = load_state(&settings, options).await.expect("the configuration loads");
        let store = state.live.store().clone();
        let live = state.live.clone();
        // The same generator, to know which projects must never appear.
        let hidden_ids: Vec<String> = match &settings.demo {
            Some(demo_path) => {
                let province = server::config::load(&settings.province).unwrap();
                let demo = server::demo::load(demo_path).unwrap();
                let all = server::demo::generate(&province, &demo, demo_path, 1.0).unwrap();
                let hidden: Vec<String> = all.iter().filter(|p| p.confidentiality != Confidentiality::Openbaar).map(|p| p.id.to_string()).collect();
                assert!(!hidden.is_empty(), "the demo has non-public plans to test with");
                hidden
            }
            None => Vec::new(),
        };
        let public_count = state.snapshot().catalog.projects().len();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        // The server's own accept loop, with its time limits, as in production.
        let limits = settings.limits;
        let site = server::app(state);
        server::page_cache::render_ahead(site.clone(), live.versions());
        tokio::spawn(server::serve::serve(listener, site, limits, std::future::pending()));
        // A request that never gets an answer fails the test with its path instead of holding
        // up the whole run (CI stops at 90 minutes). Pages did hang now and then while another
        // test started its app (see `route_list` in the server); the timeout stays as a guard.
        let client = reqwest::Client::builder().no_gzip().no_brotli().timeout(std::time::Duration::from_secs(90)).build().unwrap();
        TestApp { base: format!("http://{addr}"), client, hidden_ids, public_count, store, live, settings, _dir: dir }
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(format!("{}{path}", self.base)).send().await.unwrap_or_else(|e| panic!("GET {path}: {e}"))
    }

    /// A page that must be there, as HTML without the markers hydration leaves between text
    /// parts (`<!>`).
    pub async fn page(&self, path: &str) -> String {
        let res = self.get(path).await;
        assert_eq!(res.status(), 200, "{path}");
        res.text().await.unwrap().replace("<!>", "")
    }

    pub async fn features(&self, path: &str) -> geojson::FeatureCollection {
        let res = self.get(path).await;
        assert_eq!(res.status(), 200, "{path}");
        assert_eq!(res.headers()[header::CONTENT_TYPE], "application/geo+json");
        res.text().await.unwrap().parse().expect("valid GeoJSON FeatureCollection")
    }
}

/// The `frame-ancestors` directive of a response's Content-Security-Policy (pages send more
/// directives before it; the data endpoints only this one).
pub fn frame_ancestors(response: &reqwest::Response) -> String {
    let policy = response.headers()[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    policy.rsplit("; ").next().unwrap().to_owned()
}

fn settings_changed(settings: &mut Settings, change: impl FnOnce(&mut Settings)) -> Settings {
    change(settings);
    settings.clone()
}

/// The server binary with `settings` in its environment, run in the workspace (for its static
/// files), without tiles, its output to nowhere.
pub fn server_command(settings: &server::Settings, args: &[&str]) -> std::process::Command {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_server"));
    command
        .args(args)
        .current_dir(&root)
        .env("WONINGBOUW_PROVINCIE", &settings.province)
        .env("DATABASE_URL", &settings.database)
        .env("WONINGBOUW_TEGELS", "uit")
        .env("LEPTOS_OUTPUT_NAME", "woningbouwkaart")
        .env("LEPTOS_SITE_ROOT", root.join("target/site"))
        .env("RUST_LOG", "info")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null());
    match &settings.demo {
        Some(demo) => command.env("WONINGBOUW_DEMO", demo),
        None => command.env("WONINGBOUW_DEMO", "uit"),
    };
    command
}
