//! `/toegankelijkheid`: the accessibility statement (toegankelijkheidsverklaring): what the site
//! is built and tested to, what is known not to work for everyone, and where to report it.

use crate::components::text_page::TextPage;
use crate::page_data::build::current_site;
use leptos::prelude::*;

#[component]
pub fn AccessibilityPage() -> impl IntoView {
    let site = current_site();
    let province = site.province.name.clone();
    let report = match site.contact.clone() {
        Some(c) => view! {
            <p>"Werkt iets op deze site niet voor u, of is iets niet te lezen? Meld het ons: "<a href=c.href data-testid="contact">{c.label}</a>". Zeg op welke pagina het was en wat u probeerde."</p>
        }
        .into_any(),
        None => view! {
            <p data-testid="no-contact">{format!("De provincie {province} heeft voor deze kaart nog geen contactadres opgegeven. Tot dat er is, kunt u een probleem melden bij de provincie zelf.")}</p>
        }
        .into_any(),
    };
    view! {
        <TextPage site title="Toegankelijkheid" description=format!("Toegankelijkheidsverklaring van de Publieke Woningbouwkaart {province}.")>
            <p>{format!("De Publieke Woningbouwkaart {province} moet voor iedereen bruikbaar zijn: met een muis, alleen met het toetsenbord, met een schermlezer, op een telefoon en zonder JavaScript. We bouwen haar volgens de Web Content Accessibility Guidelines (WCAG) 2.1, niveau A en AA, zoals de overheid voorschrijft.")}</p>
            <h2>"Wat we doen"</h2>
            <ul>
                <li>"Elke pagina wordt bij elke wijziging automatisch getoetst met axe-core, in een browser, op computer- en telefoonbreedte."</li>
                <li>"Alles wat de kaart toont, staat ook in tekst: de lijst met projecten, de projectdetails en bij elke grafiek een tabel."</li>
                <li>"Alle pagina's werken zonder JavaScript: filters, lijst, details en cijfers komen dan van de server."</li>
                <li>"De site is met het toetsenbord alleen te gebruiken; een link bovenaan springt direct naar de inhoud."</li>
            </ul>
            <h2>"Wat nog niet voor iedereen werkt"</h2>
            <ul>
                <li>"De kaart zelf is een afbeelding: wie haar niet kan zien, vindt dezelfde projecten in de lijst (de knop ‘Lijst’ of de link ‘Direct naar de projecten’)."</li>
                <li>"De achtergrondkaart (als die aan staat) komt van PDOK en heeft geen tekstalternatief; plaatsen en grenzen staan ook in de lijst en de filters."</li>
            </ul>
            <h2>"Status"</h2>
            <p>"Deze verklaring is opgesteld door het team dat de kaart bouwt, op grond van de automatische toetsen hierboven. Een onafhankelijk onderzoek (audit) is nog niet gedaan; daarom claimen we geen nalevingsstatus."</p>
            <h2>"Een probleem melden"</h2>
            {report}
            <p><a href="/">"Terug naar de kaart"</a></p>
        </TextPage>
    }
}
