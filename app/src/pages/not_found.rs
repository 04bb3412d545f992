//! The page for what does not exist: a 404 status, the site's header, and what was not found.

use crate::components::page_title::PageTitle;
use crate::components::text_page::TextPage;
use crate::page_data::build::{answer_not_found, current_site_if_any, PAGE_NOT_FOUND};
use leptos::prelude::*;

/// An unknown path, area or project. `what` says what was looked for, when the page knows.
#[component]
pub fn NotFoundPage(#[prop(optional, into)] what: Option<String>) -> impl IntoView {
    answer_not_found();
    let what = what.unwrap_or_else(|| PAGE_NOT_FOUND.to_owned());
    let body = move || {
        view! {
            <p>{what.clone()}</p>
            <ul>
                <li><a href="/">"Naar de woningbouwkaart"</a></li>
                <li><a href="/regio">"Cijfers per regio"</a></li>
            </ul>
        }
    };
    match current_site_if_any() {
        Some(site) => view! { <TextPage site title="Pagina niet gevonden">{body()}</TextPage> }.into_any(),
        None => view! {
            <PageTitle text="Pagina niet gevonden · Publieke Woningbouwkaart" />
            <div class="page">
                <h1>"Pagina niet gevonden"</h1>
                <main id="inhoud" class="text-page">{body()}</main>
            </div>
        }
        .into_any(),
    }
}
