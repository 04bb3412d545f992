use leptos::prelude::*;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum_status_not_found());
    }
    view! {
        <main class="not-found">
            <h1>"Pagina niet gevonden"</h1>
            <p><a href="/">"Naar de woningbouwkaart"</a></p>
        </main>
    }
}

#[cfg(feature = "ssr")]
fn axum_status_not_found() -> http::StatusCode {
    http::StatusCode::NOT_FOUND
}
