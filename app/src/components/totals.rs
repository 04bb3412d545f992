//! The headline figures of the current selection, and the selection to download.

use crate::format;
use crate::page_data::Results;
use domain::PriceClass;
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub fn Totals(results: Arc<Results>) -> impl IntoView {
    let summary = &results.summary;
    let bar = PriceClass::ALL
        .iter()
        .map(|&c| {
            let count = summary.class(c);
            let share = if summary.homes > 0 { count as f64 * 100.0 / summary.homes as f64 } else { 0.0 };
            let text = format!("{}: {}", c.label(), format::homes(count));
            let title = text.clone();
            view! {
                <li class=format!("c-{}", c.slug()) style=format!("width:{share:.2}%") hidden=count == 0 title=title>
                    <span class="visually-hidden">{text}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="totals" id="totalen" data-swap role="status" aria-live="polite">
            <p class="headline">
                <strong data-testid="total-projects">{format::number(u64::from(summary.projects))}</strong>
                " projecten met "
                <strong data-testid="total-homes">{format::number(summary.homes)}</strong>
                " woningen"
                {results.classes_filtered.then_some(" in de gekozen prijsklassen")}
            </p>
            <ul class="class-bar" aria-label="Woningen per prijsklasse">{bar}</ul>
        </div>
    }
    .into_any()
}

/// The selection as files: a CSV for a spreadsheet and GeoJSON for a GIS program, with the
/// page's own filter (see the server's `downloads.rs`).
#[component]
pub fn Downloads(filter_query: String) -> impl IntoView {
    let link = |extension: &str| crate::url::href(&format!("/api/v1/projecten.{extension}"), &filter_query);
    view! {
        <p class="downloads" id="downloads" data-swap>
            "Download deze selectie: "
            <a href=link("csv") download data-testid="download-csv">"CSV (Excel)"</a>
            " · "
            <a href=link("geojson") download data-testid="download-geojson">"GeoJSON"</a>
        </p>
    }
}
