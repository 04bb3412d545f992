//! Where the interactive map's markers go and what they look like, as a pure function of the
//! clusters ([`lay_out`]): no browser needed, so it is tested here; `markers` (browser only)
//! draws what it returns.

use crate::format;
use domain::cluster::Cluster;
use domain::{LonLat, PriceClass};

/// What clicking a marker does.
#[derive(Debug, Clone, PartialEq)]
pub enum Click {
    /// Select this project.
    Select(String),
    /// Zoom to these bounds: [west, south, east, north].
    Zoom([f64; 4]),
}

/// What a marker shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Look {
    /// One project: the classes of its dot ([`super::pin_class`]).
    Pin(String),
    /// A cluster: the number written in it, and its ring ([`super::ring`]).
    Cluster { label: String, ring: String },
}

impl Look {
    /// The class of the marker's element (styled in `style/main.css`).
    pub fn class(&self) -> &'static str {
        match self {
            Look::Pin(_) => "pin-icon",
            Look::Cluster { .. } => "cluster-icon",
        }
    }

    /// What the marker's element holds.
    pub fn html(&self) -> String {
        match self {
            Look::Pin(classes) => format!("<span class=\"{classes}\"></span>"),
            // The number is also in the marker's title, which is its name ("12 projecten met
            // 340 woningen"): hidden, or a screen reader reads a bare number.
            Look::Cluster { label, ring } => format!("<span class=\"cluster\" style=\"--ring:{ring}\" aria-hidden=\"true\"><b>{label}</b></span>"),
        }
    }
}

/// One marker to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct MarkerSpec {
    pub at: LonLat,
    pub look: Look,
    /// Width and height, in pixels.
    pub size: i32,
    /// The point of the icon that is on `at`, from its top left corner, in pixels.
    pub anchor: (i32, i32),
    pub title: String,
    pub z_index_offset: f64,
}

/// A single project as its pin needs it.
#[derive(Debug, Clone, Copy)]
pub struct Pin<'a> {
    pub id: &'a str,
    /// `None` until the names have come (just after the first view).
    pub name: Option<&'a str>,
    pub class: PriceClass,
    pub indicative: bool,
    /// The homes the filter counts.
    pub homes: u32,
}

/// The markers of one redraw, in drawing order, each with what a click on it does.
#[derive(Debug, Default)]
pub struct Layout {
    pub markers: Vec<(MarkerSpec, Click)>,
    /// The single-project markers: `(marker, cluster's first)`, to name them once the names
    /// have come without drawing again.
    pub pins: Vec<(usize, usize)>,
}

/// The markers for `clusters`; `pin(first)` describes a single project's cluster by its
/// `first`. Projects at the very same spot (placed at their village) fan out around it; the
/// selected project is larger and on top.
pub fn lay_out<'a>(clusters: &[Cluster], pin: impl Fn(usize) -> Pin<'a>, selected: Option<&str>) -> Layout {
    let mut same_spot: Vec<(i64, i64)> = Vec::new();
    let mut layout = Layout { markers: Vec::with_capacity(clusters.len()), pins: Vec::new() };
    for c in clusters {
        if c.count == 1 {
            let p = pin(c.first);
            let key = ((c.at.lon * 1e5) as i64, (c.at.lat * 1e5) as i64);
            // The how-manieth pin at this spot: a scan of the pins so far (a few hundred at most:
            // clusters keep a radius apart, and at detail zoom only where the map looks is drawn).
            let nth = same_spot.iter().filter(|k| **k == key).count() as u32;
            same_spot.push(key);
            let angle = f64::from(nth) * 2.4;
            let offset = if nth == 0 { 0.0 } else { 8.0 + 2.0 * f64::from(nth).sqrt() };
            let is_selected = selected == Some(p.id);
            let size = super::pin_size(is_selected);
            layout.pins.push((layout.markers.len(), c.first));
            let spec = MarkerSpec {
                at: c.at,
                look: Look::Pin(super::pin_class(p.class, p.indicative, is_selected)),
                size: size as i32,
                anchor: ((size / 2.0 - offset * angle.cos()).round() as i32, (size / 2.0 - offset * angle.sin()).round() as i32),
                title: super::pin_title(p.name, p.homes),
                z_index_offset: if is_selected { 1000.0 } else { 0.0 },
            };
            layout.markers.push((spec, Click::Select(p.id.to_owned())));
        } else {
            let size = super::cluster_size(c.homes);
            let title = super::cluster_title(c.count, c.homes);
            // Centred, as Leaflet centres an icon without an anchor.
            let (size, centre) = (size as i32, (size / 2.0).round() as i32);
            let look = Look::Cluster { label: format::number(c.homes), ring: super::ring(&c.mix) };
            let spec = MarkerSpec { at: c.at, look, size, anchor: (centre, centre), title, z_index_offset: 0.0 };
            layout.markers.push((spec, Click::Zoom(c.bounds)));
        }
    }
    layout
}

#[cfg(test)]
mod tests {
    use super::*;

    fn single(first: usize, lon: f64, lat: f64) -> Cluster {
        Cluster::single(first, LonLat::lon_lat(lon, lat), 10, PriceClass::SocialeHuur)
    }

    const IDS: [&str; 3] = ["a", "b", "c"];

    fn pin(first: usize) -> Pin<'static> {
        Pin { id: IDS[first], name: None, class: PriceClass::SocialeHuur, indicative: first == 2, homes: 10 }
    }

    #[test]
    fn a_cluster_zooms_to_its_projects_and_says_how_many() {
        let mut mix = [0; domain::segment::CLASS_COUNT];
        mix[PriceClass::BetaalbareKoop.index()] = 1234;
        let c = Cluster { at: LonLat::lon_lat(6.5, 52.9), homes: 1234, count: 3, first: 0, bounds: [6.4, 52.8, 6.6, 53.0], mix };
        let layout = lay_out(&[c], pin, None);
        let (spec, click) = &layout.markers[0];
        assert_eq!(*click, Click::Zoom([6.4, 52.8, 6.6, 53.0]));
        assert_eq!(spec.look, Look::Cluster { label: format::number(1234), ring: super::super::ring(&mix) });
        assert!(spec.look.html().contains("--ring:conic-gradient("), "{}", spec.look.html());
        assert_eq!(spec.anchor, ((spec.size + 1) / 2, (spec.size + 1) / 2), "centred");
        assert!(spec.title.starts_with("3 projecten met"), "{}", spec.title);
        assert!(layout.pins.is_empty());
    }

    #[test]
    fn projects_at_one_spot_fan_out_and_the_selected_one_is_on_top() {
        let clusters = [single(0, 6.5, 52.9), single(1, 6.5, 52.9), single(2, 6.7, 52.9)];
        let layout = lay_out(&clusters, pin, Some("b"));
        let anchors: Vec<_> = layout.markers.iter().map(|(s, _)| s.anchor).collect();
        assert_eq!(anchors[0], (12, 12), "the first at a spot sits on it");
        assert_ne!(anchors[1], (14, 14), "the second at the same spot moves aside");
        assert_eq!(anchors[2], (12, 12), "another spot starts again");
        let (b, click) = &layout.markers[1];
        assert_eq!(*click, Click::Select("b".into()));
        assert_eq!(b.look, Look::Pin("pin c-sociale-huur selected".into()));
        assert!(b.z_index_offset > 0.0 && b.size > layout.markers[0].0.size);
        assert_eq!(layout.markers[2].0.look, Look::Pin("pin c-sociale-huur indicative".into()));
        assert_eq!(layout.pins, vec![(0, 0), (1, 1), (2, 2)]);
    }

    #[test]
    fn a_pin_is_named_once_the_names_have_come() {
        assert!(super::super::pin_title(None, 12).starts_with("Woningbouwproject: 12"));
        assert!(super::super::pin_title(Some("De Vaart"), 1).starts_with("De Vaart: 1"));
    }
}
