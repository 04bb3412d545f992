//! The public data as of the latest stored version, swapped whole when the data changes.
//!
//! A [`Snapshot`] holds everything built from one data version: the public catalog, what every
//! page needs, and the cache of precomputed response bodies. Requests take the current snapshot
//! and keep it for their duration. [`Live::refresh`] compares the store's version with the
//! snapshot's and rebuilds once per change (and a new snapshot starts building the bodies every
//! visitor asks for first, [`crate::bodies::prepare`]); [`Live::watch`] does that every few seconds, so a
//! write through another server instance is served here too.

use crate::error::Result;
use crate::responses::ResponseCache;
use crate::store::publications::WITHHELD_TOTAL;
use crate::store::Store;
use app::page_data::build::{Sites, StatusHistories};
use app::page_data::SiteSettings;
use domain::history::StatusStep;
use domain::{Catalog, ProjectId, Province};
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, RwLock};
use std::time::Duration;

/// Responses kept per snapshot: about this many, and at most [`CACHED_RESPONSE_BYTES`].
const CACHED_RESPONSES: usize = 512;
/// The bytes of responses kept per snapshot (all three encodings of each), besides the
/// unfiltered bodies every map asks for ([`crate::bodies::pinned_keys`]).
pub const CACHED_RESPONSE_BYTES: u64 = 64 * 1024 * 1024;

pub struct Snapshot {
    pub version: i64,
    /// Public projects only.
    pub catalog: Arc<Catalog>,
    /// What every page needs whatever its URL (per area for embeds).
    pub sites: Arc<Sites>,
    pub responses: ResponseCache,
    /// The public pages rendered at this version (see [`crate::page_cache`]).
    pub pages: crate::page_cache::PageCache,
    /// Public status histories of every project.
    pub histories: Arc<Histories>,
    /// When this version was read (RFC 3339, to the second): the time stamp of the answers
    /// built from it.
    pub published: String,
}

pub struct Live {
    store: Store,
    province: Province,
    settings: SiteSettings,
    current: RwLock<Arc<Snapshot>>,
    /// One rebuild at a time, so a change is built once however many requests notice it.
    rebuilding: tokio::sync::Mutex<()>,
    /// The current snapshot's version, for whoever prepares something per version.
    versions: tokio::sync::watch::Sender<i64>,
}

impl Live {
    pub async fn new(store: Store, province: Province, settings: SiteSettings) -> Result<Live> {
        let first = Arc::new(build(&store, &province, &settings, None).await?);
        let versions = tokio::sync::watch::Sender::new(first.version);
        Ok(Live { store, province, settings, current: RwLock::new(first), rebuilding: tokio::sync::Mutex::new(()), versions })
    }

    pub fn current(&self) -> Arc<Snapshot> {
        self.current.read().expect("snapshot lock").clone()
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn province(&self) -> &Province {
        &self.province
    }

    /// The version of the current snapshot, told each time a new one takes over.
    pub fn versions(&self) -> tokio::sync::watch::Receiver<i64> {
        self.versions.subscribe()
    }

    /// Rebuilds the snapshot if the stored data is newer; says whether it did.
    pub async fn refresh(&self) -> Result<bool> {
        let _one = self.rebuilding.lock().await;
        if self.store.version().await? == self.current().version {
            return Ok(false);
        }
        let next = Arc::new(build(&self.store, &self.province, &self.settings, Some(&self.current())).await?);
        tracing::info!("gegevens bijgewerkt naar versie {}: {} openbare projecten", next.version, next.catalog.projects().len());
        let version = next.version;
        *self.current.write().expect("snapshot lock") = next;
        self.versions.send_replace(version);
        Ok(true)
    }

    /// Checks for changes by other instances every `every`.
    pub fn watch(self: Arc<Self>, every: Duration) {
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(every);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tick.tick().await;
                if let Err(e) = self.refresh().await {
                    tracing::warn!("gegevens verversen mislukt: {e}");
                }
            }
        });
    }
}

async fn build(store: &Store, province: &Province, settings: &SiteSettings, previous: Option<&Snapshot>) -> Result<Snapshot> {
    let stored = store.snapshot().await?;
    let histories = Arc::new(Histories::read(store, previous.map(|p| p.histories.as_ref())).await?);
    let mut province = province.clone();
    if let Some(publication) = stored.publications.iter().find(|p| p.name == WITHHELD_TOTAL) {
        province.publish_withheld_total = publication.on;
    }
    let settings = settings.clone();
    let previous_time = previous.map(|p| p.responses.modified());
    // Building the catalog and the unfiltered facets takes a while at 100k projects.
    tokio::task::spawn_blocking(move || {
        let catalog = Arc::new(Catalog::new(province, stored.projects, stored.has_demo));
        let sites = Arc::new(Sites::new(catalog.clone(), settings));
        let read_at = crate::responses::version_time(previous_time, std::time::SystemTime::now());
        let responses = ResponseCache::new(CACHED_RESPONSES, CACHED_RESPONSE_BYTES, crate::bodies::pinned_keys(), read_at);
        crate::bodies::prepare(&responses, &catalog);
        let published = humantime::format_rfc3339_seconds(read_at).to_string();
        Snapshot { version: stored.version, catalog, sites, responses, pages: crate::page_cache::new_cache(), histories, published }
    })
    .await
    .map_err(Into::into)
}

/// The public status histories of every project, as of one data version: read from the audit
/// trail when the snapshot is built (the first time all of it, then only the changes since the
/// previous snapshot), so a project's detail never waits for the database, and still shows its
/// history while the database is down.
#[derive(Clone, Default)]
pub struct Histories {
    /// The number of the last change read.
    seq: i64,
    steps: HashMap<ProjectId, Vec<StatusStep>>,
}

impl Histories {
    async fn read(store: &Store, previous: Option<&Histories>) -> Result<Histories> {
        let mut histories = previous.cloned().unwrap_or_default();
        for version in store.status_versions_after(histories.seq).await? {
            histories.seq = version.seq;
            if let Some((status, confidentiality)) = version.state {
                domain::history::follow(histories.steps.entry(version.project).or_default(), &version.day, status, confidentiality);
            }
        }
        Ok(histories)
    }
}

impl StatusHistories for Histories {
    fn public_steps<'a>(&'a self, id: &'a ProjectId) -> Pin<Box<dyn Future<Output = Option<Vec<StatusStep>>> + Send + 'a>> {
        Box::pin(std::future::ready(Some(self.steps.get(id).cloned().unwrap_or_default())))
    }
}
