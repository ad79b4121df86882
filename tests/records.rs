//! Saves and replays: a replay exported from each scenario's historical
//! line verifies, a tampered one names the turn where it differs, a new
//! scenario written only from the docs plays and replays, and killing the
//! process while it saves never breaks the last good save.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use anxi::game::Game;
use anxi::game::catalog::load_file;
use anxi::game::history::playout::playout_recorded;
use anxi::game::record::{Record, state_hash};
use anxi::rules::params::{Rules, SHIPPED_RULES};

fn anxi() -> Command {
    Command::new(env!("CARGO_BIN_EXE_anxi"))
}

fn temp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("anxi-records-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn replays_exported_from_each_scenario_verify_and_a_tampered_one_fails_at_its_turn() {
    let dir = temp("replays");
    for id in [
        "644_karasahr",
        "648_karasahr",
        "670_tarim_basin",
        "717_aksu",
    ] {
        let file = dir.join(format!("{id}.json"));
        let out = anxi()
            .args([
                "history",
                id,
                "--runs",
                "1",
                "--seed",
                "3",
                "--replay-out",
                file.to_str().unwrap(),
            ])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let out = anxi()
            .args(["replay", file.to_str().unwrap(), "--verify"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{id}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(String::from_utf8_lossy(&out.stdout).contains("matches the record"));
        // Change the recorded hash of turn 4: the check must stop there.
        let mut rec = Record::load(&file).unwrap();
        rec.hashes[3] = "0000000000000000".into();
        rec.save(&file).unwrap();
        let out = anxi()
            .args(["replay", file.to_str().unwrap(), "--verify"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{id}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("at turn 4"),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // A truncated file gets a message, not a crash.
    let file = dir.join("cut.json");
    std::fs::write(&file, b"{\"format\": 1, \"scenario_id\": \"644_kar").unwrap();
    let out = anxi()
        .args(["replay", file.to_str().unwrap(), "--verify"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("truncated"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn an_example_mod_needs_no_code() {
    let rules = Rules::shipped().unwrap();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/mods/715_namangan.ron");
    let entry = load_file(&path, &rules);
    assert!(
        entry.diagnostics.is_empty(),
        "{:?}",
        entry
            .diagnostics
            .iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
    );
    let s = entry.scenario.unwrap();
    let game = playout_recorded(&s, &rules, 11, &entry.text, SHIPPED_RULES);
    let (st, rec) = (game.state().clone(), game.record().unwrap().clone());
    assert!(st.outcome.is_some(), "the mod plays to its end");
    st.check_invariants().unwrap();
    let again = Game::replay_to(&Record::from_bytes(&rec.to_bytes()).unwrap(), None).unwrap();
    assert_eq!(state_hash(again.state()), state_hash(&st));
}

/// A save with a snapshot round-trips to the same state. With
/// ANXI_SAVE_WRITER set (by the kill test), it then saves the same game
/// over and over until the process is killed.
#[test]
fn save_writer_mode() {
    let rules = Rules::shipped().unwrap();
    let entry = load_file(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/670_tarim_basin.ron"),
        &rules,
    );
    let s = entry.scenario.unwrap();
    let game = playout_recorded(&s, &rules, 1, &entry.text, SHIPPED_RULES);
    let (st, mut rec) = (game.state().clone(), game.record().unwrap().clone());
    rec.snapshot = Some(st.clone());
    let back = Record::from_bytes(&rec.to_bytes()).unwrap();
    assert_eq!(state_hash(back.snapshot.as_ref().unwrap()), state_hash(&st));
    let Ok(target) = std::env::var("ANXI_SAVE_WRITER") else {
        return;
    };
    let mut n = 0u64;
    loop {
        rec.seed = n;
        rec.snapshot = Some(st.clone());
        rec.save(Path::new(&target)).unwrap();
        n += 1;
    }
}

#[test]
fn killing_the_process_during_saves_never_breaks_the_last_save() {
    let dir = temp("kill");
    let target = dir.join("game.json");
    // 25 rounds in the normal suite; `ANXI_KILL_ROUNDS=1000` for the stress run (see README).
    let rounds = std::env::var("ANXI_KILL_ROUNDS")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
        .unwrap_or(25);
    for round in 0..rounds {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "save_writer_mode",
                "--nocapture",
                "--test-threads",
                "1",
            ])
            .env("ANXI_SAVE_WRITER", &target)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Wait for a first save, then kill at a time that varies from round to round.
        let mut waited = 0;
        while !target.exists() && waited < 400 {
            std::thread::sleep(Duration::from_millis(25));
            waited += 1;
        }
        std::thread::sleep(Duration::from_millis(5 + (round * 37) % 120));
        child.kill().unwrap();
        child.wait().unwrap();
        let rec = Record::load(&target)
            .unwrap_or_else(|e| panic!("round {round}: the save is broken: {e}"));
        assert!(rec.snapshot.is_some());
        assert_eq!(rec.scenario_id, "670_tarim_basin");
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// A save a player edited by hand: an id out of range in the snapshot or
/// in the orders gets a message naming what is wrong, never a panic.
#[test]
fn a_hand_edited_save_with_an_out_of_range_id_is_refused_with_a_message() {
    let rules = Rules::shipped().unwrap();
    let entry = load_file(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/644_karasahr.ron"),
        &rules,
    );
    let s = entry.scenario.unwrap();
    let game = playout_recorded(&s, &rules, 5, &entry.text, SHIPPED_RULES);
    let good = game.to_record().unwrap();
    // The save as written loads.
    assert!(Game::load(Record::from_bytes(&good.to_bytes()).unwrap()).is_ok());
    let edit = |change: &dyn Fn(&mut serde_json::Value)| {
        let mut v: serde_json::Value = serde_json::from_slice(&good.to_bytes()).unwrap();
        change(&mut v);
        let rec = Record::from_bytes(&serde_json::to_vec(&v).unwrap()).unwrap();
        match Game::load(rec) {
            Ok(_) => panic!("an edited save loaded"),
            Err(e) => e.to_string(),
        }
    };
    let e = edit(&|v| v["snapshot"]["armies"][0]["pos"] = serde_json::json!({"At": 60000}));
    assert!(e.contains("region 60000 does not exist"), "{e}");
    let e = edit(&|v| v["snapshot"]["armies"][0]["commander"] = serde_json::json!(999));
    assert!(e.contains("commander 999 does not exist"), "{e}");
    let e = edit(&|v| v["snapshot"]["regions"][0]["besieged_by"] = serde_json::json!(4000));
    assert!(e.contains("army 4000 does not exist"), "{e}");
    let e = edit(&|v| {
        v["snapshot"]["regions"].as_array_mut().unwrap().pop();
    });
    assert!(e.contains("regions; the scenario has"), "{e}");
    let e = edit(&|v| v["snapshot"]["armies"][0]["men"][0] = serde_json::json!(4_294_967_000u32));
    assert!(e.contains("more men than can be counted"), "{e}");
    // Without a snapshot the orders are replayed: an order naming an army that does not exist.
    let e = edit(&|v| {
        v["snapshot"] = serde_json::Value::Null;
        v["turns"][0] = serde_json::json!([[7000, ["Hold"]]]);
    });
    assert!(e.contains("turn 1: an order for army 7000"), "{e}");
    // The same file given to `anxi replay` is an error, not a crash.
    let dir = temp("edited");
    let file = dir.join("edited.json");
    let mut v: serde_json::Value = serde_json::from_slice(&good.to_bytes()).unwrap();
    v["turns"][0] = serde_json::json!([[7000, [{"March": {"to": 60000, "via": []}}]]]);
    std::fs::write(&file, serde_json::to_vec(&v).unwrap()).unwrap();
    let out = anxi()
        .args(["replay", file.to_str().unwrap(), "--verify"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("an order for army 7000"));
    std::fs::remove_dir_all(&dir).ok();
}

/// Replays recorded on the developers' machine (`tests/replays/`) verify
/// here, whatever the build and the number of threads: `.ci/run` runs this
/// test in debug, in release and with one thread. A change to the rules or
/// the scenarios that moves the games makes them differ: record them again
/// with `anxi history SCENARIO --runs 1 --seed S --replay-out FILE`.
#[test]
fn replays_recorded_elsewhere_verify_in_this_build() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/replays");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(files.len() >= 2, "{files:?}");
    for f in files {
        let rec = Record::load(&f).unwrap();
        let game = Game::replay_to(&rec, None).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        assert_eq!(
            Some(&state_hash(game.state())),
            rec.hashes.last(),
            "{}",
            f.display()
        );
        let out = anxi()
            .args(["replay", f.to_str().unwrap(), "--verify"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
