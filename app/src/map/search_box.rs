//! The search box as a combobox (browser only), after the ARIA Authoring Practices' "list
//! autocomplete" pattern: suggestions appear under the field as one types; ↓ and ↑ move through
//! them (the field keeps the focus, `aria-activedescendant` says which one), Enter or a click
//! chooses, Escape closes the list and then empties the field. Enter with no suggestion chosen
//! submits the form, which opens the search page with everything found.
//!
//! The server writes the form ([`crate::components::place_search`]); what to suggest and what
//! choosing does come from the map ([`super::client`]).

use crate::suggestions::Suggestion;
use crate::url;
use leptos::prelude::*;
use leptos::wasm_bindgen::closure::Closure;
use leptos::wasm_bindgen::JsCast;
use std::cell::RefCell;
use std::rc::Rc;
use web_sys::{Element, HtmlInputElement, KeyboardEvent};

/// What the box suggests for a text.
pub type Suggest = Rc<dyn Fn(&str) -> Vec<Suggestion>>;
/// What choosing a suggestion does.
pub type Choose = Rc<dyn Fn(&Suggestion)>;

struct SearchBox {
    input: HtmlInputElement,
    list: Element,
    status: Element,
    shown: Vec<Suggestion>,
    active: Option<usize>,
}

impl SearchBox {
    fn open(&self) -> bool {
        !self.list.has_attribute("hidden")
    }

    /// Lists `suggestions` under the field (closed when there are none).
    fn show(&mut self, suggestions: Vec<Suggestion>, typed: &str) {
        self.list.set_inner_html("");
        for (i, s) in suggestions.iter().enumerate() {
            let Ok(item) = document().create_element("li") else { continue };
            let _ = item.set_attribute("role", "option");
            let _ = item.set_attribute("id", &option_id(i));
            let _ = item.set_attribute("aria-selected", "false");
            let _ = item.set_attribute("data-i", &i.to_string());
            for (class, text) in [("name", s.name.as_str()), ("detail-text", s.detail.as_str())] {
                if let Ok(span) = document().create_element("span") {
                    span.set_class_name(class);
                    span.set_text_content(Some(text));
                    let _ = item.append_child(&span);
                }
            }
            let _ = self.list.append_child(&item);
        }
        self.active = None;
        let _ = self.input.remove_attribute("aria-activedescendant");
        let enough = domain::search::fold(typed).chars().count() >= domain::search::MIN_QUERY;
        let said = match suggestions.len() {
            _ if !enough => String::new(),
            0 => "Geen suggesties".to_owned(),
            1 => "1 suggestie".to_owned(),
            n => format!("{n} suggesties"),
        };
        self.status.set_text_content(Some(&said));
        self.set_open(!suggestions.is_empty());
        self.shown = suggestions;
    }

    fn set_open(&self, open: bool) {
        let _ = if open { self.list.remove_attribute("hidden") } else { self.list.set_attribute("hidden", "") };
        let _ = self.input.set_attribute("aria-expanded", if open { "true" } else { "false" });
        if !open {
            let _ = self.input.remove_attribute("aria-activedescendant");
        }
    }

    /// Marks suggestion `to` as the active one.
    fn activate(&mut self, to: usize) {
        let items = self.list.children();
        for i in 0..items.length() {
            if let Some(item) = items.item(i) {
                let on = i as usize == to;
                let _ = item.set_attribute("aria-selected", if on { "true" } else { "false" });
                if on {
                    let options = web_sys::ScrollIntoViewOptions::new();
                    options.set_block(web_sys::ScrollLogicalPosition::Nearest);
                    item.scroll_into_view_with_scroll_into_view_options(&options);
                }
            }
        }
        let _ = self.input.set_attribute("aria-activedescendant", &option_id(to));
        self.active = Some(to);
    }
}

fn option_id(i: usize) -> String {
    format!("zoek-optie-{i}")
}

fn listen<E: JsCast + 'static>(target: &web_sys::EventTarget, name: &str, handler: impl Fn(E) + 'static) {
    let closure = Closure::<dyn Fn(web_sys::Event)>::new(move |ev: web_sys::Event| handler(ev.unchecked_into()));
    let _ = target.add_event_listener_with_callback(name, closure.as_ref().unchecked_ref());
    closure.forget();
}

/// Makes the page's search box (`#zoek`) suggest and choose; nothing when the page has none.
pub fn attach(suggest: Suggest, choose: Choose) {
    let find = |id: &str| document().get_element_by_id(id);
    let (Some(input), Some(list), Some(status)) = (find("zoek"), find("zoek-suggesties"), find("zoek-status")) else { return };
    let Ok(input) = input.dyn_into::<HtmlInputElement>() else { return };
    let form = input.form();
    let field: web_sys::EventTarget = input.clone().into();
    let state = Rc::new(RefCell::new(SearchBox { input: input.clone(), list: list.clone(), status, shown: Vec::new(), active: None }));
    let pick = {
        let state = state.clone();
        move |i: usize| {
            let chosen = {
                let s = state.borrow();
                let Some(chosen) = s.shown.get(i).cloned() else { return };
                s.input.set_value(&chosen.name);
                s.set_open(false);
                chosen
            };
            choose(&chosen);
        }
    };
    {
        let state = state.clone();
        listen(&field, "input", move |_: web_sys::Event| {
            let typed = input.value();
            let found = suggest(&typed);
            state.borrow_mut().show(found, &typed);
        });
    }
    {
        let (state, pick) = (state.clone(), pick.clone());
        listen(&field, "keydown", move |ev: KeyboardEvent| {
            let (open, count, active) = {
                let s = state.borrow();
                (s.open(), s.shown.len(), s.active)
            };
            match ev.key().as_str() {
                "ArrowDown" | "ArrowUp" if count > 0 => {
                    ev.prevent_default();
                    let down = ev.key() == "ArrowDown";
                    let to = match active {
                        _ if !open => {
                            if down {
                                0
                            } else {
                                count - 1
                            }
                        }
                        None if down => 0,
                        None => count - 1,
                        Some(i) if down => (i + 1) % count,
                        Some(i) => (i + count - 1) % count,
                    };
                    let mut s = state.borrow_mut();
                    s.set_open(true);
                    s.activate(to);
                }
                "Enter" => {
                    if let (true, Some(i)) = (open, active) {
                        ev.prevent_default();
                        pick(i);
                    }
                }
                "Escape" => {
                    ev.prevent_default();
                    let s = state.borrow();
                    if open {
                        s.set_open(false);
                    } else {
                        s.input.set_value("");
                    }
                }
                "Tab" => state.borrow().set_open(false),
                _ => {}
            }
        });
    }
    // A press on a suggestion keeps the focus in the field; the click then chooses it.
    listen(&list.clone().into(), "mousedown", |ev: web_sys::MouseEvent| ev.prevent_default());
    let click_pick = pick.clone();
    listen(&list.into(), "click", move |ev: web_sys::MouseEvent| {
        let item = ev.target().and_then(|t| t.dyn_into::<Element>().ok()).and_then(|t| t.closest("[data-i]").ok().flatten());
        if let Some(i) = item.and_then(|item| item.get_attribute("data-i")).and_then(|i| i.parse().ok()) {
            click_pick(i);
        }
    });
    {
        let state = state.clone();
        listen(&field, "blur", move |_: web_sys::Event| state.borrow().set_open(false));
    }
    // Pressing "Zoeken" with a suggestion active chooses it; otherwise the search page opens,
    // with the filter the page has now (the form's hidden fields are the first page's).
    if let Some(form) = form {
        let (state, pick) = (state.clone(), pick.clone());
        listen(&form.into(), "submit", move |ev: web_sys::Event| {
            ev.prevent_default();
            let (active, typed) = {
                let s = state.borrow();
                (s.active.filter(|_| s.open()), s.input.value())
            };
            match active {
                Some(i) => pick(i),
                None => {
                    let filter = url::filter_only(&window().location().search().unwrap_or_default());
                    let query = url::with(&filter, url::TYPED, Some(&typed));
                    let _ = window().location().set_href(&url::href(url::SEARCH_PAGE, &query));
                }
            }
        });
    }
}
