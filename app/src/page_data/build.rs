//! How the server computes a page's data. `current_*` read what the server provides for each
//! page request as Leptos context: the request's [`PageQuery`] (read once), the catalog of the
//! current data version, the site information built from it once ([`Sites`]), the map's
//! backdrops and the status histories. The rest are plain functions, tested without HTTP. The
//! catalog holds only public projects, so nothing here can show a confidential one.

use super::*;
use crate::embed::EmbedOptions;
use crate::map::drawing::{Backdrop, Backdrops, MapPreview};
use crate::url;
use domain::catalog::Selected;
use domain::facets::facets;
use domain::filter::Dimension;
use domain::{Area, Catalog, Filter, SortKey, SortOrder};
use leptos::prelude::{expect_context, use_context};
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};

/// Where the server keeps what projects were: the page asks it for a selected project's
/// public status history. `None` when it could not be read.
pub trait StatusHistories: Send + Sync {
    fn public_steps<'a>(&'a self, id: &'a domain::ProjectId) -> Pin<Box<dyn Future<Output = Option<Vec<domain::history::StatusStep>>> + Send + 'a>>;
}

/// The site information, for the whole province and (once asked for) per area.
pub struct Sites {
    catalog: Arc<Catalog>,
    whole: Arc<SiteInfo>,
    areas: Mutex<HashMap<Area, Arc<SiteInfo>>>,
}

impl Sites {
    pub fn new(catalog: Arc<Catalog>, settings: SiteSettings) -> Self {
        let whole = Arc::new(SiteInfo {
            province: catalog.province().clone(),
            demo: catalog.is_demo(),
            tiles: settings.tiles,
            contact: settings.contact,
            places: settings.places,
            origin: settings.origin,
            data_updated: catalog.last_updated().map(str::to_owned),
            options: facets(&catalog, &Filter::default()),
        });
        Self { catalog, whole, areas: Default::default() }
    }

    pub fn whole(&self) -> Arc<SiteInfo> {
        self.whole.clone()
    }

    /// Within an area the options are only those that occur there: its developers, its
    /// years. An area the province does not have gives the whole.
    pub fn within(&self, area: &Area) -> Arc<SiteInfo> {
        if *area == Area::Province || !self.catalog.province().has_area(area) {
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
                Arc::new(SiteInfo { options, ..self.whole.as_ref().clone() })
            })
            .clone()
    }
}

/// The request's page query, read once by the server for the whole page (the `<head>`
/// included); an empty one outside a request.
pub fn current_query() -> Arc<PageQuery> {
    use_context::<Arc<PageQuery>>().unwrap_or_default()
}

/// What every page needs regardless of the URL (computed once per dataset, see [`Sites`]).
pub fn current_site() -> SiteInfo {
    expect_context::<Arc<Sites>>().whole().as_ref().clone()
}

/// The site information when the page is rendered with the server's context (a page not found
/// is also rendered without it, for a path no route knows).
pub fn current_site_if_any() -> Option<SiteInfo> {
    use_context::<Arc<Sites>>().map(|sites| sites.whole().as_ref().clone())
}

/// What an embed needs whatever the resident does: its options (the area its query fixes, its
/// switches) and the site information within that area. The filter options are only those that
/// occur in the area, so an embed of one municipality lists only its own.
pub fn current_embed(query: &PageQuery) -> (EmbedOptions, SiteInfo) {
    let options = EmbedOptions::new(query.filter(), &query.raw);
    let site = expect_context::<Arc<Sites>>().within(&options.area).as_ref().clone();
    (options, site)
}

/// The origin residents reach this site at (`https://kaart.example.nl`), for the snippet the
/// embed builder writes: the request's host, and the scheme a proxy says it used.
pub fn current_origin() -> String {
    match use_context::<http::request::Parts>() {
        Some(parts) => origin_of(&parts.headers),
        None => "http://localhost".to_owned(),
    }
}

/// The origin a request reached this site at (also the server's absolute links in the API):
/// its host, and the scheme a proxy says it used; a host that is not a plain one is not repeated.
pub fn origin_of(headers: &http::HeaderMap) -> String {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(|v| v.split(',').next().unwrap_or("").trim().to_owned());
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

/// Everything on the map page (and an embed) that depends on the URL, and the map of `area` as
/// the server draws it (`None` when the server has no drawing of the area, or the request asks
/// only for the parts a page swaps, [`url::PARTS_ONLY`]: that page keeps its own map). The
/// selected project's status history follows with [`with_history`].
pub fn current_map_page(query: &PageQuery, area: &Area) -> (Results, Option<MapPreview>) {
    let parts_only = use_context::<http::request::Parts>().is_some_and(|parts| parts.headers.contains_key(url::PARTS_ONLY));
    let backdrop = if parts_only { None } else { use_context::<Arc<Backdrops>>().and_then(|b| b.get(area)) };
    let places = expect_context::<Arc<Sites>>().whole().places.clone();
    let (results, map) = map_page(&expect_context::<Arc<Catalog>>(), query, area, backdrop, &places);
    // A link to a project that is not (or no longer) public: the page says so, with a 404.
    if results.missing_project.is_some() {
        answer_not_found();
    }
    (results, map)
}

/// What a page says when its path names nothing ([`area_of_path`], the page not found).
pub const PAGE_NOT_FOUND: &str = "Deze pagina bestaat niet (meer).";

/// Makes the page being rendered answer 404 (it is still rendered, with what was not found).
pub fn answer_not_found() {
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
}

/// The results with the selected project's status history (the server keeps every
/// project's, per data version).
pub async fn with_history(mut results: Results) -> Results {
    if let (Some(detail), Some(histories)) = (results.selected.as_mut(), use_context::<Arc<dyn StatusHistories>>()) {
        detail.history = histories.public_steps(&detail.project.id).await;
    }
    results
}

/// The area a figures page's path names, a municipality by its code with or without `GM` (as
/// an embed accepts it); `Err` says, in Dutch, what the province does not have.
pub fn area_of_path(path: &str, province: &domain::Province) -> Result<Area, String> {
    match url::parse_area(path) {
        Some(Area::Municipality(code)) => province
            .find_municipality(code.as_str())
            .map(|m| Area::Municipality(m.code.clone()))
            .ok_or_else(|| format!("Er is geen gemeente met de code '{code}' in {}.", province.name)),
        Some(Area::Region(id)) if province.region(&id).is_none() => Err(format!("Er is geen regio '{id}' in {}.", province.name)),
        Some(area) => Ok(area),
        None => Err(PAGE_NOT_FOUND.to_owned()),
    }
}

/// The figures of `area` under the page's filter (its region and municipality left out: the
/// area is given); `None` when the province has no such area.
pub fn current_area(area: &Area, query: &PageQuery) -> Option<AreaPage> {
    let filter = query.filter().without(Dimension::Region).without(Dimension::Municipality);
    area_page(&expect_context::<Arc<Catalog>>(), area, &filter, query.error.clone())
}

pub fn area_page(catalog: &Catalog, area: &Area, filter: &Filter, error: Option<String>) -> Option<AreaPage> {
    let province = catalog.province();
    if !province.has_area(area) {
        return None;
    }
    let regions = if *area == Area::Province { province.parts(area).iter().map(|r| domain::AreaStats::of(catalog, filter, r)).collect() } else { Vec::new() };
    let filter_query = filter.to_query();
    Some(AreaPage {
        selected_options: url::pairs(&filter_query),
        filter_query,
        error,
        // The option counts within the area.
        facets: facets(catalog, &filter.within(area)).nonzero(),
        stats: domain::AreaStats::of(catalog, filter, area),
        regions,
        area: area.clone(),
    })
}

/// The map page's results and the server's drawing of the map, from one selection.
pub fn map_page(catalog: &Catalog, query: &PageQuery, area: &Area, backdrop: Option<Arc<Backdrop>>, places: &Gazetteer) -> (Results, Option<MapPreview>) {
    let province = catalog.province();
    let parsed = &query.parsed;
    let filter = &parsed.filter;
    let classes = filter.classes();
    let mut selected = catalog.select(filter);
    // Drawn before the rows are put in order: clustering takes the catalog's order.
    let map = backdrop.map(|backdrop| {
        let frame = crate::map::view::choose(backdrop.frame, area, &query.map_asks(), places, &selected);
        MapPreview::new(backdrop, frame, &selected, classes, places, query)
    });
    let sort = parsed.get(url::SORT).and_then(SortKey::from_slug).unwrap_or(SortKey::Name);
    let default_order = if sort == SortKey::Homes { SortOrder::Descending } else { SortOrder::Ascending };
    let order = parsed.get(url::ORDER).and_then(SortOrder::from_slug).unwrap_or(default_order);
    let shown = parsed.get(url::SHOWN).and_then(|s| s.parse::<usize>().ok()).unwrap_or(PAGE_SIZE).clamp(1, selected.len().max(PAGE_SIZE));
    // Only the rows shown are put in order.
    catalog.sort_first(&mut selected, shown, sort, order);
    let summary = Summary::of(&selected, classes, province);
    let row = |s: &Selected<'_>| {
        let p = s.project;
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
            main_class: p.homes.main_class(classes).unwrap_or(PriceClass::Onbekend),
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
    let results = Results {
        selected_options: url::pairs(&filter_query),
        filter_query,
        error: query.error.clone(),
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
    };
    (results, map)
}
