//! The tower-sessions store on the `sessions` table. No session lives in process memory, so
//! any instance can serve any request. Rows are keyed by the SHA-256 of the session id: a
//! leaked database holds no usable cookie.
use async_trait::async_trait;
use sea_orm::DatabaseConnection;
use sha2::{Digest, Sha256};
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{Error, Result};
use tower_sessions::SessionStore;

use super::{tokens::hex, SESSION_IP, SESSION_USER_AGENT, SESSION_USER_ID};
use crate::server::repo::sessions::{self, SessionRow};

#[derive(Debug, Clone)]
pub struct DbSessionStore {
    db: DatabaseConnection,
}

impl DbSessionStore {
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }
}

/// The key a session's row is stored under.
pub fn session_key(id: &Id) -> String {
    hex(&Sha256::digest(id.to_string().as_bytes()))
}

fn backend(err: crate::error::AppError) -> Error {
    Error::Backend(err.to_string())
}

fn row_of(record: &Record) -> Result<SessionRow> {
    let text = |key: &str| record.data.get(key).and_then(|v| v.as_str()).map(str::to_owned);
    Ok(SessionRow {
        id_hash: session_key(&record.id),
        user_id: text(SESSION_USER_ID),
        data: serde_json::to_string(&record.data).map_err(|e| Error::Encode(e.to_string()))?,
        expires_at: (record.expiry_date.unix_timestamp_nanos() / 1_000_000) as i64,
        ip_address: text(SESSION_IP),
        user_agent: text(SESSION_USER_AGENT),
    })
}

#[async_trait]
impl SessionStore for DbSessionStore {
    /// Inserts under a fresh id, drawing again on the (astronomically unlikely) collision.
    async fn create(&self, record: &mut Record) -> Result<()> {
        while !sessions::insert_new(&self.db, row_of(record)?).await.map_err(backend)? {
            record.id = Id::default();
        }
        Ok(())
    }

    /// Updates only: a session ended elsewhere meanwhile is not brought back (see
    /// `sessions::save`).
    async fn save(&self, record: &Record) -> Result<()> {
        sessions::save(&self.db, row_of(record)?)
            .await
            .map_err(backend)
            .map(|_| ())
    }

    async fn load(&self, id: &Id) -> Result<Option<Record>> {
        let Some((data, expires_at)) = sessions::load(&self.db, &session_key(id)).await.map_err(backend)? else {
            return Ok(None);
        };
        let expiry_date = time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(expires_at) * 1_000_000)
            .map_err(|e| Error::Decode(e.to_string()))?;
        let data = serde_json::from_str(&data).map_err(|e| Error::Decode(e.to_string()))?;
        Ok(Some(Record {
            id: *id,
            data,
            expiry_date,
        }))
    }

    async fn delete(&self, id: &Id) -> Result<()> {
        sessions::delete(&self.db, &session_key(id)).await.map_err(backend)
    }
}
