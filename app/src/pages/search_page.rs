//! `/zoeken?q=…`: what the search box finds, as a page: for readers without JavaScript, and for
//! anyone who presses "Zoeken" before a suggestion came. Each place opens the map at its
//! municipality (a map without JavaScript cannot zoom further), each project its detail.

use crate::components::place_search::PlaceSearch;
use crate::components::text_page::TextPage;
use crate::page_data::build::{current_query, current_site};
use crate::suggestions::suggest;
use crate::url;
use domain::Catalog;
use leptos::prelude::*;
use std::sync::Arc;

/// The most a search page lists.
const LISTED: usize = 25;

#[component]
pub fn SearchPage() -> impl IntoView {
    let site = current_site();
    let query = current_query();
    let typed: String = form_urlencoded::parse(query.raw.as_bytes())
        .find(|(k, _)| k == url::TYPED)
        .map(|(_, v)| v.chars().take(url::MAX_VALUE).collect::<String>())
        .unwrap_or_default();
    // The filter the search came from, kept in every link; not a place or project from before.
    let kept = url::with(&url::with(&url::with(&query.raw, url::PLACE, None), url::PROJECT, None), url::TYPED, None);
    let catalog = expect_context::<Arc<Catalog>>();
    let found = suggest(&typed, &site.places, catalog.projects(), &site.province, &kept, LISTED);
    let folded = domain::search::fold(&typed);
    let outcome = if folded.is_empty() {
        view! { <p>"Typ de naam van een plaats (zoals een dorp of wijk) of van een project."</p> }.into_any()
    } else if folded.chars().count() < domain::search::MIN_QUERY {
        view! { <p data-testid="search-outcome">"Typ ten minste twee letters."</p> }.into_any()
    } else if found.is_empty() {
        view! { <p data-testid="search-outcome">{format!("Niets gevonden voor ‘{typed}’. Zoek op de naam van een plaats of een project; in de lijst op de kaartpagina staan alle projecten.")}</p> }
            .into_any()
    } else {
        let items = found
            .into_iter()
            .map(|s| {
                // The map is drawn around the place (`map::view`), and its municipality's
                // projects are listed: without JavaScript the list is how one reaches them.
                let query = if url::get(&s.query, url::PLACE).is_some() {
                    url::with(&s.query, domain::query::MUNICIPALITY, Some(s.municipality.as_str()))
                } else {
                    s.query
                };
                view! {
                    <li><a href=url::href("/", &query)>{s.name}</a>" "<span class="detail-text">{s.detail}</span></li>
                }
            })
            .collect_view();
        view! {
            <p data-testid="search-outcome">{format!("Gevonden voor ‘{typed}’:")}</p>
            <ul class="search-results" data-testid="search-results">{items}</ul>
        }
        .into_any()
    };
    view! {
        <TextPage site title="Zoeken" description="Zoek een plaats of een project op de Publieke Woningbouwkaart.">
            <PlaceSearch value=typed.clone() plain=true />
            {outcome}
        </TextPage>
    }
}
