//! The `projects` table.
use sea_orm::entity::prelude::*;

crate::server::repo::reader::sqlite_model! {
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "projects")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub user_id: String,
    pub name: String,
    /// The name lower-cased: unique per user.
    pub name_key: String,
    pub is_inbox: bool,
    pub archived: bool,
    pub created_at: i64,
    pub updated_at: i64,
}
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
