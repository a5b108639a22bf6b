//! The inventory and money verbs end to end: each writes the new file and prints a summary;
//! `--json` prints the outcome; a refusal exits 1 and bad input exits 2, leaving the file as it
//! was.

mod common;
use common::{dnd, example};
use std::path::PathBuf;
use std::process::Output;

/// A fresh copy of an example in a temp folder of its own.
fn copy(example_name: &str, test: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("dnd-inventory-{}-{test}", std::process::id()));
    std::fs::create_dir_all(&d).expect("temp dir");
    let f = d.join(example_name);
    std::fs::write(&f, example(example_name)).expect("write copy");
    f
}

fn run(args: &[&str], file: &std::path::Path) -> Output {
    let path = file.to_str().expect("utf-8 path");
    let mut all: Vec<&str> = vec![args[0], path];
    all.extend(&args[1..]);
    dnd(&all)
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn read(file: &std::path::Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(file).expect("read")).expect("JSON")
}

fn items(file: &std::path::Path) -> Vec<serde_json::Value> {
    read(file)["inventory"]["items"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn entry(file: &std::path::Path, key: &str) -> Option<serde_json::Value> {
    items(file)
        .into_iter()
        .find(|it| it["key"].as_str().or(it["item"].as_str()) == Some(key))
}

/// Runs a verb expected to fail with `code`, checking the file is byte-identical afterwards.
fn fails(args: &[&str], file: &std::path::Path, code: i32) -> Output {
    let before = std::fs::read(file).expect("read");
    let o = run(args, file);
    assert_eq!(o.status.code(), Some(code), "{args:?}: {}", stdout(&o));
    assert_eq!(
        std::fs::read(file).expect("read"),
        before,
        "{args:?} left the file as it was"
    );
    o
}

fn succeeds(args: &[&str], file: &std::path::Path) -> String {
    let o = run(args, file);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{args:?}: {}{}",
        stdout(&o),
        String::from_utf8_lossy(&o.stderr)
    );
    stdout(&o)
}

#[test]
fn give_stacks_and_makes_custom_items() {
    let f = copy("fighter-1.json", "give");
    let out = succeeds(&["give", "javelin", "--quantity", "2"], &f);
    assert!(
        out.starts_with("Gave 2 × Javelin (`javelin`), carried; 10 now"),
        "{out}"
    );
    assert_eq!(entry(&f, "javelin").expect("javelin")["quantity"], 10);
    succeeds(
        &[
            "give",
            "idol",
            "--name",
            "Idol of Vex",
            "--custom-weight",
            "2",
            "--custom-cost",
            "50",
            "--custom-attunement",
        ],
        &f,
    );
    let idol = entry(&f, "idol").expect("idol");
    assert_eq!(idol["custom"]["requires_attunement"], true);
    assert_eq!(idol["name"], "Idol of Vex");
    succeeds(&["give", "backpack"], &f);
    succeeds(&["give", "rope", "--into", "backpack"], &f);
    assert_eq!(
        entry(&f, "rope").expect("rope")["location"]["in"],
        "backpack"
    );
    succeeds(
        &["give", "plate-armor", "--stored", "--key", "spare-plate"],
        &f,
    );
    assert_eq!(
        entry(&f, "spare-plate").expect("plate")["location"],
        "stored"
    );
    // Unknown id, bad usage: exit 2.
    let o = fails(&["give", "longsord"], &f, 2);
    assert!(String::from_utf8_lossy(&o.stderr).contains("did you mean `longsword`"));
    fails(&["give", "rope", "--into", "backpack", "--stored"], &f, 2);
    fails(&["give", "rope", "--quantity", "0"], &f, 2);
    // Into something that is not a container: refused.
    fails(&["give", "rope", "--into", "greatsword"], &f, 1);
}

#[test]
fn give_json_shape_and_warnings() {
    let f = copy("fighter-1.json", "give-json");
    let o = run(&["give", "plate-armor", "--quantity", "4", "--json"], &f);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(v["events"][0]["event"], "item_added");
    assert_eq!(v["events"][0]["quantity"], 4);
    assert_eq!(v["warnings"][0]["code"], "equipment.encumbrance");
    assert_eq!(v["written"], f.display().to_string());
    assert!(
        v["summary"]
            .as_str()
            .is_some_and(|s| s.contains("Plate Armor"))
    );
}

#[test]
fn take_removes_and_refuses_unknown_keys() {
    let f = copy("fighter-1.json", "take");
    let out = succeeds(&["take", "javelin", "--quantity", "3"], &f);
    assert!(out.contains("5 left"), "{out}");
    succeeds(&["take", "flail"], &f);
    assert!(entry(&f, "flail").is_none());
    let o = fails(&["take", "lance", "--json"], &f, 1);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(v["error"]["code"], "play.item.not_found");
    assert_eq!(v["error"]["alternatives"][0], "chain-mail");
    fails(&["take", "javelin", "--quantity", "99"], &f, 1);
}

#[test]
fn equip_swaps_armor_and_unequip() {
    let f = copy("fighter-1.json", "equip");
    succeeds(&["give", "plate-armor"], &f);
    let out = succeeds(&["equip", "plate-armor"], &f);
    assert!(out.contains("took off `chain-mail`"), "{out}");
    assert_eq!(
        entry(&f, "chain-mail").expect("chain mail")["equipped"],
        false
    );
    assert_eq!(entry(&f, "plate-armor").expect("plate")["equipped"], true);
    succeeds(&["unequip", "plate-armor"], &f);
    assert_eq!(entry(&f, "plate-armor").expect("plate")["equipped"], false);
    fails(&["equip", "dungeoneers-pack"], &f, 1);
}

#[test]
fn attune_three_at_most_and_unattune() {
    let f = copy("cleric-5.json", "attune");
    for id in [
        "ring-of-protection",
        "cloak-of-protection",
        "amulet-of-health",
        "periapt-of-health",
    ] {
        succeeds(&["give", id], &f);
    }
    for id in [
        "ring-of-protection",
        "cloak-of-protection",
        "amulet-of-health",
    ] {
        let out = succeeds(&["attune", id], &f);
        assert!(out.contains("short rest"), "{out}");
    }
    let o = fails(&["attune", "periapt-of-health", "--json"], &f, 1);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(v["error"]["code"], "equipment.attunement.too_many");
    assert_eq!(
        v["error"]["alternatives"],
        serde_json::json!([
            "ring-of-protection",
            "cloak-of-protection",
            "amulet-of-health"
        ])
    );
    succeeds(&["unattune", "ring-of-protection"], &f);
    succeeds(&["attune", "periapt-of-health"], &f);
    assert_eq!(
        entry(&f, "periapt-of-health").expect("periapt")["attuned"],
        true
    );
    fails(&["attune", "mace"], &f, 1);
}

#[test]
fn pay_with_change_and_receive() {
    let f = copy("fighter-1.json", "pay");
    let out = succeeds(&["pay", "3sp"], &f);
    assert!(out.contains("change 7 sp"), "{out}");
    assert_eq!(
        read(&f)["inventory"]["currency"],
        serde_json::json!({"cp": 0, "sp": 7, "ep": 0, "gp": 3, "pp": 0})
    );
    succeeds(&["receive", "1,500 gp 2 pp"], &f);
    assert_eq!(read(&f)["inventory"]["currency"]["gp"], 1503);
    assert_eq!(read(&f)["inventory"]["currency"]["pp"], 2);
    let o = fails(&["pay", "2000 gp"], &f, 1);
    assert!(String::from_utf8_lossy(&o.stderr).contains("play.coins.insufficient"));
    fails(&["pay", "12 zp"], &f, 2);
    fails(&["receive", "1.5gp"], &f, 2);
}

#[test]
fn move_between_places_and_out_file() {
    let f = copy("fighter-1.json", "move");
    succeeds(&["give", "backpack"], &f);
    succeeds(&["move", "flail", "--to", "backpack"], &f);
    assert_eq!(
        entry(&f, "flail").expect("flail")["location"]["in"],
        "backpack"
    );
    succeeds(&["move", "greatsword", "--to", "stored"], &f);
    let gs = entry(&f, "greatsword").expect("greatsword");
    assert_eq!(
        (gs["location"].clone(), gs["equipped"].clone()),
        ("stored".into(), false.into())
    );
    succeeds(&["move", "flail", "--to", "carried"], &f);
    assert_eq!(entry(&f, "flail").expect("flail")["location"], "carried");
    fails(&["move", "flail", "--to", "javelin"], &f, 1);
    // `-o OUT` leaves the input alone.
    let out = f.with_file_name("out.json");
    let before = std::fs::read(&f).expect("read");
    let o = run(
        &[
            "move",
            "javelin",
            "--to",
            "stored",
            "-o",
            out.to_str().expect("utf-8"),
        ],
        &f,
    );
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(std::fs::read(&f).expect("read"), before);
    assert_eq!(
        entry(&out, "javelin").expect("javelin")["location"],
        "stored"
    );
}

#[test]
fn unreadable_file_exits_2() {
    let f = copy("fighter-1.json", "bad");
    std::fs::write(&f, "{ not json").expect("write");
    fails(&["give", "rope"], &f, 2);
    let missing = f.with_file_name("missing.json");
    let o = run(&["equip", "rope"], &missing);
    assert_eq!(o.status.code(), Some(2));
}
