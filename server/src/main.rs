//! Starts the Publieke Woningbouwkaart: reads the configuration, opens the database, serves.
//! Other subcommands manage tokens and imports (see [`server::cli`]).

use leptos::config::get_configuration;
use server::cli::{self, Command};
use server::{app, load_state, page_cache, serve, Settings};

fn main() -> std::process::ExitCode {
    limit_malloc_arenas();
    match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime.block_on(start()),
        Err(e) => {
            eprintln!("Fout: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// glibc's allocator gives threads up to eight arenas per core, and keeps what each one freed:
/// a process that had rendered one page and then read a 20 MB delivery peaked at 102 MB, of
/// which 8 MB was the page's freed memory kept in another arena. With one arena per core
/// (`MALLOC_ARENA_MAX`) the same delivery peaks at 93 MB (server/tests/hardening.rs). glibc
/// reads it only when a process starts, so a server started without it starts itself again
/// with it, in the same process (exec: the same pid for signals and supervisors). An operator's
/// own value is kept.
fn limit_malloc_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        use std::os::unix::process::CommandExt;
        const NAME: &str = "MALLOC_ARENA_MAX";
        if std::env::var_os(NAME).is_some() {
            return;
        }
        let Ok(program) = std::env::current_exe() else { return };
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get()).max(2);
        let error = std::process::Command::new(program).args(std::env::args_os().skip(1)).env(NAME, cores.to_string()).exec();
        // Only returns when it could not start: go on as we are.
        eprintln!("{NAME} niet gezet ({error}); de server draait zonder");
    }
}

async fn start() -> std::process::ExitCode {
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
