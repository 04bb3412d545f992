//! `/regio`, `/regio/{id}` and `/gemeente/{code}`: the figures of the province (its regions side
//! by side), of one region (its municipalities compared) or of one municipality, under the same
//! filters as the map. All state is in the URL.

use crate::charts::build;
use crate::components::chart_figure::ChartFigure;
use crate::components::filter_panel::{FilterFold, FilterPanel, FilterState};
use crate::components::page_title::PageTitle;
use crate::components::site_footer::SiteFooter;
use crate::components::site_header::{Section, SiteHeader};
use crate::format;
use crate::islands::charts::ChartCanvases;
use crate::islands::page_script::PageScript;
use crate::page_data::build::{area_of_path, current_area, current_query, current_site};
use crate::page_data::{AreaPage, PageQuery, SiteInfo};
use crate::url;
use domain::{Area, AreaStats, Province};
use leptos::prelude::*;
use leptos_meta::{Link, Meta};
use std::sync::Arc;

#[component]
pub fn AreaPage() -> impl IntoView {
    let query = current_query();
    let site = current_site();
    let page =
        area_of_path(&query.path, &site.province).and_then(|area| current_area(&area, &query).ok_or_else(|| "Dit gebied heeft geen cijfers.".to_owned()));
    match page {
        Ok(page) => view! {
            <div class="page">
                <a class="skip-link" href="#cijfers">"Direct naar de cijfers"</a>
                <AreaLayout site query page />
                <PageScript />
            </div>
        }
        .into_any(),
        Err(what) => view! { <crate::pages::not_found::NotFoundPage what /> }.into_any(),
    }
}

fn heading(province: &Province, area: &Area) -> String {
    match area {
        Area::Province => format!("Woningbouw in {}: de regio's naast elkaar", province.name),
        Area::Region(_) => format!("Woningbouw in regio {}", province.area_name(area)),
        Area::Municipality(_) => format!("Woningbouw in de gemeente {}", province.area_name(area)),
    }
}

#[component]
fn AreaLayout(site: SiteInfo, query: Arc<PageQuery>, page: AreaPage) -> impl IntoView {
    let province = site.province.clone();
    let title = heading(&province, &page.area);
    let state = FilterState { selected_options: page.selected_options.clone(), facets: page.facets.clone() };
    let error = page.error.clone().map(|e| view! { <p class="notice" role="alert">{e}</p> });
    let crumbs = breadcrumbs(&province, &page.area, &page.filter_query);
    let filter_query = page.filter_query.clone();
    let chosen = state.selected_options.len();
    let filters = view! { <FilterPanel site=site.clone() query state area_fixed=true /> };
    let feed = url::feed_path(&page.area);
    let feed_title = format!("Nieuwe en gewijzigde woningbouwplannen in {}", province.area_name(&page.area));
    view! {
        <PageTitle text=format!("{title} · Publieke Woningbouwkaart") />
        <Meta name="description" content=format!("{title}: de cijfers uit alle openbare woningbouwplannen, in grafieken en tabellen.") />
        <Link rel="alternate" type_="application/atom+xml" title=feed_title href=feed.clone() />
        <SiteHeader site=site.clone() current=Section::Figures filter_query>
            {crumbs}
            <h1>{title.clone()}</h1>
            <p class="feed-link"><a href=feed type="application/atom+xml">"Volg nieuwe en gewijzigde plannen (Atom-feed)"</a></p>
            {error}
        </SiteHeader>
        <div class="layout figures-layout">
            <FilterFold chosen>{filters}</FilterFold>
            <main id="cijfers" class="figures" data-swap><AreaFigures page province /></main>
        </div>
        <ChartCanvases />
        <SiteFooter site />
    }
}

fn breadcrumbs(province: &Province, area: &Area, filter_query: &str) -> impl IntoView {
    let mut trail = vec![(Area::Province, province.name.clone())];
    if let Area::Municipality(code) = area {
        if let Some(region) = province.region_of(code) {
            trail.push((Area::Region(region.id.clone()), format!("Regio {}", region.name)));
        }
    }
    (*area != Area::Province).then(|| {
        view! {
            <nav class="breadcrumbs" aria-label="Kruimelpad">
                {trail
                    .into_iter()
                    .map(|(a, name)| {
                        let href = url::href(&url::area_page(&a), filter_query);
                        view! { <a href=href>{name}</a> " › " }
                    })
                    .collect_view()}
            </nav>
        }
    })
}

/// The link to the map with the page's filter and this area chosen.
fn map_link(area: &Area, filter_query: &str) -> String {
    let query = match url::area_param(area) {
        Some((key, value)) => url::with(filter_query, &key, Some(&value)),
        None => filter_query.to_owned(),
    };
    url::href("/", &query)
}

fn key_figures(stats: &AreaStats, filter_query: &str) -> impl IntoView {
    view! {
        <p class="key-figures" data-area=url::area_slug(&stats.area)>
            <strong data-testid="area-projects">{format::number(u64::from(stats.summary.projects))}</strong>
            " projecten met "
            <strong data-testid="area-homes">{format::number(stats.summary.homes)}</strong>
            " woningen. "
            <a href=map_link(&stats.area, filter_query)>"Bekijk op de kaart"</a>
        </p>
    }
}

#[component]
fn AreaFigures(page: AreaPage, province: Province) -> impl IntoView {
    let stats = &page.stats;
    let q = page.filter_query.clone();
    let figure = |chart: crate::charts::Chart, area: &Area, level: u8| {
        let csv_href = url::chart_csv(area, &chart.id, &q);
        let area_name = province.area_name(area);
        view! { <ChartFigure chart id_prefix=url::area_slug(area) csv_href area_name level /> }
    };
    let side_by_side = (!page.regions.is_empty()).then(|| {
        view! {
            <section class="side-by-side" aria-labelledby="naast-elkaar">
                <h2 id="naast-elkaar">"De regio's naast elkaar"</h2>
                <div class="region-columns">
                    {page
                        .regions
                        .iter()
                        .zip(build::side_by_side(&page.regions))
                        .map(|(r, charts)| {
                            let href = url::href(&url::area_page(&r.area), &q);
                            let slug = match &r.area {
                                Area::Region(id) => id.to_string(),
                                _ => String::new(),
                            };
                            view! {
                                <article class="region-column" data-region=slug>
                                    <h3><a href=href>{format!("Regio {}", r.name)}</a></h3>
                                    {key_figures(r, &q)}
                                    {charts.into_iter().map(|c| figure(c, &r.area, 4)).collect_view()}
                                </article>
                            }
                        })
                        .collect_view()}
                </div>
            </section>
        }
    });
    let all_title = match stats.area {
        Area::Province => format!("{} als geheel", stats.name),
        _ => format!("Alle cijfers voor {}", stats.name),
    };
    let published = build::published(stats, &province);
    let municipalities = match &stats.area {
        Area::Region(_) => Some(
            stats
                .parts
                .iter()
                .map(|p| {
                    let href = url::href(&url::area_page(&p.area), &q);
                    view! { <li><a href=href>{p.name.clone()}</a></li> }
                })
                .collect_view(),
        ),
        _ => None,
    };
    view! {
        {key_figures(stats, &q)}
        {municipalities.map(|items| view! {
            <nav class="area-links" aria-label="Gemeenten in deze regio"><ul>{items}</ul></nav>
        })}
        {stats.withheld_homes.map(|n| view! {
            <p class="withheld" data-testid="withheld">
                {format!("Daarnaast {} in plannen die (nog) niet openbaar zijn. Dit totaal staat los van de filters en zit niet in de cijfers hierboven of hieronder.", format::homes(n))}
            </p>
        })}
        {side_by_side}
        <section class="all-charts" aria-labelledby="alle-cijfers">
            <h2 id="alle-cijfers">{all_title}</h2>
            <div class="chart-grid">
                {build::project_charts(stats).into_iter().map(|c| figure(c, &stats.area, 3)).collect_view()}
            </div>
        </section>
        {(!published.is_empty()).then(|| view! {
            <section class="published" aria-labelledby="gepubliceerd">
                <h2 id="gepubliceerd">"Cijfers van de provincie zelf"</h2>
                <p>"Deze cijfers publiceert de provincie in haar eigen rapportage. Ze komen niet uit de projecten op deze kaart, tellen niet mee in de cijfers hierboven en veranderen niet met de filters."</p>
                <div class="chart-grid">
                    {published.into_iter().map(|c| figure(c, &stats.area, 3)).collect_view()}
                </div>
            </section>
        })}
    }
}
