//! Assets: content addressing, dedup, links, gc, size limits.

use dnd_store::{AssetKind, Limits, SqliteStore, StoreConfig};

#[test]
fn assets_dedup_link_gc_and_limits() {
    let dir = tempfile::tempdir().expect("tempdir");
    let limits = Limits {
        portrait: 1024,
        ..Limits::default()
    };
    let s = SqliteStore::open_with(
        dir.path().join("a.db"),
        StoreConfig {
            limits,
            ..StoreConfig::default()
        },
    )
    .expect("open");
    let png = vec![7u8; 1000];
    let a = s
        .put_asset(
            "alice",
            "image/png",
            &png,
            &["portrait", "bren"],
            AssetKind::Portrait,
        )
        .expect("put");
    let b = s
        .put_asset("bob", "image/png", &png, &[], AssetKind::Portrait)
        .expect("put again");
    assert_eq!(a, b, "same bytes, same id");
    assert_eq!(a.0, dnd_store::core::history::sha256_hex(&png));
    assert_eq!(s.list_assets(None).expect("list").len(), 1);
    let (meta, bytes) = s.get_asset(&a).expect("get");
    assert_eq!(bytes, png);
    assert_eq!(
        (meta.owner.as_str(), meta.kind, meta.size),
        ("alice", AssetKind::Portrait, 1000)
    );
    assert_eq!(meta.tags, vec!["portrait", "bren"]);

    let e = s
        .put_asset("alice", "image/png", &[0u8; 1025], &[], AssetKind::Portrait)
        .expect_err("too large");
    assert_eq!(e.code(), "store.too_large");
    let map = s
        .put_asset("alice", "image/webp", &[1u8; 1025], &[], AssetKind::Map)
        .expect("maps are 25 MiB");
    assert_eq!(Limits::default().pdf, 50 * 1024 * 1024);

    s.link_asset(&a, "ch_0123456789ab").expect("link");
    assert_eq!(s.asset_links(&a).expect("links"), vec!["ch_0123456789ab"]);
    assert_eq!(s.gc_assets().expect("gc"), 1, "the unlinked map goes");
    assert_eq!(
        s.get_asset(&map).expect_err("collected").code(),
        "store.not_found"
    );
    assert!(s.get_asset(&a).is_ok());
    s.unlink_asset(&a, "ch_0123456789ab").expect("unlink");
    assert_eq!(s.gc_assets().expect("gc"), 1);
    assert!(s.list_assets(None).expect("list").is_empty());

    let c = s
        .put_asset("alice", "application/pdf", b"%PDF", &[], AssetKind::Pdf)
        .expect("pdf");
    let raw = rusqlite::Connection::open(dir.path().join("a.db")).expect("raw");
    raw.execute("UPDATE assets SET data = x'00'", [])
        .expect("tamper");
    assert_eq!(
        s.get_asset(&c).expect_err("tampered").code(),
        "store.tampered"
    );
    assert_eq!(s.verify().expect("verify").problems.len(), 1);
}
