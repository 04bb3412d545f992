//! One year's price limits in euros: what each price class meant that year. Shown in a
//! project's detail and, for every year, on the price classes page.

use crate::format;
use domain::{PriceClass, PriceLimits};
use leptos::prelude::*;

#[component]
pub fn PriceLimitList(limits: PriceLimits) -> impl IntoView {
    let provisional = |c: PriceClass| if limits.provisional.contains(&c) { " (voorlopig)" } else { "" };
    let line = |label: &'static str, v: Option<u64>, suffix: &'static str, c: PriceClass| {
        view! { <li>{label}" "{v.map_or("onbekend".to_owned(), |v| format!("{}{suffix}", format::euros(v)))}{provisional(c)}</li> }
    };
    view! {
        <ul class="limit-list">
            {line("Sociale huur: huur tot", limits.sociale_huur_max, " per maand", PriceClass::SocialeHuur)}
            {line("Middeldure huur: huur tot", limits.middenhuur_max, " per maand", PriceClass::MiddeldureHuur)}
            <li>"Dure huur: huur daarboven"</li>
            {line("Betaalbare koop: prijs tot", limits.betaalbare_koop_max, "", PriceClass::BetaalbareKoop)}
            <li>"Dure koop: prijs daarboven"</li>
        </ul>
        <p class="source">"Bron: "{limits.source}</p>
    }
}

/// The anchor of a year on the price classes page (`jaar-2026`).
pub fn year_anchor(year: u16) -> String {
    format!("jaar-{year}")
}
