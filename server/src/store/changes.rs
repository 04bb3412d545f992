//! The audit trail: what changed, before and after, when, and by which token.

use super::{db, parse, Store};
use crate::error::Result;
use domain::{MunicipalityCode, Project, ProjectId};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum ChangeKind {
    #[serde(rename = "toegevoegd")]
    Added,
    #[serde(rename = "gewijzigd")]
    Changed,
    #[serde(rename = "verwijderd")]
    Removed,
}

impl ChangeKind {
    pub fn slug(self) -> &'static str {
        match self {
            ChangeKind::Added => "toegevoegd",
            ChangeKind::Changed => "gewijzigd",
            ChangeKind::Removed => "verwijderd",
        }
    }

    fn from_slug(slug: &str) -> Option<Self> {
        [ChangeKind::Added, ChangeKind::Changed, ChangeKind::Removed].into_iter().find(|k| k.slug() == slug)
    }
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Change {
    #[serde(rename = "volgnummer")]
    pub seq: i64,
    #[serde(rename = "tijdstip")]
    pub at: String,
    /// The token id, or `demo` / `cli` for changes made on the server itself.
    #[serde(rename = "door")]
    pub actor: String,
    #[serde(rename = "gemeente")]
    pub municipality: MunicipalityCode,
    #[serde(rename = "project")]
    pub project: String,
    #[serde(rename = "soort")]
    pub kind: ChangeKind,
    #[serde(rename = "voor")]
    pub before: Option<Project>,
    #[serde(rename = "na")]
    pub after: Option<Project>,
}

/// What one change left of a project's status (see [`Store::status_versions_after`]).
#[derive(Debug, Clone)]
pub struct StatusVersion {
    pub seq: i64,
    pub project: ProjectId,
    /// The day of the change, `YYYY-MM-DD`.
    pub day: String,
    /// Status and confidentiality after the change; `None`: removed.
    pub state: Option<(domain::Status, domain::Confidentiality)>,
}

type Row = (i64, String, String, String, String, String, Option<String>, Option<String>);

const COLUMNS: &str = "seq, at, actor, municipality, project, action, before_data, after_data";

fn change((seq, at, actor, municipality, project, action, before, after): Row) -> Result<Change> {
    let kind = ChangeKind::from_slug(&action).ok_or_else(|| crate::error::Error::Internal(format!("onbekende wijziging '{action}'")))?;
    Ok(Change {
        seq,
        at,
        actor,
        municipality: MunicipalityCode::new(municipality),
        project,
        kind,
        before: before.as_deref().map(parse).transpose()?,
        after: after.as_deref().map(parse).transpose()?,
    })
}

impl Store {
    /// Every change to one project, oldest first.
    pub async fn history(&self, project: &str) -> Result<Vec<Change>> {
        let sql = format!("SELECT {COLUMNS} FROM changes WHERE project = $1 ORDER BY seq");
        let rows: Vec<Row> = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(project).fetch_all(&self.pool).await.map_err(db)?;
        rows.into_iter().map(change).collect()
    }

    /// From each change after number `after`, oldest first: its number, project, time, and the
    /// status and confidentiality of the version it made (`None` for a removal). Read as a
    /// stream and kept small, so the whole trail of 100,000 projects never sits in memory.
    pub async fn status_versions_after(&self, after: i64) -> Result<Vec<StatusVersion>> {
        use futures_util::TryStreamExt;
        #[derive(serde::Deserialize)]
        struct Light {
            status: domain::Status,
            confidentiality: domain::Confidentiality,
        }
        let mut rows =
            sqlx::query_as::<_, (i64, String, String, Option<String>)>("SELECT seq, project, at, after_data FROM changes WHERE seq > $1 ORDER BY seq")
                .bind(after)
                .fetch(&self.pool);
        let mut versions = Vec::new();
        while let Some((seq, project, at, data)) = rows.try_next().await.map_err(db)? {
            let state = match data {
                Some(json) => {
                    let light: Light = serde_json::from_str(&json).map_err(|e| crate::error::Error::Internal(format!("wijziging {seq} onleesbaar: {e}")))?;
                    Some((light.status, light.confidentiality))
                }
                None => None,
            };
            versions.push(StatusVersion { seq, project: ProjectId::new(project), day: at.get(..10).unwrap_or(&at).to_owned(), state });
        }
        Ok(versions)
    }

    /// The most recent changes, newest first, in one municipality or everywhere.
    pub async fn recent_changes(&self, municipality: Option<&MunicipalityCode>, limit: i64) -> Result<Vec<Change>> {
        self.changes_before(municipality, i64::MAX, limit).await
    }

    /// At most `limit` changes older than number `before`, newest first: the next page.
    pub async fn changes_before(&self, municipality: Option<&MunicipalityCode>, before: i64, limit: i64) -> Result<Vec<Change>> {
        let rows: Vec<Row> = match municipality {
            Some(code) => {
                let sql = format!("SELECT {COLUMNS} FROM changes WHERE municipality = $1 AND seq < $2 ORDER BY seq DESC LIMIT $3");
                sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(code.as_str()).bind(before).bind(limit).fetch_all(&self.pool).await
            }
            None => {
                let sql = format!("SELECT {COLUMNS} FROM changes WHERE seq < $1 ORDER BY seq DESC LIMIT $2");
                sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(before).bind(limit).fetch_all(&self.pool).await
            }
        }
        .map_err(db)?;
        rows.into_iter().map(change).collect()
    }
}
