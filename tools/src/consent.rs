//! Measuring the consent detector on labelled pages (`tests/fixtures/<case>/page.html`).
//!
//! Ground truth lives in the page: a positive control carries `data-expect="<category>"` and
//! optionally `data-expect-flags="hidden bundled radio opt_out"`; every other candidate control
//! is negative. Each finding's selector is resolved in the same document, so a selector that
//! does not find its element again counts as a false positive.

use crate::permissions::ratio;
use haken::consent::engine::ConsentEngine;
use haken::consent::scan::{context_of, read_candidate};
use haken::consent::scan_tree;
use haken::consent::{Control, ControlKind};
use haken::finding::Finding;
use haken::lang::Lang;
use haken::reader::html::HtmlTree;
use haken::reader::{element_ref, Tree};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// One labelled page.
pub struct Case {
    /// Folder name.
    pub name: String,
    /// `tests/fixtures/<name>/page.html`.
    pub page: PathBuf,
}

/// Every case folder under `dir` holding a `page.html`, sorted by name.
pub fn cases(dir: &Path) -> std::io::Result<Vec<Case>> {
    let mut cases = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let page = path.join("page.html");
        if page.is_file() {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            cases.push(Case { name, page });
        }
    }
    cases.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(cases)
}

/// One disagreement between findings and labels.
#[derive(Debug, Clone)]
pub struct Miss {
    /// Case name.
    pub case: String,
    /// `false_positive`, `false_negative`, `wrong_category`, `wrong_flags`, `bad_selector`.
    pub what: &'static str,
    /// Expected vs. found, and the evidence.
    pub detail: String,
}

/// Counts for one slice (all, a language, a category).
#[derive(Debug, Clone, Default)]
pub struct Counts {
    /// Candidate controls looked at.
    pub controls: usize,
    /// Labelled positives.
    pub positives: usize,
    /// Findings on positives.
    pub true_positives: usize,
    /// Findings on negatives (or whose selector does not resolve).
    pub false_positives: usize,
    /// Positives without a finding.
    pub false_negatives: usize,
    /// True positives with the labelled category.
    pub right_category: usize,
    /// True positives with exactly the labelled flags.
    pub right_flags: usize,
}

impl Counts {
    /// TP / (TP + FP); 1 when nothing was flagged.
    pub fn precision(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_positives,
        )
    }
    /// TP / (TP + FN); 1 when there is nothing to find.
    pub fn recall(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_negatives,
        )
    }
    /// Right category among true positives.
    pub fn category_accuracy(&self) -> f64 {
        ratio(self.right_category, self.true_positives)
    }
    /// Right flags among true positives.
    pub fn flag_accuracy(&self) -> f64 {
        ratio(self.right_flags, self.true_positives)
    }
    fn add(&mut self, other: &Counts) {
        self.controls += other.controls;
        self.positives += other.positives;
        self.true_positives += other.true_positives;
        self.false_positives += other.false_positives;
        self.false_negatives += other.false_negatives;
        self.right_category += other.right_category;
        self.right_flags += other.right_flags;
    }
}

/// The result of evaluating a set of cases.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// All cases together.
    pub total: Counts,
    /// By page language.
    pub by_lang: BTreeMap<String, Counts>,
    /// By labelled category (false positives by found category).
    pub by_category: BTreeMap<String, Counts>,
    /// Every disagreement.
    pub misses: Vec<Miss>,
}

/// One candidate control of a labelled page: what the reader read (label, state and the
/// surroundings), where it is, and its label in the page (`data-expect`).
pub struct LabelledControl {
    /// The control's selector.
    pub selector: String,
    /// The control with its surroundings filled in.
    pub control: Control,
    /// The expected category, if any.
    pub expect: Option<String>,
}

/// Every candidate control of a page, read as the consent reader reads it.
pub fn labelled_controls(source: &str) -> Vec<LabelledControl> {
    let tree = HtmlTree::parse(source);
    tree.candidates()
        .into_iter()
        .filter_map(|node| {
            let mut control = read_candidate(&tree, &node)?;
            control.set_surroundings(context_of(&tree, &node, &control.label));
            Some(LabelledControl {
                selector: element_ref(&tree, &node).selector,
                control,
                expect: tree.attr(&node, "data-expect"),
            })
        })
        .collect()
}

/// Scans one page natively and returns its findings.
pub fn scan_page(engine: &ConsentEngine, source: &str) -> Vec<Finding> {
    scan_tree(&HtmlTree::parse(source), engine, None).findings
}

/// Compares findings with the labels of one page and adds the result to `report`.
pub fn judge(report: &mut Report, case: &str, source: &str, findings: &[Finding]) {
    let tree = HtmlTree::parse(source);
    let lang = tree
        .document_lang()
        .and_then(|l| Lang::from_tag(&l))
        .map(|l| l.as_str().to_string())
        .unwrap_or_else(|| "other".into());
    let candidates = tree.candidates();
    let mut counts = Counts {
        controls: candidates.len(),
        ..Counts::default()
    };
    let mut by_category: BTreeMap<String, Counts> = BTreeMap::new();
    let mut found: BTreeMap<usize, &Finding> = BTreeMap::new();
    for finding in findings {
        let selector = finding
            .element
            .as_ref()
            .map(|e| e.selector.as_str())
            .unwrap_or("");
        let resolved = tree.select_nodes(selector).ok().and_then(|nodes| {
            let first = *nodes.first()?;
            candidates.iter().position(|c| *c == first)
        });
        match resolved {
            Some(index) => {
                found.insert(index, finding);
            }
            None => {
                counts.false_positives += 1;
                by_category
                    .entry(finding.category.clone())
                    .or_default()
                    .false_positives += 1;
                report.misses.push(Miss {
                    case: case.into(),
                    what: "bad_selector",
                    detail: format!(
                        "{selector:?} does not find a candidate ({})",
                        finding.evidence
                    ),
                });
            }
        }
    }
    for (index, node) in candidates.iter().enumerate() {
        let expected = tree.attr(node, "data-expect").filter(|c| !c.is_empty());
        let expected_flags: BTreeSet<String> = tree
            .attr(node, "data-expect-flags")
            .unwrap_or_default()
            .split_whitespace()
            .map(str::to_string)
            .collect();
        let finding = found.get(&index);
        match (&expected, finding) {
            (None, None) => {}
            (None, Some(f)) => {
                counts.false_positives += 1;
                by_category
                    .entry(f.category.clone())
                    .or_default()
                    .false_positives += 1;
                report.misses.push(Miss {
                    case: case.into(),
                    what: "false_positive",
                    detail: format!("found {} by {}: {}", f.category, f.rule, f.evidence),
                });
            }
            (Some(category), None) => {
                counts.positives += 1;
                counts.false_negatives += 1;
                let slot = by_category.entry(category.clone()).or_default();
                slot.positives += 1;
                slot.false_negatives += 1;
                let selector = haken::reader::element_ref(&tree, node).selector;
                report.misses.push(Miss {
                    case: case.into(),
                    what: "false_negative",
                    detail: format!("expected {category} at {selector}"),
                });
            }
            (Some(category), Some(f)) => {
                counts.positives += 1;
                counts.true_positives += 1;
                let slot = by_category.entry(category.clone()).or_default();
                slot.positives += 1;
                slot.true_positives += 1;
                if &f.category == category {
                    counts.right_category += 1;
                    slot.right_category += 1;
                } else {
                    report.misses.push(Miss {
                        case: case.into(),
                        what: "wrong_category",
                        detail: format!(
                            "expected {category}, found {} by {}: {}",
                            f.category, f.rule, f.evidence
                        ),
                    });
                }
                let got: BTreeSet<String> =
                    f.flags.iter().map(|&fl| fl.as_str().to_string()).collect();
                if got == expected_flags {
                    counts.right_flags += 1;
                    slot.right_flags += 1;
                } else {
                    report.misses.push(Miss {
                        case: case.into(),
                        what: "wrong_flags",
                        detail: format!(
                            "expected flags {expected_flags:?}, found {got:?}: {}",
                            f.evidence
                        ),
                    });
                }
            }
        }
    }
    report.total.add(&counts);
    report.by_lang.entry(lang).or_default().add(&counts);
    for (category, c) in by_category {
        report.by_category.entry(category).or_default().add(&c);
    }
}

/// Formats a report as the table `make eval` prints.
pub fn format_report(title: &str, report: &Report) -> String {
    let mut out = format!("{title}\n");
    out.push_str(&format!(
        "{:<16} {:>8} {:>9} {:>9} {:>7} {:>9} {:>6}\n",
        "slice", "controls", "positives", "precision", "recall", "category", "flags"
    ));
    let mut row = |name: &str, c: &Counts, with_controls: bool| {
        out.push_str(&format!(
            "{:<16} {:>8} {:>9} {:>9.3} {:>7.3} {:>9.3} {:>6.3}\n",
            name,
            if with_controls {
                c.controls.to_string()
            } else {
                "-".into()
            },
            c.positives,
            c.precision(),
            c.recall(),
            c.category_accuracy(),
            c.flag_accuracy()
        ));
    };
    row("all", &report.total, true);
    for (lang, c) in &report.by_lang {
        row(&format!("lang={lang}"), c, true);
    }
    for (category, c) in &report.by_category {
        row(category, c, false);
    }
    out
}

/// One line of a label corpus (`tests/labels/*.jsonl`): a control's label, state and truth.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct LabelCase {
    /// `de` or `en`.
    pub lang: String,
    /// `checkbox` or `radio`.
    pub kind: String,
    /// On when the page shows it.
    pub on: bool,
    /// The legend or question (radios), else empty.
    #[serde(default)]
    pub question: String,
    /// The control's label.
    pub label: String,
    /// The expected category, or `null` for no finding.
    pub expect: Option<String>,
    /// The expected flags.
    #[serde(default)]
    pub flags: Vec<String>,
}

impl LabelCase {
    /// The control kind the line stands for: a radio, or else a checkbox.
    pub fn control_kind(&self) -> ControlKind {
        if self.kind == "radio" {
            ControlKind::Radio
        } else {
            ControlKind::Checkbox
        }
    }
}

/// Evaluates a label corpus: each line becomes one control (a radio's question is its legend).
pub fn evaluate_labels(engine: &ConsentEngine, path: &Path) -> std::io::Result<Report> {
    let text = std::fs::read_to_string(path)?;
    let mut report = Report::default();
    for (n, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let case: LabelCase = serde_json::from_str(line).map_err(|e| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("{}:{}: {e}", path.display(), n + 1),
            )
        })?;
        let control = Control {
            kind: case.control_kind(),
            on: case.on,
            label: case.label.clone(),
            context: case.question.clone(),
            region: String::new(),
            context_is_legend: !case.question.is_empty(),
            context_is_own: false,
            description: String::new(),
            field: String::new(),
            element: None,
            hidden: false,
        };
        let found = engine.classify(&control).map(|v| {
            let mut flags: Vec<&str> = v.flags.iter().map(|f| f.as_str()).collect();
            flags.sort();
            (v.category.as_str().to_string(), flags)
        });
        let mut counts = Counts {
            controls: 1,
            ..Counts::default()
        };
        let mut slot = Counts::default();
        let case_name = format!("line {}", n + 1);
        match (&case.expect, &found) {
            (None, None) => {}
            (None, Some((category, _))) => {
                counts.false_positives = 1;
                slot.false_positives = 1;
                report.misses.push(Miss {
                    case: case_name,
                    what: "false_positive",
                    detail: format!("found {category}: {}", case.label),
                });
            }
            (Some(expected), None) => {
                counts.positives = 1;
                counts.false_negatives = 1;
                slot.positives = 1;
                slot.false_negatives = 1;
                report.misses.push(Miss {
                    case: case_name,
                    what: "false_negative",
                    detail: format!("expected {expected}: {} | {}", case.question, case.label),
                });
            }
            (Some(expected), Some((category, flags))) => {
                counts.positives = 1;
                counts.true_positives = 1;
                slot.positives = 1;
                slot.true_positives = 1;
                if category == expected {
                    counts.right_category = 1;
                    slot.right_category = 1;
                } else {
                    report.misses.push(Miss {
                        case: case_name.clone(),
                        what: "wrong_category",
                        detail: format!("expected {expected}, found {category}: {}", case.label),
                    });
                }
                let mut want: Vec<&str> = case.flags.iter().map(String::as_str).collect();
                want.sort();
                if &want == flags {
                    counts.right_flags = 1;
                    slot.right_flags = 1;
                }
            }
        }
        report.total.add(&counts);
        report
            .by_lang
            .entry(case.lang.clone())
            .or_default()
            .add(&counts);
        let category = case.expect.clone().or_else(|| found.map(|f| f.0));
        if let Some(category) = category {
            report.by_category.entry(category).or_default().add(&slot);
        }
    }
    Ok(report)
}

/// Evaluates every case under `dir`.
pub fn evaluate_dir(engine: &ConsentEngine, dir: &Path) -> std::io::Result<Report> {
    let mut report = Report::default();
    for case in cases(dir)? {
        let source = std::fs::read_to_string(&case.page)?;
        let findings = scan_page(engine, &source);
        judge(&mut report, &case.name, &source, &findings);
    }
    Ok(report)
}
