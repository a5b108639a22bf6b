//! The search verbs of the facade: the viewer from campaign documents, search with analytics,
//! suggest, more like this, index rebuild and stats, on a real database and index folder.

use std::borrow::Cow;

use dnd_core::rules::Rules;
use dnd_engine::Engine;
use dnd_engine::store::{SearchRequest, Viewer};
use serde_json::json;

fn engine(dir: &std::path::Path, actor: &str) -> Engine {
    Engine::open(dir.join("dnd.db"), Cow::Borrowed(Rules::srd()))
        .expect("open")
        .with_actor(actor)
}

#[test]
fn viewers_campaigns_and_the_search_verbs() {
    let dir = tempfile::tempdir().expect("tmp");
    let dm = engine(dir.path(), "dora");
    dm.store()
        .put_document(
            "c1",
            "campaign",
            "dora",
            &json!({"name": "Ashfall", "dm": "dora", "players": ["bo"]}),
        )
        .expect("campaign");
    dm.store()
        .put_document("j1", "journal", "dora", &json!({"title": "Session 4", "campaign": "c1", "text": "The party met Velka the ferrywoman."}))
        .expect("journal");
    assert_eq!(
        dm.viewer().expect("viewer").campaigns,
        vec!["c1".to_string()]
    );
    let bo = engine(dir.path(), "bo");
    let bo_viewer = bo.viewer().expect("viewer");
    assert_eq!(bo_viewer.campaigns, vec!["c1".to_string()]);
    let hits = bo
        .search(&SearchRequest::new("ferrywoman", bo_viewer.clone()))
        .expect("search")
        .hits;
    assert_eq!(hits[0].key, "journal:j1");
    let cy = engine(dir.path(), "cy");
    let cy_viewer = cy.viewer().expect("viewer");
    assert!(
        cy.search(&SearchRequest::new("ferrywoman", cy_viewer))
            .expect("search")
            .hits
            .is_empty()
    );
    assert_eq!(
        bo.suggest("fireb", &Viewer::user("bo"), &[], 3)
            .expect("suggest")[0]
            .id,
        "fireball"
    );
    assert!(
        !bo.more_like_this("spell:fireball", &bo_viewer, 3)
            .expect("mlt")
            .is_empty()
    );
    let stats = bo.index_rebuild().expect("rebuild");
    assert_eq!((stats.segments, stats.user_documents), (1, 2));
    let report = bo.index_stats(5).expect("stats");
    assert_eq!(report.analytics.queries, 2);
    assert_eq!(report.analytics.zero_results, 1);
    assert!(bo.search_warnings().is_empty());
}

/// Campaigns in their own tables: the campaign and its NPCs are found by its DM and players,
/// never by anyone else, and an NPC's secrets are not in the searchable text.
#[test]
fn campaign_tables_are_searched_with_their_members() {
    use dnd_core::campaign::npcs::Npc;
    use dnd_core::campaign::{Campaign, Player};
    let dir = tempfile::tempdir().expect("tmp");
    let dm = engine(dir.path(), "dora");
    let mut c = Campaign::new("The Sunken Crown", "dora");
    c.players = vec![Player {
        user: "bo".into(),
        characters: vec![],
    }];
    let id = dm.campaign_new(&c).expect("campaign").id;
    let npc = Npc {
        id: "ferry".into(),
        name: "Velka the Ferrywoman".into(),
        goals: vec!["pay the toll of the drowned".into()],
        secrets: vec!["she is the lost queen".into()],
        ..Default::default()
    };
    dm.npc_add(&id, "main", &npc).expect("npc");
    let find = |who: &str, q: &str| {
        let e = engine(dir.path(), who);
        let v = e.viewer().expect("viewer");
        e.search(&SearchRequest::new(q, v))
            .expect("search")
            .hits
            .into_iter()
            .map(|h| h.key)
            .collect::<Vec<_>>()
    };
    assert_eq!(find("dora", "ferrywoman"), vec![format!("npc:{id}/ferry")]);
    assert_eq!(find("bo", "drowned toll"), vec![format!("npc:{id}/ferry")]);
    assert!(find("bo", "sunken crown").contains(&format!("campaign:{id}")));
    assert!(find("cy", "ferrywoman").is_empty(), "not a member");
    assert!(
        find("dora", "lost queen")
            .iter()
            .all(|k| !k.starts_with("npc:")),
        "secrets are not indexed"
    );
}
