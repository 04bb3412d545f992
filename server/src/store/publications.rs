//! What the province chose to publish beyond the public projects, set with its token: for now
//! whether the pages show the total of homes in non-public plans per area. Unset means: as the
//! province's configuration says.

use super::{db, now, Store};
use crate::error::Result;

/// The one publication there is: one total per area of the homes in non-public plans.
pub const WITHHELD_TOTAL: &str = "niet_openbaar_totaal";

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Publication {
    #[serde(rename = "naam")]
    pub name: String,
    #[serde(rename = "publiceren")]
    pub on: bool,
    #[serde(rename = "ingesteld")]
    pub set_at: String,
    /// The token id that set it.
    #[serde(rename = "door")]
    pub actor: String,
}

impl Store {
    pub async fn publications(&self) -> Result<Vec<Publication>> {
        let rows: Vec<(String, String, String, String)> =
            sqlx::query_as("SELECT name, value, set_at, actor FROM publications ORDER BY name").fetch_all(&self.pool).await.map_err(db)?;
        Ok(rows.into_iter().map(|(name, value, set_at, actor)| Publication { name, on: value == "ja", set_at, actor }).collect())
    }

    /// Sets a publication and raises the data version in the same transaction, so every instance
    /// rebuilds its pages with it.
    pub async fn publish(&self, name: &str, on: bool, actor: &str) -> Result<()> {
        let mut tx = self.pool.begin().await.map_err(db)?;
        sqlx::query("UPDATE data_version SET version = version + 1 WHERE id = 1").execute(&mut *tx).await.map_err(db)?;
        sqlx::query("DELETE FROM publications WHERE name = $1").bind(name).execute(&mut *tx).await.map_err(db)?;
        sqlx::query("INSERT INTO publications (name, value, set_at, actor) VALUES ($1, $2, $3, $4)")
            .bind(name)
            .bind(if on { "ja" } else { "nee" })
            .bind(now())
            .bind(actor)
            .execute(&mut *tx)
            .await
            .map_err(db)?;
        tx.commit().await.map_err(db)
    }
}
