//! The headline figures of the current selection.

use crate::api::Results;
use crate::format;
use domain::PriceClass;
use leptos::prelude::*;

#[component]
pub fn Totals(results: Memo<Option<Results>>) -> impl IntoView {
    let figure = move |f: fn(&Results) -> String| move || results.with(|r| r.as_ref().map(f).unwrap_or_default());
    view! {
        <div class="totals" id="totalen" data-swap role="status" aria-live="polite">
            <p class="headline">
                <strong data-testid="total-projects">{figure(|r| format::number(u64::from(r.summary.projects)))}</strong>
                " projecten met "
                <strong data-testid="total-homes">{figure(|r| format::number(r.summary.homes))}</strong>
                " woningen"
                {move || {
                    results
                        .with(|r| r.as_ref().is_some_and(|r| r.classes_filtered))
                        .then_some(" in de gekozen prijsklassen")
                }}
            </p>
            <ul class="class-bar" aria-label="Woningen per prijsklasse">
                {PriceClass::ALL
                    .iter()
                    .map(|c| {
                        let c = *c;
                        let share = move || {
                            results.with(|r| {
                                r.as_ref()
                                    .filter(|r| r.summary.homes > 0)
                                    .map_or(0.0, |r| r.summary.class(c) as f64 * 100.0 / r.summary.homes as f64)
                            })
                        };
                        let count = move || results.with(|r| r.as_ref().map_or(0, |r| r.summary.class(c)));
                        view! {
                            <li
                                class=format!("c-{}", c.slug())
                                style=move || format!("width:{:.2}%", share())
                                hidden=move || count() == 0
                                title=move || format!("{}: {}", c.label(), format::homes(count()))
                            >
                                <span class="visually-hidden">
                                    {move || format!("{}: {}", c.label(), format::homes(count()))}
                                </span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </div>
    }
    .into_any()
}
