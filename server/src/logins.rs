//! Failed logins per client: counted, logged (never the token), and after a burst answered 429.
//!
//! A token is 256 random bits, so guessing one is hopeless; what a flood of wrong tokens does is
//! cost the database a lookup each, unseen unless it is logged. Each client (its address; an IPv6 address by its /64) has a window
//! of [`WINDOW`]: its first failure is logged, and so is the moment it passes [`BURST`]
//! failures, after which its failed attempts get 429 with `Retry-After` until the window ends.
//! A valid token is checked first and always works, so a municipality's own token is never
//! locked out, not even from a client that also sent wrong ones.
//!
//! The table is bounded ([`MAX_CLIENTS`]): a flood from many addresses starts it again rather
//! than growing it.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long a client's failures are counted together.
pub const WINDOW: Duration = Duration::from_secs(60);
/// Failures within a window after which a client's failed attempts are answered 429.
pub const BURST: u32 = 20;
/// Clients kept at once.
const MAX_CLIENTS: usize = 10_000;

/// What a failed attempt means for its client.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Answer 401.
    Unauthorized,
    /// Answer 429; the window ends after this long.
    TooMany(Duration),
}

#[derive(Default)]
pub struct FailedLogins {
    clients: Mutex<HashMap<IpAddr, Window>>,
}

struct Window {
    started: Instant,
    failures: u32,
}

impl FailedLogins {
    /// Counts a failed attempt by `client` (unknown: not counted) at `now`, logs what is worth
    /// logging, and says how to answer it.
    pub fn failed(&self, client: Option<IpAddr>, now: Instant) -> Verdict {
        let Some(client) = client.map(key) else { return Verdict::Unauthorized };
        let mut clients = self.clients.lock().unwrap_or_else(|e| e.into_inner());
        if clients.len() >= MAX_CLIENTS && !clients.contains_key(&client) {
            clients.retain(|_, w| now.duration_since(w.started) < WINDOW);
            if clients.len() >= MAX_CLIENTS {
                clients.clear();
            }
        }
        let window = clients.entry(client).or_insert(Window { started: now, failures: 0 });
        if now.duration_since(window.started) >= WINDOW {
            *window = Window { started: now, failures: 0 };
        }
        window.failures += 1;
        let failures = window.failures;
        let remaining = WINDOW.saturating_sub(now.duration_since(window.started));
        drop(clients);
        if failures == 1 {
            tracing::warn!(client = %client, "mislukte aanmelding (onbekend of ingetrokken token)");
        } else if failures == BURST + 1 || (failures > BURST && failures.is_power_of_two()) {
            tracing::warn!(client = %client, failures, "{failures} mislukte aanmeldingen binnen {} s; verdere pogingen krijgen 429", WINDOW.as_secs());
        }
        if failures > BURST {
            Verdict::TooMany(remaining.max(Duration::from_secs(1)))
        } else {
            Verdict::Unauthorized
        }
    }
}

/// The client an address stands for: an IPv6 address by its /64 (one subscriber's network).
fn key(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let s = v6.segments();
                IpAddr::V6(std::net::Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
            }
        },
        v4 => v4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_from_one_client_is_answered_429_until_its_window_ends() {
        let logins = FailedLogins::default();
        let (a, b): (IpAddr, IpAddr) = ("192.0.2.1".parse().unwrap(), "192.0.2.2".parse().unwrap());
        let start = Instant::now();
        for _ in 0..BURST {
            assert_eq!(logins.failed(Some(a), start), Verdict::Unauthorized);
        }
        assert!(matches!(logins.failed(Some(a), start + Duration::from_secs(10)), Verdict::TooMany(d) if d == Duration::from_secs(50)));
        // Another client is not held to the first one's count.
        assert_eq!(logins.failed(Some(b), start), Verdict::Unauthorized);
        // A new window starts afresh.
        assert_eq!(logins.failed(Some(a), start + WINDOW), Verdict::Unauthorized);
        // Without an address (a request from inside the server), nothing is counted.
        for _ in 0..2 * BURST {
            assert_eq!(logins.failed(None, start), Verdict::Unauthorized);
        }
    }

    #[test]
    fn an_ipv6_client_is_its_network_and_the_table_stays_bounded() {
        let logins = FailedLogins::default();
        let start = Instant::now();
        for i in 0..=BURST {
            let address: IpAddr = format!("2001:db8:1:2::{i:x}").parse().unwrap();
            let verdict = logins.failed(Some(address), start);
            assert_eq!(verdict == Verdict::Unauthorized, i < BURST, "attempt {i}");
        }
        for i in 0..(MAX_CLIENTS as u32 + 10) {
            logins.failed(Some(IpAddr::V4(std::net::Ipv4Addr::from(0x0a00_0000 + i))), start);
        }
        assert!(logins.clients.lock().unwrap().len() <= MAX_CLIENTS);
    }
}
