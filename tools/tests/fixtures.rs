//! Golden fixtures: every `tests/fixtures/<case>/page.html` is scanned by the native reader and
//! compared with `expected.json` (the full findings). `BLESS=1 cargo test --test fixtures`
//! rewrites the expectations deliberately; review the diff before committing it.
//! The browser test (`tests/browser.rs`) checks the live-DOM reader against the same files.

use haken::{ConsentEngine, Finding};
use haken_tools::consent::{
    cases, evaluate_dir, evaluate_labels, format_report, judge, scan_page, Report,
};
use std::path::Path;

fn fixtures_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures"))
}

#[test]
fn findings_match_expected_json() {
    let engine = ConsentEngine::new().expect("rules load");
    let bless = std::env::var_os("BLESS").is_some();
    let mut failures = Vec::new();
    let all = cases(fixtures_dir()).expect("tests/fixtures is readable");
    assert!(all.len() >= 10, "only {} fixture cases", all.len());
    for case in all {
        let source = std::fs::read_to_string(&case.page).expect("fixture page is UTF-8");
        let findings = scan_page(&engine, &source);
        let expected_path = case.page.with_file_name("expected.json");
        let actual = serde_json::to_string_pretty(&findings).expect("findings serialise") + "\n";
        if bless {
            std::fs::write(&expected_path, &actual).expect("write expected.json");
            continue;
        }
        let Ok(expected) = std::fs::read_to_string(&expected_path) else {
            failures.push(format!(
                "{}: expected.json missing (run with BLESS=1)",
                case.name
            ));
            continue;
        };
        let expected: Vec<Finding> = serde_json::from_str(&expected).expect("expected.json parses");
        if expected != findings {
            failures.push(format!(
                "{}: findings differ from expected.json\n--- expected\n{}\n--- actual\n{}",
                case.name,
                serde_json::to_string_pretty(&expected).unwrap_or_default(),
                actual
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Minimum figures a labelled set must reach.
struct Targets {
    controls: usize,
    precision: f64,
    recall: f64,
    category: f64,
}

/// Prints the report and holds it to `targets`, listing every miss when it falls short.
fn assert_quality(name: &str, report: &Report, targets: Targets) {
    println!("{}", format_report(name, report));
    let t = &report.total;
    assert!(
        t.controls >= targets.controls,
        "{name} holds only {} labelled controls",
        t.controls
    );
    assert!(
        t.precision() >= targets.precision,
        "{name}: precision {:.3} < {}: {:#?}",
        t.precision(),
        targets.precision,
        report.misses
    );
    assert!(
        t.recall() >= targets.recall,
        "{name}: recall {:.3} < {}: {:#?}",
        t.recall(),
        targets.recall,
        report.misses
    );
    assert!(
        t.category_accuracy() >= targets.category,
        "{name}: category accuracy {:.3} < {}",
        t.category_accuracy(),
        targets.category
    );
}

/// The issue's targets on the fixtures.
#[test]
fn quality_targets_on_fixtures() {
    let engine = ConsentEngine::new().expect("rules load");
    let report = evaluate_dir(&engine, fixtures_dir()).expect("fixtures readable");
    for lang in ["de", "en"] {
        assert!(report.by_lang.contains_key(lang), "no {lang} fixtures");
    }
    assert_quality(
        "fixtures",
        &report,
        Targets {
            controls: 40,
            precision: 0.97,
            recall: 0.93,
            category: 0.95,
        },
    );
}

/// `tests/holdout/` was written blind to the rules and measured once (precision 0.935, recall
/// 0.457); its misses then guided general rule fixes, so it is a development set now. This
/// guards it against regressions; `tests/blind/` is never asserted on (only printed by eval).
#[test]
fn quality_on_the_second_development_set() {
    let engine = ConsentEngine::new().expect("rules load");
    let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/holdout"));
    let report = evaluate_dir(&engine, dir).expect("tests/holdout is readable");
    assert_quality(
        "holdout",
        &report,
        Targets {
            controls: 100,
            precision: 0.97,
            recall: 0.90,
            category: 0.93,
        },
    );
}

/// `tests/labels/corpus.jsonl`: 420 labels written blind to the rules, measured once
/// (precision 0.967, recall 0.754), then used to find general gaps: a third development set.
#[test]
fn quality_on_the_label_corpus() {
    let engine = ConsentEngine::new().expect("rules load");
    let path = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/labels/corpus.jsonl"
    ));
    let report = evaluate_labels(&engine, path).expect("tests/labels/corpus.jsonl is readable");
    assert_quality(
        "label corpus",
        &report,
        Targets {
            controls: 400,
            precision: 0.97,
            recall: 0.90,
            category: 0.95,
        },
    );
}

/// `tests/labels/corpus2.jsonl` (300 labels; first blind measurement 0.984 / 0.750) and
/// `corpus3.jsonl` (250 labels; first blind measurement 1.000 / 0.903), each by another author,
/// then used for general fixes: development sets guarded here.
#[test]
fn quality_on_the_later_label_corpora() {
    let engine = ConsentEngine::new().expect("rules load");
    for (file, controls) in [("corpus2.jsonl", 280), ("corpus3.jsonl", 240)] {
        let path = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/labels")).join(file);
        let report = evaluate_labels(&engine, &path).expect("label corpus is readable");
        assert_quality(
            file,
            &report,
            Targets {
                controls,
                precision: 0.97,
                recall: 0.90,
                category: 0.95,
            },
        );
    }
}

#[test]
fn every_finding_selector_finds_its_element_again() {
    let engine = ConsentEngine::new().expect("rules load");
    let mut report = Report::default();
    for case in cases(fixtures_dir()).expect("fixtures readable") {
        let source = std::fs::read_to_string(&case.page).expect("UTF-8");
        let findings = scan_page(&engine, &source);
        assert!(
            findings.iter().all(|f| f.element.is_some()),
            "{}: finding without element",
            case.name
        );
        judge(&mut report, &case.name, &source, &findings);
    }
    let bad: Vec<_> = report
        .misses
        .iter()
        .filter(|m| m.what == "bad_selector")
        .collect();
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn harness_catches_a_wrong_finding() {
    // A finding on an unlabelled control must count as a false positive.
    let page = r#"<html lang="en"><input type="checkbox" id="a" checked> Remember me
                  <input type="checkbox" id="b" checked data-expect="marketing"> Newsletter"#;
    let mut wrong = scan_page(&ConsentEngine::new().expect("rules"), page);
    assert_eq!(wrong.len(), 1);
    wrong[0].element.as_mut().expect("element").selector = "#a".into();
    let mut report = Report::default();
    judge(&mut report, "t", page, &wrong);
    assert_eq!(
        (report.total.false_positives, report.total.false_negatives),
        (1, 1)
    );
}
