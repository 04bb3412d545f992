//! `/`: the map, the filters, the list and the selected project. All state is in the URL.

use crate::components::filter_panel::{FilterFold, FilterPanel, FilterState};
use crate::components::map_view::MapView;
use crate::components::page_title::PageTitle;
use crate::components::place_search::PlaceSearch;
use crate::components::project_detail::ProjectDetail;
use crate::components::project_list::ProjectList;
use crate::components::site_footer::SiteFooter;
use crate::components::site_header::{Section, SiteHeader};
use crate::components::totals::{Downloads, Totals};
use crate::format;
use crate::islands::page_script::PageScript;
use crate::map::drawing::MapPreview;
use crate::page_data::build::{current_map_page, current_query, current_site, with_history};
use crate::page_data::{PageQuery, Results, SiteInfo};
use crate::url;
use leptos::prelude::*;
use leptos_meta::{Link, Meta};
use std::sync::Arc;

#[component]
pub fn MapPage() -> impl IntoView {
    let query = current_query();
    let site = current_site();
    // Outside the suspense, whose children may be rendered more than once: computed once.
    let (results, map) = current_map_page(&query, &domain::Area::Province);
    view! {
        <div class="page">
            <a class="skip-link" href="#resultaten">"Direct naar de projecten"</a>
            <Suspense>
                {move || {
                    let (site, query, results, map) = (site.clone(), query.clone(), results.clone(), map.clone());
                    Suspend::new(async move {
                        let results = Arc::new(with_history(results).await);
                        view! { <MapLayout site query results map /> }
                    })
                }}
            </Suspense>
            <PageScript />
        </div>
    }
}

#[component]
fn MapLayout(site: SiteInfo, query: Arc<PageQuery>, results: Arc<Results>, map: Option<MapPreview>) -> impl IntoView {
    let name = site.province.name.clone();
    let view_mode = query.get(url::VIEW).unwrap_or_else(|| "kaart".to_owned());
    let tab = |mode: &'static str, label: &'static str| {
        view! {
            <a href=query.with(url::VIEW, Some(mode)) aria-current=(view_mode == mode).then_some("page")>{label}</a>
        }
    };
    let error = results.error.clone().map(|e| view! { <p class="notice" role="alert">{e}</p> });
    let filter_state = FilterState { selected_options: results.selected_options.clone(), facets: results.facets.clone() };
    // A project's own page: its name in the title, its description for search engines and
    // shared links, and one canonical address whatever filter it was opened under.
    let head = match &results.selected {
        Some(d) => {
            let p = &d.project;
            let description = if p.description.trim().is_empty() {
                format!("{}: {} in {}, gemeente {}. {}.", p.name, format::homes(u64::from(p.total_homes())), p.place, d.municipality, p.status.label())
            } else {
                p.description.clone()
            };
            let canonical = format!("{}{}", site.origin, url::href("/", &url::with("", url::PROJECT, Some(p.id.as_str()))));
            view! {
                <PageTitle text=format!("{} · Publieke Woningbouwkaart {name}", p.name) />
                <Meta name="description" content=description />
                <Link rel="canonical" href=canonical />
            }
            .into_any()
        }
        None => view! {
            <PageTitle text=format!("Publieke Woningbouwkaart {name}") />
            <Meta name="description" content=format!("Alle openbare woningbouwprojecten in {name} op een kaart: aantallen, prijsklassen, ontwikkelaars en planning.") />
        }
        .into_any(),
    };
    // The place or project the map shows is what the search box says.
    let shown = query
        .get(url::PLACE)
        .and_then(|key| site.places.find(&key).map(|(_, p)| p.name.clone()))
        .or_else(|| results.selected.as_ref().map(|d| d.project.name.clone()))
        .unwrap_or_default();
    let search = view! { <PlaceSearch value=shown /> }.into_any();
    let filters = view! { <FilterPanel site=site.clone() query=query.clone() state=filter_state /> };
    let feed_title = format!("Nieuwe en gewijzigde woningbouwplannen in {name}");
    view! {
        {head}
        <Link rel="alternate" type_="application/atom+xml" title=feed_title href=url::feed_path(&domain::Area::Province) />
        <SiteHeader site=site.clone() current=Section::Map filter_query=results.filter_query.clone()>
            <h1>"Publieke Woningbouwkaart " <span class="province">{name.clone()}</span></h1>
            <p class="tagline">"Alle openbare woningbouwplannen: hoeveel woningen, welke prijsklasse, wie bouwt en wanneer."</p>
            {error}
        </SiteHeader>
        <div class="layout">
            <FilterFold chosen=results.selected_options.len()>{filters}</FilterFold>
            <main id="resultaten" class="results">
                <Totals results=results.clone() />
                <Downloads filter_query=results.filter_query.clone() />
                <nav class="view-tabs" id="weergave-keuze" data-swap aria-label="Weergave">
                    {tab("kaart", "Kaart")}
                    {tab("lijst", "Lijst")}
                </nav>
                <div class="panes" id="vensters" data-swap="attributes" data-view=view_mode.clone()>
                    <MapView site=site.clone() preview=map search />
                    <ProjectList query=query.clone() results=results.clone() />
                </div>
            </main>
            <div id="detail" data-swap>
                <ProjectDetail query results />
            </div>
        </div>
        <SiteFooter site />
    }
}
