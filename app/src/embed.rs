//! The embeddable view (`/embed`) and its builder (`/embed/maken`): which presets an embed URL
//! carries, what stays fixed while a resident filters, and the snippet a web editor copies.
//!
//! Plain functions over query strings, so the server, the browser and the tests agree.

use crate::url;
use domain::query as q;
use domain::{Area, Province, Tenure};

pub use crate::url::{AREA, FILTERS, HEIGHT, TILES};

/// The value that switches [`TILES`] or [`FILTERS`] off.
pub const OFF: &str = "uit";

/// The `type` of the message an embed sends its parent with its content height.
pub const HEIGHT_MESSAGE: &str = "woningbouwkaart:hoogte";

/// What an embed shows first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EmbedView {
    #[default]
    Map,
    List,
    Figures,
}

impl EmbedView {
    pub const ALL: [EmbedView; 3] = [EmbedView::Map, EmbedView::List, EmbedView::Figures];

    pub fn slug(self) -> &'static str {
        match self {
            EmbedView::Map => "kaart",
            EmbedView::List => "lijst",
            EmbedView::Figures => "cijfers",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            EmbedView::Map => "Kaart",
            EmbedView::List => "Lijst",
            EmbedView::Figures => "Cijfers",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.slug() == slug)
    }
}

/// The presets of one embed URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmbedOptions {
    /// One municipality or one region fixes the area: residents filter within it.
    pub area: Area,
    pub view: EmbedView,
    pub tiles: bool,
    pub filters: bool,
}

impl EmbedOptions {
    /// An embed's options from its query (`query`) as the filter read it (`filter`): one
    /// municipality or one region fixes the area. A query the filter could not read leaves the
    /// area at the province (the page says what was wrong).
    pub fn new(filter: &domain::Filter, query: &str) -> Self {
        let area = match (filter.municipalities.len(), filter.regions.len()) {
            (1, _) => Area::Municipality(filter.municipalities.iter().next().cloned().expect("one")),
            (0, 1) => Area::Region(filter.regions.iter().next().cloned().expect("one")),
            _ => Area::Province,
        };
        let get = |key| url::get(query, key);
        Self {
            area,
            view: get(url::VIEW).as_deref().and_then(EmbedView::from_slug).unwrap_or_default(),
            tiles: get(TILES).as_deref() != Some(OFF),
            filters: get(FILTERS).as_deref() != Some(OFF),
        }
    }

    /// The parameters every link inside the embed keeps, whatever the resident does: the
    /// fixed area and the switches. (The view is kept as on the full map.)
    pub fn fixed(&self) -> Vec<(String, String)> {
        let mut fixed = url::area_param(&self.area).into_iter().collect::<Vec<_>>();
        if !self.tiles {
            fixed.push((TILES.to_owned(), OFF.to_owned()));
        }
        if !self.filters {
            fixed.push((FILTERS.to_owned(), OFF.to_owned()));
        }
        fixed
    }

    /// The same state on the full site: the map (or list) with the filter and the selected
    /// project, or the area's figures page.
    pub fn full_site_href(&self, query: &str) -> String {
        let filter = url::filter_only(query);
        match self.view {
            EmbedView::Figures => url::href(&url::area_page(&self.area), &url::without_area(&filter)),
            view => {
                let mut full = filter;
                if let Some(project) = url::get(query, url::PROJECT) {
                    full = url::with(&full, url::PROJECT, Some(&project));
                }
                if view == EmbedView::List {
                    full = url::with(&full, url::VIEW, Some("lijst"));
                }
                url::href("/", &full)
            }
        }
    }
}

/// How an embed is introduced, to residents and as the iframe's accessible title.
pub fn title(province: &Province, area: &Area) -> String {
    match area {
        Area::Province => format!("Woningbouwprojecten in {}", province.name),
        Area::Region(_) => format!("Woningbouwprojecten in regio {}", province.area_name(area)),
        Area::Municipality(_) => format!("Woningbouwprojecten in de gemeente {}", province.area_name(area)),
    }
}

/// What a web editor chose in the builder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuilderChoice {
    pub area: Area,
    pub view: EmbedView,
    pub tiles: bool,
    pub filters: bool,
    pub tenure: Option<Tenure>,
    /// The frame's height before the embed reports its own, in CSS pixels.
    pub height: u32,
}

impl BuilderChoice {
    pub const DEFAULT_HEIGHT: u32 = 640;
    pub const HEIGHTS: std::ops::RangeInclusive<u32> = 240..=2000;

    /// Reads the builder's form; anything missing or unknown falls back to the default.
    pub fn read(query: &str, province: &Province) -> Self {
        let get = |key| url::get(query, key);
        let area = get(AREA)
            .and_then(|a| url::parse_area(&a))
            .map(|a| match a {
                // Normalise a typed code (`0114`) to the province's (`GM0114`).
                Area::Municipality(code) => province.find_municipality(code.as_str()).map_or(Area::Province, |m| Area::Municipality(m.code.clone())),
                other => other,
            })
            .filter(|a| province.has_area(a))
            .unwrap_or(Area::Province);
        Self {
            area,
            view: get(url::VIEW).as_deref().and_then(EmbedView::from_slug).unwrap_or_default(),
            tiles: get(TILES).as_deref() != Some(OFF),
            filters: get(FILTERS).as_deref() != Some(OFF),
            tenure: get(q::TENURE).as_deref().and_then(Tenure::from_slug),
            height: get(HEIGHT).and_then(|h| h.parse().ok()).map_or(Self::DEFAULT_HEIGHT, |h: u32| h.clamp(*Self::HEIGHTS.start(), *Self::HEIGHTS.end())),
        }
    }

    /// The embed's query string for this choice, with only what differs from the defaults.
    pub fn embed_query(&self) -> String {
        let mut pairs: Vec<(String, String)> = url::area_param(&self.area).into_iter().collect();
        if let Some(t) = self.tenure {
            pairs.push((q::TENURE.to_owned(), t.slug().to_owned()));
        }
        if self.view != EmbedView::Map {
            pairs.push((url::VIEW.to_owned(), self.view.slug().to_owned()));
        }
        if !self.tiles {
            pairs.push((TILES.to_owned(), OFF.to_owned()));
        }
        if !self.filters {
            pairs.push((FILTERS.to_owned(), OFF.to_owned()));
        }
        let mut out = form_urlencoded::Serializer::new(String::new());
        out.extend_pairs(pairs);
        out.finish()
    }
}

/// Whether `s` is a plain `scheme://host[:port]`, safe to write into the snippet's script.
pub fn is_plain_origin(s: &str) -> bool {
    let Some((scheme, host)) = s.split_once("://") else { return false };
    matches!(scheme, "http" | "https") && !host.is_empty() && host.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
}

/// The HTML a web editor pastes into their page: the iframe, and the few lines that let it
/// take the height the embed reports (without them it keeps `height`).
pub fn snippet(origin: &str, embed_query: &str, title: &str, height: u32) -> String {
    let origin = origin.trim_end_matches('/');
    let src = crate::escape::attribute(&url::href(&format!("{origin}/embed"), embed_query));
    let title = crate::escape::attribute(title);
    let origin_js = origin.replace('\\', "\\\\").replace('"', "\\\"");
    format!(
        r#"<iframe src="{src}" title="{title}" width="100%" height="{height}" style="border:0;width:100%;max-width:100%" loading="lazy"></iframe>
<script>
/* Publieke Woningbouwkaart: geeft het kader de hoogte van zijn inhoud. */
window.addEventListener("message", function (e) {{
  if (e.origin !== "{origin_js}" || !e.data || e.data.type !== "{HEIGHT_MESSAGE}") return;
  var frames = document.getElementsByTagName("iframe");
  for (var i = 0; i < frames.length; i++) {{
    if (frames[i].contentWindow === e.source) {{
      frames[i].style.height = Math.min(Math.max(Number(e.data.hoogte) || 0, 200), 10000) + "px";
    }}
  }}
}});
</script>"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::test_support::two_region_province;

    /// An embed's options as the server reads them.
    fn read(query: &str, province: &Province) -> EmbedOptions {
        EmbedOptions::new(&q::parse(query, province).unwrap_or_default().filter, query)
    }

    #[test]
    fn one_municipality_fixes_the_area_and_the_switches_are_kept() {
        let p = two_region_province();
        let o = read("gemeente=0003&huurkoop=huur&tegels=uit&weergave=lijst", &p);
        assert_eq!(o.area, Area::Municipality("GM0003".into()));
        assert_eq!(o.view, EmbedView::List);
        assert!(!o.tiles && o.filters);
        assert_eq!(o.fixed(), vec![("gemeente".to_owned(), "GM0003".to_owned()), ("tegels".to_owned(), "uit".to_owned())]);
    }

    #[test]
    fn several_places_or_none_leave_the_province() {
        let p = two_region_province();
        assert_eq!(read("", &p).area, Area::Province);
        assert_eq!(read("gemeente=GM0001&gemeente=GM0003", &p).area, Area::Province);
        assert_eq!(read("regio=oost", &p).area, Area::Region("oost".into()));
        assert_eq!(read("gemeente=GM9999", &p).area, Area::Province);
        assert!(read("", &p).fixed().is_empty());
    }

    #[test]
    fn the_full_site_opens_at_the_same_state() {
        let p = two_region_province();
        let query = "gemeente=GM0003&huurkoop=huur&tegels=uit&project=x1";
        let o = read(query, &p);
        assert_eq!(o.full_site_href(query), "/?gemeente=GM0003&huurkoop=huur&project=x1");
        let figures = read("gemeente=GM0003&huurkoop=huur&weergave=cijfers", &p);
        assert_eq!(figures.full_site_href("gemeente=GM0003&huurkoop=huur&weergave=cijfers"), "/gemeente/GM0003?huurkoop=huur");
        let list = read("weergave=lijst", &p);
        assert_eq!(list.full_site_href("weergave=lijst"), "/?weergave=lijst");
    }

    #[test]
    fn the_builder_writes_only_what_differs_from_the_defaults() {
        let p = two_region_province();
        let fresh = BuilderChoice::read("", &p);
        assert_eq!(fresh.embed_query(), "");
        assert_eq!(fresh.height, BuilderChoice::DEFAULT_HEIGHT);
        let c = BuilderChoice::read("gebied=gemeente%2F0003&weergave=cijfers&tegels=uit&filters=aan&huurkoop=koop&hoogte=99999", &p);
        assert_eq!(c.area, Area::Municipality("GM0003".into()));
        assert_eq!(c.embed_query(), "gemeente=GM0003&huurkoop=koop&weergave=cijfers&tegels=uit");
        assert_eq!(c.height, 2000);
        // What the builder writes, the embed reads back.
        let o = read(&c.embed_query(), &p);
        assert_eq!((o.area, o.view, o.tiles, o.filters), (c.area, c.view, c.tiles, c.filters));
        assert_eq!(BuilderChoice::read("gebied=gemeente%2FGM9999", &p).area, Area::Province);
    }

    #[test]
    fn the_snippet_escapes_what_it_quotes_and_checks_the_origin() {
        let s = snippet("https://kaart.example.nl/", "gemeente=GM0003&huurkoop=huur", "Woningen in \"A\"", 640);
        assert!(s.contains(r#"src="https://kaart.example.nl/embed?gemeente=GM0003&amp;huurkoop=huur""#), "{s}");
        assert!(s.contains(r#"title="Woningen in &quot;A&quot;""#));
        assert!(s.contains(r#"height="640""#));
        assert!(s.contains(r#"e.origin !== "https://kaart.example.nl""#));
        assert!(s.contains(HEIGHT_MESSAGE));
    }

    #[test]
    fn only_plain_origins_go_into_the_snippet() {
        assert!(is_plain_origin("https://kaart.drenthe.nl") && is_plain_origin("http://127.0.0.1:3000"));
        for bad in ["kaart.nl", "javascript://x", "https://a.nl/\"</script>", "https://", "https://a.nl/pad"] {
            assert!(!is_plain_origin(bad), "{bad}");
        }
    }
}
