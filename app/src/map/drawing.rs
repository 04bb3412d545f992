//! The map as the server draws it: the area's boundaries and the filtered projects in clusters,
//! fixed in the page. A reader without JavaScript gets this map; everyone else sees it from the
//! first paint until Leaflet has drawn the interactive map over it (which then removes it), so
//! the map is there before any script has run, however many projects there are.

use super::{cluster_size, pin_class, pin_size, CLUSTER_RADIUS_PX};
use crate::format;
use domain::catalog::Selected;
use domain::cluster::{cluster, ClusterPoint};
use domain::map_frame::MapFrame;
use domain::segment::ClassSet;
use domain::{Area, Precision, PriceClass};
use leptos::prelude::*;
use std::collections::HashMap;
use std::fmt::Write;
use std::sync::Arc;

/// The width of a frame in units (pixels at the frame's zoom): about the width the map gives a
/// province on a laptop (a map pane of 570 by 520 pixels), so clusters are grouped as the
/// interactive map groups them there; on a phone they come closer together.
pub const FRAME_WIDTH: f64 = 520.0;

/// An area's boundaries in its frame, drawn once per configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct Backdrop {
    pub frame: MapFrame,
    /// The `<svg>` of the boundaries.
    svg: String,
}

impl Backdrop {
    /// `thin` (municipalities) and `thick` (regions, or the area's own outline) as rings of
    /// points in frame units.
    pub fn new(frame: MapFrame, thin: &[Vec<(f64, f64)>], thick: &[Vec<(f64, f64)>]) -> Backdrop {
        let path = |class: &str, rings: &[Vec<(f64, f64)>]| {
            // Each ring starts at its first point (`M`) and goes on by relative steps (`l`),
            // in tenths of a unit: the rounding does not add up along the ring, and a step is
            // a few characters.
            let mut d = String::new();
            for ring in rings.iter().filter(|r| r.len() > 2) {
                let tenths = |v: f64| (v * 10.0).round() as i64;
                let (mut px, mut py) = (tenths(ring[0].0), tenths(ring[0].1));
                d.push('M');
                write_tenths(&mut d, px, false);
                write_tenths(&mut d, py, true);
                d.push('l');
                for &(x, y) in &ring[1..] {
                    let (tx, ty) = (tenths(x), tenths(y));
                    if (tx, ty) == (px, py) {
                        continue;
                    }
                    let separate = !d.ends_with('l');
                    write_tenths(&mut d, tx - px, separate);
                    write_tenths(&mut d, ty - py, true);
                    (px, py) = (tx, ty);
                }
                d.push('z');
            }
            if d.is_empty() {
                String::new()
            } else {
                format!(r#"<path class="{class}" d="{d}"/>"#)
            }
        };
        let svg = format!(
            r#"<svg viewBox="0 0 {:.1} {:.1}" aria-hidden="true" focusable="false">{}{}</svg>"#,
            frame.width,
            frame.height,
            path("thin", thin),
            path("thick", thick)
        );
        Backdrop { frame, svg }
    }

    /// The drawing with place names at their points (in frame units): a reader without
    /// JavaScript, and everyone before Leaflet has drawn, can tell where the projects are.
    pub fn with_names(mut self, names: &[(f64, f64, &str)]) -> Backdrop {
        if names.is_empty() {
            return self;
        }
        let mut g = String::from(r#"<g class="names">"#);
        for (x, y, name) in names {
            let name = name.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
            let _ = write!(g, r#"<text x="{x:.0}" y="{y:.0}">{name}</text>"#);
        }
        g.push_str("</g></svg>");
        if let Some(end) = self.svg.rfind("</svg>") {
            self.svg.replace_range(end.., &g);
        }
        self
    }

    /// The drawing's SVG.
    pub fn svg(&self) -> &str {
        &self.svg
    }

    /// The bytes of the drawing (a figure for the closing notes and tests).
    pub fn svg_len(&self) -> usize {
        self.svg.len()
    }
}

/// `n` tenths as an SVG path number, as short as it goes (`-.5`, `12`, `3.4`), after a space
/// when `separate` and the number does not start with its own minus sign.
fn write_tenths(d: &mut String, n: i64, separate: bool) {
    if n < 0 {
        d.push('-');
    } else if separate {
        d.push(' ');
    }
    let (whole, tenth) = (n.unsigned_abs() / 10, n.unsigned_abs() % 10);
    match (whole, tenth) {
        (0, 0) => d.push('0'),
        (0, t) => {
            let _ = write!(d, ".{t}");
        }
        (w, 0) => {
            let _ = write!(d, "{w}");
        }
        (w, t) => {
            let _ = write!(d, "{w}.{t}");
        }
    }
}

/// The backdrop of every area the map can show: the province and each region and municipality.
#[derive(Debug, Default)]
pub struct Backdrops(pub HashMap<Area, Arc<Backdrop>>);

impl Backdrops {
    pub fn get(&self, area: &Area) -> Option<Arc<Backdrop>> {
        self.0.get(area).cloned()
    }
}

/// One marker of the drawn map.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    /// Position in percent of the frame's width and height.
    pub x: f64,
    pub y: f64,
    pub homes: u64,
    pub projects: u32,
    /// A single project's price class (its colour) and whether its location is indicative.
    pub class: PriceClass,
    pub indicative: bool,
    /// A cluster's ring ([`super::ring`]).
    pub ring: String,
}

/// The drawn map of a page: the backdrop and the selected projects on it.
#[derive(Debug, Clone, PartialEq)]
pub struct MapPreview {
    pub backdrop: Arc<Backdrop>,
    pub marks: Vec<Mark>,
}

impl MapPreview {
    /// The `selected` projects (with the homes the filter counts) in clusters on `backdrop`.
    pub fn new(backdrop: Arc<Backdrop>, selected: &[Selected<'_>], classes: ClassSet) -> MapPreview {
        let frame = backdrop.frame;
        let class = |s: &Selected| s.project.homes.main_class(classes).unwrap_or(PriceClass::Onbekend);
        let points: Vec<ClusterPoint> =
            selected.iter().enumerate().map(|(i, s)| ClusterPoint::new(i, s.project.location.point, s.homes).of_class(class(s))).collect();
        let marks = cluster(&points, frame.zoom, CLUSTER_RADIUS_PX)
            .into_iter()
            .map(|c| {
                let (x, y) = frame.place(c.at);
                let first = selected[c.first].project;
                Mark {
                    x: x / frame.width * 100.0,
                    y: y / frame.height * 100.0,
                    homes: c.homes,
                    projects: c.count,
                    class: first.homes.main_class(classes).unwrap_or(PriceClass::Onbekend),
                    indicative: first.location.precision == Precision::Indicative,
                    ring: super::ring(&c.mix),
                }
            })
            .collect();
        MapPreview { backdrop, marks }
    }

    pub fn projects(&self) -> u64 {
        self.marks.iter().map(|m| u64::from(m.projects)).sum()
    }

    pub fn homes(&self) -> u64 {
        self.marks.iter().map(|m| m.homes).sum()
    }
}

/// Marks the drawn map as painted and removes its note for readers without JavaScript.
pub const MARK_AND_UNNOTE: &str = "performance.mark(\"kaart-getekend\");document.querySelector(\".map-note\")?.remove()";

/// The drawn map, laid over the interactive map's place. The script after it marks the moment
/// the map is in the page (`kaart-getekend`, as every redraw of the interactive map is marked),
/// for the benchmarks.
#[component]
pub fn MapPreviewView(preview: MapPreview) -> impl IntoView {
    let frame = preview.backdrop.frame;
    let label = format!(
        "Overzichtskaart: {} met {}, in groepen per gebied. De lijst noemt ze allemaal.",
        format::projects(preview.projects()),
        format::homes(preview.homes())
    );
    let marks = preview
        .marks
        .iter()
        .map(|m| {
            let at = format!("left:{:.2}%;top:{:.2}%", m.x, m.y);
            if m.projects == 1 {
                let size = pin_size(false);
                let class = format!("mark {}", pin_class(m.class, m.indicative, false));
                view! { <span class=class style=format!("{at};width:{size}px;height:{size}px")></span> }.into_any()
            } else {
                let size = cluster_size(m.homes);
                view! {
                    <span class="mark cluster" style=format!("{at};width:{size:.0}px;height:{size:.0}px;--ring:{}", m.ring)>
                        <b>{format::number(m.homes)}</b>
                    </span>
                }
                .into_any()
            }
        })
        .collect_view();
    view! {
        <div class="map-preview" data-testid="map-preview">
            <div class="map-preview-box" style=format!("--ratio:{:.4}", frame.width / frame.height) role="img" aria-label=label>
                <div class="map-preview-lines" inner_html=preview.backdrop.svg.clone()></div>
                {marks}
            </div>
            // For readers without JavaScript: the script below takes it away for everyone else
            // before the first paint.
            <p class="map-note">"Zonder JavaScript is dit een vaste overzichtskaart; de lijst werkt volledig."</p>
        </div>
        <script>{MARK_AND_UNNOTE}</script>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::test_support::{project, two_region_province};
    use domain::{Catalog, Filter, LonLat};

    fn project_at(id: &str, lon: f64, lat: f64, homes: u32) -> domain::Project {
        let mut p = project(id, "GM0001", &[(PriceClass::SocialeHuur, homes)]);
        p.location.point = LonLat::lon_lat(lon, lat);
        p
    }

    fn backdrop() -> Arc<Backdrop> {
        let frame = MapFrame::fit([6.0, 52.5, 7.0, 53.3], FRAME_WIDTH).unwrap();
        let ring = vec![(0.0, 0.0), (10.0, 0.0), (10.0, 10.0)];
        let rings = std::slice::from_ref(&ring);
        Arc::new(Backdrop::new(frame, rings, rings))
    }

    #[test]
    fn the_marks_hold_every_selected_project_and_home() {
        let catalog =
            Catalog::new(two_region_province(), [project_at("a", 6.50, 52.90, 10), project_at("b", 6.501, 52.901, 30), project_at("c", 6.90, 53.20, 5)], false);
        let filter = Filter::default();
        let selected = catalog.select(&filter);
        let preview = MapPreview::new(backdrop(), &selected, ClassSet::ALL);
        assert_eq!(preview.projects(), 3);
        assert_eq!(preview.homes(), 45);
        // a and b are a few pixels apart: one cluster; c on its own.
        assert_eq!(preview.marks.len(), 2);
        let cluster = preview.marks.iter().find(|m| m.projects == 2).unwrap();
        assert_eq!(cluster.homes, 40);
        for m in &preview.marks {
            assert!((0.0..=100.0).contains(&m.x) && (0.0..=100.0).contains(&m.y), "{m:?}");
        }
    }

    #[test]
    fn path_numbers_are_short_and_exact() {
        let path = |ring: Vec<(f64, f64)>| {
            let b = Backdrop::new(MapFrame::fit([6.0, 52.5, 7.0, 53.3], FRAME_WIDTH).unwrap(), &[], &[ring]);
            let start = b.svg.find(" d=\"").unwrap() + 4;
            b.svg[start..start + b.svg[start..].find('"').unwrap()].to_owned()
        };
        assert_eq!(path(vec![(1.25, 0.04), (0.7, 3.0), (12.0, 3.0), (12.0, 3.01)]), "M1.3 0l-.6 3 11.3 0z");
        // Steps of rounded positions: the last point is where it is, not where the steps drift to.
        let ring: Vec<(f64, f64)> = (0..=100).map(|i| (f64::from(i) * 0.13, 0.0)).collect();
        let d = path(ring);
        let sum: f64 = d.trim_start_matches("M0 0l").trim_end_matches('z').split(' ').step_by(2).map(|n| n.parse::<f64>().unwrap()).sum();
        assert!((sum - 13.0).abs() < 1e-9, "{sum} from {d}");
    }

    #[test]
    fn the_drawing_has_one_path_per_line_weight() {
        let b = backdrop();
        assert_eq!(b.svg.matches("<path").count(), 2, "{}", b.svg);
        assert!(b.svg.contains(r#"d="M0 0l10 0 0 10z""#), "{}", b.svg);
        let empty = Backdrop::new(b.frame, &[], &[]);
        let named = Backdrop::new(b.frame, &[], &[]).with_names(&[(12.4, 30.0, "Ees & <Zwiggelte>")]);
        assert!(named.svg.ends_with(r#"<g class="names"><text x="12" y="30">Ees &amp; &lt;Zwiggelte&gt;</text></g></svg>"#), "{}", named.svg);
        assert!(!empty.svg.contains("<path"));
    }
}
