//! The page for what does not exist: a 404 status, the site's header, and what was not found.

use crate::components::site_header::{Section, SiteHeader};
use crate::page_data::build::{answer_not_found, current_site_if_any, PAGE_NOT_FOUND};
use leptos::prelude::*;
use leptos_meta::Title;

/// An unknown path, area or project. `what` says what was looked for, when the page knows.
#[component]
pub fn NotFoundPage(#[prop(optional, into)] what: Option<String>) -> impl IntoView {
    answer_not_found();
    let what = what.unwrap_or_else(|| PAGE_NOT_FOUND.to_owned());
    let title = view! { <Title text="Pagina niet gevonden · Publieke Woningbouwkaart" /> };
    let body = view! {
        <main id="inhoud" class="not-found">
            <p>{what}</p>
            <ul>
                <li><a href="/">"Naar de woningbouwkaart"</a></li>
                <li><a href="/regio">"Cijfers per regio"</a></li>
            </ul>
        </main>
    };
    match current_site_if_any() {
        Some(site) => {
            let attribution = site.province.attribution.clone();
            view! {
                {title}
                <div class="page">
                    <a class="skip-link" href="#inhoud">"Direct naar de inhoud"</a>
                    <SiteHeader site current=Section::Other>
                        <h1>"Pagina niet gevonden"</h1>
                    </SiteHeader>
                    {body}
                    <footer class="site-footer"><p>{attribution}</p></footer>
                </div>
            }
            .into_any()
        }
        None => view! {
            {title}
            <div class="page">
                <h1>"Pagina niet gevonden"</h1>
                {body}
            </div>
        }
        .into_any(),
    }
}
