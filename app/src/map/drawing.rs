//! The map as the server draws it: the area's boundaries and the filtered projects in clusters,
//! fixed in the page. A reader without JavaScript gets this map; everyone else sees it from the
//! first paint until Leaflet has drawn the interactive map over it (which then removes it), so
//! the map is there before any script has run, however many projects there are.

use super::{cluster_size, pin_class, pin_size, view, CLUSTER_RADIUS_PX, DETAIL_ZOOM};
use crate::format;
use crate::page_data::PageQuery;
use crate::url;
use domain::catalog::Selected;
use domain::cluster::{cluster, Cluster, ClusterPoint};
use domain::map_frame::MapFrame;
use domain::places::Gazetteer;
use domain::segment::ClassSet;
use domain::{Area, LonLat, Precision, PriceClass};
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
    /// The boundaries' `<path>`s, in frame units.
    lines: String,
    /// The place names at the frame's zoom (`<g class="names">`), empty without names.
    names: String,
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
        Backdrop { frame, lines: format!("{}{}", path("thin", thin), path("thick", thick)), names: String::new() }
    }

    /// The drawing with place names at their points (in frame units): a reader without
    /// JavaScript, and everyone before Leaflet has drawn, can tell where the projects are.
    pub fn with_names(mut self, names: &[(f64, f64, &str)]) -> Backdrop {
        self.names = names_group(names);
        self
    }

    /// The drawing's SVG: the whole frame with its names.
    pub fn svg(&self) -> String {
        svg(&format!("0 0 {:.1} {:.1}", self.frame.width, self.frame.height), &format!("{}{}", self.lines, self.names))
    }

    /// The SVG of `part` of the frame (a frame at a larger zoom within it), without the frame's
    /// names (they are for its own zoom): the same lines, seen through a smaller `viewBox`.
    pub fn svg_of(&self, part: &MapFrame) -> String {
        let [w, s, e, n] = part.bounds();
        let (x0, y0) = self.frame.place(LonLat::lon_lat(w, n));
        let (x1, y1) = self.frame.place(LonLat::lon_lat(e, s));
        svg(&format!("{x0:.2} {y0:.2} {:.2} {:.2}", x1 - x0, y1 - y0), &self.lines)
    }

    /// The bytes of the drawing (a figure for the closing notes and tests).
    pub fn svg_len(&self) -> usize {
        self.svg().len()
    }
}

fn svg(view_box: &str, content: &str) -> String {
    format!(r#"<svg viewBox="{view_box}" aria-hidden="true" focusable="false">{content}</svg>"#)
}

/// Place names as SVG texts at their points.
fn names_group(names: &[(f64, f64, &str)]) -> String {
    if names.is_empty() {
        return String::new();
    }
    let mut g = String::from(r#"<g class="names">"#);
    for (x, y, name) in names {
        let name = name.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
        let _ = write!(g, r#"<text x="{x:.0}" y="{y:.0}">{name}</text>"#);
    }
    g.push_str("</g>");
    g
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

/// One marker of the drawn map: a link that does what a click on Leaflet's marker does.
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
    /// Where a click goes: into a cluster's area (`?uitsnede=`), or to a project's detail.
    pub href: String,
    /// What the link is called ([`super::cluster_title`], [`super::pin_title`]).
    pub title: String,
    /// A single project that is the page's selected one.
    pub selected: bool,
}

/// The drawn map of a page: the backdrop, the part of it shown, and the selected projects on it.
#[derive(Debug, Clone, PartialEq)]
pub struct MapPreview {
    pub backdrop: Arc<Backdrop>,
    /// What the drawing shows: the backdrop's frame, or a part of it at a larger zoom
    /// ([`super::view::choose`]), in a frame of the same size.
    pub frame: MapFrame,
    pub marks: Vec<Mark>,
    /// The places named in a part (the backdrop names its own frame's), in frame units.
    names: Vec<(f64, f64, String)>,
}

impl MapPreview {
    /// The `selected` projects (with the homes the filter counts) in clusters on the part
    /// `frame` of `backdrop`, with the places of `places` named at its zoom; each mark links
    /// into the page at `query`.
    pub fn new(backdrop: Arc<Backdrop>, frame: MapFrame, selected: &[Selected<'_>], classes: ClassSet, places: &Gazetteer, query: &PageQuery) -> MapPreview {
        let class = |s: &Selected| s.project.homes.main_class(classes).unwrap_or(PriceClass::Onbekend);
        let whole = frame == backdrop.frame;
        // In a part only the projects near it: a cluster at its edge may draw on some outside.
        let margin = 2.0 * CLUSTER_RADIUS_PX;
        let near = |s: &Selected| {
            let (x, y) = frame.place(s.project.location.point);
            whole || ((-margin..=frame.width + margin).contains(&x) && (-margin..=frame.height + margin).contains(&y))
        };
        let points: Vec<ClusterPoint> = selected
            .iter()
            .enumerate()
            .filter(|(_, s)| near(s))
            .map(|(i, s)| ClusterPoint::new(i, s.project.location.point, s.homes).of_class(class(s)))
            .collect();
        // From the detail zoom on every project has its own marker, as in Leaflet.
        let clusters = if frame.zoom >= DETAIL_ZOOM {
            points.iter().map(|p| Cluster::single(p.index, p.at, p.homes, p.class)).collect()
        } else {
            cluster(&points, frame.zoom, CLUSTER_RADIUS_PX)
        };
        let selected_id = query.get(url::PROJECT);
        let mut same_spot: HashMap<(i64, i64), u32> = HashMap::new();
        let marks = clusters
            .into_iter()
            .filter(|c| whole || frame.shows(c.at))
            .map(|c| {
                let (mut x, mut y) = frame.place(c.at);
                let first = selected[c.first].project;
                let href = if c.count == 1 {
                    // Projects at the very same spot (placed at their village) fan out around it,
                    // as in Leaflet.
                    let nth = same_spot.entry(((c.at.lon * 1e5) as i64, (c.at.lat * 1e5) as i64)).or_default();
                    if *nth > 0 {
                        let (angle, offset) = (f64::from(*nth) * 2.4, 8.0 + 2.0 * f64::from(*nth).sqrt());
                        (x, y) = (x + offset * angle.cos(), y + offset * angle.sin());
                    }
                    *nth += 1;
                    query.with(url::PROJECT, Some(first.id.as_str()))
                } else {
                    let inside = MapFrame::around(c.bounds, frame.width, frame.height, view::CLUSTER_PADDING, DETAIL_ZOOM);
                    let part = inside.map(|f| view::format(&f));
                    url::href(&query.path, &url::with(&url::with(&query.raw, url::PLACE, None), url::MAP_PART, part.as_deref()))
                };
                let homes_of_first = u32::try_from(c.homes).unwrap_or(u32::MAX);
                Mark {
                    x: x / frame.width * 100.0,
                    y: y / frame.height * 100.0,
                    homes: c.homes,
                    projects: c.count,
                    class: first.homes.main_class(classes).unwrap_or(PriceClass::Onbekend),
                    indicative: first.location.precision == Precision::Indicative,
                    ring: super::ring(&c.mix),
                    title: if c.count == 1 { super::pin_title(Some(&first.name), homes_of_first) } else { super::cluster_title(c.count, c.homes) },
                    selected: c.count == 1 && selected_id.as_deref() == Some(first.id.as_str()),
                    href,
                }
            })
            .collect();
        let names = if whole {
            Vec::new()
        } else {
            places
                .iter()
                .filter(|(_, p)| p.labelled_at(frame.zoom) && frame.shows(p.at))
                .map(|(_, p)| {
                    let (x, y) = frame.place(p.at);
                    (x, y, p.name.clone())
                })
                .collect()
        };
        MapPreview { backdrop, frame, marks, names }
    }

    pub fn projects(&self) -> u64 {
        self.marks.iter().map(|m| u64::from(m.projects)).sum()
    }

    pub fn homes(&self) -> u64 {
        self.marks.iter().map(|m| m.homes).sum()
    }

    /// Whether the drawing shows a part of its area rather than the whole.
    pub fn is_part(&self) -> bool {
        self.frame != self.backdrop.frame
    }

    /// The drawing's SVG: the whole backdrop, or the part shown with its own names.
    pub fn svg(&self) -> String {
        if !self.is_part() {
            return self.backdrop.svg();
        }
        let names: Vec<(f64, f64, &str)> = self.names.iter().map(|(x, y, n)| (*x, *y, n.as_str())).collect();
        let named = svg(&format!("0 0 {:.1} {:.1}", self.frame.width, self.frame.height), &names_group(&names));
        format!("{}{named}", self.backdrop.svg_of(&self.frame))
    }
}

/// Marks the drawn map as painted and removes its note for readers without JavaScript.
pub const MARK_AND_UNNOTE: &str = "performance.mark(\"kaart-getekend\");document.querySelector(\".map-note\")?.remove()";

/// The drawn map, laid over the interactive map's place. Its clusters and pins are links (into
/// the cluster's area, to the project), so the map takes clicks from its first paint, with or
/// without JavaScript; they reload the page (`data-reload`), which the server draws at once,
/// rather than wait for the interactive map. The script after it marks the moment the map is
/// in the page (`kaart-getekend`, as every redraw of the interactive map is marked), for the
/// benchmarks.
#[component]
pub fn MapPreviewView(preview: MapPreview) -> impl IntoView {
    let frame = preview.frame;
    let label = format!("Overzichtskaart: {} met {}", format::projects(preview.projects()), format::homes(preview.homes()));
    let marks = preview
        .marks
        .iter()
        .map(|m| {
            let at = format!("left:{:.2}%;top:{:.2}%", m.x, m.y);
            if m.projects == 1 {
                let size = pin_size(m.selected);
                let class = format!("mark {}", pin_class(m.class, m.indicative, m.selected));
                view! {
                    <a class=class href=m.href.clone() data-reload aria-label=m.title.clone() title=m.title.clone()
                        style=format!("{at};width:{size}px;height:{size}px")></a>
                }
                .into_any()
            } else {
                let size = cluster_size(m.homes);
                view! {
                    <a class="mark cluster" href=m.href.clone() data-reload aria-label=m.title.clone() title=m.title.clone()
                        style=format!("{at};width:{size:.0}px;height:{size:.0}px;--ring:{}", m.ring)>
                        <b aria-hidden="true">{format::number(m.homes)}</b>
                    </a>
                }
                .into_any()
            }
        })
        .collect_view();
    let [w, s, e, n] = frame.bounds();
    view! {
        <div class="map-preview" data-testid="map-preview">
            <div
                class=if preview.is_part() { "map-preview-box part" } else { "map-preview-box" }
                style=format!("--ratio:{:.4}", frame.width / frame.height)
                role="group"
                aria-label=label
                data-bounds=format!("{w:.5},{s:.5},{e:.5},{n:.5}")
            >
                <div class="map-preview-lines" inner_html=preview.svg()></div>
                {marks}
            </div>
            // For readers without JavaScript: the script below takes it away for everyone else
            // before the first paint.
            <p class="map-note">"Zonder JavaScript is dit een vaste kaart: klik op een groep om in te zoomen, op een stip voor het project. De lijst noemt alle projecten."</p>
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
        let b = backdrop();
        let query = PageQuery::read("/", "", catalog.province());
        let preview = MapPreview::new(b.clone(), b.frame, &selected, ClassSet::ALL, &Gazetteer::default(), &query);
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
    fn a_cluster_links_to_its_part_where_its_projects_have_their_own_links() {
        let catalog =
            Catalog::new(two_region_province(), [project_at("a", 6.50, 52.90, 10), project_at("b", 6.501, 52.901, 30), project_at("c", 6.90, 53.20, 5)], false);
        let filter = Filter::default();
        let selected = catalog.select(&filter);
        let b = backdrop();
        let query = PageQuery::read("/", "huurkoop=huur&plaats=ergens&project=c", catalog.province());
        let preview = MapPreview::new(b.clone(), b.frame, &selected, ClassSet::ALL, &Gazetteer::default(), &query);
        let single = preview.marks.iter().find(|m| m.projects == 1).unwrap();
        assert_eq!(single.href, "/?huurkoop=huur&plaats=ergens&project=c");
        assert!(single.selected && single.title.ends_with(": 5 woningen"), "{single:?}");
        let cluster = preview.marks.iter().find(|m| m.projects == 2).unwrap();
        // Into its part: the filter and the open project stay, the place gives way.
        assert!(cluster.href.starts_with("/?huurkoop=huur&project=c&uitsnede="), "{}", cluster.href);
        assert!(cluster.title.starts_with("2 projecten met 40 woningen"), "{}", cluster.title);
        // The page at that link draws the part, zoomed in, with a and b on their own.
        let query = PageQuery::read("/", cluster.href.trim_start_matches("/?"), catalog.province());
        assert_eq!(query.error, None);
        let part = view::choose(b.frame, &Area::Province, &query.map_asks(), &Gazetteer::default(), &selected);
        assert!(part.zoom > b.frame.zoom + 3.0 && part.width == b.frame.width && part.height == b.frame.height, "{part:?}");
        let zoomed = MapPreview::new(b.clone(), part, &selected, ClassSet::ALL, &Gazetteer::default(), &query);
        assert!(zoomed.is_part());
        let hrefs: Vec<&str> = zoomed.marks.iter().map(|m| m.href.as_str()).collect();
        assert_eq!(zoomed.marks.len(), 2, "c is outside the part: {hrefs:?}");
        assert!(hrefs.iter().all(|h| h.contains("project=a") || h.contains("project=b")), "{hrefs:?}");
        // The part is the same size as the whole, its lines seen through a smaller viewBox.
        let svg = zoomed.svg();
        assert!(svg.starts_with("<svg viewBox=\"") && !svg.starts_with("<svg viewBox=\"0 0"), "{svg}");
    }

    #[test]
    fn path_numbers_are_short_and_exact() {
        let path = |ring: Vec<(f64, f64)>| {
            let b = Backdrop::new(MapFrame::fit([6.0, 52.5, 7.0, 53.3], FRAME_WIDTH).unwrap(), &[], &[ring]);
            let svg = b.svg();
            let start = svg.find(" d=\"").unwrap() + 4;
            svg[start..start + svg[start..].find('"').unwrap()].to_owned()
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
        assert_eq!(b.svg().matches("<path").count(), 2, "{}", b.svg());
        assert!(b.svg().contains(r#"d="M0 0l10 0 0 10z""#), "{}", b.svg());
        let empty = Backdrop::new(b.frame, &[], &[]);
        let named = Backdrop::new(b.frame, &[], &[]).with_names(&[(12.4, 30.0, "Ees & <Zwiggelte>")]);
        assert!(named.svg().ends_with(r#"<g class="names"><text x="12" y="30">Ees &amp; &lt;Zwiggelte&gt;</text></g></svg>"#), "{}", named.svg());
        assert!(!empty.svg().contains("<path"));
    }
}
