//! The footer every full page shares: how current the data are, where to read about the price
//! classes and the site's accessibility, whom to contact, the project data's licence and the
//! geodata's attribution.

use crate::format;
use crate::page_data::SiteInfo;
use leptos::prelude::*;

#[component]
pub fn SiteFooter(site: SiteInfo) -> impl IntoView {
    let updated = site.data_updated.map(|day| {
        view! {
            <p data-testid="data-updated">"Gegevens laatst bijgewerkt op "<time datetime=day.clone()>{format::date(&day)}</time>"."</p>
        }
    });
    let contact = site.contact.map(|c| view! { <li><a href=c.href>{c.label}</a></li> });
    // The project data's licence, as the province publishes it (configuration).
    let licence = site.province.licence.clone();
    let licence = (!licence.name.is_empty()).then(|| {
        let credit = licence.credit.map(|c| format!(" ({c})"));
        view! {
            <p data-testid="licence">"Projectgegevens: "<a href=licence.url rel="license">{licence.name}</a>{credit}"."</p>
        }
    });
    view! {
        <footer class="site-footer">
            {updated}
            <nav aria-label="Over deze site">
                <ul>
                    <li><a href="/prijsklassen">"Prijsklassen uitgelegd"</a></li>
                    <li><a href="/toegankelijkheid">"Toegankelijkheid"</a></li>
                    {contact}
                    <li><a href="/beheer">"Voor gemeenten: gegevens aanleveren"</a></li>
                </ul>
            </nav>
            {licence}
            <p>{site.province.attribution}</p>
        </footer>
    }
}
