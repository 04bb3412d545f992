//! One chart on a figures page: title, sentence, picture, table and CSV link.
//!
//! The server puts the chart in the page as SVG, so it is there before any script and with
//! JavaScript off, and the chart's data beside it. In the browser [`ChartCanvases`](crate::islands::charts::ChartCanvases) paints it
//! again with the same drawing code, on a canvas sized to the screen, and the SVG is hidden
//! (`data-painted`). The table holds the same numbers for keyboard and
//! screen-reader users, and the CSV link the same table as a file.

use crate::charts::{Cell, Chart};
use crate::codec::Embedded;
use leptos::prelude::*;

/// The chart as inline SVG: drawn on the server only.
#[cfg(feature = "ssr")]
fn server_svg(chart: &Chart) -> String {
    crate::charts::draw::svg(chart, 640)
}
#[cfg(not(feature = "ssr"))]
fn server_svg(_: &Chart) -> String {
    String::new()
}

#[component]
pub fn ChartFigure(
    chart: Chart,
    /// Makes the element ids unique when several areas are on one page.
    id_prefix: String,
    csv_href: String,
    /// The area the chart is about, so labels stay unique when several areas share a page.
    area_name: String,
    /// The heading level of the chart's title.
    #[prop(default = 3)]
    level: u8,
) -> impl IntoView {
    let title_id = format!("{id_prefix}-{}", chart.id);
    let svg = server_svg(&chart);
    let picture_label = format!("Grafiek: {}, {area_name}", chart.title);
    let title = chart.title.clone();
    let heading = match level {
        2 => view! { <h2 id=title_id.clone()>{title.clone()}</h2> }.into_any(),
        4 => view! { <h4 id=title_id.clone()>{title.clone()}</h4> }.into_any(),
        _ => view! { <h3 id=title_id.clone()>{title.clone()}</h3> }.into_any(),
    };
    let table = chart.table.clone();
    view! {
        <figure class="chart" aria-labelledby=title_id.clone() data-chart=chart.id.clone()>
            {heading}
            <p class="chart-summary">{chart.summary.clone()}</p>
            <div class="chart-svg" role="img" aria-label=picture_label.clone() inner_html=svg></div>
            <canvas class="chart-canvas" role="img" aria-label=picture_label></canvas>
            <Embedded id=format!("{title_id}-gegevens") value=chart.clone() />
            {chart.note.clone().map(|n| view! { <p class="chart-note">{n}</p> })}
            <details class="chart-table">
                <summary>"Toon de cijfers als tabel"</summary>
                // Focusable, so a keyboard can scroll a table wider than the screen.
                <div class="table-wrap" tabindex="0" role="region" aria-label=format!("Tabel: {}, {area_name}", chart.title)>
                    <table>
                        <caption>{title}</caption>
                        <thead>
                            <tr>{table.columns.iter().map(|c| view! { <th scope="col">{c.clone()}</th> }).collect_view()}</tr>
                        </thead>
                        <tbody>
                            {table
                                .rows
                                .iter()
                                .map(|row| {
                                    let cells = row
                                        .iter()
                                        .enumerate()
                                        .map(|(i, cell)| {
                                            let numeric = !matches!(cell, Cell::Text(_));
                                            if i == 0 {
                                                view! { <th scope="row">{cell.display()}</th> }.into_any()
                                            } else {
                                                view! { <td class:num=numeric>{cell.display()}</td> }.into_any()
                                            }
                                        })
                                        .collect_view();
                                    view! { <tr>{cells}</tr> }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                </div>
            </details>
            <p class="chart-download">
                <a href=csv_href download>"Download als CSV"</a>
            </p>
        </figure>
    }
}
