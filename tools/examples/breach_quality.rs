//! Prints how the breach-notice checker does on a labelled set (default `tests/breach/`:
//! `labels.jsonl` and `notices/`): per element the precision and recall of `present` (the
//! facts the checklist says a notice gives), the share of exact statuses (present / vague /
//! missing), the notice recognition, and every disagreement.
//! `cargo run --release --example breach_quality [-- DIR] [--rules-only]` (`--rules-only`: without
//! the notice model).

use haken::breach::{BreachElement, BreachEngine};
use haken_tools::breach_sets;
use std::path::PathBuf;

#[derive(Default, Clone, Copy)]
struct Score {
    tp: usize,
    fp: usize,
    fn_: usize,
    exact: usize,
    total: usize,
}

impl Score {
    fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let rules_only = args.iter().any(|a| a == "--rules-only");
    let dir = PathBuf::from(
        args.iter()
            .find(|a| !a.starts_with("--"))
            .cloned()
            .unwrap_or_else(|| "tests/breach".into()),
    );
    let mut engine = BreachEngine::new().expect("embedded breach rules compile");
    if rules_only {
        // What the notice model adds: recognition by the rules alone.
        engine = engine.with_model(None);
    }
    let labelled = breach_sets::load(&dir).unwrap_or_else(|e| panic!("{e}"));
    let mut scores = [Score::default(); 6];
    let mut notice = breach_sets::Tally::default();
    let mut errors = Vec::new();
    for l in &labelled {
        let (file, label) = (&l.file, &l.label);
        let gold_notice = label["notice"].as_bool().expect("notice");
        let report = engine.check(&l.text, None, None);
        notice.add(gold_notice, report.notice);
        match (gold_notice, report.notice) {
            (false, true) => errors.push(format!("{file}: read as a notice, is none")),
            (true, false) => errors.push(format!("{file}: a notice, not recognised")),
            _ => {}
        }
        if !gold_notice {
            continue;
        }
        for (i, element) in BreachElement::CHECKLIST.iter().enumerate() {
            let gold = label[element.as_str()]
                .as_str()
                .expect("a status per element");
            let item = report
                .findings
                .iter()
                .find(|f| f.element == *element)
                .expect("every element is reported");
            let got = item.status.as_str();
            let s = &mut scores[i];
            s.total += 1;
            if gold == got {
                s.exact += 1;
            }
            match (gold == "present", got == "present") {
                (true, true) => s.tp += 1,
                (false, true) => s.fp += 1,
                (true, false) => s.fn_ += 1,
                (false, false) => {}
            }
            if gold != got {
                errors.push(format!(
                    "{file}: {}: gold {gold}, got {got} ({}) {:?}",
                    element.as_str(),
                    item.finding.rule,
                    item.finding.evidence
                ));
            }
        }
    }
    println!(
        "{:<14} {:>9} {:>7} {:>6}   (present = the notice gives the facts)",
        "element", "precision", "recall", "exact"
    );
    let mut all = Score::default();
    for (i, element) in BreachElement::CHECKLIST.iter().enumerate() {
        let s = scores[i];
        println!(
            "{:<14} {:>9.3} {:>7.3} {:>6.3}",
            element.as_str(),
            s.precision(),
            s.recall(),
            ratio(s.exact, s.total)
        );
        all.tp += s.tp;
        all.fp += s.fp;
        all.fn_ += s.fn_;
        all.exact += s.exact;
        all.total += s.total;
    }
    println!(
        "{:<14} {:>9.3} {:>7.3} {:>6.3}",
        "all",
        all.precision(),
        all.recall(),
        ratio(all.exact, all.total)
    );
    println!(
        "{:<14} {:>9.3} {:>7.3}          (is it a breach notice?)",
        "notice",
        notice.precision(),
        notice.recall()
    );
    for e in &errors {
        println!("  {e}");
    }
}
