//! The data a page is made from: [`SiteInfo`] (the province, the filter options, whether the
//! data is the demo; the same for every URL), [`Results`] (everything on the map page that
//! depends on the URL), [`AreaPage`] (a figures page), all from one [`PageQuery`] read once per
//! request. The server computes them while it renders the page ([`build`]); they do not travel
//! to the browser, whose islands get what they need written into the page.

#[cfg(feature = "ssr")]
pub mod build;
#[cfg(feature = "ssr")]
mod query;

#[cfg(feature = "ssr")]
pub use query::PageQuery;

use crate::map::Tiles;
use domain::facets::Facets;
use domain::places::Gazetteer;
use domain::{PriceClass, PriceLimits, Project, Province, Status, Summary};
use std::sync::Arc;

/// What every page needs regardless of the URL.
#[derive(Debug, Clone, PartialEq)]
pub struct SiteInfo {
    pub province: Province,
    pub demo: bool,
    /// Background tiles (URL template and attribution), when switched on.
    pub tiles: Option<Tiles>,
    /// Where residents send questions and problems, when the province has said.
    pub contact: Option<Contact>,
    /// The province's places, which the map names and search finds.
    pub places: Arc<Gazetteer>,
    /// The address the public reaches the site at (`https://kaart.example.nl`), for absolute
    /// links such as a page's canonical address.
    pub origin: String,
    /// The last day a public project changed (`JJJJ-MM-DD`).
    pub data_updated: Option<String>,
    /// Every filter option with its count over all public projects.
    pub options: Facets,
}

/// How the site is run, from its configuration rather than from the data.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SiteSettings {
    pub tiles: Option<Tiles>,
    pub contact: Option<Contact>,
    pub places: Arc<Gazetteer>,
    /// The site's public address (`WONINGBOUW_ADRES`, else where it listens).
    pub origin: String,
}

/// A link residents can use to reach the people behind the map: a web form or an e-mail
/// address (`https://…` or `mailto:…`).
#[derive(Debug, Clone, PartialEq)]
pub struct Contact {
    /// What the link says, such as "Mail het team Wonen".
    pub label: String,
    pub href: String,
}

/// A row in the list.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub id: String,
    pub name: String,
    pub place: String,
    pub municipality: String,
    /// Homes in the selected price classes.
    pub homes: u32,
    pub status: Status,
    pub delivery_year: Option<u16>,
    pub indicative: bool,
    pub example: bool,
    /// The class with the most selected homes: the marker's colour.
    pub main_class: PriceClass,
}

/// The selected project, with what it takes to explain it.
#[derive(Debug, Clone, PartialEq)]
pub struct Detail {
    pub project: Project,
    pub municipality: String,
    pub region: String,
    /// The price limits for the year of the data.
    pub limits: Option<PriceLimits>,
    /// Its statuses on the public map and since when, oldest first; `None` when they could not
    /// be read.
    pub history: Option<Vec<domain::history::StatusStep>>,
}

/// Everything that depends on the URL.
#[derive(Debug, Clone, PartialEq)]
pub struct Results {
    /// The filter in canonical form (for `/api/projects`).
    pub filter_query: String,
    /// The filter as `(parameter, value)` pairs, to check boxes against.
    pub selected_options: Vec<(String, String)>,
    /// A parameter the filter could not read, said in Dutch.
    pub error: Option<String>,
    pub summary: Summary,
    /// Each option's counts; an option that is missing gives nothing.
    pub facets: Facets,
    /// Whether price class or tenure narrows the homes counted.
    pub classes_filtered: bool,
    pub rows: Vec<Row>,
    pub total_rows: usize,
    pub sort: String,
    pub order: String,
    pub shown: usize,
    pub selected: Option<Detail>,
    /// A `project` parameter that names no public project.
    pub missing_project: Option<String>,
}

/// Everything a figures page (`/regio`, `/regio/{id}`, `/gemeente/{code}`) shows.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaPage {
    pub area: domain::Area,
    /// The filter in canonical form, without region and municipality (the path gives those).
    pub filter_query: String,
    pub selected_options: Vec<(String, String)>,
    pub error: Option<String>,
    /// Filter option counts within the area (options that give nothing left out).
    pub facets: Facets,
    pub stats: domain::AreaStats,
    /// On the province overview: each region's figures, to stand side by side.
    pub regions: Vec<domain::AreaStats>,
}

/// How many rows the list shows at first, and how many more each "Toon meer" adds.
pub const PAGE_SIZE: usize = 50;
