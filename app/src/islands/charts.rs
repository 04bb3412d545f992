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

    /// Paints `figure`'s canvas from the chart data beside it; `again` paints a painted one again
    /// when its width has changed.
    fn paint_figure(figure: &web_sys::Element, again: bool) {
        let canvas = figure.query_selector("canvas.chart-canvas").ok().flatten().and_then(|c| c.dyn_into::<HtmlCanvasElement>().ok());
        let data = figure.query_selector("script[type=\"application/x-postcard\"]").ok().flatten();
        let (Some(canvas), Some(data)) = (canvas, data) else { return };
        let painted = figure.has_attribute("data-painted");
        if painted && !(again && width_for(&canvas) != canvas.width()) {
            return;
        }
        let Some(chart) = crate::codec::decode_embedded::<Chart>(&data) else { return };
        if paint(&chart, &canvas) {
            let _ = figure.set_attribute("data-painted", "true");
        }
    }

    fn figures() -> Vec<web_sys::Element> {
        crate::navigation::elements(document().query_selector_all("figure.chart"))
    }

    /// Paints each chart when it comes near the screen, each in a task of its own: a figures
    /// page holds a dozen charts, and painting them all as the page hydrated blocked a phone's
    /// main thread for over a second. Until then the server's SVG of the same chart shows.
    fn watch() -> Option<web_sys::IntersectionObserver> {
        let callback = leptos::wasm_bindgen::closure::Closure::<dyn Fn(js_sys::Array, web_sys::IntersectionObserver)>::new(
            |entries: js_sys::Array, observer: web_sys::IntersectionObserver| {
                for entry in entries.iter() {
                    let entry: web_sys::IntersectionObserverEntry = entry.unchecked_into();
                    if entry.is_intersecting() {
                        let figure = entry.target();
                        observer.unobserve(&figure);
                        paint_figure(&figure, false);
                    }
                }
            },
        );
        let options = web_sys::IntersectionObserverInit::new();
        options.set_root_margin("300px 0px");
        let observer = web_sys::IntersectionObserver::new_with_options(callback.as_ref().unchecked_ref(), &options).ok()?;
        callback.forget();
        Some(observer)
    }

    /// Watches the charts not painted yet (all of them without an observer: painted at once).
    fn observe(observer: Option<&web_sys::IntersectionObserver>) {
        for figure in figures().into_iter().filter(|f| !f.has_attribute("data-painted")) {
            match observer {
                Some(observer) => observer.observe(&figure),
                None => paint_figure(&figure, false),
            }
        }
    }

    pub fn start() {
        let observer = watch();
        observe(observer.as_ref());
        // A phone turned, a window resized, a presenter's screen: the painted ones drawn again
        // for the new width (the others are painted at their width when they come near).
        let resized = window_event_listener(leptos::ev::resize, move |_| {
            for figure in figures().into_iter().filter(|f| f.has_attribute("data-painted")) {
                paint_figure(&figure, true);
            }
        });
        std::mem::forget(resized);
        // A filter change brings the server's new charts: watched like the first.
        let swapped = leptos::wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || observe(observer.as_ref()));
        let _ = document().add_event_listener_with_callback(crate::navigation::SWAPPED, swapped.as_ref().unchecked_ref());
        swapped.forget();
    }
}
