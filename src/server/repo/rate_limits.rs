//! Fixed-window counters in the database, so that every instance sees the same counts.
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict, Query};
use sea_orm::{ConnectionTrait, DatabaseConnection, DeriveIden};

use super::db_err;
use crate::error::AppError;

#[derive(DeriveIden)]
enum RateLimits {
    Table,
    Bucket,
    WindowStart,
    Hits,
}

/// Counts one hit in `bucket` for the window starting at `window_start`; returns the new count.
pub async fn hit(db: &DatabaseConnection, bucket: &str, window_start: i64) -> Result<i64, AppError> {
    let stmt = Query::insert()
        .into_table(RateLimits::Table)
        .columns([RateLimits::Bucket, RateLimits::WindowStart, RateLimits::Hits])
        .values_panic([bucket.into(), window_start.into(), 1.into()])
        .on_conflict(
            OnConflict::columns([RateLimits::Bucket, RateLimits::WindowStart])
                .value(
                    RateLimits::Hits,
                    Expr::col((RateLimits::Table, RateLimits::Hits)).add(1),
                )
                .to_owned(),
        )
        .returning_col(RateLimits::Hits)
        .to_owned();
    let row = db.query_one(&stmt).await.map_err(db_err)?;
    Ok(row
        .and_then(|r| r.try_get::<i32>("", "hits").ok())
        .map(i64::from)
        .unwrap_or(1))
}

/// The count so far in this window, without adding to it.
pub async fn peek(db: &DatabaseConnection, bucket: &str, window_start: i64) -> Result<i64, AppError> {
    let stmt = Query::select()
        .column(RateLimits::Hits)
        .from(RateLimits::Table)
        .and_where(Expr::col(RateLimits::Bucket).eq(bucket))
        .and_where(Expr::col(RateLimits::WindowStart).eq(window_start))
        .to_owned();
    let row = db.query_one(&stmt).await.map_err(db_err)?;
    Ok(row
        .and_then(|r| r.try_get::<i32>("", "hits").ok())
        .map(i64::from)
        .unwrap_or(0))
}

/// Forgets a bucket's current window (a successful sign-in clears its failures).
pub async fn clear(db: &DatabaseConnection, bucket: &str) -> Result<(), AppError> {
    let stmt = Query::delete()
        .from_table(RateLimits::Table)
        .and_where(Expr::col(RateLimits::Bucket).eq(bucket))
        .to_owned();
    db.execute(&stmt).await.map_err(db_err)?;
    Ok(())
}

/// Deletes windows that started before `before`.
pub async fn delete_older_than(db: &DatabaseConnection, before: i64) -> Result<u64, AppError> {
    let stmt = Query::delete()
        .from_table(RateLimits::Table)
        .and_where(Expr::col(RateLimits::WindowStart).lt(before))
        .to_owned();
    Ok(db.execute(&stmt).await.map_err(db_err)?.rows_affected())
}
