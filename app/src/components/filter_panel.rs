//! The filters: an HTML form whose fields are the URL's parameters.
//!
//! With JavaScript off the form submits by GET and the server renders the result. In the
//! browser the form is live (`data-live`): a change anywhere in it goes to the form's query
//! string at once, and the server's new form (ticks and counts) replaces this one, with the
//! focus kept on the same field (see [`crate::navigation`]).

use crate::format;
use crate::page_data::{PageQuery, SiteInfo};
use crate::url;
use domain::facets::{FacetCount, Facets};
use domain::query as q;
use leptos::prelude::*;
use std::sync::Arc;

/// The form's id, for fields elsewhere on the page (the list's sort order) that belong to it.
pub const FORM_ID: &str = "filters";

type Dimension = fn(&Facets) -> &Vec<FacetCount>;

/// The checkbox groups, in display order: title, parameter, options.
const GROUPS: &[(&str, &str, Dimension)] = &[
    ("Huur of koop", q::TENURE, |f| &f.tenure),
    ("Prijsklasse", q::PRICE_CLASS, |f| &f.price_class),
    ("Regio", q::REGION, |f| &f.region),
    ("Gemeente", q::MUNICIPALITY, |f| &f.municipality),
    ("Status", q::STATUS, |f| &f.status),
    ("Woonvorm", q::FORM, |f| &f.form),
    ("Ligging", q::SITING, |f| &f.siting),
    ("Soort ontwikkelaar", q::DEVELOPER_KIND, |f| &f.developer_kind),
    ("Ontwikkelaar", q::DEVELOPER, |f| &f.developer),
];

/// What the panel shows for the current URL: the ticked options and each option's counts.
#[derive(Debug, Clone, PartialEq)]
pub struct FilterState {
    pub selected_options: Vec<(String, String)>,
    pub facets: Facets,
}

#[component]
pub fn FilterPanel(
    site: SiteInfo,
    query: Arc<PageQuery>,
    state: FilterState,
    /// On a figures page the path fixes the area: no region or municipality choice.
    #[prop(optional)]
    area_fixed: bool,
) -> impl IntoView {
    let is_selected = |key: &str, value: &str| state.selected_options.iter().any(|(k, v)| k == key && v == value);
    // By value: the counts list only options that give something, and an embed's option list
    // only those in its area. An option without counts gives nothing.
    let count_text = |dimension: Dimension, value: &str| {
        let (projects, homes) = dimension(&state.facets).iter().find(|f| f.value == value).map_or((0, 0), |f| (f.projects, f.homes));
        format!("{} · {}", format::number(u64::from(projects)), format::homes(homes))
    };
    let groups = GROUPS
        .iter()
        .filter(|(_, key, _)| !(area_fixed && (*key == q::REGION || *key == q::MUNICIPALITY)))
        .map(|(title, key, dimension)| {
            let options = dimension(&site.options);
            let open = !matches!(*key, q::DEVELOPER | q::DEVELOPER_KIND | q::SITING | q::FORM | q::MUNICIPALITY);
            let any_selected = state.selected_options.iter().any(|(k, _)| k == key);
            let options = options
                .iter()
                .enumerate()
                .map(|(i, option)| {
                    let checked = is_selected(key, &option.value);
                    let id = format!("f-{key}-{i}");
                    view! {
                        <div class="option">
                            <input type="checkbox" id=id.clone() name=*key value=option.value.clone() checked=checked />
                            <label for=id>
                                {option.label.clone()}
                                <span class="count">{count_text(*dimension, &option.value)}</span>
                            </label>
                        </div>
                    }
                })
                .collect_view();
            view! {
                <details class="filter-group" id=format!("g-{key}") open=open || any_selected>
                    <summary>{*title}</summary>
                    <fieldset data-keep-scroll>
                        <legend class="visually-hidden">{*title}</legend>
                        {options}
                    </fieldset>
                </details>
            }
        })
        .collect_view();

    let year_select = |name: &'static str, label: &'static str| {
        let current = query.get(name);
        let options = site
            .options
            .year
            .iter()
            .map(|y| {
                let is = current.as_deref() == Some(y.value.as_str());
                view! { <option value=y.value.clone() selected=is>{y.label.clone()}</option> }
            })
            .collect_view();
        view! {
            <label class="year">
                {label}
                <select name=name>
                    <option value="" selected=current.is_none()>"alle jaren"</option>
                    {options}
                </select>
            </label>
        }
    };
    let keep = |key: &'static str| query.get(key).map(|v| view! { <input type="hidden" name=key value=v /> });
    let fixed = url::Fixed::current();
    let clear_href = query.cleared(&fixed);
    // An embed's fixed parameters go with every submit.
    let fixed_fields = fixed.0.into_iter().map(|(name, value)| view! { <input type="hidden" name=name value=value /> }).collect_view();
    view! {
        <form id=FORM_ID class="filters" role="search" aria-label="Filters" method="get" data-live data-swap data-keep-scroll>
            <p class="hint">"Aantallen: projecten · woningen bij die keuze."</p>
            {groups}
            <details class="filter-group" id="g-jaren" open>
                <summary>"Verwachte oplevering"</summary>
                <fieldset class="years">
                    <legend class="visually-hidden">"Verwachte oplevering"</legend>
                    {year_select(q::YEAR_FROM, "Van ")}
                    {year_select(q::YEAR_TO, "tot en met ")}
                </fieldset>
            </details>
            {keep(url::PROJECT)}
            {keep(url::VIEW)}
            // The part of the map a reader zoomed into stays (`map::view` lets it go when the
            // new filter leaves no project in it).
            {keep(url::MAP_PART)}
            {fixed_fields}
            <div class="filter-actions">
                <button type="submit" class="apply">"Toon resultaten"</button>
                <a href=clear_href>"Wis alle filters"</a>
            </div>
        </form>
    }
    .into_any()
}

/// Folds the filters on a phone: closed before the first paint, so the map is on the first screen.
/// Runs right after the fold is parsed; allowed by its hash ([`crate::INLINE_SCRIPTS`]).
pub const FOLD_ON_PHONE: &str = "if (matchMedia(\"(max-width: 48rem)\").matches) document.getElementById(\"filter-fold\").open = false;";

/// The filters of a full page under their heading, which opens and closes them: folded on a
/// phone (by [`FOLD_ON_PHONE`]), open on wider screens and without JavaScript.
#[component]
pub fn FilterFold(
    /// How many options the resident chose (said beside the heading).
    chosen: usize,
    children: Children,
) -> impl IntoView {
    view! {
        <details class="filter-fold" id="filter-fold" open>
            <summary>
                <h2>"Filters" <span id="filters-gekozen" class="chosen" data-swap>{(chosen > 0).then(|| format!(" ({chosen} gekozen)"))}</span></h2>
            </summary>
            {children()}
        </details>
        <script>{FOLD_ON_PHONE}</script>
    }
}

/// The form behind the list's sort order when residents may not change the filters (an embed
/// with `filters=uit`): the current parameters as hidden fields, so sorting keeps them.
#[component]
pub fn LockedFilters(query: Arc<PageQuery>) -> impl IntoView {
    let fields = url::pairs(&query.raw)
        .into_iter()
        .filter(|(k, _)| k != url::SORT && k != url::ORDER)
        .map(|(name, value)| view! { <input type="hidden" name=name value=value /> })
        .collect_view();
    view! {
        <form id=FORM_ID method="get" data-live data-swap>{fields}</form>
    }
}
