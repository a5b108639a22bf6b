//! The campaign verbs end to end through the `dnd` binary on a real SQLite file: campaign new,
//! show, list, validate; chapters (order, refused removal); NPCs; a branch merged back through
//! a reviewed merge request; sessions awarding XP to a level-up suggestion at 2,700 XP;
//! journals; XP awards; events and their revert; world effects; encounters; exit codes 0/1/2
//! and JSON errors.

mod common;

use std::path::PathBuf;
use std::process::{Command, Output};

struct Db {
    dir: PathBuf,
}

impl Db {
    fn new(name: &str) -> Db {
        let dir = std::env::temp_dir().join(format!("dnd-campaign-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        Db { dir }
    }

    fn path(&self, name: &str) -> String {
        self.dir.join(name).to_string_lossy().into_owned()
    }

    fn run_as(&self, author: &str, args: &[&str]) -> Output {
        let db = self.path("dnd.db");
        let mut all = vec!["--db", &db, "--author", author];
        all.extend_from_slice(args);
        Command::new(env!("CARGO_BIN_EXE_dnd"))
            .args(&all)
            .current_dir(&self.dir)
            .output()
            .expect("dnd runs")
    }

    fn run(&self, args: &[&str]) -> Output {
        self.run_as("dm", args)
    }

    fn code(&self, args: &[&str]) -> i32 {
        self.run(args).status.code().unwrap_or(-1)
    }

    fn ok(&self, args: &[&str]) -> String {
        let o = self.run(args);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8_lossy(&o.stdout).into_owned()
    }

    fn json(&self, args: &[&str]) -> serde_json::Value {
        let s = self.ok(args);
        serde_json::from_str(&s).unwrap_or_else(|e| panic!("{args:?} is not JSON ({e}): {s}"))
    }

    /// A saved level 3 fighter; its id.
    fn hero(&self, name: &str) -> String {
        let f = self.path(&format!("{name}.json"));
        self.ok(&[
            "new",
            "--class",
            "fighter",
            "--species",
            "human",
            "--background",
            "soldier",
            "--name",
            name,
            "-o",
            &f,
        ]);
        for _ in 0..2 {
            self.ok(&["level-up", &f, "--class", "fighter"]);
        }
        let v = self.json(&["save", &f, "--json"]);
        v["id"].as_str().expect("id").to_string()
    }
}

const CHAPTERS: &[(&str, &str, &str)] = &[
    ("arrival", "intro", ""),
    ("market-riot", "story", "arrival"),
    ("old-lighthouse", "side-quest", "arrival"),
    ("council", "story", "market-riot"),
    ("harbour", "story", "council"),
    ("marsh", "story", "council"),
    ("drowned-king", "boss-battle", "harbour,marsh"),
    ("crown", "finale", "drowned-king"),
];

fn campaign(db: &Db, ana: &str, ben: &str) -> String {
    let players = format!("ana={ana}");
    let players2 = format!("ben={ben}");
    let v = db.json(&[
        "campaign",
        "new",
        "--title",
        "The Sunken Crown",
        "--levels",
        "1-8",
        "--length",
        "medium",
        "--theme",
        "intrigue",
        "--secondary",
        "horror:30",
        "--player",
        &players,
        "--player",
        &players2,
        "--json",
    ]);
    let id = v["id"].as_str().expect("id").to_string();
    for (ch, kind, pre) in CHAPTERS {
        let mut args = vec![
            "chapter", "add", &id, "--id", ch, "--title", ch, "--kind", kind,
        ];
        if !pre.is_empty() {
            args.extend(["--requires", pre]);
        }
        db.ok(&args);
    }
    id
}

#[test]
fn a_medium_campaign_with_a_branch_merged_back() {
    let db = Db::new("medium");
    let (ana, ben) = (db.hero("Ana"), db.hero("Ben"));
    let id = campaign(&db, &ana, &ben);
    let list = db.json(&["campaign", "list", "--owner", "dm", "--json"]);
    assert_eq!(list[0]["title"], "The Sunken Crown");
    let order = db.json(&["chapter", "order", &id, "--json"]);
    assert_eq!(order.as_array().expect("order").len(), 8);
    assert_eq!(order[7]["id"], "crown");
    assert!(db.ok(&["chapter", "order", &id]).starts_with("1. arrival"));
    assert!(
        db.ok(&["campaign", "validate", &id])
            .contains("valid: 0 error(s), 0 warning(s)")
    );
    // Refusals exit 1 with their code.
    let o = db.run(&["chapter", "remove", &id, "council", "--json"]);
    assert_eq!(o.status.code(), Some(1));
    let err: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json error");
    assert_eq!(err["error"]["code"], "campaign.chapter.required");
    assert_eq!(
        db.code(&["chapter", "add", &id, "--id", "loop", "--requires", "loop"]),
        1
    );
    assert_eq!(
        db.code(&["chapter", "add", &id, "--id", "x", "--kind", "epilogue"]),
        2
    );
    assert_eq!(db.code(&["campaign", "show", "cp_missing"]), 2);

    // A player choice on a branch, merged back after review.
    db.ok(&["campaign", "branch", &id, "choice/marsh"]);
    db.ok(&[
        "chapter",
        "add",
        &id,
        "--branch",
        "choice/marsh",
        "--id",
        "witch-bargain",
        "--kind",
        "side-quest",
        "--requires",
        "marsh",
    ]);
    db.ok(&[
        "npc",
        "add",
        &id,
        "--id",
        "witch",
        "--name",
        "Old Mag",
        "--role",
        "patron",
        "--creature",
        "green-hag",
    ]);
    let mr = db.json(&[
        "campaign",
        "merge",
        "open",
        &id,
        "choice/marsh",
        "--reviewer",
        "co",
        "--json",
    ]);
    let mr_id = mr["id"].as_str().expect("mr").to_string();
    assert_eq!(
        db.code(&["campaign", "merge", "apply", &mr_id]),
        1,
        "unapproved"
    );
    let o = db.run_as(
        "co",
        &["campaign", "merge", "review", &mr_id, "--approve", "--json"],
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let merged = db.json(&["campaign", "merge", "apply", &mr_id, "--json"]);
    assert_eq!(merged["merge_request"]["status"], "merged");
    assert_eq!(
        merged["commit"]["parents"]
            .as_array()
            .expect("parents")
            .len(),
        2
    );
    let c = db.json(&["campaign", "show", &id, "--json"]);
    assert_eq!(c["chapters"].as_array().expect("chapters").len(), 9);
    assert_eq!(c["npcs"][0]["id"], "witch");
    assert!(db.ok(&["campaign", "show", &id]).contains("9 chapters"));
    let log = db.json(&["campaign", "history", &id, "--json"]);
    assert_eq!(log[0]["kind"], "merge");

    // A conflict, settled per path.
    db.ok(&["campaign", "branch", &id, "rename"]);
    let f = db.path("c.json");
    std::fs::write(
        &f,
        db.ok(&["campaign", "show", &id, "--json"])
            .replace("\"title\": \"crown\"", "\"title\": \"The Crown\""),
    )
    .expect("write");
    db.ok(&["campaign", "save", &f]);
    std::fs::write(
        &f,
        db.ok(&["campaign", "show", &id, "--at", "rename", "--json"])
            .replace("\"title\": \"crown\"", "\"title\": \"Crown of Tides\""),
    )
    .expect("write");
    db.ok(&["campaign", "save", &f, "--branch", "rename"]);
    let mr = db.json(&["campaign", "merge", "open", &id, "rename", "--json"]);
    let mr_id = mr["id"].as_str().expect("mr").to_string();
    assert_eq!(mr["conflicts"][0]["path"], "/chapters/crown/title");
    let o = db.run(&["campaign", "merge", "apply", &mr_id, "--json"]);
    assert_eq!(o.status.code(), Some(1));
    let err: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(
        err["error"]["conflicts"][0]["path"],
        "/chapters/crown/title"
    );
    db.ok(&[
        "campaign",
        "merge",
        "apply",
        &mr_id,
        "--resolve",
        "/chapters/crown/title=theirs",
    ]);
    assert!(
        db.ok(&["campaign", "show", &id, "--json"])
            .contains("Crown of Tides")
    );
}

#[test]
fn sessions_xp_journals_events_effects_and_encounters() {
    let db = Db::new("play");
    let (ana, ben) = (db.hero("Ana"), db.hero("Ben"));
    let id = campaign(&db, &ana, &ben);
    db.ok(&[
        "npc",
        "add",
        &id,
        "--id",
        "harbour-master",
        "--name",
        "Ilsa",
    ]);
    db.ok(&[
        "npc",
        "relate",
        &id,
        "harbour-master",
        &ana,
        "--kind",
        "friend",
        "--standing",
        "20",
    ]);
    assert_eq!(
        db.code(&[
            "npc",
            "relate",
            &id,
            "harbour-master",
            &ana,
            "--standing",
            "140"
        ]),
        2
    );
    for n in ["1", "2", "3"] {
        let out = db.ok(&[
            "session",
            "record",
            &id,
            "--number",
            n,
            "--day",
            n,
            "--chapter",
            "arrival",
            "--attendee",
            &ana,
            "--attendee",
            &ben,
            "--xp",
            "900",
        ]);
        if n == "3" {
            assert!(out.contains("level up: Ana"), "{out}");
            assert!(out.contains("2700 XP for level 4"), "{out}");
        } else {
            assert!(!out.contains("level up"), "{out}");
        }
    }
    let j = db.json(&["journal", "show", &id, &ana, "--json"]);
    assert_eq!(j["entries"].as_array().expect("entries").len(), 3);
    assert_eq!(j["summary"]["xp"], 2700);
    let v = db.json(&[
        "journal",
        "add",
        &id,
        &ben,
        "--title",
        "the map",
        "--quest",
        "find-crown=active:40",
        "--standing",
        "harbour-master=+5",
        "--achievement",
        "cartographer",
        "--json",
    ]);
    assert_eq!(v["journal"][0]["quests"][0]["progress"], 40);
    let v = db.json(&[
        "xp", "award", &id, &ana, &ben, "--amount", "100", "--source", "riddle", "--json",
    ]);
    assert_eq!(v["characters"].as_array().expect("chars").len(), 2);
    assert_eq!(
        db.code(&["xp", "award", &id, &ana, "--amount", "0", "--source", "x"]),
        2
    );
    assert_eq!(db.code(&["session", "record", &id, "--number", "2"]), 1);

    // A campaign event, reverted exactly.
    let before = db.ok(&["load", &ana]);
    let r = db.json(&[
        "campaign",
        "event",
        &id,
        &ana,
        "--name",
        "curse",
        "--hp",
        "-4",
        "--condition",
        "+frightened",
        "--item",
        "potion-of-healing:2",
        "--json",
    ]);
    let rv = r["id"].as_str().expect("rv").to_string();
    assert!(db.ok(&["load", &ana]).contains("frightened"));
    db.ok(&["campaign", "revert", &rv]);
    let b: serde_json::Value = serde_json::from_str(&before).expect("json");
    let a: serde_json::Value = serde_json::from_str(&db.ok(&["load", &ana])).expect("json");
    assert_eq!(a["state"], b["state"], "the exact prior values");
    assert_eq!(a["inventory"], b["inventory"]);
    assert!(!db.ok(&["load", &ana]).contains("frightened"));
    assert_eq!(db.code(&["campaign", "revert", &rv]), 1);
    assert_eq!(
        db.code(&[
            "campaign",
            "event",
            &id,
            &ana,
            "--name",
            "x",
            "--ability",
            "luck+1"
        ]),
        2
    );

    // World effects on the calendar.
    let f = db.path("c.json");
    let c = db.ok(&["campaign", "show", &id, "--json"]).replace("\"factions\": []", "\"factions\": [{\"id\": \"guild\", \"name\": \"Guild\", \"attributes\": {\"influence\": 50}}]");
    std::fs::write(&f, c).expect("write");
    db.ok(&["campaign", "save", &f]);
    db.ok(&[
        "effect",
        "add",
        &id,
        "--id",
        "embargo",
        "--target",
        "faction:guild",
        "--scale",
        "major",
        "--start-day",
        "2",
        "--days",
        "5",
        "--change",
        "influence=-5",
        "--change",
        "at_war=true",
        "--when",
        "influence>=30",
    ]);
    let s = db.ok(&["effect", "state", &id, "faction:guild", "--day", "3"]);
    assert!(
        s.contains("influence 35 = base 50; -15 (-5 × major) embargo"),
        "{s}"
    );
    let s = db.json(&[
        "effect",
        "state",
        &id,
        "faction:guild",
        "--day",
        "9",
        "--json",
    ]);
    assert_eq!(s["current"]["influence"], 50);
    assert!(
        s["skipped"][0]["reason"]
            .as_str()
            .expect("reason")
            .contains("expired")
    );

    // The Antitheticon nemesis, derived from the party's characters, then checked.
    db.ok(&["campaign", "antitheticon", &id, "--theme", "intrigue"]);
    let c = db.json(&["campaign", "show", &id, "--json"]);
    assert_eq!(c["type"], "antitheticon");
    assert_eq!(
        c["antitheticon"]["identities"][0]["class"], "rogue",
        "the fighter's opposite"
    );
    assert_eq!(
        c["antitheticon"]["identities"][0]["level"], 4,
        "party level 3 + 1"
    );
    assert_eq!(db.code(&["campaign", "validate", &id]), 0);
    db.ok(&["campaign", "antitheticon", &id, "--theme", "horror"]);
    let c = db.json(&["campaign", "show", &id, "--json"]);
    assert_eq!(c["antitheticon"]["memory"][0]["theme"], "intrigue");

    // Encounters for the campaign's party (two level 3 fighters).
    let r = db.json(&["encounter", "rate", "--campaign", &id, "ogre", "--json"]);
    assert_eq!(r["rating"], "moderate");
    let r = db.json(&[
        "encounter",
        "build",
        "--campaign",
        &id,
        "--difficulty",
        "high",
        "--json",
    ]);
    assert!(r["total_xp"].as_u64().expect("xp") <= 800);
}

#[test]
fn encounters_need_no_database() {
    let out = common::dnd(&["encounter", "rate", "--party", "5,5,5,5", "troll", "ogre:2"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("2700 XP: moderate (budgets: low 2000, moderate 3000, high 4400)"),
        "{text}"
    );
    let out = common::dnd(&[
        "encounter",
        "build",
        "--party",
        "5,5,5,5",
        "--environment",
        "swamp",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let out = common::dnd(&[
        "encounter",
        "build",
        "--party",
        "1",
        "--type",
        "dragon",
        "--cr",
        "10-30",
    ]);
    assert_eq!(out.status.code(), Some(1), "nothing fits: a refusal");
    let out = common::dnd(&["encounter", "rate", "--party", "5", "trol"]);
    assert_eq!(out.status.code(), Some(2));
}
