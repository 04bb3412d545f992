//! The search box over the province's places and the projects' names. Without JavaScript it is
//! a form that opens the search page (`/zoeken`) with what was typed; in the browser the map
//! makes it a combobox that suggests as one types (`crate::map::search_box`), and a search
//! page opened from it keeps the page's filter. (Hidden fields could carry the filter without
//! JavaScript too, but the page would then have each filter value twice under its name.)

use crate::url::{SEARCH_PAGE, TYPED};
use leptos::prelude::*;

#[component]
pub fn PlaceSearch(
    /// What the box says: the place or project the map shows, or what was searched.
    #[prop(into)]
    value: String,
    /// A plain search field, where no map makes it suggest (the search page itself).
    #[prop(optional)]
    plain: bool,
) -> impl IntoView {
    view! {
        <form class="place-search" role="search" action=SEARCH_PAGE method="get" data-testid="zoeken">
            <label for="zoek">"Zoek een plaats of project"</label>
            <div class="search-row">
                <div class="combo">
                    <input
                        id="zoek"
                        name=TYPED
                        // A combobox is a text field (ARIA in HTML allows the role on type=text,
                        // not on type=search); the plain field is a search field.
                        type=if plain { "search" } else { "text" }
                        value=value
                        autocomplete="off"
                        spellcheck="false"
                        enterkeyhint="search"
                        role=(!plain).then_some("combobox")
                        aria-autocomplete=(!plain).then_some("list")
                        aria-expanded=(!plain).then_some("false")
                        aria-controls=(!plain).then_some("zoek-suggesties")
                        aria-describedby=(!plain).then_some("zoek-uitleg")
                    />
                    {(!plain).then(|| view! { <ul id="zoek-suggesties" class="suggestions" role="listbox" aria-label="Suggesties" hidden></ul> })}
                </div>
                <button type="submit">"Zoeken"</button>
            </div>
            {(!plain)
                .then(|| {
                    view! {
                        <p id="zoek-uitleg" class="visually-hidden">"Suggesties verschijnen onder het veld; kies met de pijltjestoetsen en Enter."</p>
                        <p id="zoek-status" class="visually-hidden" role="status"></p>
                    }
                })}
        </form>
    }
}
