//! A page of text in the site's frame: the header, a skip link to the text, the text, and the
//! footer. For the pages that explain (price classes, accessibility) and the page not found.

use crate::components::page_title::PageTitle;
use crate::components::site_footer::SiteFooter;
use crate::components::site_header::{Section, SiteHeader};
use crate::page_data::SiteInfo;
use leptos::prelude::*;
use leptos_meta::Meta;

#[component]
pub fn TextPage(
    site: SiteInfo,
    /// The page's heading; also its title, before the site's name.
    #[prop(into)]
    title: String,
    /// What search engines and shared links show.
    #[prop(optional, into)]
    description: Option<String>,
    children: Children,
) -> impl IntoView {
    view! {
        <PageTitle text=format!("{title} · Publieke Woningbouwkaart") />
        {description.map(|content| view! { <Meta name="description" content /> })}
        <div class="page">
            <a class="skip-link" href="#inhoud">"Direct naar de inhoud"</a>
            <SiteHeader site=site.clone() current=Section::Other>
                <h1>{title}</h1>
            </SiteHeader>
            <main id="inhoud" class="text-page">{children()}</main>
            <SiteFooter site />
        </div>
    }
}
