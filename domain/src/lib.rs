//! The domain of the Publieke Woningbouwkaart, in plain Rust.
//!
//! Nothing here knows about HTTP, HTML, files or the browser: the server and the WASM client
//! both compile this crate, so a filter gives the same answer on either side.
//!
//! - [`project`]: a housing project and its attributes ([`Project`]).
//! - [`segment`]: price classes and tenure, and homes per class ([`SegmentCounts`]).
//! - [`province`]: the configuration that describes a province (regions, municipalities,
//!   price limits, targets). It is data, loaded by the server; nothing here names Drenthe.
//! - [`filter`]: what a resident selects ([`Filter`]) and how it is applied.
//! - [`query`]: the filter as URL query parameters, the one format the page and the API share.
//! - [`facets`]: how many projects and homes each filter option would give.
//! - [`summary`]: homes per class, status, year, region and municipality.
//! - [`stats`]: the figures for a province, region or municipality, against norms and targets.
//! - [`catalog`]: the public projects, the only set the web layer can reach.
//! - [`cluster`]: grouping projects into map clusters per zoom level.
//! - [`extent`]: a bounding box and a period of days, as programs ask for them.
//! - [`feed`]: what a stored change means to the public (the Atom feeds).
//! - [`map_frame`]: a map of fixed bounds (the server's drawing of the map).
//! - [`map_points`]: the map's compact copy of the projects, filtered in the browser.
//! - [`texts`]: many short strings in one buffer (the map's ids and names).
//! - [`history`]: a project's public status history.
//! - [`places`]: the province's places (its gazetteer), named on the map and searched.
//! - [`search`]: finding a place or a project by what a resident types.
//! - [`import`]: a municipality's delivery, checked and compared with what is stored.
//! - [`problems`]: what is wrong in a delivery, bounded however much is wrong.

#[macro_use]
mod labelled;

pub mod catalog;
pub mod cluster;
pub mod extent;
pub mod facets;
pub mod feed;
pub mod filter;
pub mod history;
pub mod ids;
pub mod import;
pub mod map_frame;
pub mod map_points;
pub mod places;
pub mod problems;
pub mod project;
pub mod province;
pub mod query;
pub mod search;
pub mod segment;
pub mod stats;
pub mod summary;
#[cfg(any(test, feature = "test-support"))]
pub mod test_support;
pub mod texts;

pub use catalog::{Catalog, SortKey, SortOrder};
pub use filter::{Filter, YearRange};
pub use ids::{MunicipalityCode, ProjectId, RegionId};
pub use project::{
    Capacity, Confidentiality, Developer, DeveloperKind, FormCounts, HousingForm, Location, LonLat, PlanType, Precision, Project, Siting, Status, TargetGroup,
};
pub use province::{Area, Licence, Municipality, Norm, PriceLimits, Province, ProvinceError, PublishedSeries, Ratio, Region, Target, TargetKind};
pub use segment::{PriceClass, SegmentCounts, Tenure};
pub use stats::AreaStats;
pub use summary::Summary;
