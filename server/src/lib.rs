#![recursion_limit = "512"]
//! The server of the Publieke Woningbouwkaart.
//!
//! - [`config`]: reads a province's configuration and geodata.
//! - [`demo`]: the seeded demo dataset generator.
//! - [`state`]: what every request can reach; [`Settings`] says where it comes from.
//! - [`api`]: the JSON API; [`features`]: projects as GeoJSON; [`responses`]: precompressed,
//!   cached response bodies.
//! - [`error`]: the one error type.
//!
//! [`app`] builds the whole router, pages and API, for `main` and for tests alike.

pub mod api;
pub mod config;
pub mod demo;
pub mod error;
pub mod features;
pub mod frames;
pub mod responses;
pub mod series;
pub mod state;
pub mod stats_api;

use app::api::Tiles;
use axum::http::{header, HeaderValue};
use axum::Router;
use domain::Catalog;
use leptos::config::LeptosOptions;
use leptos_axum::{generate_route_list, LeptosRoutes};
use responses::{Precompressed, ResponseCache};
use state::{AppState, Boundaries};
use std::path::PathBuf;
use std::sync::Arc;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::set_header::SetResponseHeaderLayer;

/// The PDOK BRT-Achtergrondkaart, grey, in Web Mercator.
pub const PDOK_GRIJS: &str = "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/grijs/EPSG:3857/{z}/{x}/{y}.png";

/// Where the server's data and settings come from (environment variables, see the README).
#[derive(Debug, Clone)]
pub struct Settings {
    pub province: PathBuf,
    pub demo: PathBuf,
    pub demo_scale: f64,
    pub tiles: Option<String>,
    /// Who may frame `/embed`: `*` or origins separated by spaces (see [`frames`]).
    pub embed_origins: String,
}

impl Settings {
    /// Reads `WONINGBOUW_*` variables, with the Drenthe demo as the default.
    pub fn from_env() -> Result<Self, error::Error> {
        let province = std::env::var_os("WONINGBOUW_PROVINCIE")
            .map_or_else(|| PathBuf::from("config/drenthe/provincie.toml"), PathBuf::from);
        let demo = std::env::var_os("WONINGBOUW_DEMO")
            .map_or_else(|| province.with_file_name("demo.toml"), PathBuf::from);
        let demo_scale = match std::env::var("WONINGBOUW_DEMO_SCHAAL") {
            Ok(v) => v.parse().ok().filter(|s: &f64| *s > 0.0).ok_or_else(|| {
                error::Error::config("WONINGBOUW_DEMO_SCHAAL", "(omgevingsvariabele)", format!("'{v}' is geen positief getal"))
            })?,
            Err(_) => 1.0,
        };
        let tiles = match std::env::var("WONINGBOUW_TEGELS").as_deref() {
            Ok("uit") | Ok("") => None,
            Ok(url) => Some(url.to_owned()),
            Err(_) => Some(PDOK_GRIJS.to_owned()),
        };
        let embed_origins = std::env::var("WONINGBOUW_EMBED_TOEGESTAAN").unwrap_or_else(|_| "*".to_owned());
        Ok(Self { province, demo, demo_scale, tiles, embed_origins })
    }
}

/// Loads configuration and data; any problem stops here with a message naming file and field.
pub fn load_state(settings: &Settings, leptos_options: LeptosOptions) -> Result<AppState, error::Error> {
    let province = config::load(&settings.province)?;
    let demo = demo::load(&settings.demo)?;
    let projects = demo::generate(&province, &demo, &settings.demo, settings.demo_scale)?;
    let catalog = Arc::new(Catalog::new(province.province.clone(), projects, true));
    tracing::info!(
        "{}: {} openbare projecten, {} woningen",
        province.province.name,
        catalog.projects().len(),
        catalog.projects().iter().map(|p| u64::from(p.total_homes())).sum::<u64>()
    );
    let boundaries = Arc::new(Boundaries {
        municipalities: Precompressed::new(province.municipality_boundaries.clone(), responses::GEOJSON),
        regions: Precompressed::new(province.region_boundaries.clone(), responses::GEOJSON),
        province: Precompressed::new(province.province_boundary.clone(), responses::GEOJSON),
        areas: province.area_boundaries.iter().map(|(area, bytes)| (area.clone(), Precompressed::new(bytes.clone(), responses::GEOJSON))).collect(),
    });
    let tiles = settings.tiles.clone().map(|url| Tiles {
        url,
        attribution: "Achtergrondkaart: Kadaster / PDOK (BRT-Achtergrondkaart), CC BY 4.0.".to_owned(),
    });
    let sites = Arc::new(app::api::ssr::Sites::new(catalog.clone(), tiles));
    let frames = frames::FramePolicy::new(&settings.embed_origins)?;
    Ok(AppState {
        leptos_options,
        catalog,
        responses: ResponseCache::new(512),
        boundaries,
        sites,
        frames,
    })
}

/// The whole site: pages (server-rendered, hydrated), server functions, API and static files.
pub fn app(state: AppState) -> Router {
    let routes = generate_route_list(app::App);
    let catalog = state.catalog.clone();
    let sites = state.sites.clone();
    let context = move || {
        leptos::prelude::provide_context(catalog.clone());
        leptos::prelude::provide_context(sites.clone());
    };
    let options = state.leptos_options.clone();
    Router::new()
        .merge(api::routes())
        .merge(stats_api::routes())
        .leptos_routes_with_context(&state, routes, context, {
            let options = options.clone();
            move || app::shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(app::shell))
        // Pages and server-function answers are compressed on the fly (a figures page is
        // ~300 KB of HTML with its SVG charts, ~40 KB brotli). The API's precompressed bodies
        // already carry a Content-Encoding, which this layer leaves alone.
        .layer(CompressionLayer::new().quality(CompressionLevel::Precise(5)))
        .layer(axum::middleware::from_fn_with_state(state.frames.clone(), frames::set_frame_policy))
        .layer(SetResponseHeaderLayer::if_not_present(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
        .layer(SetResponseHeaderLayer::if_not_present(header::REFERRER_POLICY, HeaderValue::from_static("strict-origin-when-cross-origin")))
        .with_state(state)
}
