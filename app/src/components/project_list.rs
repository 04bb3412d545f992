//! The filtered projects as a list: sortable, keyboard-navigable, in step with the map.
//!
//! Each row is a link to the same page with `project=<id>`, so selecting works with JavaScript
//! off too. In the browser the arrow keys move between rows and the selected row scrolls into
//! view ([`crate::navigation`]).

use crate::components::filter_panel::FORM_ID;
use crate::format;
use crate::page_data::{PageQuery, Results, Row, PAGE_SIZE};
use crate::url;
use domain::{SortKey, SortOrder};
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub fn ProjectList(query: Arc<PageQuery>, results: Arc<Results>) -> impl IntoView {
    let selected_id = results.selected.as_ref().map(|d| d.project.id.to_string());
    let sort_select = |name: &'static str, label: &'static str, current: &str, options: Vec<(&'static str, &'static str)>| {
        let options = options.into_iter().map(|(slug, text)| view! { <option value=slug selected=current == slug>{text}</option> }).collect_view();
        view! {
            <label>
                {if label.is_empty() { view! { <span class="visually-hidden">"Volgorde"</span> }.into_any() } else { label.into_any() }}
                <select name=name form=FORM_ID>{options}</select>
            </label>
        }
    };
    let more = (results.total_rows > results.shown).then(|| {
        let next = (results.shown + PAGE_SIZE).to_string();
        let left = results.total_rows - results.shown;
        view! { <a class="more" href=query.with(url::SHOWN, Some(&next))>{format!("Toon meer ({} nog niet getoond)", format::number(left as u64))}</a> }
    });
    let empty = (results.total_rows == 0).then(|| {
        let clear_href = query.cleared(&url::Fixed::current());
        view! {
            <div class="empty" role="status">
                <p>"Geen projecten gevonden met deze filters."</p>
                <p><a href=clear_href>"Wis alle filters"</a>" of kies minder filters tegelijk."</p>
            </div>
        }
    });
    let rows = results
        .rows
        .iter()
        .map(|row| {
            let selected = selected_id.as_deref() == Some(row.id.as_str());
            view! { <ProjectRow row=row.clone() href=query.with(url::PROJECT, Some(&row.id)) selected /> }
        })
        .collect_view();
    view! {
        <section class="list" id="lijst" data-swap aria-labelledby="lijst-titel">
            <div class="list-head">
                <h2 id="lijst-titel">"Projecten"</h2>
                <div class="sort">
                    {sort_select(url::SORT, "Sorteer op ", &results.sort, SortKey::ALL.iter().map(|k| (k.slug(), k.label())).collect())}
                    {sort_select(url::ORDER, "", &results.order, SortOrder::ALL.iter().map(|o| (o.slug(), o.label())).collect())}
                    <noscript><button type="submit" form=FORM_ID>"Sorteer"</button></noscript>
                </div>
            </div>
            {empty}
            <ol class="project-list" data-keep-scroll>{rows}</ol>
            {more}
        </section>
    }
}

#[component]
fn ProjectRow(row: Row, href: String, selected: bool) -> impl IntoView {
    let year = row.delivery_year.map_or_else(|| "oplevering onbekend".to_owned(), |y| format!("oplevering {y}"));
    view! {
        <li>
            <a class="row" class:selected=selected aria-current=selected.then_some("true") href=href data-id=row.id>
                <span class=format!("dot c-{}", row.main_class.slug()) aria-hidden="true"></span>
                <span class="row-name">{row.name}</span>
                <span class="row-place">{format!("{}, {}", row.place, row.municipality)}</span>
                <span class="row-figures">
                    <span class="row-homes">{format::homes(u64::from(row.homes))}</span>
                    " · " {row.status.label()} " · " {year}
                </span>
                {row.indicative.then(|| view! { <span class="badge">"locatie bij benadering"</span> })}
                {row.example.then(|| view! { <span class="badge example">"voorbeeld"</span> })}
            </a>
        </li>
    }
    .into_any()
}
