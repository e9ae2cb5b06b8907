//! Sessions end where they are ended: a save after sign-out (a request still in flight) never
//! brings the row back; only creation inserts.
use super::{backends, user};
use crate::server::repo::sessions::{self, SessionRow};
use crate::server::repo::UserScope;

fn row(id: &str, user_id: &str) -> SessionRow {
    SessionRow {
        id_hash: id.into(),
        user_id: Some(user_id.into()),
        data: "{}".into(),
        expires_at: crate::server::now_millis() + 60_000,
        ip_address: None,
        user_agent: None,
    }
}

#[tokio::test]
async fn a_save_after_sign_out_everywhere_does_not_bring_the_session_back() {
    for fresh in backends().await {
        let db = &fresh.db;
        let me = user(db, "sess@example.com").await;
        let conn = db.connection();
        assert!(sessions::insert_new(conn, row("s1", me.id())).await.unwrap());
        assert!(sessions::insert_new(conn, row("s2", me.id())).await.unwrap());
        assert!(
            !sessions::insert_new(conn, row("s2", me.id())).await.unwrap(),
            "ids are not reused"
        );
        assert!(
            sessions::save(conn, row("s1", me.id())).await.unwrap(),
            "a live session saves"
        );
        assert_eq!(UserScope::new(db, &me).end_all_sessions().await.unwrap(), 2);
        // the request that was in flight on s1 now saves its changes: nothing comes back
        assert!(!sessions::save(conn, row("s1", me.id())).await.unwrap());
        assert!(sessions::load(conn, "s1").await.unwrap().is_none(), "{}", fresh.backend);
        assert!(UserScope::new(db, &me).list_sessions("").await.unwrap().is_empty());
    }
}
