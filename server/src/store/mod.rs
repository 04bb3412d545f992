//! Where projects, tokens and the audit trail are kept: SQLite by default (a file, created and
//! migrated at start-up), PostgreSQL when `DATABASE_URL` says `postgres://…`.
//!
//! Both go through sqlx's `Any` driver with one set of migrations written in the SQL both
//! understand, so there is one [`Store`] and one test suite for the two.
//!
//! Every write is one transaction that starts by raising the data version (see
//! `migrations/0001_start.sql`): that serialises writers, so a change is planned against what
//! is stored at that moment, and tells every server instance that the data changed.

mod changes;
pub mod publications;
mod tokens;

pub use changes::{Change, ChangeKind};
pub use publications::Publication;
pub use tokens::{Access, NewToken, TokenInfo};

use crate::error::{Error, Result};
use domain::import::Plan;
use domain::{MunicipalityCode, Project};
use sqlx::any::AnyPoolOptions;
use sqlx::migrate::{Migration, MigrationType, Migrator};
use sqlx::AnyPool;
use sqlx::SqlSafeStr;
use std::borrow::Cow;
use std::path::Path;

/// The stored projects at one data version.
pub struct Stored {
    pub version: i64,
    pub projects: Vec<Project>,
    /// Whether any project comes from the generated demo dataset.
    pub has_demo: bool,
    /// What the province chose to publish at this version.
    pub publications: Vec<Publication>,
}

/// Where a written project came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Demo,
    Import,
}

impl Source {
    fn as_str(self) -> &'static str {
        match self {
            Source::Demo => "demo",
            Source::Import => "import",
        }
    }
}

/// Which projects a change may see and touch.
#[derive(Debug, Clone, Copy)]
pub enum Scope<'a> {
    Municipality(&'a MunicipalityCode),
    All,
}

/// Whether a change is applied or only planned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Apply,
    DryRun,
}

#[derive(Clone)]
pub struct Store {
    pool: AnyPool,
}

impl Store {
    /// Opens (and for SQLite creates) the database at `url` and brings its schema up to date.
    pub async fn open(url: &str) -> Result<Store> {
        sqlx::any::install_default_drivers();
        let sqlite = url.starts_with("sqlite:");
        if sqlite {
            if let Some(dir) = sqlite_file(url).and_then(|f| Path::new(f).parent().map(Path::to_path_buf)) {
                if !dir.as_os_str().is_empty() {
                    std::fs::create_dir_all(&dir).map_err(|e| Error::Internal(format!("{}: {e}", dir.display())))?;
                }
            }
        }
        let pool = AnyPoolOptions::new()
            .max_connections(if sqlite { 4 } else { 8 })
            .acquire_timeout(ACQUIRE_TIMEOUT)
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if sqlite {
                        // A commit is on the disk before it is answered, in WAL mode too (NORMAL
                        // would keep the last commits in the WAL only until a checkpoint, and a
                        // power cut loses them). FULL is SQLite's compiled default; said here so
                        // that no build or URL can change it.
                        sqlx::query("PRAGMA synchronous = FULL").execute(conn).await?;
                    }
                    Ok(())
                })
            })
            .connect(url)
            .await
            .map_err(|e| match db(e) {
                Error::Unavailable(e) => Error::Unavailable(format!("database {}: {e}", redact(url))),
                Error::Internal(e) => Error::Internal(format!("database {}: {e}", redact(url))),
                other => other,
            })?;
        if sqlite {
            // Readers keep reading while one import writes.
            sqlx::query("PRAGMA journal_mode = WAL").execute(&pool).await.map_err(db)?;
        }
        migrator().run(&pool).await.map_err(|e| Error::Internal(format!("migraties: {e}")))?;
        Ok(Store { pool })
    }

    /// SQLite's journal mode and synchronous level as a pooled connection has them (`wal`, 2 =
    /// FULL: a commit answered is on the disk).
    pub async fn sqlite_settings(&self) -> Result<(String, i64)> {
        let mut conn = self.pool.acquire().await.map_err(db)?;
        let mode: String = sqlx::query_scalar("PRAGMA journal_mode").fetch_one(&mut *conn).await.map_err(db)?;
        let synchronous: i64 = sqlx::query_scalar("PRAGMA synchronous").fetch_one(&mut *conn).await.map_err(db)?;
        Ok((mode, synchronous))
    }

    /// The current data version; it rises with every applied change.
    pub async fn version(&self) -> Result<i64> {
        sqlx::query_scalar("SELECT version FROM data_version WHERE id = 1").fetch_one(&self.pool).await.map_err(db)
    }

    /// Every project and the version they belong to (read again if a write came in between).
    pub async fn snapshot(&self) -> Result<Stored> {
        loop {
            let version = self.version().await?;
            let rows: Vec<(String, String)> = sqlx::query_as("SELECT data, source FROM projects ORDER BY id").fetch_all(&self.pool).await.map_err(db)?;
            let publications = self.publications().await?;
            if self.version().await? != version {
                continue;
            }
            let has_demo = rows.iter().any(|(_, source)| source == Source::Demo.as_str());
            let projects = rows.iter().map(|(data, _)| parse(data)).collect::<Result<_>>()?;
            return Ok(Stored { version, projects, has_demo, publications });
        }
    }

    /// The municipalities that have stored projects, with how many each.
    pub async fn municipalities(&self) -> Result<Vec<(String, i64)>> {
        sqlx::query_as("SELECT municipality, COUNT(*) FROM projects GROUP BY municipality ORDER BY municipality").fetch_all(&self.pool).await.map_err(db)
    }

    /// One project, whatever its confidentiality (callers decide who may see it).
    pub async fn project(&self, id: &str) -> Result<Option<Project>> {
        let row: Option<String> = sqlx::query_scalar("SELECT data FROM projects WHERE id = $1").bind(id).fetch_optional(&self.pool).await.map_err(db)?;
        row.as_deref().map(parse).transpose()
    }

    /// Plans a change with `decide`, which gets the projects in `scope` as stored at this moment,
    /// and applies it in the same transaction unless it is a dry run. Nothing is written when
    /// `decide` fails or the plan changes nothing. Every applied project change is recorded in
    /// the audit trail with `actor`.
    pub async fn change(&self, scope: Scope<'_>, actor: &str, source: Source, mode: Mode, decide: impl FnOnce(Vec<Project>) -> Result<Plan>) -> Result<Plan> {
        let mut conn = self.pool.acquire().await.map_err(db)?;
        let result = Self::change_on(&mut conn, scope, actor, source, mode, decide).await;
        if result.is_err() {
            // The connection is not given back to the pool: after a failed write its state is
            // not to be trusted. SQLite ends a transaction by itself on some errors (a full
            // disk), while sqlx still counts it as open; the next write on that connection
            // then became a savepoint inside it, answered as committed yet never written.
            conn.close_on_drop();
        }
        result
    }

    async fn change_on(
        conn: &mut sqlx::pool::PoolConnection<sqlx::Any>,
        scope: Scope<'_>,
        actor: &str,
        source: Source,
        mode: Mode,
        decide: impl FnOnce(Vec<Project>) -> Result<Plan>,
    ) -> Result<Plan> {
        use sqlx::Connection;
        let mut tx = conn.begin().await.map_err(db)?;
        // The lock first: a plan is only valid against the state it was made from.
        sqlx::query("UPDATE data_version SET version = version + 1 WHERE id = 1").execute(&mut *tx).await.map_err(db)?;
        let version: i64 = sqlx::query_scalar("SELECT version FROM data_version WHERE id = 1").fetch_one(&mut *tx).await.map_err(db)?;
        let rows: Vec<String> = match scope {
            Scope::Municipality(code) => {
                sqlx::query_scalar("SELECT data FROM projects WHERE municipality = $1 ORDER BY id").bind(code.as_str()).fetch_all(&mut *tx).await
            }
            Scope::All => sqlx::query_scalar("SELECT data FROM projects ORDER BY id").fetch_all(&mut *tx).await,
        }
        .map_err(db)?;
        let stored = rows.iter().map(|d| parse(d)).collect::<Result<Vec<_>>>()?;
        let plan = decide(stored)?;
        if mode == Mode::DryRun || plan.is_empty() {
            tx.rollback().await.map_err(db)?;
            return Ok(plan);
        }
        let at = now();
        let mut seq: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(seq), 0) FROM changes").fetch_one(&mut *tx).await.map_err(db)?;
        let steps = plan
            .added
            .iter()
            .map(|p| (ChangeKind::Added, None, Some(p)))
            .chain(plan.changed.iter().map(|(old, new)| (ChangeKind::Changed, Some(old), Some(new))))
            .chain(plan.removed.iter().map(|p| (ChangeKind::Removed, Some(p), None)));
        for (kind, before, after) in steps {
            let project = after.or(before).expect("a change has a before or an after");
            match after {
                Some(new) => {
                    let data = serde_json::to_string(new).map_err(|e| Error::Internal(e.to_string()))?;
                    let sql = if kind == ChangeKind::Added {
                        "INSERT INTO projects (municipality, confidentiality, source, data, id) VALUES ($1, $2, $3, $4, $5)"
                    } else {
                        "UPDATE projects SET municipality = $1, confidentiality = $2, source = $3, data = $4 WHERE id = $5"
                    };
                    sqlx::query(sql)
                        .bind(new.municipality.as_str())
                        .bind(new.confidentiality.slug())
                        .bind(source.as_str())
                        .bind(data)
                        .bind(new.id.as_str())
                        .execute(&mut *tx)
                        .await
                        .map_err(db)?;
                }
                None => {
                    sqlx::query("DELETE FROM projects WHERE id = $1").bind(project.id.as_str()).execute(&mut *tx).await.map_err(db)?;
                }
            }
            seq += 1;
            let json = |p: Option<&Project>| p.map(serde_json::to_string).transpose().map_err(|e| Error::Internal(e.to_string()));
            sqlx::query("INSERT INTO changes (seq, version, at, actor, municipality, project, action, before_data, after_data) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
                .bind(seq)
                .bind(version)
                .bind(at.as_str())
                .bind(actor)
                .bind(project.municipality.as_str())
                .bind(project.id.as_str())
                .bind(kind.slug())
                .bind(json(before)?)
                .bind(json(after)?)
                .execute(&mut *tx)
                .await
                .map_err(db)?;
        }
        // A commit that does not come back (the connection lost on the way) may or may not
        // have been written: the answer must say so rather than "nothing changed".
        tx.commit().await.map_err(|e| match db(e) {
            Error::Unavailable(e) => Error::OutcomeUnknown(e),
            other => other,
        })?;
        Ok(plan)
    }

    /// Loads `projects` as the demo dataset if nothing is stored yet; says whether it did.
    pub async fn seed_demo(&self, projects: Vec<Project>) -> Result<bool> {
        let plan = self
            .change(Scope::All, "demo", Source::Demo, Mode::Apply, |stored| {
                Ok(if stored.is_empty() { Plan { added: projects, ..Plan::default() } } else { Plan::default() })
            })
            .await?;
        Ok(!plan.added.is_empty())
    }
}

fn migrator() -> Migrator {
    let migration = |version, name, sql: &'static str| Migration::new(version, Cow::Borrowed(name), MigrationType::Simple, sql.into_sql_str(), false);
    Migrator::with_migrations(vec![
        migration(1, "start", include_str!("../../migrations/0001_start.sql")),
        migration(2, "publications", include_str!("../../migrations/0002_publications.sql")),
    ])
}

fn parse(data: &str) -> Result<Project> {
    serde_json::from_str(data).map_err(|e| Error::Internal(format!("opgeslagen project onleesbaar: {e}")))
}

/// A database error as ours: [`Error::Unavailable`] when the database does not answer (so the
/// caller hears 503 and tries again), else an internal error.
fn db(e: sqlx::Error) -> Error {
    // SQLite's SQLITE_FULL (13), PostgreSQL's disk_full (53100).
    if let sqlx::Error::Database(d) = &e {
        if d.code().is_some_and(|c| c == "13" || c == "53100") {
            return Error::DiskFull(e.to_string());
        }
    }
    let unreachable = match &e {
        sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) | sqlx::Error::Tls(_) | sqlx::Error::WorkerCrashed => true,
        // PostgreSQL's classes 08 (connection exception) and 57P (shut down, starting up).
        sqlx::Error::Database(d) => d.code().is_some_and(|c| c.starts_with("08") || c.starts_with("57P")),
        _ => false,
    };
    if unreachable {
        Error::Unavailable(e.to_string())
    } else {
        Error::Internal(format!("database: {e}"))
    }
}

/// How long a request waits for a database connection before it hears that the database is
/// unavailable (sqlx's default is 30 s; a request that waits that long has been given up on).
pub const ACQUIRE_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(3);

/// The file of a `sqlite:` URL, if it names one.
fn sqlite_file(url: &str) -> Option<&str> {
    let rest = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:"))?;
    let file = rest.split('?').next()?;
    (!file.is_empty() && file != ":memory:").then_some(file)
}

/// A URL without its password, for messages.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let credentials = &url[scheme + 3..at];
            let user = credentials.split(':').next().unwrap_or("");
            format!("{}{user}:***{}", &url[..scheme + 3], &url[at..])
        }
        _ => url.to_owned(),
    }
}

/// The current time, RFC 3339 in UTC to the second.
pub fn now() -> String {
    humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string()
}

/// Today's date (YYYY-MM-DD, UTC).
pub fn today() -> String {
    now()[..10].to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        assert_eq!(sqlite_file("sqlite://data/w.sqlite?mode=rwc"), Some("data/w.sqlite"));
        assert_eq!(sqlite_file("sqlite::memory:"), None);
        assert_eq!(redact("postgres://kaart:geheim@127.0.0.1/kaart"), "postgres://kaart:***@127.0.0.1/kaart");
        assert_eq!(redact("sqlite://a.sqlite"), "sqlite://a.sqlite");
    }
}
