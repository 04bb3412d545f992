//! The page's `<title>`. leptos_meta writes a title's text into the head as it is, so a
//! project's delivered name would be markup there (`</title><meta http-equiv="refresh" …>`):
//! every page sets its title through this component, which escapes it.

use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn PageTitle(#[prop(into)] text: String) -> impl IntoView {
    view! { <Title text=crate::escape::text(&text) /> }
}
