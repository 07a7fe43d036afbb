//! Reads configuration, opens the store, serves until Ctrl-C or SIGTERM.

#[tokio::main]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()))
        .init();
    let config = match backend::Config::load() {
        Ok(config) => config,
        Err(e) => {
            eprintln!("backend: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match run(config).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("backend: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run(config: backend::Config) -> Result<(), backend::StartError> {
    let bind = config.bind;
    let state = backend::AppState::new(config).await?;
    let listener = tokio::net::TcpListener::bind(bind).await?;
    tracing::info!("backend listening on http://{}", listener.local_addr()?);
    backend::serve(listener, state, shutdown_signal()).await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        tokio::signal::ctrl_c().await.ok();
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { () = ctrl_c => {}, () = term => {} }
}
