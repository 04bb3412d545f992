//! Accepting connections and stopping gracefully.
//!
//! `axum::serve` gives hyper no timer, so a connection that never sends a whole request (or sits
//! idle after one) is kept for ever; a thousand of them used up the process's file descriptors
//! and the server refused everyone. Here every connection is HTTP/1.1 with hyper's header read
//! timeout, which also closes a keep-alive connection that stays idle that long; an accept that
//! fails (no file descriptors left) waits a moment and tries again instead of ending the loop;
//! and a stop signal (SIGTERM, SIGINT) closes the listener, lets requests in flight finish
//! (bounded by [`Limits::grace`]) and returns, so the process exits 0. A delivery cut off by the
//! end of the grace period is rolled back by the database: its transaction never commits.

use axum::http::{HeaderName, HeaderValue};
use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use std::future::Future;
use std::net::IpAddr;
use std::time::Duration;
use tokio::net::TcpListener;
use tower_http::set_header::SetResponseHeaderLayer;

/// The address of the client a request came from: the connection's peer, or, when the peer is
/// this machine (a proxy in front), the last address the proxy added to `X-Forwarded-For`.
/// Absent for requests the server makes to itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddress(pub IpAddr);

impl ClientAddress {
    fn of(peer: IpAddr, headers: &axum::http::HeaderMap) -> ClientAddress {
        if peer.is_loopback() {
            let forwarded = headers
                .get_all("x-forwarded-for")
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(','))
                .filter_map(|a| a.trim().parse::<IpAddr>().ok())
                .next_back();
            if let Some(address) = forwarded {
                return ClientAddress(address);
            }
        }
        ClientAddress(peer)
    }

    /// The request's client, when it came over a connection.
    pub fn from_parts(parts: &axum::http::request::Parts) -> Option<IpAddr> {
        parts.extensions.get::<ClientAddress>().map(|c| c.0)
    }
}

/// HTTP/1.1 requires exactly one `Host` (RFC 9112 §3.2): a request without one, or with two, is
/// a 400, as a proxy in front would answer it.
fn host_error(request: &axum::extract::Request) -> Option<axum::response::Response> {
    use axum::response::IntoResponse;
    let hosts = request.headers().get_all(axum::http::header::HOST).iter().count();
    (request.version() == axum::http::Version::HTTP_11 && hosts != 1).then(|| {
        let message = if hosts == 0 { "verzoek zonder Host-header" } else { "verzoek met meer dan één Host-header" };
        (axum::http::StatusCode::BAD_REQUEST, message).into_response()
    })
}

/// How long connections may take and how long a stop waits.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Time for a client to send a request's headers, and the longest idle time between two
    /// requests on one connection.
    pub header_read: Duration,
    /// Time requests in flight get to finish after a stop signal.
    pub grace: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { header_read: Duration::from_secs(10), grace: Duration::from_secs(10) }
    }
}

/// Serves `app` on `listener` until `stop` completes, then finishes what is in flight.
pub async fn serve(listener: TcpListener, app: Router, limits: Limits, stop: impl Future<Output = ()>) {
    // Tells clients how long an idle connection stays open (RFC 9112's Keep-Alive hint), so one
    // that keeps a pool (Node's, for one) does not send its next request into a connection we
    // are just closing.
    let hint = HeaderValue::from_str(&format!("timeout={}", limits.header_read.as_secs().max(1))).expect("digits are a valid header value");
    let app = app.layer(SetResponseHeaderLayer::if_not_present(HeaderName::from_static("keep-alive"), hint));
    let graceful = GracefulShutdown::new();
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder.timer(TokioTimer::new()).header_read_timeout(limits.header_read).keep_alive(true);
    let mut stop = std::pin::pin!(stop);
    let mut failed_accepts = 0u64;
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, peer)) => (stream, peer.ip()),
                Err(e) => {
                    // Most likely out of file descriptors (EMFILE): connections that time out
                    // free them, so wait a moment and accept again.
                    failed_accepts += 1;
                    if failed_accepts.is_power_of_two() {
                        tracing::warn!("verbinding niet aangenomen ({failed_accepts}× tot nu toe): {e}");
                    }
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    continue;
                }
            },
            () = &mut stop => break,
        };
        let app = app.clone();
        let service = TowerToHyperService::new(tower::service_fn(move |request: hyper::Request<hyper::body::Incoming>| {
            let app = app.clone();
            let mut request = request.map(axum::body::Body::new);
            async move {
                if let Some(refused) = host_error(&request) {
                    return Ok(refused);
                }
                let client = ClientAddress::of(peer, request.headers());
                request.extensions_mut().insert(client);
                tower::ServiceExt::oneshot(app, request).await
            }
        }));
        let connection = graceful.watch(builder.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            // A client that goes away or times out ends its connection; nothing to report.
            let _ = connection.await;
        });
    }
    drop(listener);
    tracing::info!("stopsignaal: geen nieuwe verbindingen; lopende verzoeken worden afgemaakt (hooguit {} s)", limits.grace.as_secs());
    match tokio::time::timeout(limits.grace, graceful.shutdown()).await {
        Ok(()) => tracing::info!("alle verzoeken afgehandeld; gestopt"),
        Err(_) => {
            tracing::warn!("na {} s liepen er nog verzoeken; gestopt zonder ze af te maken (een onvoltooide levering is teruggedraaid)", limits.grace.as_secs())
        }
    }
}

/// Completes at SIGTERM or SIGINT (Ctrl-C).
pub async fn stop_signal() {
    let interrupt = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::warn!("SIGINT niet af te vangen: {e}");
            std::future::pending::<()>().await;
        }
    };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(e) => {
                tracing::warn!("SIGTERM niet af te vangen: {e}");
                std::future::pending::<()>().await;
            }
        }
    };
    tokio::select! {
        () = interrupt => tracing::info!("SIGINT ontvangen"),
        () = terminate => tracing::info!("SIGTERM ontvangen"),
    }
}
