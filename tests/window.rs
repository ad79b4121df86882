//! The game in a real window, as a player sees it: under Xvfb with Mesa's
//! software renderer, each shipped scenario opens, renders its map at both
//! supported window sizes and saves a picture that is not blank; and the
//! game left alone with its panels on screen does not burn the processor.
//!
//! Needs `Xvfb` and Mesa's Vulkan drivers (Debian: `xvfb mesa-vulkan-drivers`).

#![cfg(feature = "desktop")]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// A private X server for one test.
struct Xvfb {
    child: Child,
    display: String,
}

impl Xvfb {
    fn start(size: (u32, u32)) -> Xvfb {
        use std::io::BufRead;
        // Xvfb picks a free display itself and writes its number to the given descriptor.
        let mut child = Command::new("Xvfb")
            .args([
                "-displayfd".to_string(),
                "1".into(),
                "-screen".into(),
                "0".into(),
                format!("{}x{}x24", size.0, size.1),
                "-nolisten".into(),
                "tcp".into(),
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("Xvfb must be installed to test the window (Debian package `xvfb`)");
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let n: u32 = line
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("Xvfb did not report its display: {line:?}"));
        Xvfb {
            child,
            display: format!(":{n}"),
        }
    }

    fn anxi(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_anxi"));
        c.args(args)
            .env("DISPLAY", &self.display)
            .env_remove("WAYLAND_DISPLAY")
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        c
    }
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Distinct colours in a PNG, and its size.
fn colours(path: &Path) -> (usize, u32, u32) {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let px = info.color_type.samples();
    let mut seen = std::collections::HashSet::new();
    for p in buf[..info.buffer_size()].chunks(px) {
        seen.insert(p.to_vec());
    }
    (seen.len(), info.width, info.height)
}

fn out_dir() -> PathBuf {
    let d = std::env::temp_dir().join(format!("anxi-window-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn every_scenario_renders_its_opening_map_at_both_sizes() {
    let dir = out_dir();
    for size in [(1280u32, 720u32), (1920, 1080)] {
        let x = Xvfb::start(size);
        for id in [
            "644_karasahr",
            "648_karasahr",
            "670_tarim_basin",
            "717_aksu",
        ] {
            let shot = dir.join(format!("{id}-{}x{}.png", size.0, size.1));
            let size_arg = format!("{}x{}", size.0, size.1);
            let out = x
                .anxi(&[
                    "play",
                    id,
                    "--screenshot",
                    shot.to_str().unwrap(),
                    "--size",
                    &size_arg,
                ])
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{id}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            let (n, w, h) = colours(&shot);
            assert_eq!((w, h), size, "{id}");
            // A blank or single-colour frame has a handful of colours; the map, its labels and the panels have hundreds.
            assert!(
                n > 200,
                "{id} at {w}x{h}: only {n} colours in {}",
                shot.display()
            );
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}

fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .unwrap()
        .1
        .split_whitespace()
        .collect();
    // utime and stime are fields 14 and 15 of /proc/PID/stat; after the name, 12 and 13.
    fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap()
}

#[test]
fn the_game_left_alone_uses_almost_no_processor() {
    let x = Xvfb::start((1280, 720));
    let mut child = x.anxi(&["play", "717_aksu"]).spawn().unwrap();
    std::thread::sleep(Duration::from_secs(6));
    if child.try_wait().unwrap().is_some() {
        let out = child.wait_with_output().unwrap();
        panic!("the game exited: {}", String::from_utf8_lossy(&out.stderr));
    }
    let pid = child.id();
    let before = cpu_ticks(pid);
    std::thread::sleep(Duration::from_secs(5));
    let used = cpu_ticks(pid) - before;
    let _ = child.kill();
    let _ = child.wait();
    // Clock ticks are hundredths of a second: 2% of one core over 5 s is 10.
    assert!(used <= 10, "{used} ticks of processor time in 5 s idle");
}

/// The game in a window under Xvfb, driven by `xdotool` (Debian package
/// `xdotool`) as a player would: keys and clicks. What happened is read
/// from the game's log, which notes every change of screen and menu and
/// every turn played.
struct Played {
    child: Child,
    log: PathBuf,
    saves: PathBuf,
    display: String,
    _x: Xvfb,
}

impl Played {
    fn start(args: &[&str]) -> Played {
        let x = Xvfb::start((1280, 720));
        // Not `out_dir()`: another test removes that when it is done.
        let dir = std::env::temp_dir().join(format!("anxi-played-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        static GAMES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = GAMES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let log = dir.join(format!("game-{n}.log"));
        let saves = dir.join(format!("saves-{n}"));
        let mut all: Vec<&str> = args.to_vec();
        all.extend(["--saves", saves.to_str().unwrap()]);
        let saves_arg = saves.clone();
        let child = x
            .anxi(&all)
            .env("XDG_DATA_HOME", &dir)
            .env("NO_COLOR", "1")
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .unwrap();
        let display = x.display.clone();
        let game = Played {
            child,
            log,
            saves: saves_arg,
            display,
            _x: x,
        };
        game.wait_for("screen: Some(Title) -> Some(Playing)", 1);
        // The first frames on the map; then the keyboard to the game's window.
        std::thread::sleep(Duration::from_secs(2));
        let _ = Command::new("xdotool")
            .args(["search", "--name", "Anxi", "windowfocus"])
            .env("DISPLAY", &game.display)
            .status();
        game.xdotool(&["mousemove", "640", "700"]);
        game
    }

    fn text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Waits until the log says `what` for the `n`th time; fails on a panic or an exit.
    fn wait_for(&self, what: &str, n: usize) {
        let start = std::time::Instant::now();
        loop {
            let text = self.text();
            assert!(!text.contains("panicked"), "the game panicked:\n{text}");
            if text.matches(what).count() >= n {
                return;
            }
            assert!(
                start.elapsed() < Duration::from_secs(120),
                "no `{what}` (×{n}) in the game's log:\n{text}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn count(&self, what: &str) -> usize {
        self.text().matches(what).count()
    }

    fn xdotool(&self, args: &[&str]) {
        let ok = Command::new("xdotool")
            .args(args)
            .env("DISPLAY", &self.display)
            .status()
            .expect("xdotool must be installed to drive the window (Debian package `xdotool`)")
            .success();
        assert!(ok, "xdotool {args:?}");
        std::thread::sleep(Duration::from_millis(300));
    }

    fn key(&self, key: &str) {
        self.xdotool(&["key", key]);
    }

    /// A left click at a point of the window, pressed and released a moment apart.
    fn click(&self, x: u32, y: u32) {
        self.xdotool(&["mousemove", &x.to_string(), &y.to_string()]);
        self.xdotool(&["mousedown", "1"]);
        self.xdotool(&["mouseup", "1"]);
        // Out of the way of the panels and counters.
        self.xdotool(&["mousemove", "640", "700"]);
    }

    /// Clicks until the log says `what` for the `n`th time: a click in a
    /// frame where egui has not laid out the button yet (the window sleeps
    /// between inputs, and a loaded machine draws late) is tried again.
    fn click_until(&self, at: (u32, u32), what: &str, n: usize) {
        for _ in 0..10 {
            self.click(at.0, at.1);
            let start = std::time::Instant::now();
            while start.elapsed() < Duration::from_secs(3) {
                if self.count(what) >= n {
                    return;
                }
                std::thread::sleep(Duration::from_millis(100));
            }
        }
        self.wait_for(what, n);
    }

    fn still_running(&mut self) {
        if let Some(status) = self.child.try_wait().unwrap() {
            panic!("the game exited ({status}):\n{}", self.text());
        }
    }
}

impl Drop for Played {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        // A failed test keeps the game's log to look at.
        if !std::thread::panicking() {
            let _ = std::fs::remove_file(&self.log);
            let _ = std::fs::remove_dir_all(&self.saves);
        }
    }
}

// Where the buttons are at 1280×720. egui lays out the same way every time,
// so they stay put unless the panels change.
/// "Quit to title" in the pause menu (centred; sixth item, no notice
/// shown, the marches setting below the items).
const QUIT_TO_TITLE: (u32, u32) = (514, 404);
/// The second campaign in the title screen's list (640, Gaochang).
const SECOND_CAMPAIGN: (u32, u32) = (230, 110);
/// The title screen's Start button.
const START: (u32, u32) = (700, 669);
/// "Back to the title" on the end screen of 640 played with no orders, once
/// history is in (under the verdict, which takes two lines).
const BACK_TO_THE_TITLE: (u32, u32) = (460, 135);

/// The crash of issue 8: quit to the title from the pause menu, start
/// another campaign, play it to its end screen and go back to the title.
#[test]
fn quit_to_title_start_again_finish_and_back_to_the_title_without_a_panic() {
    let mut game = Played::start(&["play", "717_aksu", "--side", "tang"]);
    game.key("Escape");
    game.wait_for("menu: Pause", 1);
    std::thread::sleep(Duration::from_millis(500));
    game.click_until(QUIT_TO_TITLE, "screen: Some(Playing) -> Some(Title)", 1);
    game.still_running();
    std::thread::sleep(Duration::from_millis(500));
    game.click(SECOND_CAMPAIGN.0, SECOND_CAMPAIGN.1);
    game.click_until(START, "screen: Some(Title) -> Some(Playing)", 2);
    assert!(
        game.text().contains("opening 640_gaochang at turn 1"),
        "the second campaign did not start"
    );
    // No orders: Space until the campaign is over (thirty turns at most).
    let ended = "screen: Some(Playing) -> Some(Ended)";
    for _ in 0..60 {
        if game.count(ended) > 0 {
            break;
        }
        let played = game.count("turn played");
        game.key("space");
        let start = std::time::Instant::now();
        while game.count("turn played") == played
            && game.count(ended) == 0
            && start.elapsed() < Duration::from_secs(5)
        {
            std::thread::sleep(Duration::from_millis(100));
        }
    }
    game.wait_for("screen: Some(Playing) -> Some(Ended)", 1);
    game.wait_for("history: compared over 300 runs", 1);
    std::thread::sleep(Duration::from_millis(800));
    game.click_until(BACK_TO_THE_TITLE, "screen: Some(Ended) -> Some(Title)", 1);
    std::thread::sleep(Duration::from_secs(1));
    game.still_running();
    assert!(!game.text().contains("panicked"));
}

/// Space does not end the turn under the pause menu; and after Tab (which
/// cycles the armies, not egui's keyboard focus) Space still ends the turn
/// rather than pressing a button.
#[test]
fn space_does_not_end_the_turn_while_the_menu_is_open() {
    let mut game = Played::start(&["play", "717_aksu", "--side", "tang"]);
    game.key("Escape");
    game.wait_for("menu: Pause", 1);
    for _ in 0..3 {
        game.key("space");
    }
    std::thread::sleep(Duration::from_secs(1));
    assert_eq!(game.count("turn played"), 0, "{}", game.text());
    game.key("Escape");
    game.wait_for("menu: None", 1);
    for _ in 0..3 {
        game.key("Tab");
    }
    game.key("space");
    game.wait_for("turn played: now turn 2", 1);
    game.key("Tab");
    game.key("space");
    game.wait_for("turn played: now turn 3", 1);
    game.still_running();
}
