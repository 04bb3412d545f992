//! The headers that tell a browser what our pages may do: a Content-Security-Policy that allows
//! scripts from this site and exactly the inline scripts the pages carry (by hash, so a cached
//! page stays valid and an injected script does not run), no plugins, no foreign base or form
//! targets, images from this site and the tile server; a Permissions-Policy that switches off
//! what a map has no use for; and, on every page but the embed, a Cross-Origin-Opener-Policy.
//! Who may frame a page is [`crate::frames`]'s part of the policy.

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use leptos::config::LeptosOptions;
use leptos::prelude::*;
use sha2::{Digest, Sha256};

/// Features a housing map never uses.
/// (Only features Chromium knows: it reports an unknown one as an error in the console.)
pub const PERMISSIONS: &str = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), midi=()";

/// The policy's directives besides `frame-ancestors`, for pages whose inline scripts are
/// `scripts` and whose background tiles come from the template `tiles`.
pub fn content_policy(scripts: &[String], tiles: Option<&str>) -> String {
    let hashes: Vec<String> = scripts.iter().map(|s| format!("'sha256-{}'", BASE64.encode(Sha256::digest(s.as_bytes())))).collect();
    let tile_host = tiles.and_then(tile_origin).map(|o| format!(" {o}")).unwrap_or_default();
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {}; style-src 'self' 'unsafe-inline'; img-src 'self' data:{tile_host}; \
         connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'",
        hashes.join(" ")
    )
}

/// Leptos's bookkeeping for streamed resources (`hydration_context`'s `pending_data`), as every
/// page of ours carries it: empty, because islands serialize no resources and the pages raise no
/// errors. A page that ever serialized one would have its script refused, and the browser test
/// that opens every kind of page under the policy would say so.
const LEPTOS_BOOKKEEPING: [&str; 2] =
    ["__RESOLVED_RESOURCES=[];__SERIALIZED_ERRORS=[];__PENDING_RESOURCES=[];__RESOURCE_RESOLVERS=[];", "__INCOMPLETE_CHUNKS=[];"];

/// The inline scripts of our pages: Leptos's hydration loader (and its reload script when the
/// site runs under `cargo leptos watch`), rendered here as the pages render them, its resource
/// bookkeeping, and our own.
pub fn inline_scripts(options: &LeptosOptions) -> Vec<String> {
    let rendered = Owner::new().with(|| {
        let options = options.clone();
        view! {
            <AutoReload options=options.clone() />
            <HydrationScripts options islands=true root=app::assets::prefix() />
        }
        .to_html()
    });
    let mut scripts = script_bodies(&rendered);
    scripts.extend(LEPTOS_BOOKKEEPING.iter().chain(app::INLINE_SCRIPTS.iter()).map(|s| (*s).to_owned()));
    scripts
}

/// The text of every `<script>` without `src` in `html`.
fn script_bodies(html: &str) -> Vec<String> {
    let mut bodies = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after = &rest[start..];
        let Some(open_end) = after.find('>') else { break };
        let tag = &after[..open_end];
        let Some(close) = after[open_end..].find("</script>") else { break };
        if !tag.contains(" src=") {
            bodies.push(after[open_end + 1..open_end + close].to_owned());
        }
        rest = &after[open_end + close..];
    }
    bodies
}

/// The origin of a tile URL template (`https://service.pdok.nl/…/{z}/{x}/{y}.png`), with a
/// `{s}` subdomain as a wildcard.
fn tile_origin(template: &str) -> Option<String> {
    let (scheme, rest) = template.split_once("://")?;
    let host = rest.split('/').next()?.replace("{s}", "*");
    (matches!(scheme, "https" | "http") && !host.is_empty() && !host.contains(['{', '}', ' ', ';', '\''])).then(|| format!("{scheme}://{host}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_scripts_are_found_and_hashed() {
        let html = r#"<script type="module" nonce="">a && b</script><script defer src="/x.js"></script><script>c</script>"#;
        assert_eq!(script_bodies(html), ["a && b", "c"]);
        let policy = content_policy(&["c".to_owned()], Some(crate::PDOK_GRIJS));
        // echo -n c | openssl dgst -sha256 -binary | base64
        assert!(policy.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-Ln0sA6lQeuJl7PW1NWiFpTOTogKdJBOUmXJloaJa78Y=';"), "{policy}");
        assert!(policy.contains("img-src 'self' data: https://service.pdok.nl;"), "{policy}");
        assert!(policy.contains("object-src 'none'") && policy.contains("base-uri 'self'"));
    }

    #[test]
    fn tile_origins() {
        assert_eq!(tile_origin("https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png").as_deref(), Some("https://*.tile.openstreetmap.org"));
        assert_eq!(tile_origin("https://x.nl'; script-src *").as_deref(), None);
        assert_eq!(tile_origin("ftp://x.nl/{z}"), None);
    }

    #[test]
    fn our_inline_scripts_are_in_the_list() {
        let options = LeptosOptions::builder().output_name("woningbouwkaart").build();
        let scripts = inline_scripts(&options);
        assert!(scripts.iter().any(|s| s.contains("woningbouwkaart")), "Leptos's loader: {scripts:?}");
        assert!(scripts.iter().any(|s| s == app::INLINE_SCRIPTS[0]));
    }
}
