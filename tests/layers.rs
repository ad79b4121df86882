//! The crate's layers: each module imports only the layers below its own,
//! and only the desktop speaks Bevy. A `use crate::rules` in the scenario
//! layer, or a `bevy::` in the engine, fails here.

use std::path::{Path, PathBuf};

/// The layers from the bottom up; a module may use any layer before its own.
const LAYERS: [&str; 8] = [
    "core",
    "diagnostics",
    "geo",
    "scenario",
    "rules",
    "game",
    "desktop",
    "cli",
];

/// Macros exported at the crate root, with the layer that defines them.
const MACROS: [(&str, &str); 1] = [("path", "diagnostics")];

fn rank(module: &str) -> Option<usize> {
    let module = MACROS
        .iter()
        .find(|(name, _)| *name == module)
        .map_or(module, |(_, layer)| layer);
    LAYERS.iter().position(|l| *l == module)
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let p = entry.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The top-level modules a source text names through `crate::`, with the
/// line each is named on. Grouped imports (`use crate::{a::x, b}`) count too.
fn named_layers(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(i) = rest.find("crate::") {
            let after = &rest[i + "crate::".len()..];
            let before = &rest[..i];
            // `$crate::` is a macro's own path, not an import.
            if !before.ends_with('$') {
                if let Some(group) = after.strip_prefix('{') {
                    let inner = group.split('}').next().unwrap_or("");
                    for item in inner.split(',') {
                        let name: String = item
                            .trim()
                            .chars()
                            .take_while(|c| c.is_alphanumeric() || *c == '_')
                            .collect();
                        if !name.is_empty() {
                            out.push((n + 1, name));
                        }
                    }
                } else {
                    let name: String = after
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    out.push((n + 1, name));
                }
            }
            rest = after;
        }
    }
    out
}

fn layer_of(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).ok()?;
    let first = rel.components().next()?.as_os_str().to_str()?;
    Some(first.trim_end_matches(".rs").to_string())
}

#[test]
fn every_module_imports_only_the_layers_below_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut wrong = Vec::new();
    let mut checked = 0;
    for file in &files {
        let Some(layer) = layer_of(&src, file) else {
            continue;
        };
        let Some(own) = rank(&layer) else {
            // lib.rs and main.rs sit above every layer.
            assert!(
                layer == "lib" || layer == "main",
                "{}: a module outside the layers; add it to LAYERS",
                file.display()
            );
            continue;
        };
        let text = std::fs::read_to_string(file).unwrap();
        for (line, name) in named_layers(&text) {
            checked += 1;
            match rank(&name) {
                Some(r) if r <= own => {}
                Some(_) => wrong.push(format!(
                    "{}:{line}: the {layer} layer imports `crate::{name}`, a layer above it",
                    file.display()
                )),
                None => wrong.push(format!(
                    "{}:{line}: `crate::{name}` is not a layer",
                    file.display()
                )),
            }
        }
    }
    assert!(
        checked > 100,
        "only {checked} imports found: is the scan broken?"
    );
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn only_the_desktop_imports_bevy() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut wrong = Vec::new();
    for file in &files {
        if layer_of(&src, file).as_deref() == Some("desktop") {
            continue;
        }
        let text = std::fs::read_to_string(file).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            if code.contains("bevy::") || code.contains("bevy_egui::") || code.contains("egui::") {
                wrong.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "Bevy outside the desktop layer:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_scan_sees_a_wrong_import() {
    let found = named_layers(
        "use crate::rules::params::Rules;\nuse crate::{core::ids::ArmyId, game};\nmacro! { $crate::path!() }",
    );
    let names: Vec<&str> = found.iter().map(|(_, n)| n.as_str()).collect();
    assert_eq!(names, ["rules", "core", "game"]);
}

#[test]
fn only_the_command_line_and_the_window_print() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut wrong = Vec::new();
    for file in &files {
        if matches!(layer_of(&src, file).as_deref(), Some("cli" | "desktop")) {
            continue;
        }
        let text = std::fs::read_to_string(file).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            if ["println!", "print!(", "eprintln!", "eprint!(", "dbg!("]
                .iter()
                .any(|m| code.contains(m))
            {
                wrong.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "the library prints:\n{}",
        wrong.join("\n")
    );
}

/// The engine's results must be the same bits on every platform: std's
/// `ln`, `exp`, `sin` and the like follow the platform's maths library, so
/// the rules and everything that feeds them use the `libm` crate instead.
#[test]
fn the_engine_takes_its_transcendental_functions_from_libm() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let calls = [
        ".ln()",
        ".log10()",
        ".log2()",
        ".exp()",
        ".exp2()",
        ".sin()",
        ".cos()",
        ".tan()",
        ".asin()",
        ".acos()",
        ".atan()",
        ".atan2(",
        ".sinh()",
        ".cosh()",
        ".tanh()",
        ".powf(",
        ".cbrt()",
        ".hypot(",
        ".ln_1p()",
        ".exp_m1()",
    ];
    let mut wrong = Vec::new();
    for file in &files {
        if !matches!(
            layer_of(&src, file).as_deref(),
            Some("core" | "scenario" | "rules" | "game")
        ) {
            continue;
        }
        let text = std::fs::read_to_string(file).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            if calls.iter().any(|c| code.contains(c)) {
                wrong.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "std maths in the engine (use libm):\n{}",
        wrong.join("\n")
    );
}
