//! The shapes a page is made from: [`SiteInfo`] (the province, the filter options, whether the
//! data is the demo; the same for every URL), [`Results`] (everything on the map page that
//! depends on the URL), [`AreaPage`] (a figures page). The server computes them (`ssr`) while it
//! renders the page; they do not travel to the browser, whose islands get what they need
//! written into the page.

use crate::map::Tiles;
use domain::facets::Facets;
use domain::{PriceClass, PriceLimits, Project, Province, Status, Summary};
use serde::{Deserialize, Serialize};

/// What every page needs regardless of the URL.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SiteInfo {
    pub province: Province,
    pub demo: bool,
    /// Background tiles (URL template and attribution), when switched on.
    pub tiles: Option<Tiles>,
    /// Every filter option with its count over all public projects.
    pub options: Facets,
}

/// A row in the list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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

/// An embed's fixed area and what the site offers within it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EmbedSite {
    pub site: SiteInfo,
    pub area: domain::Area,
}

/// How many rows the list shows at first, and how many more each "Toon meer" adds.
pub const PAGE_SIZE: usize = 50;

#[cfg(feature = "ssr")]
pub mod ssr {
    //! How the server computes them: `current_*` read the request's catalog (and the site
    //! information built from it once) from the Leptos context the server provides for a page;
    //! the rest are plain functions, tested without HTTP. The catalog holds only public
    //! projects, so nothing here can show a confidential one.
    use super::*;
    use leptos::prelude::{expect_context, use_context};
    use std::sync::Arc;

    /// What every page needs regardless of the URL (computed once per dataset, see [`Sites`]).
    pub fn current_site() -> SiteInfo {
        expect_context::<Arc<Sites>>().whole().as_ref().clone()
    }

    /// What an embed (`/embed?<query>`) needs whatever the resident does: the area its query
    /// fixes, and the site information within it. The filter options are only those that occur
    /// in the area, so an embed of one municipality lists only its own.
    pub fn current_embed_site(query: &str) -> EmbedSite {
        let sites = expect_context::<Arc<Sites>>();
        let catalog = expect_context::<Arc<Catalog>>();
        let area = crate::embed::EmbedOptions::read(query, catalog.province()).area;
        EmbedSite { site: sites.within(&area).as_ref().clone(), area }
    }

    /// The origin residents reach this site at (`https://kaart.example.nl`), for the snippet the
    /// embed builder writes: the request's host, and the scheme a proxy says it used.
    pub fn current_origin() -> String {
        let Some(parts) = use_context::<http::request::Parts>() else { return "http://localhost".to_owned() };
        let header = |name: &str| parts.headers.get(name).and_then(|v| v.to_str().ok()).map(|v| v.split(',').next().unwrap_or("").trim().to_owned());
        let host = header("x-forwarded-host").or_else(|| header("host")).filter(|h| !h.is_empty()).unwrap_or_else(|| "localhost".to_owned());
        let scheme = header("x-forwarded-proto").filter(|p| p == "https" || p == "http").unwrap_or_else(|| "http".to_owned());
        let origin = format!("{scheme}://{host}");
        // A host header is whatever the client sent; only a plain one goes into the snippet.
        if crate::embed::is_plain_origin(&origin) {
            origin
        } else {
            "http://localhost".to_owned()
        }
    }

    /// Everything on the map page (and an embed) that depends on the URL; the selected
    /// project's status history follows with [`with_history`].
    pub fn current_results(query: &str) -> Results {
        results(&expect_context::<Arc<Catalog>>(), query)
    }

    /// The map of `area` as the server draws it, with the projects the query selects; `None`
    /// when the server has no drawing of the area, or the request asks only for the parts a
    /// page swaps ([`url::PARTS_ONLY`]).
    pub fn current_map(query: &str, area: &domain::Area) -> Option<crate::map::drawing::MapPreview> {
        // A page that asks for its parts keeps its own map.
        if use_context::<http::request::Parts>().is_some_and(|parts| parts.headers.contains_key(url::PARTS_ONLY)) {
            return None;
        }
        let backdrop = use_context::<Arc<crate::map::drawing::Backdrops>>()?.get(area)?;
        let catalog = expect_context::<Arc<Catalog>>();
        let (parsed, _) = parse_or_explain(query, catalog.province());
        let selected = catalog.select(&parsed.filter);
        Some(crate::map::drawing::MapPreview::new(backdrop, &selected, parsed.filter.classes()))
    }

    /// The results with the selected project's status history (the server keeps every
    /// project's, per data version).
    pub async fn with_history(mut results: Results) -> Results {
        if let (Some(detail), Some(histories)) = (results.selected.as_mut(), use_context::<Arc<dyn StatusHistories>>()) {
            detail.history = histories.public_steps(&detail.project.id).await;
        }
        results
    }

    /// The figures for an area path (see [`crate::url::area_path`]) under the page's query;
    /// `None` when the area does not exist.
    pub fn current_area(area_path: &str, query: &str) -> Option<AreaPage> {
        area_page(&expect_context::<Arc<Catalog>>(), area_path, query)
    }
    use crate::url;
    use domain::catalog::Selected;
    use domain::facets::facets;
    use domain::{Catalog, Filter, SortKey, SortOrder};

    /// Where the server keeps what projects were: the page asks it for a selected project's
    /// public status history. `None` when it could not be read.
    pub trait StatusHistories: Send + Sync {
        fn public_steps<'a>(
            &'a self,
            id: &'a domain::ProjectId,
        ) -> std::pin::Pin<Box<dyn std::future::Future<Output = Option<Vec<domain::history::StatusStep>>> + Send + 'a>>;
    }

    /// The site information, for the whole province and (once asked for) per area.
    pub struct Sites {
        catalog: std::sync::Arc<Catalog>,
        whole: std::sync::Arc<SiteInfo>,
        areas: std::sync::Mutex<std::collections::HashMap<domain::Area, std::sync::Arc<SiteInfo>>>,
    }

    impl Sites {
        pub fn new(catalog: std::sync::Arc<Catalog>, tiles: Option<Tiles>) -> Self {
            let whole = std::sync::Arc::new(SiteInfo {
                province: catalog.province().clone(),
                demo: catalog.is_demo(),
                tiles,
                options: facets(&catalog, &Filter::default()),
            });
            Self { catalog, whole, areas: Default::default() }
        }

        pub fn whole(&self) -> std::sync::Arc<SiteInfo> {
            self.whole.clone()
        }

        /// Within an area the options are only those that occur there: its developers, its
        /// years. An area the province does not have gives the whole.
        pub fn within(&self, area: &domain::Area) -> std::sync::Arc<SiteInfo> {
            if *area == domain::Area::Province || !self.catalog.province().has_area(area) {
                return self.whole();
            }
            let mut areas = self.areas.lock().unwrap_or_else(|e| e.into_inner());
            areas
                .entry(area.clone())
                .or_insert_with(|| {
                    // Every enumerated option stays (a resident may look for sociale huur and see
                    // there is none); developers, places and years only where they occur.
                    let mut options = facets(&self.catalog, &Filter::default().within(area));
                    for list in [&mut options.developer, &mut options.region, &mut options.municipality, &mut options.year] {
                        list.retain(|o| o.projects > 0);
                    }
                    std::sync::Arc::new(SiteInfo { options, ..self.whole.as_ref().clone() })
                })
                .clone()
        }
    }

    /// A page's query read into a filter; a query that can't be read is explained (in Dutch)
    /// and ignored, so the page still shows everything.
    fn parse_or_explain(query: &str, province: &domain::Province) -> (domain::query::ParsedQuery, Option<String>) {
        match domain::query::parse(query, province) {
            Ok(parsed) => (parsed, None),
            Err(e) => (Default::default(), Some(format!("De link bevat een fout en wordt genegeerd: {e}"))),
        }
    }

    pub fn area_page(catalog: &Catalog, area_path: &str, query: &str) -> Option<AreaPage> {
        let province = catalog.province();
        let area = url::parse_area(area_path).filter(|a| province.has_area(a))?;
        let (parsed, error) = parse_or_explain(&url::without_area(query), province);
        let filter = parsed.filter;
        let regions = if area == domain::Area::Province {
            province.parts(&area).iter().map(|r| domain::AreaStats::of(catalog, &filter, r)).collect()
        } else {
            Vec::new()
        };
        let filter_query = filter.to_query();
        Some(AreaPage {
            selected_options: url::pairs(&filter_query),
            filter_query,
            error,
            // The option counts within the area.
            facets: facets(catalog, &filter.within(&area)).nonzero(),
            stats: domain::AreaStats::of(catalog, &filter, &area),
            regions,
            area,
        })
    }

    pub fn results(catalog: &Catalog, query: &str) -> Results {
        let province = catalog.province();
        let (parsed, error) = parse_or_explain(query, province);
        let filter = &parsed.filter;
        let mut selected = catalog.select(filter);
        let sort = parsed.get(url::SORT).and_then(SortKey::from_slug).unwrap_or(SortKey::Name);
        let default_order = if sort == SortKey::Homes { SortOrder::Descending } else { SortOrder::Ascending };
        let order = parsed.get(url::ORDER).and_then(SortOrder::from_slug).unwrap_or(default_order);
        let shown = parsed.get(url::SHOWN).and_then(|s| s.parse::<usize>().ok()).unwrap_or(PAGE_SIZE).clamp(1, selected.len().max(PAGE_SIZE));
        // Only the rows shown are put in order.
        catalog.sort_first(&mut selected, shown, sort, order);
        let summary = Summary::of(&selected, filter.classes(), province);
        let classes = filter.classes();
        let row = |s: &Selected<'_>| {
            let p = s.project;
            let main_class = p.homes.main_class(classes).unwrap_or(PriceClass::Onbekend);
            Row {
                id: p.id.to_string(),
                name: p.name.clone(),
                place: p.place.clone(),
                municipality: province.municipality_name(&p.municipality).to_owned(),
                homes: s.homes,
                status: p.status,
                delivery_year: p.delivery_year,
                indicative: p.location.precision == domain::Precision::Indicative,
                example: p.example,
                main_class,
            }
        };
        let wanted = parsed.get(url::PROJECT).map(str::to_owned);
        let detail = wanted.as_deref().and_then(|id| catalog.get(&id.into())).map(|p| Detail {
            project: p.clone(),
            municipality: province.municipality_name(&p.municipality).to_owned(),
            region: province.region_of(&p.municipality).map(|r| r.name.clone()).unwrap_or_default(),
            limits: p.data_year().and_then(|y| province.price_limits_for(y)).cloned(),
            history: None,
        });
        let filter_query = filter.to_query();
        Results {
            selected_options: url::pairs(&filter_query),
            filter_query,
            error,
            facets: facets(catalog, filter).nonzero(),
            classes_filtered: classes != domain::segment::ClassSet::ALL,
            rows: selected.iter().take(shown).map(row).collect(),
            total_rows: selected.len(),
            sort: sort.slug().to_owned(),
            order: order.slug().to_owned(),
            shown,
            missing_project: wanted.filter(|_| detail.is_none()),
            selected: detail,
            summary,
        }
    }
}
