//! The header every full page shares: the title, the site's sections, and the demo notice.

use crate::page_data::SiteInfo;
use crate::url;
use leptos::prelude::*;

/// Which section of the site a page is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Map,
    Figures,
    /// The embed builder.
    Embed,
    /// Where municipalities deliver their data (not in the sections' menu).
    Delivery,
    /// A page of no section (a page that was not found).
    Other,
}

#[component]
pub fn SiteHeader(
    site: SiteInfo,
    current: Section,
    /// The filter, carried over when switching section.
    #[prop(optional)]
    filter_query: String,
    children: Children,
) -> impl IntoView {
    let name = site.province.name.clone();
    let map_href = url::href("/", &filter_query);
    let figures_href = url::href("/regio", &url::without_area(&filter_query));
    view! {
        <header class="site-header" id="kop" data-swap>
            <div class="header-top">
                <p class="site-title">
                    <a href="/">"Publieke Woningbouwkaart " <span class="province">{name}</span></a>
                </p>
                <nav class="sections" aria-label="Onderdelen">
                    <a href=map_href aria-current=(current == Section::Map).then_some("page")>"Kaart"</a>
                    <a href=figures_href aria-current=(current == Section::Figures).then_some("page")>"Cijfers per regio"</a>
                    <a href="/embed/maken" aria-current=(current == Section::Embed).then_some("page")>"Op je eigen site"</a>
                </nav>
            </div>
            {children()}
            {site.demo.then(|| view! {
                <p class="demo-banner" role="note" data-testid="demo-banner">
                    <strong>"Demogegevens. "</strong>
                    "Deze site toont een demodataset. Projecten met ‘Voorbeeldplan’ in de naam zijn verzonnen; de andere komen uit openbare rapporten en staan bij hun kern (locatie bij benadering). Alle cijfers uit projecten zijn daarom voorbeeldcijfers."
                </p>
            })}
        </header>
    }
}
