//! The HTML document and the routes: rendered on the server only.

use crate::components::page_title::PageTitle;
use crate::{assets, components, pages};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

/// Leptos's island loader starts the WASM when the browser is idle (`requestIdleCallback`
/// without a deadline): after the page has loaded, and in a busy page, or a frame inside another
/// site's page, late or never (the browser tests saw embeds that never hydrated). Here the map
/// is the page's main content, so its island starts as soon as the page is parsed: every idle
/// callback of the page gets a deadline of 1 ms. First in the `<head>`, before any stylesheet,
/// so that this inline script does not wait for one.
pub const IDLE_DEADLINE: &str = "if (window.requestIdleCallback) { const idle = window.requestIdleCallback.bind(window); window.requestIdleCallback = (callback, options) => idle(callback, Object.assign({ timeout: 1 }, options)); }";

/// The HTML document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="nl">
            <head>
                <meta charset="utf-8" />
                <script>{IDLE_DEADLINE}</script>
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <link rel="icon" href=assets::path("/favicon.svg") type="image/svg+xml" />
                <link rel="stylesheet" href=assets::path("/vendor/leaflet/leaflet.css") />
                // Leaflet first: deferred and module scripts run in document order.
                <script defer src=assets::path("/vendor/leaflet/leaflet.js")></script>
                <components::map_view::PointsPreload />
                <AutoReload options=options.clone() />
                <HydrationScripts options islands=true root=assets::prefix() />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Stylesheet id="leptos" href=assets::path("/pkg/woningbouwkaart.css") />
        <PageTitle text="Publieke Woningbouwkaart" />
        <Router>
            <Routes fallback=|| view! { <pages::not_found::NotFoundPage /> }>
                // Async: the whole page is rendered before it is sent, so it is complete with JavaScript off.
                <Route path=path!("/") view=pages::map_page::MapPage ssr=SsrMode::Async />
                <Route path=path!("/regio") view=pages::area_page::AreaPage ssr=SsrMode::Async />
                <Route path=path!("/regio/:id") view=pages::area_page::AreaPage ssr=SsrMode::Async />
                <Route path=path!("/gemeente/:code") view=pages::area_page::AreaPage ssr=SsrMode::Async />
                <Route path=path!("/embed") view=pages::embed_page::EmbedPage ssr=SsrMode::Async />
                <Route path=path!("/embed/maken") view=pages::embed_builder::EmbedBuilderPage ssr=SsrMode::Async />
                <Route path=path!("/prijsklassen") view=pages::price_classes::PriceClassesPage />
                <Route path=path!("/toegankelijkheid") view=pages::accessibility::AccessibilityPage />
                <Route path=path!("/zoeken") view=pages::search_page::SearchPage />
            </Routes>
        </Router>
    }
}
