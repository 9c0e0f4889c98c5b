//! The store conformance suite: the same checks against SQLite and PostgreSQL.

mod common;

use accord_broker::store::{
    AnyStore, GLOBAL, Imported, NewSchema, Reference, Setting, Settings, Store, StoreError,
};

fn schema(text: &str) -> NewSchema {
    NewSchema {
        schema_type: "PROTOBUF".into(),
        schema: text.into(),
        references: Vec::new(),
    }
}

async fn register_ok(store: &AnyStore, subject: &str, s: &NewSchema) -> (i64, i32) {
    loop {
        let latest = store
            .versions(subject)
            .await
            .expect("versions")
            .iter()
            .filter(|v| !v.deleted)
            .map(|v| v.version)
            .max();
        match store.register(subject, s, latest).await {
            Ok(r) => return (r.id, r.version),
            Err(StoreError::Conflict) => continue,
            Err(e) => panic!("register failed: {e}"),
        }
    }
}

async fn conformance(store: AnyStore) {
    store.ping().await.expect("ping");
    // Ids and versions come from the database; the same schema is the same id anywhere.
    let a = schema("syntax = \"proto3\"; message A {}");
    let b = schema("syntax = \"proto3\"; message B {}");
    let (id_a, v1) = register_ok(&store, "s1", &a).await;
    assert_eq!(v1, 1);
    let (id_b, v2) = register_ok(&store, "s1", &b).await;
    assert_eq!(v2, 2);
    assert_ne!(id_a, id_b);
    let (id_a2, v) = register_ok(&store, "s2", &a).await;
    assert_eq!((id_a2, v), (id_a, 1));
    // Identical re-registration: the existing version, nothing written.
    let again = store.register("s1", &a, Some(2)).await.expect("exists");
    assert!(again.existed);
    assert_eq!((again.id, again.version), (id_a, 1));
    // A stale view of the latest version is a conflict, not a write.
    let c = schema("syntax = \"proto3\"; message C {}");
    assert!(matches!(
        store.register("s1", &c, Some(1)).await,
        Err(StoreError::Conflict)
    ));
    assert_eq!(store.versions("s1").await.expect("versions").len(), 2);

    // Lookups; a missing row is NotFound.
    assert_eq!(store.schema(id_a).await.expect("schema").schema, a.schema);
    assert!(matches!(
        store.schema(9_999_999).await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(store.subjects(false).await.expect("subjects"), ["s1", "s2"]);
    assert_eq!(
        store.usages(id_a).await.expect("usages"),
        [("s1".to_string(), 1, false), ("s2".to_string(), 1, false)]
    );
    assert!(store.versions("nope").await.expect("empty").is_empty());

    // References and what refers to them.
    let with_ref = NewSchema {
        references: vec![Reference {
            name: "b.proto".into(),
            subject: "s1".into(),
            version: 2,
        }],
        ..schema("syntax = \"proto3\"; import \"b.proto\"; message D { B b = 1; }")
    };
    let (id_d, _) = register_ok(&store, "s3", &with_ref).await;
    assert_eq!(store.referenced_by("s1", 2).await.expect("refs"), [id_d]);
    let d = store.schema(id_d).await.expect("schema d");
    assert_eq!(d.references, with_ref.references);

    // Soft delete keeps the rows (and the version numbers); purge removes them.
    assert_eq!(store.soft_delete("s2", None).await.expect("soft"), [1]);
    assert_eq!(store.subjects(false).await.expect("live"), ["s1", "s3"]);
    assert_eq!(store.subjects(true).await.expect("all"), ["s1", "s2", "s3"]);
    assert!(
        store
            .soft_delete("s2", None)
            .await
            .expect("again")
            .is_empty()
    );
    let (_, v) = register_ok(&store, "s2", &b).await;
    assert_eq!(v, 2, "version numbers are not reused after a soft delete");
    assert_eq!(store.purge("s2", Some(1)).await.expect("purge"), [1]);
    assert!(store.purge("s2", Some(2)).await.expect("live").is_empty());
    assert_eq!(store.versions("s2").await.expect("left").len(), 1);

    // Settings: global under GLOBAL, per subject, delete returns the old value.
    assert_eq!(
        store
            .setting(Setting::Compatibility, GLOBAL)
            .await
            .expect("get"),
        None
    );
    store
        .set_setting(Setting::Compatibility, GLOBAL, "FULL")
        .await
        .expect("set");
    store
        .set_setting(Setting::Compatibility, GLOBAL, "NONE")
        .await
        .expect("overwrite");
    store
        .set_setting(Setting::Mode, "s1", "READONLY")
        .await
        .expect("mode");
    assert_eq!(
        store
            .setting(Setting::Compatibility, GLOBAL)
            .await
            .expect("get"),
        Some("NONE".into())
    );
    assert_eq!(
        store
            .delete_setting(Setting::Mode, "s1")
            .await
            .expect("del"),
        Some("READONLY".into())
    );
    assert_eq!(
        store
            .delete_setting(Setting::Mode, "s1")
            .await
            .expect("del"),
        None
    );

    // Settings in one read: the subject's own and the global ones.
    store
        .set_setting(Setting::Mode, GLOBAL, "READWRITE")
        .await
        .expect("mode");
    store
        .set_setting(Setting::Compatibility, "s1", "FULL")
        .await
        .expect("level");
    assert_eq!(
        store.settings("s1").await.expect("settings"),
        Settings {
            subject_level: Some("FULL".into()),
            global_level: Some("NONE".into()),
            subject_mode: None,
            global_mode: Some("READWRITE".into()),
        }
    );
    assert_eq!(
        store
            .settings("other")
            .await
            .expect("settings")
            .subject_level,
        None
    );

    // A refused registration leaves nothing any read shows (its schema row, if kept, is
    // used by no version), and the same text registered later works.
    let e = schema("syntax = \"proto3\"; message E {}");
    assert!(matches!(
        store.register("s1", &e, Some(1)).await,
        Err(StoreError::Conflict)
    ));
    assert_eq!(store.versions("s1").await.expect("versions").len(), 2);
    let (id_e, v) = register_ok(&store, "s1", &e).await;
    assert_eq!(v, 3);
    assert_eq!(
        store.usages(id_e).await.expect("usages"),
        [("s1".to_string(), 3, false)]
    );

    // Imports keep the given id and version; ids allocated later come after them.
    let f = schema("syntax = \"proto3\"; message F {}");
    let got = store.import("imp", &f, 5_000, 7).await.expect("import");
    assert_eq!(
        got,
        Imported::Done(accord_broker::store::Registered {
            id: 5_000,
            version: 7,
            existed: false
        })
    );
    assert!(matches!(
        store.import("imp", &f, 5_000, 7).await.expect("again"),
        Imported::Done(r) if r.existed
    ));
    let g = schema("syntax = \"proto3\"; message G {}");
    assert_eq!(
        store.import("imp", &g, 5_000, 8).await.expect("id taken"),
        Imported::IdTaken
    );
    assert_eq!(
        store
            .import("imp", &g, 5_001, 7)
            .await
            .expect("version taken"),
        Imported::VersionTaken
    );
    assert_eq!(
        store
            .import("imp2", &a, 5_002, 1)
            .await
            .expect("schema has an id"),
        Imported::IdTaken
    );
    let (id_g, v) = register_ok(&store, "imp", &g).await;
    assert_eq!(v, 8);
    assert!(id_g > 5_000, "{id_g} collides with an imported id");

    // Concurrent registrations of distinct schemas into one subject: every one lands once,
    // versions 1..=N with no duplicate.
    let n = 40;
    let mut tasks = Vec::new();
    for i in 0..n {
        let store = store.clone();
        tasks.push(tokio::spawn(async move {
            let s = schema(&format!("syntax = \"proto3\"; message M{i} {{}}"));
            register_ok(&store, "busy", &s).await
        }));
    }
    let mut got = Vec::new();
    for t in tasks {
        got.push(t.await.expect("task"));
    }
    let mut versions: Vec<i32> = got.iter().map(|g| g.1).collect();
    versions.sort_unstable();
    assert_eq!(versions, (1..=n).collect::<Vec<i32>>());
    let mut ids: Vec<i64> = got.iter().map(|g| g.0).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), n as usize);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_store_conforms() {
    let db = common::sqlite().await;
    conformance(db.store.clone()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_store_conforms() {
    let Some(db) = common::postgres().await else {
        return;
    };
    conformance(db.store.clone()).await;
}

#[tokio::test]
async fn unknown_database_urls_are_refused() {
    assert!(matches!(
        AnyStore::connect("mysql://x").await,
        Err(StoreError::BadUrl(_))
    ));
}
