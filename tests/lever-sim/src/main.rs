//! `lever-sim [ADDR] [--redirect-uri URI]...`: the Lever simulator with the demo account.

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    tracing_subscriber::fmt().with_env_filter("info").init();
    let mut addr = "127.0.0.1:7400".to_owned();
    let mut redirect_uris = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--redirect-uri" => redirect_uris.extend(args.next()),
            other => other.clone_into(&mut addr),
        }
    }
    if redirect_uris.is_empty() {
        redirect_uris.push("http://127.0.0.1:7300/api/v1/lever/callback".to_owned());
    }
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    let running = lever_sim::spawn(listener, lever_sim::Seed::demo(redirect_uris))?;
    println!("Lever simulator on {}", running.base_url);
    running.task.await?;
    Ok(())
}
