//! Golden fixtures: every `tests/fixtures/<case>/page.html` is scanned by the native reader and
//! compared with `expected.json` (the full findings). `BLESS=1 cargo test --test fixtures`
//! rewrites the expectations deliberately; review the diff before committing it.
//! The browser test (`tests/browser.rs`) checks the live-DOM reader against the same files.

use haken::eval::{cases, evaluate_dir, evaluate_labels, format_report, judge, scan_page, Report};
use haken::{Engine, Finding};
use std::path::Path;

fn fixtures_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures"))
}

#[test]
fn findings_match_expected_json() {
    let engine = Engine::new().expect("rules load");
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

#[test]
fn quality_targets_on_fixtures() {
    let engine = Engine::new().expect("rules load");
    let report = evaluate_dir(&engine, fixtures_dir()).expect("fixtures readable");
    println!("{}", format_report("fixtures", &report));
    let t = &report.total;
    assert!(
        t.controls >= 40,
        "fixtures hold only {} labelled controls",
        t.controls
    );
    for lang in ["de", "en"] {
        assert!(report.by_lang.contains_key(lang), "no {lang} fixtures");
    }
    assert!(
        t.precision() >= 0.97,
        "precision {:.3} < 0.97: {:#?}",
        t.precision(),
        report.misses
    );
    assert!(
        t.recall() >= 0.93,
        "recall {:.3} < 0.93: {:#?}",
        t.recall(),
        report.misses
    );
    assert!(
        t.category_accuracy() >= 0.95,
        "category accuracy {:.3} < 0.95",
        t.category_accuracy()
    );
}

/// `tests/holdout/` was written blind to the rules and measured once (precision 0.935, recall
/// 0.457); its misses then guided general rule fixes, so it is a second development set now.
/// This guards it against regressions; `tests/blind/` stays unmeasured by tests.
#[test]
fn quality_on_the_second_development_set() {
    let engine = Engine::new().expect("rules load");
    let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/holdout"));
    let report = evaluate_dir(&engine, dir).expect("tests/holdout is readable");
    println!("{}", format_report("holdout", &report));
    let t = &report.total;
    assert!(
        t.controls >= 100,
        "holdout holds only {} controls",
        t.controls
    );
    assert!(
        t.precision() >= 0.97,
        "precision {:.3}: {:#?}",
        t.precision(),
        report.misses
    );
    assert!(
        t.recall() >= 0.90,
        "recall {:.3}: {:#?}",
        t.recall(),
        report.misses
    );
    assert!(
        t.category_accuracy() >= 0.93,
        "category accuracy {:.3}",
        t.category_accuracy()
    );
}

/// `tests/labels/corpus.jsonl`: 420 labels written blind to the rules, measured once
/// (precision 0.967, recall 0.754), then used to find general gaps: a third development set.
#[test]
fn quality_on_the_label_corpus() {
    let engine = Engine::new().expect("rules load");
    let path = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/labels/corpus.jsonl"
    ));
    let report = evaluate_labels(&engine, path).expect("tests/labels/corpus.jsonl is readable");
    println!("{}", format_report("label corpus", &report));
    let t = &report.total;
    assert!(t.controls >= 400, "corpus holds only {} labels", t.controls);
    assert!(
        t.precision() >= 0.97,
        "precision {:.3}: {:#?}",
        t.precision(),
        report.misses
    );
    assert!(
        t.recall() >= 0.90,
        "recall {:.3}: {:#?}",
        t.recall(),
        report.misses
    );
    assert!(
        t.category_accuracy() >= 0.95,
        "category accuracy {:.3}",
        t.category_accuracy()
    );
}

#[test]
fn every_finding_selector_finds_its_element_again() {
    let engine = Engine::new().expect("rules load");
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
    let mut wrong = scan_page(&Engine::new().expect("rules"), page);
    assert_eq!(wrong.len(), 1);
    wrong[0].element.as_mut().expect("element").selector = "#a".into();
    let mut report = Report::default();
    judge(&mut report, "t", page, &wrong);
    assert_eq!(
        (report.total.false_positives, report.total.false_negatives),
        (1, 1)
    );
}
