//! Moving between states of a page without loading it again (browser only).
//!
//! Every page is rendered on the server, complete: its links and forms work with JavaScript
//! off. In the browser only the parts that need code are hydrated (the islands: the map, the
//! charts' canvases, the builder's copy button). Everything else follows the URL through the
//! server: a link to the same page, a changed filter or Back asks the server for the page at the
//! new URL, and the parts of the page marked `data-swap` are replaced by the new page's parts of
//! the same id. The map is never replaced; it follows the URL itself ([`query`]) and draws a
//! filter change before the server has answered ([`install_map_drawer`]).
//!
//! [`install`] sets this up once per page.

use crate::url;
use js_sys::Reflect;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos::wasm_bindgen::closure::Closure;
use leptos::wasm_bindgen::{JsCast, JsValue};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use web_sys::{Document, Element, HtmlFormElement};

/// Draws a query's filter on the map; `true` when the map changed.
pub type MapDrawer = Rc<dyn Fn(&str) -> bool>;

/// The event on `document` after the page's parts have been replaced.
pub const SWAPPED: &str = "wbk-bijgewerkt";

/// What a navigation does to the browser's history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum History {
    /// A new entry (a link, a filter).
    Push,
    /// None: the browser already moved (Back, Forward).
    Keep,
}

/// Where the keyboard goes when a navigation has opened or closed a project's detail.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Focus {
    /// Where it was (a filter, the sort order).
    Keep,
    /// To the detail's heading, brought into view: the detail may open far from the row or
    /// marker that opened it (under the list on a phone).
    Detail,
    /// Back to what opened this project's detail, which just closed.
    ReturnFrom(String),
}

impl Focus {
    fn between(before: Option<String>, after: Option<String>) -> Focus {
        match (before, after) {
            (before, Some(after)) if before.as_deref() != Some(after.as_str()) => Focus::Detail,
            (Some(before), None) => Focus::ReturnFrom(before),
            _ => Focus::Keep,
        }
    }
}

thread_local! {
    /// The element that had the keyboard when a detail was opened (a row, a marker).
    static OPENER: RefCell<Option<Element>> = const { RefCell::new(None) };
    static QUERY: RwSignal<String, LocalStorage> = RwSignal::new_local(search());
    static MAP_DRAWER: RefCell<Option<MapDrawer>> = const { RefCell::new(None) };
    /// The latest navigation: an answer to an earlier one is dropped.
    static LATEST: Cell<u32> = const { Cell::new(0) };
    static INSTALLED: Cell<bool> = const { Cell::new(false) };
    /// The part of the map the resident moved to (`?uitsnede=`), once they have moved it.
    static VIEW: RefCell<Option<String>> = const { RefCell::new(None) };
    /// Where the resident scrolled each list marked `data-keep-scroll` (none: at its top), kept
    /// as they scroll, so that a swap need not ask the page.
    static SCROLLED: RefCell<Vec<(Element, i32)>> = const { RefCell::new(Vec::new()) };
}

/// The page's query string, without `?`, following every navigation.
pub fn query() -> Signal<String, LocalStorage> {
    QUERY.with(|q| (*q).into())
}

/// Installs the map's drawer, which draws a filter change on the map before the server
/// has answered: while a map is on the page; `None` when it goes.
pub fn install_map_drawer(show: Option<MapDrawer>) {
    MAP_DRAWER.with(|p| *p.borrow_mut() = show);
}

fn search() -> String {
    window().location().search().unwrap_or_default().trim_start_matches('?').to_owned()
}

/// Goes to `href` (a path on this site, with its query): the URL changes at once, the page's
/// parts follow when the server answers.
pub fn go(href: &str) {
    navigate(carry_view(href), History::Push);
}

/// Writes the part of the map on screen into the URL (`?uitsnede=`, replacing the history
/// entry: a move is not a step Back should undo), so that a link copied or a page reloaded
/// opens where the resident was looking; `None` when the map is gone. The page's query
/// ([`query`]) does not change: nothing else on the page depends on the part.
pub fn show_view(part: Option<String>) {
    VIEW.with(|v| *v.borrow_mut() = part.clone());
    let Some(part) = part else { return };
    let location = window().location();
    let href = url::href(&location.pathname().unwrap_or_default(), &url::with(&search(), url::MAP_PART, Some(&part)));
    let _ = window().history().and_then(|h| h.replace_state_with_url(&JsValue::NULL, "", Some(&href)));
}

/// The part of the map the resident moved to, as written into the URL; `None` before any move.
pub fn view() -> Option<String> {
    VIEW.with(|v| v.borrow().clone())
}

/// A link within this page keeps the part the resident moved the map to: the page's links (a
/// filter, a project, the form's hidden field) carry the part the server drew.
fn carry_view(href: &str) -> String {
    match view() {
        Some(part) => url::href_with(href, &window().location().pathname().unwrap_or_default(), url::MAP_PART, Some(&part)),
        None => href.to_owned(),
    }
}

fn navigate(href: String, history: History) {
    let turn = LATEST.with(|l| {
        l.set(l.get() + 1);
        l.get()
    });
    if history == History::Push {
        let _ = window().history().and_then(|h| h.push_state_with_url(&JsValue::NULL, "", Some(&href)));
    }
    let before = QUERY.with(|q| url::get(&q.get_untracked(), url::PROJECT));
    QUERY.with(|q| q.set(search()));
    let focus = Focus::between(before, url::get(&search(), url::PROJECT));
    if focus == Focus::Detail {
        OPENER.with(|o| *o.borrow_mut() = document().active_element().filter(|e| e.tag_name() != "BODY"));
    }
    // The page's parts do not depend on the part of the map (its links get it back from
    // `carry_view`): asked for without it, the server answers from its cache of pages.
    let here = window().location().pathname().unwrap_or_default();
    let asked = if view().is_some() { url::href_with(&href, &here, url::MAP_PART, None) } else { href.clone() };
    spawn_local(async move {
        let page = fetch_page(&asked).await;
        // The browser's turn between reading the answer and changing the page: one task of
        // each (at 100,000 projects 10-14 ms of parsing, and the swap), not one long task that
        // keeps a click or a key waiting.
        next_task().await;
        // A later navigation has taken over: this answer is not wanted.
        if LATEST.with(Cell::get) != turn {
            return;
        }
        match page {
            Some(doc) => {
                swap(&doc);
                move_focus(focus);
            }
            // No answer the page can use: the browser loads the URL itself, and shows what
            // the server says.
            None => {
                let _ = window().location().assign(&href);
            }
        }
    });
}

/// Resolves in a task of its own, after whatever the browser has queued.
async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback(&resolve);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

async fn fetch_page(href: &str) -> Option<Document> {
    // Only the marked parts are used: the server leaves out what is never swapped (the map's
    // drawing).
    let response = gloo_net::http::Request::get(href).header("Accept", "text/html").header(url::PARTS_ONLY, "1").send().await.ok()?;
    if !response.ok() {
        return None;
    }
    let text = response.text().await.ok()?;
    web_sys::DomParser::new().ok()?.parse_from_string(&text, web_sys::SupportedType::TextHtml).ok()
}

/// Replaces the content of the page's `data-swap` parts by that of the new page's parts of the
/// same id, and their attributes. The parts themselves stay (a live region is still the one a
/// screen reader follows, a form is still the form its outside fields name); a part whose markup
/// did not change is not touched at all; a part marked `data-swap="attributes"` only takes the new
/// attributes (it holds the map). The keyboard focus stays on the element of the same id, a group
/// the resident opened stays open, and a list marked `data-keep-scroll` keeps its scroll position.
fn swap(new: &Document) {
    let doc = document();
    let focused = doc.active_element().map(|e| e.id()).filter(|id| !id.is_empty());
    let open: Vec<String> = elements(doc.query_selector_all("details[open][id]")).iter().map(Element::id).collect();
    let (mut changed, mut attributes_only, mut unchanged_forms) = (Vec::new(), Vec::new(), Vec::new());
    for part in elements(new.query_selector_all("[data-swap][id]")) {
        let Some(old) = doc.get_element_by_id(&part.id()) else { continue };
        if part.get_attribute("data-swap").as_deref() == Some("attributes") {
            // Its content is the browser's (the map): never serialized or compared.
            attributes_only.push((part, old));
        } else if old.outer_html() == part.outer_html() {
            // The same markup, but a form's fields may hold what the resident clicked before
            // moving on (Back before the server answered): they take the markup's values.
            unchanged_forms.extend(old.dyn_into::<HtmlFormElement>().ok());
        } else {
            changed.push((part, old));
        }
    }
    // Scroll positions as the resident left them, not read from the page: asking the page for
    // one makes the browser lay out the whole page there and then, if anything changed since
    // its last frame (15-18 ms of the task that swaps the parts at 100,000 projects, traced).
    let scrolled: Vec<Vec<i32>> = changed.iter().map(|(_, old)| scrollers(old).iter().map(scrolled_to).collect()).collect();
    for (part, old) in &attributes_only {
        copy_attributes(part, old);
    }
    for form in &unchanged_forms {
        form.reset();
    }
    for (part, old) in &changed {
        copy_attributes(part, old);
        old.set_inner_html(&part.inner_html());
    }
    for ((_, old), scrolled) in changed.iter().zip(scrolled) {
        let now = scrollers(old);
        if now.len() == scrolled.len() {
            // A list at its top is where a new one starts: nothing to set, nothing to lay out.
            for (element, top) in now.iter().zip(scrolled).filter(|(_, top)| *top != 0) {
                element.set_scroll_top(top);
            }
        }
    }
    doc.set_title(&new.title());
    for id in open {
        if let Some(details) = doc.get_element_by_id(&id) {
            let _ = details.set_attribute("open", "");
        }
    }
    if let Some(id) = focused {
        let lost = doc.active_element().is_none_or(|e| e.id() != id);
        if let (true, Some(element)) = (lost, doc.get_element_by_id(&id)) {
            if let Some(element) = element.dyn_ref::<web_sys::HtmlElement>() {
                let _ = element.focus();
            }
        }
    }
    // Islands outside the parts (the charts' canvases) draw what the parts now hold.
    if let Ok(event) = web_sys::Event::new(SWAPPED) {
        let _ = doc.dispatch_event(&event);
    }
    // The selected row comes into view, whoever selected it.
    if let Some(row) = doc.query_selector(".project-list a.row[aria-current]").ok().flatten() {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Nearest);
        row.scroll_into_view_with_scroll_into_view_options(&options);
    }
}

/// Moves the keyboard to the detail that opened, or back to what opened the detail that closed.
fn move_focus(focus: Focus) {
    let doc = document();
    match focus {
        Focus::Keep => {}
        Focus::Detail => {
            let Some(heading) = doc.get_element_by_id("detail-titel") else { return };
            let Some(heading) = heading.dyn_ref::<web_sys::HtmlElement>() else { return };
            let options = web_sys::FocusOptions::new();
            options.set_prevent_scroll(true);
            let _ = heading.focus_with_options(&options);
            // Brought to the top of the screen unless it is in the upper part of it already.
            let top = heading.get_bounding_client_rect().top();
            let height = window().inner_height().ok().and_then(|h| h.as_f64()).unwrap_or(0.0);
            if top < 0.0 || top > height * 0.6 {
                let options = web_sys::ScrollIntoViewOptions::new();
                options.set_block(web_sys::ScrollLogicalPosition::Start);
                heading.scroll_into_view_with_scroll_into_view_options(&options);
            }
        }
        Focus::ReturnFrom(id) => {
            // The element that opened it if it is still there (a marker), else the project's
            // row (the list was replaced: found again), else the map, else the results.
            let opener = OPENER.with(|o| o.borrow_mut().take()).filter(|e| e.is_connected());
            let row = elements(doc.query_selector_all(".project-list a.row")).into_iter().find(|r| r.get_attribute("data-id").as_deref() == Some(id.as_str()));
            let map = doc.query_selector(".leaflet-container").ok().flatten();
            let results = doc.get_element_by_id("resultaten");
            let target = [opener, row, map, results]
                .into_iter()
                .flatten()
                .filter_map(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                .find(|e| e.offset_parent().is_some());
            if let Some(target) = target {
                let _ = target.focus();
            }
        }
    }
}

/// Escape closes an open project's detail (its close link), unless a field is using the key.
fn escape_closes(ev: &web_sys::KeyboardEvent) {
    if ev.key() != "Escape" || ev.default_prevented() {
        return;
    }
    let in_field = ev.target().and_then(|t| t.dyn_into::<Element>().ok()).is_some_and(|e| matches!(e.tag_name().as_str(), "SELECT" | "INPUT" | "TEXTAREA"));
    if in_field {
        return;
    }
    let Some(close) = document().query_selector(".detail a.close").ok().flatten() else { return };
    let Some(close) = close.dyn_ref::<web_sys::HtmlAnchorElement>() else { return };
    ev.prevent_default();
    go(&format!("{}{}", close.pathname(), close.search()));
}

/// Where a list was scrolled to, as last seen by [`note_scroll`].
fn scrolled_to(list: &Element) -> i32 {
    SCROLLED.with(|s| s.borrow().iter().find(|(e, _)| e == list).map_or(0, |(_, top)| *top))
}

/// Keeps where a list marked `data-keep-scroll` is scrolled to (a scroll event: the page is
/// laid out, reading it costs nothing); lists no longer in the page are forgotten.
fn note_scroll(ev: &web_sys::Event) {
    let Some(list) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()).filter(|e| e.has_attribute("data-keep-scroll")) else { return };
    let top = list.scroll_top();
    SCROLLED.with(|s| {
        let mut s = s.borrow_mut();
        s.retain(|(e, _)| e != &list && e.is_connected());
        s.push((list, top));
    });
}

/// A part's scrolling lists (`data-keep-scroll`), itself included, in document order.
fn scrollers(part: &Element) -> Vec<Element> {
    let mut found: Vec<Element> = part.has_attribute("data-keep-scroll").then(|| part.clone()).into_iter().collect();
    found.extend(elements(part.query_selector_all("[data-keep-scroll]")));
    found
}

/// The elements a `query_selector_all` found (none for a selector it could not read).
pub fn elements(found: Result<web_sys::NodeList, JsValue>) -> Vec<Element> {
    let Ok(list) = found else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.get(i)?.dyn_into::<Element>().ok()).collect()
}

/// Gives `to` exactly the attributes of `from`.
fn copy_attributes(from: &Element, to: &Element) {
    for name in to.get_attribute_names().iter().filter_map(|n| n.as_string()) {
        if !from.has_attribute(&name) {
            let _ = to.remove_attribute(&name);
        }
    }
    for name in from.get_attribute_names().iter().filter_map(|n| n.as_string()) {
        if let Some(value) = from.get_attribute(&name) {
            if to.get_attribute(&name).as_deref() != Some(value.as_str()) {
                let _ = to.set_attribute(&name, &value);
            }
        }
    }
}

/// The query a form would submit, without empty fields.
fn form_query(form: &HtmlFormElement) -> Option<String> {
    let data = web_sys::FormData::new_with_form(form).ok()?;
    let params = web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data).ok()?;
    Some(url::clean(&String::from(params.to_string())))
}

/// Submits a live form: when the change is one the map shows, the map draws it first, in this
/// event, and the navigation (the URL, then the list and the totals) comes right after the
/// browser has painted it.
fn apply(form: &HtmlFormElement) {
    let Some(query) = form_query(form) else { return };
    let path = window().location().pathname().unwrap_or_default();
    let href = url::href(&path, &query);
    let drawn = MAP_DRAWER.with(|p| p.borrow().clone()).is_some_and(|show| show(&query));
    if drawn {
        after_paint(move || go(&href));
    } else {
        go(&href);
    }
}

/// Runs `then` right after the browser's next paint: a frame's callback runs before its paint,
/// a timeout set there after it.
pub fn after_paint(then: impl FnOnce() + 'static) {
    request_animation_frame(move || set_timeout(then, std::time::Duration::ZERO));
}

/// The live form an event happened in: the form itself, or a field's form (also a field
/// outside the form that names it, such as the list's sort order).
fn live_form(target: &JsValue) -> Option<HtmlFormElement> {
    let form = match target.dyn_ref::<HtmlFormElement>() {
        Some(form) => form.clone(),
        None => Reflect::get(target, &"form".into()).ok()?.dyn_into::<HtmlFormElement>().ok()?,
    };
    form.has_attribute("data-live").then_some(form)
}

/// A click on a link to this same page, to be followed here: `None` for anything the browser
/// should do itself (another page, a new tab, a download, a modified click).
fn same_page_link(ev: &web_sys::MouseEvent) -> Option<String> {
    if ev.default_prevented() || ev.button() != 0 || ev.meta_key() || ev.ctrl_key() || ev.shift_key() || ev.alt_key() {
        return None;
    }
    let target = ev.target()?.dyn_into::<Element>().ok()?;
    let link = target.closest("a[href]").ok()??.dyn_into::<web_sys::HtmlAnchorElement>().ok()?;
    // A jump within the page (the skip link) is the browser's, and so is a link to the same page
    // with other islands (`data-reload`: an embed's other view).
    if !link.target().is_empty() || link.has_attribute("download") || link.has_attribute("data-reload") || !link.hash().is_empty() {
        return None;
    }
    let location = window().location();
    let same = link.origin() == location.origin().ok()? && link.pathname() == location.pathname().ok()?;
    same.then(|| format!("{}{}", link.pathname(), link.search()))
}

/// The arrow keys move between the list's rows.
fn arrow_keys(ev: &web_sys::KeyboardEvent) {
    let step = match ev.key().as_str() {
        "ArrowDown" => 1i32,
        "ArrowUp" => -1,
        _ => return,
    };
    let rows = elements(document().query_selector_all(".project-list a.row"));
    let active = document().active_element();
    let Some(position) = rows.iter().position(|row| Some(row) == active.as_ref()) else { return };
    let next = (position as i32 + step).clamp(0, rows.len() as i32 - 1) as usize;
    if let Some(row) = rows[next].dyn_ref::<web_sys::HtmlElement>() {
        ev.prevent_default();
        let _ = row.focus();
    }
}

fn listen<E: JsCast + 'static>(target: &web_sys::EventTarget, name: &str, handler: impl Fn(E) + 'static) {
    let closure = Closure::<dyn Fn(web_sys::Event)>::new(move |ev: web_sys::Event| handler(ev.unchecked_into()));
    let _ = target.add_event_listener_with_callback(name, closure.as_ref().unchecked_ref());
    closure.forget();
}

/// Listens for links, live forms, Back and Forward and the list's arrow keys, once per page,
/// and marks the page as ready (`data-hydrated`, which browser tests wait for).
pub fn install() {
    if INSTALLED.with(|i| i.replace(true)) {
        return;
    }
    let doc: web_sys::EventTarget = document().into();
    listen(&doc, "click", |ev: web_sys::MouseEvent| {
        if let Some(href) = same_page_link(&ev) {
            ev.prevent_default();
            go(&href);
        }
    });
    listen(&doc, "change", |ev: web_sys::Event| {
        if let Some(form) = ev.target().and_then(|t| live_form(&t)) {
            apply(&form);
        }
    });
    listen(&doc, "submit", |ev: web_sys::Event| {
        if let Some(form) = ev.target().and_then(|t| live_form(&t)) {
            ev.prevent_default();
            apply(&form);
        }
    });
    listen(&doc, "keydown", |ev: web_sys::KeyboardEvent| {
        arrow_keys(&ev);
        escape_closes(&ev);
    });
    // Scroll events do not bubble: heard on their way down.
    let scrolls = Closure::<dyn Fn(web_sys::Event)>::new(|ev: web_sys::Event| note_scroll(&ev));
    let _ = doc.add_event_listener_with_callback_and_bool("scroll", scrolls.as_ref().unchecked_ref(), true);
    scrolls.forget();
    listen(&window().into(), "popstate", |_: web_sys::Event| {
        let location = window().location();
        let href = format!("{}{}", location.pathname().unwrap_or_default(), location.search().unwrap_or_default());
        navigate(href, History::Keep);
    });
    if let Some(page) = document().query_selector(".page, .embed").ok().flatten() {
        let _ = page.set_attribute("data-hydrated", "true");
    }
}
