//! The colour key of the map and the bars. Colours live in the stylesheet (`.c-<slug>`), so the
//! legend, the list, the detail bar and the markers share them.

use domain::PriceClass;
use leptos::prelude::*;

#[component]
pub fn Legend(
    /// In someone else's page (an embed): the explanation of the classes opens as a page.
    in_frame: bool,
) -> impl IntoView {
    view! {
        <div class="legend">
            <p class="legend-title">"Kleur = prijsklasse met de meeste woningen"</p>
            <ul>
                {PriceClass::ALL
                    .iter()
                    .map(|c| {
                        view! {
                            <li>
                                <span class=format!("swatch c-{}", c.slug()) aria-hidden="true"></span>
                                {c.label()}
                            </li>
                        }
                    })
                    .collect_view()}
                <li>
                    <span class="swatch cluster-swatch" aria-hidden="true"></span>
                    "Groep: aantal woningen; de ring toont hun prijsklassen"
                </li>
                <li>
                    <span class="swatch indicative-swatch" aria-hidden="true"></span>
                    "Stippellijn: locatie bij benadering (bij de kern)"
                </li>
            </ul>
            <p class="legend-more"><a href="/prijsklassen" target=in_frame.then_some("_top")>"Wat betekenen de prijsklassen?"</a></p>
        </div>
    }
    .into_any()
}
