//! The filtered projects as a list: sortable, keyboard-navigable, in step with the map.
//!
//! Each row is a link to the same page with `project=<id>`, so selecting works with JavaScript
//! off too. In the browser the arrow keys move between rows and the selected row scrolls into
//! view ([`crate::navigation`]).

use crate::api::{Results, Row, PAGE_SIZE};
use crate::components::filter_panel::FORM_ID;
use crate::format;
use crate::url;
use domain::{SortKey, SortOrder};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

#[component]
pub fn ProjectList(query: Memo<String>, results: Memo<Option<Results>>) -> impl IntoView {
    let location = use_location();
    let rows = move || results.with(|r| r.as_ref().map(|r| r.rows.clone()).unwrap_or_default());
    let selected_id = Memo::new(move |_| results.with(|r| r.as_ref().and_then(|r| r.selected.as_ref()).map(|d| d.project.id.to_string())));
    let link = move |id: &str| url::href(&location.pathname.get(), &url::with(&query.get(), url::PROJECT, Some(id)));
    let current = move |key: &'static str| move || results.with(|r| r.as_ref().map(|r| if key == url::SORT { r.sort.clone() } else { r.order.clone() }));

    let sort_select = move |name: &'static str, label: &'static str, options: Vec<(&'static str, &'static str)>| {
        let value = current(name);
        view! {
            <label>
                {if label.is_empty() { view! { <span class="visually-hidden">"Volgorde"</span> }.into_any() } else { label.into_any() }}
                <select name=name form=FORM_ID>
                    {options
                        .into_iter()
                        .map(|(slug, text)| {
                            let is = move || value().as_deref() == Some(slug);
                            view! { <option value=slug selected=is prop:selected=is>{text}</option> }
                        })
                        .collect_view()}
                </select>
            </label>
        }
    };

    let more = move || {
        results.with(|r| {
            r.as_ref().filter(|r| r.total_rows > r.shown).map(|r| {
                let next = (r.shown + PAGE_SIZE).to_string();
                let left = r.total_rows - r.shown;
                (url::href(&location.pathname.get(), &url::with(&query.get(), url::SHOWN, Some(&next))), left)
            })
        })
    };
    let empty = move || results.with(|r| r.as_ref().is_some_and(|r| r.total_rows == 0));
    let fixed = url::Fixed::current();
    let clear_href = move || url::href(&location.pathname.get(), &url::cleared(&query.get(), &fixed));
    let clear_href = Signal::derive(clear_href);

    view! {
        <section class="list" id="lijst" data-swap aria-labelledby="lijst-titel">
            <div class="list-head">
                <h2 id="lijst-titel">"Projecten"</h2>
                <div class="sort">
                    {sort_select(url::SORT, "Sorteer op ", SortKey::ALL.iter().map(|k| (k.slug(), k.label())).collect())}
                    {sort_select(url::ORDER, "", SortOrder::ALL.iter().map(|o| (o.slug(), o.label())).collect())}
                    <noscript><button type="submit" form=FORM_ID>"Sorteer"</button></noscript>
                </div>
            </div>
            <Show when=empty>
                <div class="empty" role="status">
                    <p>"Geen projecten gevonden met deze filters."</p>
                    <p><a href=clear_href>"Wis alle filters"</a>" of kies minder filters tegelijk."</p>
                </div>
            </Show>
            <ol class="project-list" data-keep-scroll>
                <For each=rows key=|row: &Row| (row.id.clone(), row.homes, row.main_class, row.status) let:row>
                    <ProjectRow row link selected_id />
                </For>
            </ol>
            {move || more().map(|(href, left)| view! {
                <a class="more" href=href>{format!("Toon meer ({} nog niet getoond)", format::number(left as u64))}</a>
            })}
        </section>
    }
}

#[component]
fn ProjectRow(row: Row, link: impl Fn(&str) -> String + Send + Sync + 'static, selected_id: Memo<Option<String>>) -> impl IntoView {
    let id = row.id.clone();
    let href = {
        let id = id.clone();
        move || link(&id)
    };
    let is_selected = {
        let id = id.clone();
        move || selected_id.with(|s| s.as_deref() == Some(id.as_str()))
    };
    let year = row.delivery_year.map_or_else(|| "oplevering onbekend".to_owned(), |y| format!("oplevering {y}"));
    view! {
        <li>
            <a class="row" class:selected=is_selected.clone() aria-current=move || is_selected().then_some("true") href=href data-id=id>
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
