//! `/`: the map, the filters, the list and the selected project. All state is in the URL.

use crate::api::ssr::{current_map, current_results, current_site, with_history};
use crate::api::SiteInfo;
use crate::components::filter_panel::{FilterPanel, FilterState};
use crate::components::map_view::MapView;
use crate::components::project_detail::ProjectDetail;
use crate::components::project_list::ProjectList;
use crate::components::site_header::{Section, SiteHeader};
use crate::components::totals::Totals;
use crate::islands::page_script::PageScript;
use crate::map::drawing::MapPreview;
use crate::url;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_location;

#[component]
pub fn MapPage() -> impl IntoView {
    let location = use_location();
    let query = Memo::new(move |_| location.search.get().trim_start_matches('?').to_owned());
    let site = current_site();
    // Outside the suspense, whose children may be rendered more than once: computed once.
    let results = current_results(&query.get_untracked());
    let map = current_map(&query.get_untracked(), &domain::Area::Province);
    view! {
        <div class="page">
            <a class="skip-link" href="#resultaten">"Direct naar de projecten"</a>
            <Suspense>
                {move || {
                    let (site, results, map) = (site.clone(), results.clone(), map.clone());
                    Suspend::new(async move {
                        let results = with_history(results).await;
                        let results = Memo::new(move |_| Some(results.clone()));
                        view! { <MapLayout site query results map /> }
                    })
                }}
            </Suspense>
            <PageScript />
        </div>
    }
}

#[component]
fn MapLayout(site: SiteInfo, query: Memo<String>, results: Memo<Option<crate::api::Results>>, map: Option<MapPreview>) -> impl IntoView {
    let location = use_location();
    let name = site.province.name.clone();
    let view_mode = move || url::get(&query.get(), url::VIEW).unwrap_or_else(|| "kaart".to_owned());
    let tab = move |mode: &'static str, label: &'static str| {
        let href = move || url::href(&location.pathname.get(), &url::with(&query.get(), url::VIEW, Some(mode)));
        view! {
            <a href=href aria-current=move || (view_mode() == mode).then_some("page")>{label}</a>
        }
    };
    let error = move || results.with(|r| r.as_ref().and_then(|r| r.error.clone()));
    let filter_query = Signal::derive(move || results.with(|r| r.as_ref().map(|r| r.filter_query.clone()).unwrap_or_default()));
    let filter_state =
        Memo::new(move |_| results.with(|r| r.as_ref().map(|r| FilterState { selected_options: r.selected_options.clone(), facets: r.facets.clone() })));
    view! {
        <Title text=format!("Publieke Woningbouwkaart {name}") />
        <SiteHeader site=site.clone() current=Section::Map filter_query>
            <h1>"Publieke Woningbouwkaart " <span class="province">{name.clone()}</span></h1>
            <p class="tagline">"Alle openbare woningbouwplannen: hoeveel woningen, welke prijsklasse, wie bouwt en wanneer."</p>
            {move || error().map(|e| view! { <p class="notice" role="alert">{e}</p> })}
        </SiteHeader>
        <div class="layout">
            <FilterPanel site=site.clone() query state=filter_state />
            <main id="resultaten" class="results">
                <Totals results />
                <nav class="view-tabs" id="weergave-keuze" data-swap aria-label="Weergave">
                    {tab("kaart", "Kaart")}
                    {tab("lijst", "Lijst")}
                </nav>
                <div class="panes" id="vensters" data-swap="attributes" data-view=view_mode>
                    <MapView site=site.clone() preview=map />
                    <ProjectList query results />
                </div>
            </main>
            <div id="detail" data-swap>
                <ProjectDetail query results />
            </div>
        </div>
        <footer class="site-footer">
            <p>{site.province.attribution.clone()}</p>
            <p>"Voor gemeenten: "<a href="/beheer">"gegevens aanleveren"</a></p>
        </footer>
    }
}
