//! The permission reader and catalogue on the labelled pages of `tests/permissions/` (see its
//! README): marking precision and recall >= 0.95, every labelled item reported. The blind set
//! `tests/permissions-blind/` measures, it does not gate: `make eval` prints its figures, and
//! the test here only reads it whole.

use haken::permissions::PermissionEngine;
use haken::reader::html::HtmlTree;
use haken_tools::permissions::{score_page, Score};
use std::path::Path;

fn pages(set: &str) -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests")
        .join(set);
    let mut pages: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/permissions exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "html"))
        .collect();
    pages.sort();
    pages
}

#[test]
fn labelled_pages_meet_the_targets() {
    meets_the_targets("permissions");
}

/// The blind set is read without a crash and is still whole (its README's counts); its
/// precision and recall are printed by `make eval`, never asserted.
#[test]
fn blind_pages_are_read_whole() {
    let total = score_set("permissions-blind");
    assert_eq!(pages("permissions-blind").len(), 8, "eight blind pages");
    assert_eq!(total.labelled, 172, "the blind set's labelled items");
}

fn score_set(set: &str) -> Score {
    let engine = PermissionEngine::new().unwrap();
    let mut total = Score::default();
    for page in pages(set) {
        let html = std::fs::read_to_string(&page).unwrap();
        let score = score_page(&HtmlTree::parse(&html), &engine);
        for e in &score.errors {
            eprintln!("{}: {e}", page.file_name().unwrap().to_string_lossy());
        }
        total.add(score);
    }
    eprintln!(
        "labelled {}, precision {:.3}, recall {:.3}, category {:.3}, dropped {}, false reports {}",
        total.labelled,
        total.precision(),
        total.recall(),
        total.category_accuracy(),
        total.dropped,
        total.false_reports
    );
    total
}

fn meets_the_targets(set: &str) {
    let total = score_set(set);
    assert!(total.labelled >= 60, "at least 60 labelled items");
    assert!(
        total.precision() >= 0.95,
        "precision {:.3}",
        total.precision()
    );
    assert!(total.recall() >= 0.95, "recall {:.3}", total.recall());
    assert_eq!(total.dropped, 0, "every listed item is reported");
    assert!(
        total.category_accuracy() >= 0.9,
        "category {:.3}",
        total.category_accuracy()
    );
}
