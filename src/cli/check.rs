//! `anxi check PATH...`: validates scenario files and prints every problem
//! in the style of a compiler.

use std::io::Write;
use std::path::PathBuf;

use crate::game::catalog::{files_in, load_file};
use crate::rules::params::Rules;

/// Checks the files and folders; returns the process exit code (0 when all are valid).
pub fn run(paths: &[PathBuf], rules: &Rules, out: &mut dyn Write) -> i32 {
    let mut errors = 0;
    let mut warnings = 0;
    let mut files = 0;
    for f in files_in(paths) {
        match f {
            Err(d) => {
                errors += 1;
                let _ = writeln!(out, "{}", d);
            }
            Ok(path) => {
                files += 1;
                let entry = load_file(&path, rules);
                for d in &entry.diagnostics {
                    if d.is_error() {
                        errors += 1
                    } else {
                        warnings += 1
                    }
                    let _ = writeln!(out, "{d}");
                    let _ = write!(out, "{}", d.render(&entry.text));
                }
                if let Some(s) = &entry.scenario {
                    let _ = writeln!(out, "ok: {} ({}): {}", entry.file, s.id, s.title);
                }
            }
        }
    }
    let _ = writeln!(
        out,
        "checked {files} file(s): {errors} error(s), {warnings} warning(s)"
    );
    if errors == 0 && files > 0 { 0 } else { 1 }
}
