//! Scores the permission reader and catalogue on labelled pages (`tests/permissions/`). A
//! labelled element carries `data-expect="<kind> <category> flag|ok"` or `data-expect="none"`:
//! `flag` items must be marked in the page (medium/high) with that category, `ok` items must be
//! reported (unknown ones as `other`) but not marked, `none` elements must give no finding.
//! Generic over [`Tree`], so the same scoring runs natively and on the live DOM.

use haken::permissions::catalogue::PermissionEngine;
use haken::permissions::reader::scan_permissions;
use haken::reader::Tree;
use haken::rules::spec::Severity;

/// Counts over one or more labelled pages.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Score {
    /// Marked, and labelled `flag` with the same kind and category.
    pub true_flags: usize,
    /// Marked, but labelled `ok`, `none`, another category, or not labelled.
    pub false_flags: usize,
    /// Labelled `flag`, not marked with that category.
    pub missed_flags: usize,
    /// Labelled items (`flag`/`ok`) reported with the labelled kind and category.
    pub right_category: usize,
    /// Labelled items (`flag`/`ok`).
    pub labelled: usize,
    /// Labelled items that gave no finding at all (dropped).
    pub dropped: usize,
    /// Findings on elements labelled `none`.
    pub false_reports: usize,
    /// One line per error, for reading.
    pub errors: Vec<String>,
}

impl Score {
    /// Adds another page's counts.
    pub fn add(&mut self, other: Score) {
        self.true_flags += other.true_flags;
        self.false_flags += other.false_flags;
        self.missed_flags += other.missed_flags;
        self.right_category += other.right_category;
        self.labelled += other.labelled;
        self.dropped += other.dropped;
        self.false_reports += other.false_reports;
        self.errors.extend(other.errors);
    }

    /// Of the marked items, the share that should be marked.
    pub fn precision(&self) -> f64 {
        ratio(self.true_flags, self.true_flags + self.false_flags)
    }

    /// Of the items that should be marked, the share that is.
    pub fn recall(&self) -> f64 {
        ratio(self.true_flags, self.true_flags + self.missed_flags)
    }

    /// Of the labelled items, the share reported with the right category.
    pub fn category_accuracy(&self) -> f64 {
        ratio(self.right_category, self.labelled)
    }
}

/// `a / b`, and 1 when `b` is 0 (nothing to find or nothing claimed: nothing wrong).
pub(crate) fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// Scores one page.
pub fn score_page<T: Tree>(tree: &T, engine: &PermissionEngine) -> Score {
    let scan = scan_permissions(tree, engine, None);
    let mut score = Score::default();
    let labelled = tree.select("[data-expect]");
    let shown = |s: Severity| haken::finding::MARKED.contains(&s);
    for node in &labelled {
        let expect = tree.attr(node, "data-expect").unwrap_or_default();
        let words: Vec<&str> = expect.split_whitespace().collect();
        let found = scan
            .nodes
            .iter()
            .position(|n| n == node)
            .map(|i| &scan.findings[i]);
        let text = haken::text::collapse_whitespace(&tree.text(node));
        match words.as_slice() {
            ["none"] => {
                if let Some(f) = found {
                    score.false_reports += 1;
                    if shown(f.severity) {
                        score.false_flags += 1;
                    }
                    score.errors.push(format!(
                        "none, got {} {}: {text:?}",
                        f.kind.as_str(),
                        f.category
                    ));
                }
            }
            [kind, category, verdict @ ("flag" | "ok")] => {
                score.labelled += 1;
                let Some(f) = found else {
                    score.dropped += 1;
                    if *verdict == "flag" {
                        score.missed_flags += 1;
                    }
                    score
                        .errors
                        .push(format!("{expect}, got nothing: {text:?}"));
                    continue;
                };
                let same = f.kind.as_str() == *kind && f.category == *category;
                if same {
                    score.right_category += 1;
                }
                match (*verdict == "flag", shown(f.severity), same) {
                    (true, true, true) => score.true_flags += 1,
                    (false, false, true) => {}
                    (flag, marked, _) => {
                        if marked {
                            score.false_flags += 1;
                        }
                        if flag {
                            score.missed_flags += 1;
                        }
                        score.errors.push(format!(
                            "{expect}, got {} {} {:?} ({}): {text:?}",
                            f.kind.as_str(),
                            f.category,
                            f.severity,
                            f.rule
                        ));
                    }
                }
            }
            _ => score.errors.push(format!("bad label {expect:?}")),
        }
    }
    for (node, f) in scan.nodes.iter().zip(&scan.findings) {
        if shown(f.severity) && !labelled.contains(node) {
            score.false_flags += 1;
            score.errors.push(format!(
                "unlabelled, got {} {}: {:?}",
                f.kind.as_str(),
                f.category,
                f.evidence
            ));
        }
    }
    score
}
