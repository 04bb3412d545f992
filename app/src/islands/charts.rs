//! The charts' canvases: the server draws each chart as SVG and writes its data beside it; in the
//! browser the same drawing code paints it on a canvas sized to the screen.

use leptos::prelude::*;

/// Every chart on the page painted on its canvas, at the canvas's width, and painted again when
/// the width changes or the server's new charts come in (a filter change). One per page, outside
/// the parts a filter change replaces; its code (plotters) is its own WASM file, loaded only
/// where there are charts.
#[island(lazy)]
pub fn ChartCanvases() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    canvases::start();
}

#[cfg(feature = "hydrate")]
mod canvases {
    use crate::charts::Chart;
    use leptos::prelude::*;
    use leptos::wasm_bindgen::JsCast;
    use web_sys::HtmlCanvasElement;

    /// The width a canvas should be drawn at: its container's, within bounds.
    fn width_for(canvas: &HtmlCanvasElement) -> u32 {
        canvas.parent_element().map_or(640, |p| p.client_width()).clamp(200, 900) as u32
    }

    fn paint(chart: &Chart, canvas: &HtmlCanvasElement) -> bool {
        use plotters::prelude::IntoDrawingArea;
        let width = width_for(canvas);
        canvas.set_width(width);
        canvas.set_height(chart.height_for(width));
        let Some(backend) = plotters_canvas::CanvasBackend::with_canvas_object(canvas.clone()) else { return false };
        let root = backend.into_drawing_area();
        crate::charts::draw::draw(chart, &root).and_then(|_| root.present()).is_ok()
    }

    /// Paints the figures' canvases; `all` paints those already painted again too (a new width).
    fn paint_all(all: bool) {
        for figure in crate::navigation::elements(document().query_selector_all("figure.chart")) {
            let canvas = figure.query_selector("canvas.chart-canvas").ok().flatten().and_then(|c| c.dyn_into::<HtmlCanvasElement>().ok());
            let data = figure.query_selector("script[type=\"application/x-postcard\"]").ok().flatten();
            let (Some(canvas), Some(data)) = (canvas, data) else { continue };
            let painted = figure.has_attribute("data-painted");
            if painted && !(all && width_for(&canvas) != canvas.width()) {
                continue;
            }
            let Some(chart) = crate::codec::decode_embedded::<Chart>(&data) else { continue };
            if paint(&chart, &canvas) {
                let _ = figure.set_attribute("data-painted", "true");
            }
        }
    }

    pub fn start() {
        paint_all(false);
        // A phone turned, a window resized, a presenter's screen: drawn again for the new width.
        let resized = window_event_listener(leptos::ev::resize, move |_| paint_all(true));
        std::mem::forget(resized);
        let swapped = leptos::wasm_bindgen::closure::Closure::<dyn Fn()>::new(|| paint_all(false));
        let _ = document().add_event_listener_with_callback(crate::navigation::SWAPPED, swapped.as_ref().unchecked_ref());
        swapped.forget();
    }
}
