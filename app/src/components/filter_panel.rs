//! The filters: an HTML form whose fields are the URL's parameters.
//!
//! With JavaScript off the form submits by GET and the server renders the result. Hydrated, a
//! change anywhere in the form navigates to the form's query string at once. The fields are
//! rendered once from the option list and only their checked state and counts follow the URL,
//! so focus stays where the resident is.

use crate::api::SiteInfo;
use crate::components::format;
use crate::components::map_view::MapPreview;
use crate::url;
use domain::facets::{FacetCount, Facets};
use domain::query as q;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

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
    ("Ligging", q::PLAN_KIND, |f| &f.plan_kind),
    ("Soort ontwikkelaar", q::DEVELOPER_KIND, |f| &f.developer_kind),
    ("Ontwikkelaar", q::DEVELOPER, |f| &f.developer),
];

/// What the panel shows for the current URL: the ticked options and each option's counts.
#[derive(Debug, Clone, PartialEq)]
pub struct FilterState {
    pub selected_options: Vec<(String, String)>,
    pub facets: Facets,
}

/// Navigates to the query string of the filter form, as the browser would on submit.
pub fn use_apply_form() -> impl Fn() + Clone + 'static {
    use_apply(FORM_ID)
}

/// Navigates to the query string of the form with this id, as the browser would on submit.
///
/// When the change is one the map shows, the map draws it first, in this event, and the
/// navigation (and all that follows the URL: the list, the totals, the server's answer) comes
/// right after the browser has painted it.
pub fn use_apply(form_id: &'static str) -> impl Fn() + Clone + 'static {
    let navigate = use_navigate();
    let location = use_location();
    let preview = MapPreview::get();
    move || {
        let Some(form) = document().get_element_by_id(form_id) else { return };
        let Ok(data) = web_sys::FormData::new_with_form(wasm_bindgen_form(&form)) else { return };
        let Ok(params) = web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data) else { return };
        let query = url::clean(&String::from(params.to_string()));
        let href = url::href(&location.pathname.get_untracked(), &query);
        let navigate = navigate.clone();
        let go = move || navigate(&href, NavigateOptions { scroll: false, ..Default::default() });
        if preview.is_some_and(|p| p.show(&query)) {
            // A frame's callback runs before its paint, a timeout set there after it.
            request_animation_frame(move || set_timeout(go, std::time::Duration::ZERO));
        } else {
            go();
        }
    }
}

fn wasm_bindgen_form(element: &web_sys::Element) -> &web_sys::HtmlFormElement {
    use leptos::wasm_bindgen::JsCast;
    element.unchecked_ref()
}

#[component]
pub fn FilterPanel(
    site: SiteInfo,
    query: Memo<String>,
    #[prop(name = "state")] results: Memo<Option<FilterState>>,
    /// On a figures page the path fixes the area: no region or municipality choice.
    #[prop(optional)]
    area_fixed: bool,
) -> impl IntoView {
    let apply = use_apply_form();
    let location = use_location();
    let is_selected = move |key: &'static str, value: String| {
        move || results.with(|r| r.as_ref().is_some_and(|r| r.selected_options.iter().any(|(k, v)| k == key && *v == value)))
    };
    // By value: the counts list only options that give something, and an embed's option list
    // only those in its area. An option without counts gives nothing.
    let count_text = move |dimension: Dimension, value: String| {
        move || {
            results.with(|r| {
                let Some(r) = r else { return String::new() };
                let (projects, homes) = dimension(&r.facets).iter().find(|f| f.value == value).map_or((0, 0), |f| (f.projects, f.homes));
                format!("{} · {}", format::number(u64::from(projects)), format::homes(homes))
            })
        }
    };
    let groups = GROUPS
        .iter()
        .filter(|(_, key, _)| !(area_fixed && (*key == q::REGION || *key == q::MUNICIPALITY)))
        .map(|(title, key, dimension)| {
            let options = dimension(&site.options).clone();
            let open = !matches!(*key, q::DEVELOPER | q::DEVELOPER_KIND | q::PLAN_KIND | q::FORM | q::MUNICIPALITY);
            let any_selected = move || results.with(|r| r.as_ref().is_some_and(|r| r.selected_options.iter().any(|(k, _)| k == key)));
            view! {
                <details class="filter-group" open=move || open || any_selected()>
                    <summary>{*title}</summary>
                    <fieldset>
                        <legend class="visually-hidden">{*title}</legend>
                        {options
                            .into_iter()
                            .enumerate()
                            .map(|(i, option)| {
                                let value = option.value.clone();
                                let checked = is_selected(key, value.clone());
                                let id = format!("f-{key}-{i}");
                                view! {
                                    <div class="option">
                                        <input type="checkbox" id=id.clone() name=*key value=option.value checked=checked.clone() prop:checked=checked />
                                        <label for=id>
                                            {option.label}
                                            <span class="count">{count_text(*dimension, value.clone())}</span>
                                        </label>
                                    </div>
                                }
                            })
                            .collect_view()}
                    </fieldset>
                </details>
            }
        })
        .collect_view();

    let years = site.options.year.clone();
    let year_select = move |name: &'static str, label: &'static str| {
        let years = years.clone();
        let current = move || url::get(&query.get(), name);
        view! {
            <label class="year">
                {label}
                <select name=name>
                    <option value="" selected=move || current().is_none()>"alle jaren"</option>
                    {years
                        .into_iter()
                        .map(|y| {
                            let value = y.value.clone();
                            let is = move || current().as_deref() == Some(value.as_str());
                            view! {
                                <option value=y.value.clone() selected=is.clone() prop:selected=is>{y.label}</option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
        }
    };
    let keep = |key: &'static str| {
        move || url::get(&query.get(), key).map(|v| view! { <input type="hidden" name=key value=v /> })
    };
    let fixed = url::Fixed::current();
    let clear_href = {
        let fixed = fixed.clone();
        move || url::href(&location.pathname.get(), &url::cleared(&query.get(), &fixed))
    };
    // An embed's fixed parameters go with every submit.
    let fixed_fields = fixed
        .0
        .into_iter()
        .map(|(name, value)| view! { <input type="hidden" name=name value=value /> })
        .collect_view();
    let on_change = {
        let apply = apply.clone();
        move |_| apply()
    };
    view! {
        <form id=FORM_ID class="filters" role="search" aria-label="Filters" method="get" action="" on:change=on_change on:submit=move |ev| {
            ev.prevent_default();
            apply();
        }>
            <h2>"Filters"</h2>
            <p class="hint">"Aantallen: projecten · woningen bij die keuze."</p>
            {groups}
            <details class="filter-group" open>
                <summary>"Verwachte oplevering"</summary>
                <fieldset class="years">
                    <legend class="visually-hidden">"Verwachte oplevering"</legend>
                    {year_select(q::YEAR_FROM, "Van ")}
                    {year_select(q::YEAR_TO, "tot en met ")}
                </fieldset>
            </details>
            {keep(url::PROJECT)}
            {keep(url::VIEW)}
            {fixed_fields}
            <div class="filter-actions">
                <button type="submit" class="apply">"Toon resultaten"</button>
                <a href=clear_href data-noscroll>"Wis alle filters"</a>
            </div>
        </form>
    }
    .into_any()
}

/// The form behind the list's sort order when residents may not change the filters (an embed
/// with `filters=uit`): the current parameters as hidden fields, so sorting keeps them.
#[component]
pub fn LockedFilters(query: Memo<String>) -> impl IntoView {
    let apply = use_apply_form();
    let fields = move || {
        url::pairs(&query.get())
            .into_iter()
            .filter(|(k, _)| k != url::SORT && k != url::ORDER)
            .map(|(name, value)| view! { <input type="hidden" name=name value=value /> })
            .collect_view()
    };
    view! {
        <form id=FORM_ID method="get" action="" on:submit=move |ev| {
            ev.prevent_default();
            apply();
        }>{fields}</form>
    }
}
