//! Starts the Publieke Woningbouwkaart: reads the configuration, opens the database, serves.
//! Other subcommands manage tokens and imports (see [`server::cli`]).

use leptos::config::get_configuration;
use server::cli::{self, Command};
use server::{app, load_state, Settings};

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
            let listener = tokio::net::TcpListener::bind(addr).await?;
            println!("De woningbouwkaart draait op http://{addr}");
            axum::serve(listener, app(state)).await?;
        }
        other => cli::run(other, &settings).await?,
    }
    Ok(())
}
