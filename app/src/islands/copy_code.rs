//! The embed builder's copy button.

use leptos::prelude::*;

/// The id of the builder's textarea with the code to copy.
pub const CODE: &str = "embed-code";

/// The copy button: copies the code in the textarea (whatever the choices have made it by then)
/// and says whether that worked. Without JavaScript it is not there to be pressed: the textarea
/// can be selected and copied by hand.
#[island]
pub fn CopyCode() -> impl IntoView {
    let copied = RwSignal::new(None::<&'static str>);
    let copy = move |_| {
        #[cfg(feature = "hydrate")]
        {
            use leptos::wasm_bindgen::JsCast;
            if let Some(area) = document().get_element_by_id(CODE) {
                let area: web_sys::HtmlTextAreaElement = area.unchecked_into();
                area.select();
                let text = area.value();
                let clipboard = window().navigator().clipboard();
                leptos::task::spawn_local(async move {
                    let done = wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&text)).await.is_ok();
                    copied.set(Some(if done {
                        "De code is gekopieerd."
                    } else {
                        "Kopiëren lukte niet: de code is geselecteerd, kopieer met Ctrl+C (of Cmd+C)."
                    }));
                });
            }
        }
    };
    view! {
        <p class="copy">
            <button type="button" on:click=copy>"Kopieer de code"</button>
            <span role="status" data-testid="copy-status">{move || copied.get()}</span>
        </p>
    }
}
