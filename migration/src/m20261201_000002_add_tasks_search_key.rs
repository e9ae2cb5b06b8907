//! `tasks.search_key`: the title and description lower-cased in Rust (full Unicode), which the
//! text search matches with LIKE. SQLite's own `lower()` folds ASCII only, so "ÉCOLE" never
//! matched a search for "école" there. Existing rows are filled in by this migration.
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, Statement, TryGetable};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Tasks {
    Table,
    SearchKey,
}

/// What the search reads: the title, a line break, the description, lower-cased.
pub fn search_key(title: &str, description: &str) -> String {
    format!("{title}\n{description}").to_lowercase()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Tasks::Table)
                    .add_column(ColumnDef::new(Tasks::SearchKey).text().not_null().default(""))
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        let backend = manager.get_database_backend();
        let mut after = String::new();
        loop {
            // in id order, a thousand at a time, so a large table never sits in memory at once
            let rows = db
                .query_all_raw(Statement::from_sql_and_values(
                    backend,
                    match backend {
                        sea_orm_migration::sea_orm::DatabaseBackend::Postgres => {
                            "SELECT id, title, description FROM tasks WHERE id > $1 ORDER BY id LIMIT 1000"
                        }
                        _ => "SELECT id, title, description FROM tasks WHERE id > ? ORDER BY id LIMIT 1000",
                    },
                    [after.clone().into()],
                ))
                .await?;
            let Some(last) = rows.last() else { break };
            after = String::try_get_by(last, 0usize).map_err(|e| DbErr::Custom(format!("{e:?}")))?;
            for row in &rows {
                let get = |i: usize| String::try_get_by(row, i).map_err(|e| DbErr::Custom(format!("{e:?}")));
                let (id, title, description) = (get(0)?, get(1)?, get(2)?);
                let sql = match backend {
                    sea_orm_migration::sea_orm::DatabaseBackend::Postgres => {
                        "UPDATE tasks SET search_key = $1 WHERE id = $2"
                    }
                    _ => "UPDATE tasks SET search_key = ? WHERE id = ?",
                };
                db.execute_raw(Statement::from_sql_and_values(
                    backend,
                    sql,
                    [search_key(&title, &description).into(), id.into()],
                ))
                .await?;
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Tasks::Table)
                    .drop_column(Tasks::SearchKey)
                    .to_owned(),
            )
            .await
    }
}
