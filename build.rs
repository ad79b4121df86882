//! Lists the shipped scenario files and source texts for the binary to
//! embed: every `.ron` in `scenarios/` and every `.txt` or `.md` in
//! `sources/`, sorted by name, so a new scenario or note ships by being added
//! to its folder.

use std::fmt::Write as _;
use std::path::Path;

fn list(dir: &str, exts: &[&str]) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {dir}: {e}"))
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| {
            Path::new(n)
                .extension()
                .and_then(|x| x.to_str())
                .is_some_and(|x| exts.contains(&x))
        })
        .collect();
    names.sort();
    names
}

/// The generated list names each file from the crate's root at compile
/// time (`env!("CARGO_MANIFEST_DIR")`), not by the absolute path the build
/// script ran in, so a build directory shared between checkouts in other
/// places still finds the files.
fn embed(dir: &str, exts: &[&str], prefix: &str, out: &str) {
    let mut code = String::from("&[\n");
    for name in list(dir, exts) {
        writeln!(
            code,
            "    ({:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), {:?}))),",
            format!("{prefix}{name}"),
            format!("/{dir}/{name}")
        )
        .unwrap();
    }
    code.push(']');
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(Path::new(&out_dir).join(out), code).expect("OUT_DIR is writable");
}

fn main() {
    println!("cargo:rerun-if-changed=scenarios");
    println!("cargo:rerun-if-changed=sources");
    embed("scenarios", &["ron"], "scenarios/", "shipped_scenarios.rs");
    embed("sources", &["txt", "md"], "", "shipped_sources.rs");
}
