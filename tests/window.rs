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
