//! `/beheer`, as the official sees it: the delivery form, and the answer with every problem
//! (record, field, reason) or with what the delivery adds, changes and removes. The server
//! (`server/src/delivery_page.rs`) reads the form, checks and applies, and renders this with
//! [`render`]: plain HTML, no island, so it works with JavaScript off.

use crate::components::site_footer::SiteFooter;
use crate::components::site_header::{Section, SiteHeader};
use crate::format;
use crate::page_data::SiteInfo;
use domain::import::{changed_fields, Plan, Problems};
use domain::{Municipality, Project};
use leptos::prelude::*;

/// Rows listed per kind of change; the rest is counted.
const LISTED: usize = 200;

/// What the page reports.
pub enum Outcome {
    /// The delivery was refused as a whole: why, in Dutch.
    Refused(String),
    Problems(Problems),
    Planned(Planned),
}

/// A delivery without problems: what it does (a dry run) or did.
pub struct Planned {
    pub plan: Plan,
    pub dry_run: bool,
    pub municipality: Municipality,
    pub file_name: String,
    /// The format's name (`csv`, `geojson`, `planmonitor`).
    pub format: &'static str,
    /// The checked file in base64, for "Toepassen" after a dry run that changes something.
    pub carried: String,
}

/// The whole page, `<!DOCTYPE html>` and all.
pub fn render(site: SiteInfo, outcome: Option<Outcome>) -> String {
    let html = Owner::new().with(|| document(site, outcome).to_html());
    format!("<!DOCTYPE html>{html}")
}

fn document(site: SiteInfo, outcome: Option<Outcome>) -> impl IntoView {
    let report = outcome.map(|o| match o {
        Outcome::Refused(e) => view! {
            <div class="notice" role="alert"><p><strong>"Niet gelukt: "</strong>{e}</p></div>
            <DeliveryForm />
        }
        .into_any(),
        Outcome::Problems(problems) => view! { <ProblemReport problems /><DeliveryForm /> }.into_any(),
        Outcome::Planned(planned) => view! { <PlanReport planned /> }.into_any(),
    });
    let first = report.is_none().then(|| view! { <Instructions /><DeliveryForm /> });
    view! {
        <html lang="nl">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <title>"Gegevens aanleveren — Publieke Woningbouwkaart"</title>
                <link rel="icon" href=crate::assets::path("/favicon.svg") type="image/svg+xml" />
                <link rel="stylesheet" href=crate::assets::path("/pkg/woningbouwkaart.css") />
            </head>
            <body>
                <div class="page">
                    <SiteHeader site=site.clone() current=Section::Delivery>
                        <h1>"Gegevens aanleveren"</h1>
                        <p class="tagline">"Voor gemeenten: lever de woningbouwplannen van je gemeente aan met de sleutel die je van de provincie kreeg."</p>
                    </SiteHeader>
                    <main id="aanleveren" class="delivery">{report}{first}</main>
                    <SiteFooter site />
                </div>
            </body>
        </html>
    }
}

#[component]
fn Instructions() -> impl IntoView {
    view! {
        <section class="delivery-help" aria-labelledby="hoe">
            <h2 id="hoe">"Hoe het werkt"</h2>
            <ol>
                <li>"Kies het bestand met alle plannen van je gemeente: een CSV uit een spreadsheet, GeoJSON, of de export uit de Planmonitor Wonen."</li>
                <li>"Klik op " <strong>"Controleer"</strong> ". Je ziet elk probleem met regel en veld, of wat er zou worden toegevoegd, gewijzigd en verwijderd. Er verandert nog niets."</li>
                <li>"Klopt het, klik dan op " <strong>"Toepassen"</strong> ". Alles wordt in één keer verwerkt, of niets. Alleen openbare plannen komen op de kaart."</li>
            </ol>
            <p>"Een levering is de volledige lijst: een plan van je gemeente dat er niet in staat, wordt verwijderd. De kolommen staan in de handleiding (README) van de Publieke Woningbouwkaart."</p>
        </section>
    }
}

/// Token, file and format; checking is the default action.
#[component]
fn DeliveryForm() -> impl IntoView {
    view! {
        <form class="delivery-form" method="post" action="/beheer" enctype="multipart/form-data">
            <h2>"Levering"</h2>
            <p>
                <label for="sleutel">"Sleutel van je gemeente"</label>
                <input id="sleutel" name="sleutel" type="password" required autocomplete="off" spellcheck="false" />
            </p>
            <p>
                <label for="bestand">"Bestand"</label>
                <input id="bestand" name="bestand" type="file" required accept=".csv,.json,.geojson,text/csv,application/json,application/geo+json" />
            </p>
            <p>
                <label for="formaat">"Soort bestand"</label>
                <select id="formaat" name="formaat">
                    <option value="herkennen" selected>"Automatisch herkennen"</option>
                    <option value="csv">"CSV (spreadsheet)"</option>
                    <option value="geojson">"GeoJSON"</option>
                    <option value="planmonitor">"Planmonitor Wonen (export)"</option>
                </select>
            </p>
            <p class="actions">
                <button type="submit" name="actie" value="proef">"Controleer (er verandert niets)"</button>
                " "
                <button type="submit" name="actie" value="toepassen" class="secondary">"Controleer en pas meteen toe"</button>
            </p>
        </form>
    }
}

#[component]
fn ProblemReport(problems: Problems) -> impl IntoView {
    let heading = if problems.len() == 1 {
        "1 probleem in de levering".to_owned()
    } else {
        format!("{} problemen in de levering", format::number(problems.len() as u64))
    };
    let intro = if problems.not_shown() == 0 {
        "Verbeter ze in het bestand en lever het opnieuw aan. Alle problemen staan hieronder, niet alleen het eerste.".to_owned()
    } else {
        format!(
            "Verbeter ze in het bestand en lever het opnieuw aan. Hieronder staan de eerste {}; de andere {} zijn per veld geteld.",
            format::number(problems.shown().len() as u64),
            format::number(problems.not_shown() as u64)
        )
    };
    let rows = problems
        .shown()
        .iter()
        .map(|p| view! { <tr><td>{p.record.clone()}</td><td><code>{p.field.clone()}</code></td><td>{p.reason.clone()}</td></tr> })
        .collect_view();
    let counts = (problems.not_shown() > 0).then(|| {
        let rows = problems
            .per_field()
            .into_iter()
            .map(|(field, n)| view! { <tr><td><code>{field.to_owned()}</code></td><td class="number">{format::number(n as u64)}</td></tr> })
            .collect_view();
        view! {
            <table>
                <caption>"Alle problemen per veld"</caption>
                <thead><tr><th scope="col">"Veld"</th><th scope="col">"Problemen"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        }
    });
    view! {
        <section class="report problems" aria-labelledby="uitkomst">
            <div role="alert"><h2 id="uitkomst">{heading}"; er is niets gewijzigd"</h2></div>
            <p>{intro}</p>
            <table>
                <caption class="visually-hidden">"Problemen in de levering"</caption>
                <thead><tr><th scope="col">"Waar"</th><th scope="col">"Veld"</th><th scope="col">"Wat er mis is"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
            {counts}
        </section>
    }
}

#[component]
fn PlanReport(planned: Planned) -> impl IntoView {
    let Planned { plan, dry_run: dry, municipality, file_name, format, carried } = planned;
    let name = municipality.name.clone();
    let heading = match (dry, plan.is_empty()) {
        (true, true) => format!("Geen problemen. Deze levering verandert niets aan de plannen van {name}"),
        (true, false) => format!("Geen problemen. Dit zou de levering doen met de plannen van {name}"),
        (false, true) => format!("Er was niets te wijzigen aan de plannen van {name}"),
        (false, false) => format!("Toegepast: de plannen van {name} zijn bijgewerkt"),
    };
    let counts = format!(
        "{} toegevoegd, {} gewijzigd, {} verwijderd, {} ongewijzigd.",
        format::number(plan.added.len() as u64),
        format::number(plan.changed.len() as u64),
        format::number(plan.removed.len() as u64),
        format::number(plan.unchanged as u64),
    );
    let added = plan.added.iter().map(|p| (p, String::new())).collect::<Vec<_>>();
    let changed = plan.changed.iter().map(|(before, after)| (after, changed_fields(before, after).join(", "))).collect::<Vec<_>>();
    let removed = plan.removed.iter().map(|p| (p, String::new())).collect::<Vec<_>>();
    let removing = removed.len();
    let next = if dry && !plan.is_empty() {
        view! { <ApplyForm file_name=file_name.clone() format carried /> }.into_any()
    } else {
        let map = format!("/?gemeente={}", municipality.code);
        view! {
            <p class="next">
                {(!dry).then_some("De openbare plannen staan binnen enkele seconden op de kaart. ")}
                <a href=map>{format!("Bekijk de kaart van {name}")}</a>" · "<a href="/beheer">"Nog een bestand aanleveren"</a>
            </p>
        }
        .into_any()
    };
    view! {
        <section class="report" aria-labelledby="uitkomst">
            <div role="status"><h2 id="uitkomst">{heading}</h2></div>
            <p>{format!("Bestand: {file_name}. ")}{counts}{dry.then_some(" Er is nog niets gewijzigd.")}</p>
            {(dry && removing > 0).then(|| view! {
                <p class="warning"><strong>"Let op: "</strong>{format!("{} van de opgeslagen plannen staan niet in dit bestand en worden verwijderd. Een levering is de volledige lijst van de gemeente.", format::number(removing as u64))}</p>
            })}
            {next}
            <ChangeTable title="Toegevoegd" projects=added />
            <ChangeTable title="Gewijzigd" projects=changed detail="Wat verandert" />
            <ChangeTable title="Verwijderd" projects=removed />
        </section>
    }
}

/// The projects of one kind of change, with whether the public sees them.
#[component]
fn ChangeTable<'a>(
    title: &'static str,
    projects: Vec<(&'a Project, String)>,
    /// The heading of an extra column with each project's text, if there is one.
    #[prop(optional)]
    detail: Option<&'static str>,
) -> impl IntoView {
    if projects.is_empty() {
        return ().into_any();
    }
    let more = projects.len().saturating_sub(LISTED);
    let rows = projects
        .iter()
        .take(LISTED)
        .map(|(p, text)| {
            let shown = if p.is_public() { "ja" } else { "nee" };
            view! {
                <tr>
                    <td><code>{p.id.to_string()}</code></td>
                    <td>{p.name.clone()}</td>
                    <td>{p.status.label()}</td>
                    <td>{shown}</td>
                    {detail.map(|_| view! { <td>{text.clone()}</td> })}
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="changes">
            <caption>{format!("{title} ({})", format::number(projects.len() as u64))}</caption>
            <thead>
                <tr>
                    <th scope="col">"Id"</th><th scope="col">"Naam"</th><th scope="col">"Status"</th><th scope="col">"Op de kaart"</th>
                    {detail.map(|label| view! { <th scope="col">{label}</th> })}
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
        {(more > 0).then(|| view! { <p>{format!("En nog {} meer.", format::number(more as u64))}</p> })}
    }
    .into_any()
}

/// Applies the file the dry run checked: it travels in the page, so only the token is asked
/// again (it is never written into a page).
#[component]
fn ApplyForm(file_name: String, format: &'static str, carried: String) -> impl IntoView {
    view! {
        <form class="delivery-form" method="post" action="/beheer" enctype="multipart/form-data">
            <h2>"Toepassen"</h2>
            <input type="hidden" name="levering" value=carried />
            <input type="hidden" name="bestandsnaam" value=file_name />
            <input type="hidden" name="formaat" value=format />
            <input type="hidden" name="actie" value="toepassen" />
            <p>
                <label for="sleutel">"Sleutel van je gemeente (nog een keer)"</label>
                <input id="sleutel" name="sleutel" type="password" required autocomplete="off" spellcheck="false" />
            </p>
            <p class="actions">
                <button type="submit">"Toepassen"</button>
                " "<a href="/beheer">"Ander bestand kiezen"</a>
            </p>
        </form>
    }
}
