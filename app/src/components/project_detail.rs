//! One project: what, where, who, when, how many homes of which kind, and what the price
//! classes meant in the year of the data.

use crate::components::price_limits::{year_anchor, PriceLimitList};
use crate::format;
use crate::page_data::{Detail, PageQuery, Results};
use crate::url;
use domain::history::StatusStep;
use domain::Precision;
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub fn ProjectDetail(
    query: Arc<PageQuery>,
    results: Arc<Results>,
    /// Inside another landmark (an embed): an article, since a complementary landmark
    /// (`<aside>`) must be top-level.
    #[prop(optional)]
    nested: bool,
) -> impl IntoView {
    let missing = results.missing_project.as_ref().map(|id| {
        view! { <p class="notice" role="alert">{format!("Project '{id}' bestaat niet of is niet openbaar.")}</p> }
    });
    let detail = results.selected.clone().map(|d| view! { <DetailCard detail=d close=query.with(url::PROJECT, None) nested /> });
    view! { {missing} {detail} }
}

/// The statuses the project had on this map, oldest first, the current one marked.
#[component]
fn StatusTimeline(steps: Option<Vec<StatusStep>>) -> impl IntoView {
    let Some(steps) = steps else {
        return view! { <p class="timeline-missing">"Het statusverloop kan nu niet worden getoond."</p> }.into_any();
    };
    if steps.is_empty() {
        return view! { <p class="timeline-missing">"Er is nog geen statusverloop vastgelegd."</p> }.into_any();
    }
    let last = steps.len() - 1;
    let items = steps
        .into_iter()
        .enumerate()
        .map(|(i, step)| {
            let current = i == last;
            view! {
                <li class=if current { "current" } else { "earlier" } aria-current=current.then_some("step")>
                    <time datetime=step.since.clone()>{format::date(&step.since)}</time>
                    " "<span class="status">{step.status.label()}</span>
                    {current.then_some(" (nu)")}
                </li>
            }
        })
        .collect_view();
    view! {
        <h3 id="statusverloop">"Statusverloop"</h3>
        <ol class="timeline" aria-labelledby="statusverloop">{items}</ol>
        <p class="source">"Elke datum is de dag waarop het project met die status op deze kaart kwam."</p>
    }
    .into_any()
}

#[component]
fn DetailCard(detail: Detail, close: String, nested: bool) -> impl IntoView {
    let p = detail.project;
    let total = u64::from(p.total_homes());
    let start = p.start_year.map_or("onbekend".to_owned(), |y| y.to_string());
    let delivery = p.delivery_year.map_or("onbekend".to_owned(), |y| y.to_string());
    let groups = if p.target_groups.is_empty() { "niet vermeld".to_owned() } else { p.target_groups.iter().map(|g| g.label()).collect::<Vec<_>>().join(", ") };
    let form = {
        let mut parts = Vec::new();
        if p.forms.eengezins > 0 {
            parts.push(format!("{} eengezins", p.forms.eengezins));
        }
        if p.forms.meergezins > 0 {
            parts.push(format!("{} meergezins", p.forms.meergezins));
        }
        if parts.is_empty() {
            "niet vermeld".to_owned()
        } else {
            parts.join(", ")
        }
    };
    let bar = p
        .homes
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(c, n)| {
            let width = f64::from(n) * 100.0 / total.max(1) as f64;
            view! {
                <span class=format!("seg c-{}", c.slug()) style=format!("width:{width:.2}%") title=format!("{}: {}", c.label(), n)></span>
            }
        })
        .collect_view();
    let rows = p
        .homes
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(c, n)| {
            view! {
                <tr>
                    <th scope="row"><span class=format!("swatch c-{}", c.slug()) aria-hidden="true"></span>{c.label()}</th>
                    <td>{format::number(u64::from(n))}</td>
                </tr>
            }
        })
        .collect_view();
    let limits = detail.limits.map(|l| {
        let anchor = format!("/prijsklassen#{}", year_anchor(l.year));
        view! {
            <details class="limits">
                <summary>{format!("Wat betekenen de prijsklassen in {}?", l.year)}</summary>
                <PriceLimitList limits=l />
                // In someone else's page (an embed) the explanation opens as a page of its own.
                <p><a href=anchor target=nested.then_some("_top")>"De prijsklassen van alle jaren"</a></p>
            </details>
        }
    });
    let content = view! {
        <a class="close" href=close aria-label="Sluit projectdetails">"×"</a>
        // Focused when the detail opens (by the page's script), so not in the tab order itself.
        <h2 id="detail-titel" tabindex="-1">{p.name.clone()}</h2>
        {p.example.then(|| view! { <p class="badge example">"Voorbeeldproject uit de demodataset, geen echt plan"</p> })}
        <dl>
            <dt>"Plaats"</dt><dd>{format!("{}, gemeente {} (regio {})", p.place, detail.municipality, detail.region)}</dd>
            <dt>"Locatie"</dt><dd>{if p.location.precision == Precision::Indicative { "Bij benadering: bij de kern geplaatst, de precieze plek staat niet in de bron" } else { "Plangebied of bouwlocatie" }}</dd>
            <dt>"Ontwikkelaar"</dt><dd>{format!("{} ({})", p.developer.name, p.developer.kind.label().to_lowercase())}</dd>
            <dt>"Status"</dt><dd>{p.status.label()}" — "{p.status.explanation()}</dd>
            <dt>"Start bouw"</dt><dd>{start}</dd>
            <dt>"Oplevering"</dt><dd>{delivery}</dd>
            <dt>"Woonvorm"</dt><dd>{form}</dd>
            <dt>"Plantype"</dt><dd>{format!("{} ({})", p.plan_type.label(), p.siting().label().to_lowercase())}</dd>
            <dt>"Doelgroepen"</dt><dd>{groups}</dd>
            <dt>"Laatst bijgewerkt"</dt><dd><time datetime=p.last_updated.clone()>{format::date(&p.last_updated)}</time></dd>
        </dl>
        <StatusTimeline steps=detail.history />
        <h3>{format!("{} naar prijsklasse", format::homes(total))}</h3>
        <div class="segment-bar" aria-hidden="true">{bar}</div>
        <table class="segments">
            <caption class="visually-hidden">"Woningen per prijsklasse"</caption>
            <thead><tr><th scope="col">"Prijsklasse"</th><th scope="col">"Woningen"</th></tr></thead>
            <tbody>{rows}</tbody>
        </table>
        {limits}
        <p class="description">{p.description.clone()}</p>
        {p.link.clone().map(|href| view! { <p><a href=href rel="noopener">"Meer over dit project"</a></p> })}
    };
    if nested {
        view! { <article class="detail" aria-labelledby="detail-titel">{content}</article> }.into_any()
    } else {
        view! { <aside class="detail" aria-labelledby="detail-titel">{content}</aside> }.into_any()
    }
}
