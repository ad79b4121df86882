//! The shipped scenarios load and validate, carry every figure the sources
//! document, and broken files get the errors a modder can act on.

use std::path::Path;

use anxi::game::catalog::{load_file, shipped};
use anxi::rules::params::Rules;
use anxi::scenario::raw::Figure;

fn rules() -> Rules {
    Rules::shipped().expect("shipped rules parse")
}

#[test]
fn every_shipped_scenario_loads_without_errors_or_warnings() {
    let entries = shipped(&rules());
    let files = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios"))
        .unwrap()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "ron"))
        .count();
    assert_eq!(entries.len(), files);
    assert!(files >= 12, "the four campaigns and the corpus: {files}");
    for e in &entries {
        assert!(
            e.diagnostics.is_empty(),
            "{}: {:?}",
            e.file,
            e.diagnostics
                .iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
        );
        let s = e.scenario.as_ref().expect("valid");
        assert_eq!(
            Path::new(&e.file).file_stem().unwrap().to_str().unwrap(),
            s.id
        );
    }
}

/// (scenario, value, source file, words of the quote)
const DOCUMENTED: &[(&str, u32, &str, &str)] = &[
    (
        "644_karasahr",
        3000,
        "001_b46d7fb09f388aff.txt",
        "3,000 infantry and cavalry",
    ),
    (
        "644_karasahr",
        5000,
        "001_b46d7fb09f388aff.txt",
        "5,000 Western Turkic cavalry",
    ),
    (
        "644_karasahr",
        7000,
        "001_b46d7fb09f388aff.txt",
        "7,000 dead and captured",
    ),
    (
        "648_karasahr",
        100000,
        "001_b46d7fb09f388aff.txt",
        "100,000 Tiele auxiliary cavalry",
    ),
    (
        "670_tarim_basin",
        200000,
        "000_ded4a108d78dc596.txt",
        "200,000",
    ),
    (
        "670_tarim_basin",
        100000,
        "000_ded4a108d78dc596.txt",
        "100,000",
    ),
];

#[test]
fn every_documented_figure_is_in_its_scenario_with_its_source() {
    let entries = shipped(&rules());
    for (id, value, source, words) in DOCUMENTED {
        let s = entries
            .iter()
            .filter_map(|e| e.scenario.as_ref())
            .find(|s| s.id == *id)
            .expect(id);
        let figures = s.documented_figures();
        assert!(
            figures
                .iter()
                .any(|f| f.value == *value && f.source == *source && f.quote.contains(words)),
            "{id}: no documented {value} from {source} quoting {words:?}; found {figures:?}"
        );
    }
}

#[test]
fn figures_the_sources_leave_unknown_stay_unknown() {
    let entries = shipped(&rules());
    let s644 = entries
        .iter()
        .filter_map(|e| e.scenario.as_ref())
        .find(|s| s.id == "644_karasahr")
        .unwrap();
    let garrison = s644
        .raw
        .armies
        .iter()
        .find(|a| a.id == "karasahr_garrison")
        .expect("Karasahr's troops are in the file");
    assert!(garrison.contingents.iter().all(|c| matches!(
        c.strength,
        Figure::Unknown {
            estimate: Some(_),
            ..
        }
    )));
    // 717: the gazetteer says no reliable force sizes are known, so no strength is documented.
    let s717 = entries
        .iter()
        .filter_map(|e| e.scenario.as_ref())
        .find(|s| s.id == "717_aksu")
        .unwrap();
    assert!(
        s717.raw
            .armies
            .iter()
            .flat_map(|a| &a.contingents)
            .all(|c| !c.strength.is_documented())
    );
}

#[test]
fn the_documented_places_and_commanders_are_in_their_scenarios() {
    let entries = shipped(&rules());
    let want: &[(&str, &[&str], &[&str])] = &[
        (
            "644_karasahr",
            &["karasahr", "turfan", "yulduz", "yinshan_road"],
            &["guo_xiaoke", "long_tuqizhi", "long_lipozhun"],
        ),
        (
            "648_karasahr",
            &["karasahr", "kucha", "turfan"],
            &["ashina_sheer", "long_xuepoanazhi"],
        ),
        (
            "670_tarim_basin",
            &[
                "aksu",
                "kucha",
                "karasahr",
                "turfan",
                "khotan",
                "dafei_river",
                "qinghai_lake",
                "wuhai",
            ],
            &[
                "xue_rengui",
                "guo_daifeng",
                "gar_trinring_tsendro",
                "mangsong_mangtsen",
                "ashina_tuizi",
            ],
        ),
        (
            "717_aksu",
            &["aksu", "uqturpan", "kashgar", "ferghana", "suyab"],
            &[
                "tang_jiahui",
                "ashina_xin",
                "ashina_xian",
                "kul_tigin",
                "al_yashkuri",
                "suluk",
            ],
        ),
    ];
    for (id, regions, commanders) in want {
        let s = entries
            .iter()
            .filter_map(|e| e.scenario.as_ref())
            .find(|s| s.id == *id)
            .unwrap();
        for r in *regions {
            assert!(s.region(r).is_some(), "{id}: region {r}");
        }
        for c in *commanders {
            assert!(s.commander(c).is_some(), "{id}: commander {c}");
        }
    }
}

/// Each file in tests/broken has one mistake and says on its first line
/// where the error must point and what it must say:
/// `// expect: LINE:COL MESSAGE`.
#[test]
fn each_broken_file_gets_its_error_at_its_line_and_column() {
    let rules = rules();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/broken");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 12,
        "expected a dozen broken files, found {}",
        files.len()
    );
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let header = text.lines().next().unwrap_or_default();
        let rest = header
            .strip_prefix("// expect: ")
            .unwrap_or_else(|| panic!("{}: no `// expect:` line", f.display()));
        let (pos, message) = rest.split_once(' ').unwrap();
        let (line, col) = pos.split_once(':').unwrap();
        let (line, col): (usize, usize) = (line.parse().unwrap(), col.parse().unwrap());
        let entry = load_file(&f, &rules);
        assert!(
            entry.scenario.is_none(),
            "{} loaded although broken",
            f.display()
        );
        let errors: Vec<_> = entry.errors().collect();
        assert_eq!(
            errors.len(),
            1,
            "{}: {:?}",
            f.display(),
            errors.iter().map(|d| d.to_string()).collect::<Vec<_>>()
        );
        let d = errors[0];
        assert_eq!((d.line, d.col), (line, col), "{}: {}", f.display(), d);
        assert!(
            d.message.contains(message),
            "{}: `{}` does not contain `{message}`",
            f.display(),
            d.message
        );
        assert!(
            d.to_string()
                .starts_with(&format!("{}:{line}:{col}: error: ", f.display()))
        );
    }
}

#[test]
fn no_input_makes_the_loader_panic() {
    let rules = rules();
    let base = anxi::game::catalog::shipped_text("644_karasahr").unwrap();
    // Every prefix of a real file, and a file with each byte replaced in turn by a bracket.
    for cut in (0..base.len()).step_by(97) {
        let mut end = cut;
        while !base.is_char_boundary(end) {
            end -= 1;
        }
        let _ = anxi::game::catalog::load_text("cut.ron", base[..end].to_string(), &rules);
    }
    for (i, _) in base.char_indices().step_by(211) {
        let mut s = base.to_string();
        s.replace_range(i..i + base[i..].chars().next().unwrap().len_utf8(), ")");
        let _ = anxi::game::catalog::load_text("mangled.ron", s, &rules);
    }
}
