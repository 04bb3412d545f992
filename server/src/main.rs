//! Starts the Publieke Woningbouwkaart: reads the configuration, opens the database, serves.
//! Other subcommands manage tokens and imports (see [`server::cli`]).

use leptos::config::get_configuration;
use server::cli::{self, Command};
use server::{app, load_state, page_cache, serve, Settings};

#[tokio::main]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()))
        .with_writer(std::io::stderr)
        .init();
    match run().await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("Fout: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let settings = Settings::from_env()?;
    match Command::parse(&args)? {
        Command::Serve => {
            let conf = get_configuration(None)?;
            let addr = conf.leptos_options.site_addr;
            let state = load_state(&settings, conf.leptos_options).await?;
            // Every connection is a file descriptor: take all the system allows (often 1,024 by
            // default, of a hard limit many times that).
            match rlimit::increase_nofile_limit(u64::MAX) {
                Ok(n) => tracing::info!("tot {n} open bestanden en verbindingen"),
                Err(e) => tracing::warn!("limiet op open bestanden niet te verhogen: {e}"),
            }
            let listener = tokio::net::TcpListener::bind(addr).await?;
            println!("De woningbouwkaart draait op http://{addr}");
            let live = state.live.clone();
            let site = app(state);
            page_cache::render_ahead(site.clone(), live.versions());
            serve::serve(listener, site, settings.limits, serve::stop_signal()).await;
        }
        other => cli::run(other, &settings).await?,
    }
    Ok(())
}
