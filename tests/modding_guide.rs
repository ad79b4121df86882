//! The worked examples of docs/modding.md are what the `anxi` command prints
//! today: the guide's mod (the shipped 717 scenario with the guide's diffs
//! applied), its typo, its history, its log and its replay, and the short
//! Karasahr scenario written out in full in the guide, are run with the
//! commands the guide shows, and each output block is compared line by line
//! with what the command prints (a line `...` in the guide stands for any
//! number of lines left out).

use std::path::Path;
use std::process::Command;

const GUIDE: &str = include_str!("../docs/modding.md");

/// The fenced blocks of the guide, each with its info string.
fn blocks(doc: &str) -> Vec<(&str, String)> {
    let mut out = Vec::new();
    let mut open: Option<(&str, String)> = None;
    for line in doc.lines() {
        if let Some(info) = line.strip_prefix("```") {
            match open.take() {
                Some(block) => out.push(block),
                None => open = Some((info, String::new())),
            }
        } else if let Some((_, text)) = open.as_mut() {
            text.push_str(line);
            text.push('\n');
        }
    }
    out
}

/// The guide's mod: the shipped 717 scenario with every `-` line of the
/// guide's first two `diff` blocks replaced by the matching `+` line.
fn guide_mod(diffs: &[&String]) -> String {
    let mut text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/scenarios/717_aksu.ron"
    ))
    .unwrap();
    for diff in diffs {
        let minus: Vec<&str> = diff.lines().filter_map(|l| l.strip_prefix('-')).collect();
        let plus: Vec<&str> = diff.lines().filter_map(|l| l.strip_prefix('+')).collect();
        assert_eq!(minus.len(), plus.len(), "{diff}");
        assert!(!minus.is_empty(), "{diff}");
        for (old, new) in minus.iter().zip(&plus) {
            let old = old.trim();
            assert_eq!(
                text.matches(old).count(),
                1,
                "the guide's diff line `{old}` is not in 717_aksu.ron once"
            );
            text = text.replacen(old, new.trim(), 1);
        }
    }
    text
}

/// Whether the printed lines match the guide's, where a guide line `...`
/// stands for any number of lines.
fn matches(expected: &[&str], actual: &[&str]) -> bool {
    match expected.split_first() {
        None => actual.is_empty(),
        Some((&"...", rest)) => (0..=actual.len()).any(|i| matches(rest, &actual[i..])),
        Some((e, rest)) => actual
            .split_first()
            .is_some_and(|(a, more)| a.trim_end() == e.trim_end() && matches(rest, more)),
    }
}

/// Runs one `$ anxi ...` line of the guide in `dir` and returns its output.
fn run(dir: &Path, command: &str) -> String {
    let args: Vec<&str> = command
        .strip_prefix("anxi ")
        .unwrap_or_else(|| panic!("the guide runs `{command}`, not anxi"))
        .split_whitespace()
        .collect();
    let out = Command::new(env!("CARGO_BIN_EXE_anxi"))
        .args(&args)
        .current_dir(dir)
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr)
}

#[test]
fn the_guides_examples_print_what_the_guide_shows() {
    let all = blocks(GUIDE);
    let diffs: Vec<&String> = all
        .iter()
        .filter(|(info, _)| *info == "diff")
        .map(|(_, t)| t)
        .take(2)
        .collect();
    let my_mod = guide_mod(&diffs);
    assert!(my_mod.contains("id: \"717_aksu_hungry\""));
    let mini = all
        .iter()
        .find(|(info, t)| {
            *info == "ron" && t.contains("id: \"mini_karasahr\"") && t.contains("outcome:")
        })
        .map(|(_, t)| t.clone())
        .expect("the guide writes out mini_karasahr");

    let dir = std::env::temp_dir().join(format!("anxi-guide-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("mini_karasahr.ron"), &mini).unwrap();

    let mut shown = 0;
    for (_, text) in &all {
        if !text.starts_with("$ anxi ") {
            continue;
        }
        // The one example of a mistake: the guide's mod with the region of
        // Tang Jiahui's march misspelt as in the guide's error.
        let file = if text.contains("unknown region `aksy`") {
            let line = text
                .lines()
                .find(|l| l.contains("March(to: \"aksy\")"))
                .and_then(|l| l.split_once('│'))
                .map(|(_, l)| l.trim())
                .expect("the guide quotes the misspelt line");
            let right = line.replace("aksy", "aksu");
            assert_eq!(my_mod.matches(&right).count(), 1, "{right}");
            my_mod.replacen(&right, line, 1)
        } else {
            my_mod.clone()
        };
        std::fs::write(dir.join("my_mod.ron"), &file).unwrap();
        // Each `$` line, and the lines under it up to the next, that it prints.
        let mut steps: Vec<(&str, Vec<&str>)> = Vec::new();
        for line in text.lines() {
            match line.strip_prefix("$ ") {
                Some(cmd) => steps.push((cmd, Vec::new())),
                None => steps.last_mut().unwrap().1.push(line),
            }
        }
        for (cmd, expected) in steps {
            let printed = run(&dir, cmd);
            let actual: Vec<&str> = printed.lines().collect();
            assert!(
                matches(&expected, &actual),
                "docs/modding.md shows for `$ {cmd}`:\n{}\n\nbut it prints:\n{printed}",
                expected.join("\n")
            );
            shown += 1;
        }
    }
    assert!(shown >= 8, "{shown} commands of the guide run");

    // The guide's prose figure for the shipped scenario at the same seeds.
    let said = GUIDE
        .split_once("gives Aksu to the\nTang in ")
        .and_then(|(_, rest)| rest.split_once("% of runs (`anxi history 717_aksu --runs 200`)"))
        .map(|(n, _)| n.trim().parse::<f64>().unwrap())
        .expect("the guide gives the shipped scenario's share");
    let shipped = run(&dir, "anxi history 717_aksu --runs 200");
    let share = shipped
        .lines()
        .find(|l| l.contains(" aksu_tang "))
        .and_then(|l| l.split_whitespace().find(|w| w.ends_with('%')))
        .map(|w| w.trim_end_matches('%').parse::<f64>().unwrap())
        .expect("717_aksu reports aksu_tang");
    assert!(
        (share - said).abs() <= 0.5,
        "the guide says {said}% for 717_aksu, it gives {share}%"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn dots_in_the_guide_stand_for_lines_left_out() {
    assert!(matches(&["a", "...", "d"], &["a", "b", "c", "d"]));
    assert!(matches(&["a", "..."], &["a"]));
    assert!(!matches(&["a", "...", "d"], &["a", "b"]));
    assert!(!matches(&["a"], &["a", "b"]));
}
