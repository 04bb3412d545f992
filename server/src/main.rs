//! Starts the Publieke Woningbouwkaart: reads the configuration, loads the data, serves.

use leptos::config::get_configuration;
use server::{app, load_state, Settings};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()))
        .init();
    let conf = get_configuration(None)?;
    let addr = conf.leptos_options.site_addr;
    let settings = Settings::from_env()?;
    let state = load_state(&settings, conf.leptos_options).map_err(|e| {
        eprintln!("Kan niet starten: {e}");
        e
    })?;
    let listener = tokio::net::TcpListener::bind(addr).await?;
    println!("De woningbouwkaart draait op http://{addr}");
    axum::serve(listener, app(state)).await?;
    Ok(())
}
