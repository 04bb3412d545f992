//! The app on a free port, for the tests that call it over HTTP.
#![allow(dead_code)]

use domain::Confidentiality;
use reqwest::header;
use server::{load_state, Settings};
use std::path::Path;

pub struct TestApp {
    pub base: String,
    pub client: reqwest::Client,
    pub hidden_ids: Vec<String>,
    pub public_count: usize,
}

impl TestApp {
    pub async fn start() -> TestApp {
        Self::start_with(|_| {}).await
    }

    /// The app with the Drenthe demo and settings changed by `change`.
    pub async fn start_with(change: impl FnOnce(&mut Settings)) -> TestApp {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut settings = Settings {
            province: root.join("config/drenthe/provincie.toml"),
            demo: root.join("config/drenthe/demo.toml"),
            demo_scale: 1.0,
            tiles: None,
            embed_origins: "*".to_owned(),
        };
        change(&mut settings);
        let options = leptos::config::LeptosOptions::builder()
            .output_name("woningbouwkaart")
            .site_root(root.join("target/site").to_string_lossy().into_owned())
            .build();
        let state = load_state(&settings, options).expect("the Drenthe configuration loads");
        // The same generator, to know which projects must never appear.
        let province = server::config::load(&settings.province).unwrap();
        let demo = server::demo::load(&settings.demo).unwrap();
        let all = server::demo::generate(&province, &demo, &settings.demo, 1.0).unwrap();
        let hidden_ids: Vec<String> = all
            .iter()
            .filter(|p| p.confidentiality != Confidentiality::Openbaar)
            .map(|p| p.id.to_string())
            .collect();
        assert!(!hidden_ids.is_empty(), "the demo has non-public plans to test with");
        let public_count = state.catalog.projects().len();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, server::app(state)).await.unwrap() });
        let client = reqwest::Client::builder().no_gzip().no_brotli().build().unwrap();
        TestApp { base: format!("http://{addr}"), client, hidden_ids, public_count }
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(format!("{}{path}", self.base)).send().await.unwrap()
    }

    pub async fn features(&self, path: &str) -> geojson::FeatureCollection {
        let res = self.get(path).await;
        assert_eq!(res.status(), 200, "{path}");
        assert_eq!(res.headers()[header::CONTENT_TYPE], "application/geo+json");
        res.text().await.unwrap().parse().expect("valid GeoJSON FeatureCollection")
    }
}

