//! API tokens: one per municipality (or more), one for the province. The secret is shown once
//! when it is created; only its SHA-256 is stored. A 256-bit random secret needs no slow hash.

use super::{db, now, Store};
use crate::error::{Error, Result};
use domain::MunicipalityCode;
use sha2::{Digest, Sha256};

/// What a token may do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Access {
    /// Write its own municipality's projects; read them, whatever their confidentiality.
    Municipality(MunicipalityCode),
    /// Read every project up to confidentiality `provincie`, and the audit trail.
    Province,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenInfo {
    pub id: String,
    pub access: Access,
    pub label: String,
    pub created_at: String,
    pub revoked_at: Option<String>,
}

/// A token just created: the only moment its secret exists outside the caller's hands.
pub struct NewToken {
    pub info: TokenInfo,
    pub secret: String,
}

/// The prefix of every secret, so a leaked one is easy to recognise in logs and code.
const PREFIX: &str = "wbk_";

fn hash(secret: &str) -> String {
    hex(&Sha256::digest(secret.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn random(n: usize) -> Result<Vec<u8>> {
    let mut bytes = vec![0; n];
    getrandom::fill(&mut bytes).map_err(|e| Error::Internal(format!("geen toeval: {e}")))?;
    Ok(bytes)
}

type Row = (String, Option<String>, String, String, Option<String>);

fn info((id, municipality, label, created_at, revoked_at): Row) -> TokenInfo {
    let access = municipality.map_or(Access::Province, |m| Access::Municipality(MunicipalityCode::new(m)));
    TokenInfo { id, access, label, created_at, revoked_at }
}

impl Store {
    pub async fn create_token(&self, access: Access, label: &str) -> Result<NewToken> {
        let id = format!("t{}", hex(&random(4)?));
        let secret = format!("{PREFIX}{}", hex(&random(32)?));
        let municipality = match &access {
            Access::Municipality(code) => Some(code.as_str().to_owned()),
            Access::Province => None,
        };
        let created_at = now();
        sqlx::query("INSERT INTO tokens (id, hash, municipality, label, created_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(&id)
            .bind(hash(&secret))
            .bind(municipality)
            .bind(label)
            .bind(&created_at)
            .execute(&self.pool)
            .await
            .map_err(db)?;
        Ok(NewToken { info: TokenInfo { id, access, label: label.to_owned(), created_at, revoked_at: None }, secret })
    }

    /// The token with this secret, if it exists and is not revoked.
    pub async fn token(&self, secret: &str) -> Result<Option<TokenInfo>> {
        if !secret.starts_with(PREFIX) {
            return Ok(None);
        }
        let row: Option<Row> = sqlx::query_as("SELECT id, municipality, label, created_at, revoked_at FROM tokens WHERE hash = $1 AND revoked_at IS NULL")
            .bind(hash(secret))
            .fetch_optional(&self.pool)
            .await
            .map_err(db)?;
        Ok(row.map(info))
    }

    pub async fn tokens(&self) -> Result<Vec<TokenInfo>> {
        let rows: Vec<Row> = sqlx::query_as("SELECT id, municipality, label, created_at, revoked_at FROM tokens ORDER BY created_at, id")
            .fetch_all(&self.pool)
            .await
            .map_err(db)?;
        Ok(rows.into_iter().map(info).collect())
    }

    /// Revokes a token; says whether there was an active one with that id.
    pub async fn revoke_token(&self, id: &str) -> Result<bool> {
        let done =
            sqlx::query("UPDATE tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL").bind(now()).bind(id).execute(&self.pool).await.map_err(db)?;
        Ok(done.rows_affected() == 1)
    }
}
