//! Serves the fixture ProvenBase site: `fixture-site [ADDR]` (default 127.0.0.1:7500).

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let addr = std::env::args().nth(1).unwrap_or_else(|| "127.0.0.1:7500".into());
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    println!("fixture ProvenBase site on http://{}", listener.local_addr()?);
    fixture_site::serve(listener).await
}
