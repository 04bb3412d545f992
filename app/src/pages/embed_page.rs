//! `/embed`: the map, list or figures of one municipality or region (or the whole province),
//! made to sit in an iframe on a municipality's own site, from 280 px wide.
//!
//! The same components as the full site, without its header and footer. The presets come from
//! the URL (see [`crate::embed`]); the area and the switches stay fixed while residents filter.
//! `/embed-hoogte.js` tells the host page the content height (see the README).

use crate::charts::build;
use crate::components::chart_figure::ChartFigure;
use crate::components::filter_panel::{FilterPanel, FilterState, LockedFilters};
use crate::components::map_view::MapView;
use crate::components::page_title::PageTitle;
use crate::components::project_detail::ProjectDetail;
use crate::components::project_list::ProjectList;
use crate::components::totals::Totals;
use crate::embed::{self, EmbedOptions, EmbedView};
use crate::format;
use crate::islands::charts::ChartCanvases;
use crate::islands::page_script::PageScript;
use crate::map::drawing::MapPreview;
use crate::page_data::build::{current_area, current_embed, current_map_page, current_query, with_history};
use crate::page_data::{AreaPage, PageQuery, Results, SiteInfo};
use crate::url;
use domain::Area;
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub fn EmbedPage() -> impl IntoView {
    let query = current_query();
    // The area the URL fixes (every link in the embed keeps it).
    let (options, site) = current_embed(&query);
    // Outside the suspense, whose children may be rendered more than once: computed once.
    let (results, map) = current_map_page(&query, &options.area);
    view! {
        <div class="embed">
            <Suspense>
                {move || {
                    let (site, options, query, results, map) = (site.clone(), options.clone(), query.clone(), results.clone(), map.clone());
                    Suspend::new(async move {
                        let results = Arc::new(with_history(results).await);
                        view! { <EmbedLayout site options query results map /> }
                    })
                }}
            </Suspense>
            <PageScript />
            <script src=crate::assets::path("/embed-hoogte.js") defer></script>
        </div>
    }
}

#[component]
fn EmbedLayout(site: SiteInfo, options: EmbedOptions, query: Arc<PageQuery>, results: Arc<Results>, map: Option<MapPreview>) -> impl IntoView {
    provide_context(url::Fixed(options.fixed()));
    let title = embed::title(&site.province, &options.area);
    let area = options.area.clone();
    let view_mode = options.view;
    let tab = |mode: EmbedView| {
        view! {
            // Another view has other islands (the map, the charts): the page is loaded anew.
            <a href=query.with(url::VIEW, Some(mode.slug())) data-reload aria-current=(view_mode == mode).then_some("page")>{mode.label()}</a>
        }
    };
    let full_site = options.full_site_href(&query.raw);
    let error = results.error.clone().map(|e| view! { <p class="notice" role="alert">{e}</p> });
    let filters = if options.filters {
        // What the resident chose, not what the embed fixes.
        let fixed = options.fixed();
        let chosen = results.selected_options.iter().filter(|o| !fixed.contains(o)).count();
        let area_fixed = options.area != Area::Province;
        let state = FilterState { selected_options: results.selected_options.clone(), facets: results.facets.clone() };
        view! {
            <details class="embed-filters">
                <summary>"Filters" <span id="filters-gekozen" data-swap>{(chosen > 0).then(|| format!(" ({chosen} gekozen)"))}</span></summary>
                <FilterPanel site=site.clone() query=query.clone() state area_fixed />
            </details>
        }
        .into_any()
    } else {
        view! { <LockedFilters query=query.clone() /> }.into_any()
    };
    let mut map_site = site.clone();
    if !options.tiles {
        map_site.tiles = None;
    }
    let attribution = site.province.attribution.clone();
    let pane = match view_mode {
        EmbedView::Map => view! { <MapView site=map_site area=area.clone() preview=map /> }.into_any(),
        EmbedView::List => view! { <ProjectList query=query.clone() results=results.clone() /> }.into_any(),
        EmbedView::Figures => view! { <EmbedFigures area=area.clone() province=site.province.clone() query=query.clone() /> <ChartCanvases /> }.into_any(),
    };
    view! {
        <PageTitle text=format!("{title} · Publieke Woningbouwkaart") />
        // One main landmark named after the embed (the host page has its own main), no header or
        // footer landmarks.
        <main class="embed-body" aria-labelledby="embed-titel">
        <div class="embed-header">
            <h1 id="embed-titel">{title}</h1>
            {site.demo.then(|| view! {
                <p class="demo-note" role="note" data-testid="demo-banner">
                    <strong>"Demogegevens: "</strong>
                    "projecten met ‘Voorbeeldplan’ in de naam zijn verzonnen, de cijfers zijn voorbeeldcijfers."
                </p>
            })}
            <nav class="view-tabs" id="weergave-keuze" data-swap aria-label="Weergave">
                {EmbedView::ALL.into_iter().map(tab).collect_view()}
            </nav>
        </div>
        {filters}
        <div id="resultaten" class="embed-main">
            <div id="embed-melding" data-swap>{error}</div>
            <Totals results=results.clone() />
            <div id="detail" data-swap>
                <ProjectDetail query results nested=true />
            </div>
            {pane}
        </div>
        <div class="embed-footer" id="embed-voet" data-swap>
            <p><a href=full_site target="_top" data-testid="full-site">"Bekijk op de volledige kaart"</a></p>
            // The map pane shows the attribution itself.
            {(view_mode != EmbedView::Map).then(|| view! { <p class="attribution">{attribution}</p> })}
        </div>
        </main>
    }
}

/// The area's key charts, when residents choose "Cijfers".
#[component]
fn EmbedFigures(area: Area, province: domain::Province, query: Arc<PageQuery>) -> impl IntoView {
    let page = current_area(&area, &query);
    view! {
        <section class="embed-figures" id="embed-cijfers" data-swap aria-label="Cijfers">
            {match page {
                Some(page) => figures(&page, &province).into_any(),
                None => view! { <p class="error" role="alert">"Dit gebied heeft geen cijfers."</p> }.into_any(),
            }}
        </section>
    }
}

fn figures(page: &AreaPage, province: &domain::Province) -> impl IntoView {
    let stats = &page.stats;
    let area_name = province.area_name(&stats.area);
    let full = url::href(&url::area_page(&stats.area), &page.filter_query);
    view! {
        <p class="key-figures">
            {format!("{} projecten met {}.", format::number(u64::from(stats.summary.projects)), format::homes(stats.summary.homes))}
        </p>
        {build::compact(stats)
            .into_iter()
            .map(|chart| {
                let csv_href = url::chart_csv(&stats.area, &chart.id, &page.filter_query);
                view! { <ChartFigure chart id_prefix=url::area_slug(&stats.area) csv_href area_name=area_name.clone() level=2 /> }
            })
            .collect_view()}
        <p><a href=full target="_top">"Alle cijfers van " {area_name.clone()} " op de volledige site"</a></p>
    }
}
