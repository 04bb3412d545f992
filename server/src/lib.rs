#![recursion_limit = "512"]
//! The server of the Publieke Woningbouwkaart.
//!
//! - [`config`]: reads a province's configuration and geodata.
//! - [`demo`]: the seeded demo dataset generator.
//! - [`store`]: the database (SQLite or PostgreSQL): projects, tokens, audit trail.
//! - [`live`]: the public data of the latest version, rebuilt once per change.
//! - [`state`]: what every request can reach; [`Settings`] says where it comes from.
//! - [`api`]: the JSON API; [`features`]: projects as GeoJSON; [`gazetteer`]: places as GeoJSON;
//!   [`responses`]: precompressed,
//!   cached response bodies; [`page_cache`]: the public pages, rendered once per version (the
//!   map's ahead of its first visitor).
//! - Open data: [`ogc`] (OGC API Features at `/api/v1`, with [`rd_new`] for RD New),
//!   [`openapi`] and [`filter_schema`], [`downloads`], [`feeds`], [`sitemap`], [`cors`].
//! - [`logins`]: failed logins per client, logged and after a burst answered 429.
//! - [`manage`]: the authenticated API where municipalities deliver data; [`import`]: reading
//!   and checking a delivery.
//! - [`well_known`]: `/.well-known/security.txt`, when the province configures one.
//! - [`cli`]: the subcommands (tokens, imports from the command line).
//! - [`serve`]: accepting connections (with time limits) and stopping gracefully.
//! - [`static_files`]: the build's JS, WASM and CSS and Leaflet, at versioned addresses.
//! - [`frames`], [`security`]: the Content-Security-Policy (who may frame a page, what it may
//!   run and load) and the other security headers.
//! - [`error`]: the one error type.
//!
//! [`app`] builds the whole router, pages and API, for `main` and for tests alike.

pub mod api;
pub mod backdrop;
pub mod bodies;
pub mod cli;
pub mod config;
pub mod cors;
pub mod delivery_page;
pub mod demo;
pub mod downloads;
pub mod error;
pub mod features;
pub mod feeds;
pub mod filter_schema;
pub mod frames;
pub mod gazetteer;
pub mod import;
pub mod live;
pub mod logins;
pub mod manage;
pub mod ogc;
pub mod openapi;
pub mod page_cache;
pub mod rd_new;
pub mod responses;
pub mod security;
pub mod serve;
pub mod sitemap;
pub mod state;
pub mod static_files;
pub mod stats_api;
pub mod stats_json;
pub mod store;
pub mod well_known;

use app::map::Tiles;
use app::page_data::SiteSettings;
use axum::http::{header, HeaderValue};
use axum::Router;
use leptos::config::LeptosOptions;
use leptos_axum::{generate_route_list, LeptosRoutes};
use live::Live;
use state::{AppState, Boundaries};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::set_header::SetResponseHeaderLayer;

/// Every `/api` answer's version of the API (the Dutch API Design Rules' `API-Version`).
const API_VERSION: header::HeaderName = header::HeaderName::from_static("api-version");

/// The PDOK BRT-Achtergrondkaart, grey, in Web Mercator.
pub const PDOK_GRIJS: &str = "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/grijs/EPSG:3857/{z}/{x}/{y}.png";

/// Where the server's data and settings come from (environment variables, see the README).
#[derive(Debug, Clone)]
pub struct Settings {
    pub province: PathBuf,
    /// The demo dataset's tables, loaded into an empty database; `None`: start empty.
    pub demo: Option<PathBuf>,
    pub demo_scale: f64,
    /// `sqlite://…` or `postgres://…`.
    pub database: String,
    /// How often to look for changes written by other instances.
    pub refresh: Duration,
    /// The largest request body (an import), in bytes.
    pub upload_limit: usize,
    pub tiles: Option<String>,
    /// Who may frame `/embed`: `*` or origins separated by spaces (see [`frames`]).
    pub embed_origins: String,
    /// Time limits of connections and of a graceful stop.
    pub limits: serve::Limits,
    /// The address the public reaches the site at (`WONINGBOUW_ADRES`, `https://kaart.example.nl`),
    /// for absolute links that must not follow a request's `Host`; without it, where the
    /// server listens.
    pub public_origin: Option<String>,
}

impl Settings {
    /// Reads `WONINGBOUW_*` variables, with the Drenthe demo as the default.
    pub fn from_env() -> Result<Self, error::Error> {
        let province = std::env::var_os("WONINGBOUW_PROVINCIE").map_or_else(|| PathBuf::from("config/drenthe/provincie.toml"), PathBuf::from);
        let demo = match std::env::var_os("WONINGBOUW_DEMO") {
            Some(v) if v == "uit" => None,
            Some(v) => Some(PathBuf::from(v)),
            None => Some(province.with_file_name("demo.toml")),
        };
        let demo_scale = positive("WONINGBOUW_DEMO_SCHAAL", 1.0)?;
        let database = match std::env::var("DATABASE_URL") {
            Ok(url) if !url.is_empty() => url,
            _ => {
                let file = std::env::var("WONINGBOUW_DATABASE").unwrap_or_else(|_| "data/woningbouwkaart.sqlite".to_owned());
                format!("sqlite://{file}?mode=rwc")
            }
        };
        let refresh = Duration::from_secs_f64(positive("WONINGBOUW_VERVERS", 2.0)?);
        let upload_limit = (positive("WONINGBOUW_MAX_UPLOAD_MB", 20.0)? * 1024.0 * 1024.0) as usize;
        let tiles = match std::env::var("WONINGBOUW_TEGELS").as_deref() {
            Ok("uit") | Ok("") => None,
            Ok(url) => Some(url.to_owned()),
            Err(_) => Some(PDOK_GRIJS.to_owned()),
        };
        let embed_origins = std::env::var("WONINGBOUW_EMBED_TOEGESTAAN").unwrap_or_else(|_| "*".to_owned());
        let defaults = serve::Limits::default();
        let limits = serve::Limits {
            header_read: Duration::from_secs_f64(positive("WONINGBOUW_WACHTTIJD_VERBINDING", defaults.header_read.as_secs_f64())?),
            grace: Duration::from_secs_f64(positive("WONINGBOUW_WACHTTIJD_STOP", defaults.grace.as_secs_f64())?),
        };
        let public_origin = match std::env::var("WONINGBOUW_ADRES") {
            Ok(v) if !v.trim().is_empty() => {
                let origin = v.trim().trim_end_matches('/').to_owned();
                if !app::embed::is_plain_origin(&origin) {
                    return Err(error::Error::config(
                        "WONINGBOUW_ADRES",
                        "(omgevingsvariabele)",
                        format!("'{v}' is geen adres als https://kaart.example.nl (schema en host, zonder pad)"),
                    ));
                }
                Some(origin)
            }
            _ => None,
        };
        Ok(Self { province, demo, demo_scale, database, refresh, upload_limit, tiles, embed_origins, limits, public_origin })
    }
}

/// A positive number from the environment variable `name`, or `default` when it is not set.
fn positive(name: &str, default: f64) -> Result<f64, error::Error> {
    match std::env::var(name) {
        Ok(v) => v
            .parse()
            .ok()
            .filter(|n: &f64| *n > 0.0 && n.is_finite())
            .ok_or_else(|| error::Error::config(name, "(omgevingsvariabele)", format!("'{v}' is geen positief getal"))),
        Err(_) => Ok(default),
    }
}

/// Opens the database with the province's configuration. Any problem stops here with a message
/// naming file and field. Writes nothing: the command-line tools use this too, and must never
/// fill a database with the demo.
pub async fn open_store(settings: &Settings) -> Result<(config::LoadedProvince, store::Store), error::Error> {
    let province = config::load(&settings.province)?;
    let store = store::Store::open(&settings.database).await?;
    Ok((province, store))
}

/// The server's store: opened, the demo dataset loaded into it when it is empty and a demo is
/// configured, and checked to hold only this province's projects (a database of another
/// province, or one seeded with the wrong demo, stops the server with what it found).
/// A database that does not answer yet is waited for, so an instance started during an outage
/// serves as soon as it is back.
pub async fn serving_store(settings: &Settings) -> Result<(config::LoadedProvince, store::Store), error::Error> {
    let province = config::load(&settings.province)?;
    let store = loop {
        match store::Store::open(&settings.database).await {
            Ok(store) => break store,
            Err(error::Error::Unavailable(e)) => {
                tracing::warn!("database nog niet bereikbaar ({e}); nieuwe poging over 2 s");
                tokio::time::sleep(Duration::from_secs(2)).await;
            }
            Err(e) => return Err(e),
        }
    };
    if let Some(path) = &settings.demo {
        let demo = demo::load(path)?;
        let projects = demo::generate(&province, &demo, path, settings.demo_scale)?;
        if store.seed_demo(projects).await? {
            tracing::info!("lege database: demogegevens geladen");
        }
    }
    let foreign: Vec<(String, i64)> =
        store.municipalities().await?.into_iter().filter(|(code, _)| province.province.municipality(&code.as_str().into()).is_none()).collect();
    if !foreign.is_empty() {
        let count: i64 = foreign.iter().map(|(_, n)| n).sum();
        let examples: Vec<String> = foreign.iter().take(5).map(|(code, n)| format!("{code}: {n}")).collect();
        return Err(error::Error::config(
            &settings.province,
            "gemeenten",
            format!(
                "de database ({}) bevat {count} project(en) van gemeenten die niet in {} liggen ({}): \
                 hoort deze database bij een andere provincie? Kies de juiste database (WONINGBOUW_DATABASE of DATABASE_URL) of provincie (WONINGBOUW_PROVINCIE)",
                store::redact(&settings.database),
                province.province.name,
                examples.join(", ")
            ),
        ));
    }
    Ok((province, store))
}

/// Loads configuration and data; any problem stops here with a message naming file and field.
pub async fn load_state(settings: &Settings, leptos_options: LeptosOptions) -> Result<AppState, error::Error> {
    let (province, store) = serving_store(settings).await?;
    let boundaries = Arc::new(Boundaries::new(&province));
    // The site's files first: their version is part of every page's addresses, and so of the
    // loader script whose hash the Content-Security-Policy allows.
    let site = if leptos_options.env == leptos::config::Env::DEV {
        static_files::Site::empty()
    } else {
        let root = std::path::Path::new(&*leptos_options.site_root);
        static_files::Site::load(root).map_err(|e| error::Error::config(root, "(bestanden van de site)", e.to_string()))?
    };
    if site.paths().next().is_some() {
        app::assets::set_version(site.version());
    }
    let tiles = settings.tiles.clone().map(|url| Tiles { url, attribution: "Achtergrondkaart: Kadaster / PDOK (BRT-Achtergrondkaart), CC BY 4.0.".to_owned() });
    let scripts = security::inline_scripts(&leptos_options);
    let frames = frames::FramePolicy::new(&settings.embed_origins)?.with_content_policy(&security::content_policy(&scripts, settings.tiles.as_deref()))?;
    let live = Arc::new(
        Live::new(
            store,
            province.province.clone(),
            SiteSettings {
                tiles,
                contact: province.contact.clone(),
                places: province.gazetteer.clone(),
                origin: settings.public_origin.clone().unwrap_or_else(|| format!("http://{}", leptos_options.site_addr)),
            },
        )
        .await?,
    );
    let catalog = live.current().catalog.clone();
    tracing::info!(
        "{}: {} openbare projecten, {} woningen",
        catalog.province().name,
        catalog.projects().len(),
        catalog.projects().iter().map(|p| u64::from(p.total_homes())).sum::<u64>()
    );
    live.clone().watch(settings.refresh);
    let backdrops = Arc::new(backdrop::backdrops(&province));
    Ok(AppState {
        leptos_options,
        live,
        boundaries,
        backdrops,
        province: Arc::new(province),
        frames,
        upload_limit: settings.upload_limit,
        site: Arc::new(site),
        logins: Default::default(),
        renderers: Arc::new(page_cache::renderers()),
        public_origin: settings.public_origin.clone(),
    })
}

/// The app's routes, generated once per process. Generating them runs the app with resource
/// loading switched off for the whole process (a global flag in leptos_server), and a page
/// whose data first loads during that time never gets it (leptos issue #4773): one server
/// generates once before it serves, but the tests start many apps side by side, and their
/// pages hung now and then until this.
fn route_list() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> = std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(app::App)).clone()
}

/// The whole site: pages (server-rendered, their islands hydrated), the API and static files.
pub fn app(state: AppState) -> Router {
    let routes = route_list();
    let live = state.live.clone();
    let backdrops = state.backdrops.clone();
    // Every page renders from the snapshot that is current when its request comes in.
    let context = move || {
        let snapshot = live.current();
        // The page's query, read once for the whole page.
        if let Some(parts) = leptos::prelude::use_context::<axum::http::request::Parts>() {
            let query = app::page_data::PageQuery::read(parts.uri.path(), parts.uri.query().unwrap_or(""), snapshot.catalog.province());
            leptos::prelude::provide_context(Arc::new(query));
        }
        leptos::prelude::provide_context(snapshot.catalog.clone());
        leptos::prelude::provide_context(snapshot.sites.clone());
        leptos::prelude::provide_context(backdrops.clone());
        leptos::prelude::provide_context(snapshot.histories.clone() as Arc<dyn app::page_data::build::StatusHistories>);
    };
    let options = state.leptos_options.clone();
    // The public data endpoints send bytes that were compressed once, for every request alike:
    // no compression layer and no per-request middleware on their path (the frame policy of
    // every page that is not the embed is a fixed header). Measured with wrk on 1k projects
    // (49 KB brotli, wrk -t2 -c32): 49k → 57k requests/s.
    // Any other origin may read them (CORS), and a path under /api that is none of them is a
    // JSON 404 rather than the site's page.
    let data = api::routes()
        .merge(stats_api::routes())
        .merge(ogc::routes())
        .merge(openapi::routes())
        .merge(downloads::routes())
        .merge(sitemap::routes())
        .merge(feeds::routes())
        .merge(well_known::routes())
        .route("/api/{*rest}", axum::routing::any(api::unknown))
        .route("/api/", axum::routing::any(api::unknown))
        .route("/api", axum::routing::any(api::unknown))
        .layer(cors::public())
        .layer(SetResponseHeaderLayer::overriding(header::CONTENT_SECURITY_POLICY, frames::FramePolicy::OTHER))
        .layer(SetResponseHeaderLayer::overriding(API_VERSION, HeaderValue::from_static(openapi::API_VERSION)));
    let pages = Router::new()
        .merge(
            manage::routes()
                .layer(axum::extract::DefaultBodyLimit::max(state.upload_limit))
                // A municipality's plans, confidential ones too, and answers that change with
                // every delivery: never kept by a browser or proxy.
                .layer(SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, HeaderValue::from_static("no-store")))
                .layer(SetResponseHeaderLayer::overriding(API_VERSION, HeaderValue::from_static(openapi::API_VERSION))),
        )
        .merge(delivery_page::routes(state.upload_limit))
        .leptos_routes_with_context(&state, routes, context.clone(), {
            let options = options.clone();
            move || app::shell(options.clone())
        })
        // A static file, or the page not found with the site's header.
        .fallback(leptos_axum::file_and_error_handler_with_context::<AppState, _>(context, app::shell))
        // Pages are compressed on the fly (a figures page is ~300 KB of HTML with its SVG
        // charts, ~40 KB brotli). Static files have .br and .gz beside them, which this layer
        // leaves alone.
        .layer(CompressionLayer::new().quality(CompressionLevel::Precise(5)))
        // Public pages rendered once per data version and URL, compressed once.
        .layer(axum::middleware::from_fn_with_state(state.clone(), |axum::extract::State(state): axum::extract::State<AppState>, request, next| async move {
            let snapshot = state.snapshot();
            page_cache::serve_cached(&snapshot.pages, snapshot.catalog.province(), &state.renderers, request, next).await
        }))
        .layer(axum::middleware::from_fn_with_state(state.frames.clone(), frames::set_frame_policy));
    Router::new()
        .merge(data)
        .merge(static_files::routes(state.site.clone()))
        .merge(pages)
        .layer(SetResponseHeaderLayer::if_not_present(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
        .layer(SetResponseHeaderLayer::if_not_present(header::REFERRER_POLICY, HeaderValue::from_static("strict-origin-when-cross-origin")))
        .with_state(state)
}
