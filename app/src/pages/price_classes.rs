//! `/prijsklassen`: what the price classes mean, with every year's limits in euros from the
//! province's configuration (linked from the map's legend and from a project's detail).

use crate::components::price_limits::{year_anchor, PriceLimitList};
use crate::components::text_page::TextPage;
use crate::page_data::build::current_site;
use domain::PriceClass;
use leptos::prelude::*;

#[component]
pub fn PriceClassesPage() -> impl IntoView {
    let site = current_site();
    let province = site.province.clone();
    let classes = PriceClass::ALL
        .iter()
        .map(|c| {
            view! {
                <dt><span class=format!("swatch c-{}", c.slug()) aria-hidden="true"></span>{c.label()}</dt>
                <dd>{c.explanation()}</dd>
            }
        })
        .collect_view();
    // The latest year first: it is the one most projects are counted by.
    let years = province
        .price_limits
        .iter()
        .rev()
        .map(|limits| {
            view! {
                <section class="limit-year" id=year_anchor(limits.year) aria-labelledby=format!("{}-kop", year_anchor(limits.year))>
                    <h3 id=format!("{}-kop", year_anchor(limits.year))>{limits.year}</h3>
                    <PriceLimitList limits=limits.clone() />
                </section>
            }
        })
        .collect_view();
    let no_limits = province.price_limits.is_empty().then(|| view! { <p>{format!("De provincie {} heeft geen grenzen in euro's opgegeven. De kaart toont de prijsklassen zoals gemeenten ze aanleveren.", province.name)}</p> });
    let description =
        format!("Wat sociale huur, middeldure huur, dure huur, betaalbare koop en dure koop betekenen, met de grenzen in euro's per jaar ({}).", province.name);
    view! {
        <TextPage site title="Prijsklassen" description>
            <p>"Elk project op de kaart telt zijn woningen per prijsklasse. Welke huur of prijs bij een klasse hoort, verandert elk jaar. Een project wordt geteld met de grenzen van het jaar waarin zijn gegevens zijn bijgewerkt."</p>
            <h2>"De klassen"</h2>
            <dl class="class-list">{classes}</dl>
            <h2>"Grenzen per jaar"</h2>
            {no_limits}
            <div class="limit-years">{years}</div>
            <p><a href="/">"Terug naar de kaart"</a></p>
        </TextPage>
    }
}
