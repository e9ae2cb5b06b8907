//! The `oauth_tokens` table: access and refresh tokens, by the hash of their value.
use sea_orm::entity::prelude::*;

crate::server::repo::reader::sqlite_model! {
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "oauth_tokens")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub token_hash: String,
    pub grant_id: String,
    /// "access" or "refresh".
    pub kind: String,
    pub expires_at: i64,
    pub used_at: Option<i64>,
    pub created_at: i64,
}
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::oauth_grants::Entity",
        from = "Column::GrantId",
        to = "super::oauth_grants::Column::Id"
    )]
    Grant,
}

impl Related<super::oauth_grants::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Grant.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
