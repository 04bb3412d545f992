//! `/embed/maken`: a municipal web editor picks an area and options, sees the embed live, and
//! copies the snippet for their own page. The choices are a GET form, so it works with
//! JavaScript off too (then "Maak de code" refreshes the preview and the code).

use crate::components::page_title::PageTitle;
use crate::components::site_footer::SiteFooter;
use crate::components::site_header::{Section, SiteHeader};
use crate::embed::{self, BuilderChoice, EmbedView};
use crate::islands::copy_code::{CopyCode, CODE};
use crate::islands::page_script::PageScript;
use crate::page_data::build::{current_origin, current_query, current_site};
use crate::page_data::SiteInfo;
use crate::url;
use domain::{Area, Tenure};
use leptos::prelude::*;

const FORM: &str = "embed-keuzes";

#[component]
pub fn EmbedBuilderPage() -> impl IntoView {
    let query = current_query();
    let (site, origin) = (current_site(), current_origin());
    let choice = BuilderChoice::read(&query.raw, &site.province);
    view! {
        <div class="page">
            <Builder site=site.clone() origin choice />
            <SiteFooter site />
            <PageScript />
        </div>
    }
}

#[component]
fn Builder(site: SiteInfo, origin: String, choice: BuilderChoice) -> impl IntoView {
    let province = site.province.clone();
    let frame_title = format!("{} (Publieke Woningbouwkaart)", embed::title(&province, &choice.area));
    let src = url::href("/embed", &choice.embed_query());
    // The textarea's text (escaped: Leptos does not escape a textarea's children).
    let code = crate::escape::text(&embed::snippet(&origin, &choice.embed_query(), &frame_title, choice.height));
    let area_option = |area: Area, label: String| {
        let value = url::area_path(&area);
        view! { <option value=value selected=choice.area == area>{label}</option> }
    };
    let regions = province.regions.iter().map(|r| area_option(Area::Region(r.id.clone()), format!("Regio {}", r.name))).collect_view();
    let municipalities = province.municipalities.iter().map(|m| area_option(Area::Municipality(m.code.clone()), m.name.clone())).collect_view();
    let radio = |name: &'static str, value: &'static str, label: &'static str, checked: bool| {
        let id = format!("{name}-{value}");
        view! {
            <div class="option">
                <input type="radio" id=id.clone() name=name value=value checked=checked />
                <label for=id>{label}</label>
            </div>
        }
    };
    let view_radios = EmbedView::ALL.into_iter().map(|v| radio(url::VIEW, v.slug(), v.label(), choice.view == v)).collect_view();
    let tenure_option = |t: Option<Tenure>, label: &'static str| {
        view! { <option value=t.map_or("", |t| t.slug()) selected=choice.tenure == t>{label}</option> }
    };
    let height = choice.height.to_string();
    view! {
        <PageTitle text="Zet de kaart op je eigen website · Publieke Woningbouwkaart" />
        <SiteHeader site=site.clone() current=Section::Embed >
            <h1>"Zet de kaart op je eigen website"</h1>
            <p class="tagline">"Kies een gemeente of regio en wat bewoners eerst zien. Kopieer de code naar een pagina van je eigen website."</p>
        </SiteHeader>
        <div class="builder">
            <form id=FORM class="builder-form" method="get" aria-label="Keuzes voor de ingesloten kaart" data-live data-swap>
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
                    {radio(embed::TILES, "aan", "Met achtergrondkaart", choice.tiles)}
                    {radio(embed::TILES, embed::OFF, "Alleen de grenzen", !choice.tiles)}
                </fieldset>
                <fieldset>
                    <legend>"Filters"</legend>
                    {radio(embed::FILTERS, "aan", "Bewoners kunnen filteren", choice.filters)}
                    {radio(embed::FILTERS, embed::OFF, "Vaste selectie", !choice.filters)}
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
                        value=height
                    />
                </label>
                <button type="submit">"Maak de code"</button>
            </form>
            <section class="builder-output" aria-labelledby="code-titel">
                <h2 id="code-titel">"Code voor je website"</h2>
                <p>"Plak deze code in de HTML van je pagina. Het script zorgt dat het kader even hoog wordt als de inhoud; zonder script blijft het kader op de gekozen hoogte."</p>
                <label for=CODE class="visually-hidden">"Code om te kopiëren"</label>
                <textarea id=CODE data-swap readonly rows="14" spellcheck="false">{code}</textarea>
                <CopyCode />
                <h2>"Voorbeeld"</h2>
                <iframe class="embed-preview" id="voorbeeld" data-swap src=src title=frame_title style=format!("height:{}px", choice.height)></iframe>
            </section>
        </div>
    }
}
