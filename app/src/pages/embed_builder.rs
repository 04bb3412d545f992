//! `/embed/maken`: a municipal web editor picks an area and options, sees the embed live, and
//! copies the snippet for their own page. The choices are a GET form, so it works with
//! JavaScript off too (then "Maak de code" refreshes the preview and the code).

use crate::api::ssr::{current_origin, current_site};
use crate::api::SiteInfo;
use crate::components::site_header::{Section, SiteHeader};
use crate::embed::{self, BuilderChoice, EmbedView};
use crate::islands::copy_code::{CopyCode, CODE};
use crate::islands::page_script::PageScript;
use crate::url;
use domain::{Area, Tenure};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_location;

const FORM: &str = "embed-keuzes";

#[component]
pub fn EmbedBuilderPage() -> impl IntoView {
    let location = use_location();
    let query = Memo::new(move |_| location.search.get().trim_start_matches('?').to_owned());
    let (site, origin) = (current_site(), current_origin());
    view! {
        <div class="page">
            <Builder site origin query />
            <PageScript />
        </div>
    }
}

#[component]
fn Builder(site: SiteInfo, origin: String, query: Memo<String>) -> impl IntoView {
    let province = site.province.clone();
    let choice = Memo::new({
        let province = province.clone();
        move |_| BuilderChoice::read(&query.get(), &province)
    });
    let frame_title = {
        let province = province.clone();
        move || format!("{} (Publieke Woningbouwkaart)", embed::title(&province, &choice.get().area))
    };
    let src = move || url::href("/embed", &choice.get().embed_query());
    let snippet = {
        let frame_title = frame_title.clone();
        move || {
            let c = choice.get();
            embed::snippet(&origin, &c.embed_query(), &frame_title(), c.height)
        }
    };
    // The textarea's text (escaped: Leptos does not escape a textarea's children).
    let initial_code = embed::escape_text(&snippet());

    let area_option = move |area: Area, label: String| {
        let value = url::area_path(&area);
        let is = move || choice.get().area == area;
        view! { <option value=value selected=is.clone() prop:selected=is>{label}</option> }
    };
    let regions = province.regions.iter().map(|r| area_option(Area::Region(r.id.clone()), format!("Regio {}", r.name))).collect_view();
    let municipalities = province.municipalities.iter().map(|m| area_option(Area::Municipality(m.code.clone()), m.name.clone())).collect_view();
    let radio = move |name: &'static str, value: &'static str, label: &'static str, is: fn(&BuilderChoice) -> bool| {
        let id = format!("{name}-{value}");
        let checked = move || is(&choice.get());
        view! {
            <div class="option">
                <input type="radio" id=id.clone() name=name value=value checked=checked prop:checked=checked />
                <label for=id>{label}</label>
            </div>
        }
    };
    let view_radios = EmbedView::ALL
        .into_iter()
        .map(|v| {
            let id = format!("weergave-{}", v.slug());
            let checked = move || choice.get().view == v;
            view! {
                <div class="option">
                    <input type="radio" id=id.clone() name=url::VIEW value=v.slug() checked=checked prop:checked=checked />
                    <label for=id>{v.label()}</label>
                </div>
            }
        })
        .collect_view();
    let tenure_option = move |t: Option<Tenure>, label: &'static str| {
        let is = move || choice.get().tenure == t;
        view! { <option value=t.map_or("", |t| t.slug()) selected=is prop:selected=is>{label}</option> }
    };
    view! {
        <Title text="Zet de kaart op je eigen website · Publieke Woningbouwkaart" />
        <SiteHeader site=site.clone() current=Section::Embed filter_query=Signal::derive(String::new)>
            <h1>"Zet de kaart op je eigen website"</h1>
            <p class="tagline">"Kies een gemeente of regio en wat bewoners eerst zien. Kopieer de code naar een pagina van je eigen website."</p>
        </SiteHeader>
        <div class="builder">
            <form id=FORM class="builder-form" method="get" action="" aria-label="Keuzes voor de ingesloten kaart" data-live data-swap>
                <h2>"Keuzes"</h2>
                <label class="field">
                    "Gebied"
                    <select name=embed::AREA id="keuze-gebied">
                        {area_option(Area::Province, format!("Hele provincie {}", province.name))}
                        <optgroup label="Regio's">{regions}</optgroup>
                        <optgroup label="Gemeenten">{municipalities}</optgroup>
                    </select>
                </label>
                <fieldset>
                    <legend>"Bewoners zien eerst"</legend>
                    {view_radios}
                </fieldset>
                <fieldset>
                    <legend>"Achtergrondkaart"</legend>
                    {radio(embed::TILES, "aan", "Met achtergrondkaart", |c| c.tiles)}
                    {radio(embed::TILES, embed::OFF, "Alleen de grenzen", |c| !c.tiles)}
                </fieldset>
                <fieldset>
                    <legend>"Filters"</legend>
                    {radio(embed::FILTERS, "aan", "Bewoners kunnen filteren", |c| c.filters)}
                    {radio(embed::FILTERS, embed::OFF, "Vaste selectie", |c| !c.filters)}
                </fieldset>
                <label class="field">
                    "Huur of koop"
                    <select name=domain::query::TENURE id="keuze-huurkoop">
                        {tenure_option(None, "Huur en koop")}
                        {tenure_option(Some(Tenure::Huur), "Alleen huur")}
                        {tenure_option(Some(Tenure::Koop), "Alleen koop")}
                    </select>
                </label>
                <label class="field">
                    "Hoogte voordat de kaart zich aanpast (pixels)"
                    <input
                        id="keuze-hoogte"
                        type="number"
                        name=embed::HEIGHT
                        min=BuilderChoice::HEIGHTS.start().to_string()
                        max=BuilderChoice::HEIGHTS.end().to_string()
                        step="10"
                        prop:value=move || choice.get().height.to_string()
                        value=move || choice.get().height.to_string()
                    />
                </label>
                <button type="submit">"Maak de code"</button>
            </form>
            <section class="builder-output" aria-labelledby="code-titel">
                <h2 id="code-titel">"Code voor je website"</h2>
                <p>"Plak deze code in de HTML van je pagina. Het script zorgt dat het kader even hoog wordt als de inhoud; zonder script blijft het kader op de gekozen hoogte."</p>
                <label for=CODE class="visually-hidden">"Code om te kopiëren"</label>
                <textarea id=CODE data-swap readonly rows="14" spellcheck="false">{initial_code}</textarea>
                <CopyCode />
                <h2>"Voorbeeld"</h2>
                <iframe class="embed-preview" id="voorbeeld" data-swap src=src title=frame_title style=move || format!("height:{}px", choice.get().height)></iframe>
            </section>
        </div>
    }
}
