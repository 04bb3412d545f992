//! The footer every full page shares: how current the data are, where to read about the price
//! classes and the site's accessibility, whom to contact, and the data's attribution.

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
            <p>{site.province.attribution}</p>
        </footer>
    }
}
