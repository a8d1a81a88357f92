//! Trains the breach-notice model (`src/breach/model.rs`) and writes `rules/breach/model.bin`.
//! Deterministic: the same data gives the same file.
//!
//! `cargo run --release --example train_notice_model [-- --out FILE]`
//!
//! Positives are the texts labelled as notices in `tests/breach*/`; negatives are their
//! look-alikes (reports to a regulator, guides, news, policies, templates) and the whole
//! privacy policies of the claims gold sets (`tests/data/claims-gold*/`, sentences joined per
//! document). Before writing the model it leaves each set out in turn, trains on the others
//! and prints how the checker (rules and model, with the thresholds of
//! `rules/breach/categories.toml`) recognises the left-out set: the nearest thing to a first
//! contact with a new set.

use haken::breach::model::{text_hashes, NoticeModel};
use haken::breach::BreachEngine;
use haken::linear::SparseWeights;
use haken_tools::breach_sets::{self, Labelled, Tally};
use haken_tools::claims_gold::{self, Half};
use haken_tools::logistic::{self, Example, Fit};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Features kept after pruning (5 bytes each in the policy module).
const KEEP: usize = 4_000;
const FIT: Fit = Fit {
    epochs: 15,
    rate: 0.2,
    decay: 0.8,
    l2: 1e-4,
};

const POLICY_SETS: [&str; 5] = [
    "tests/data/claims-gold",
    "tests/data/claims-gold-en-shops",
    "tests/data/claims-gold-en-shops-2",
    "tests/data/claims-gold-de-shops",
    "tests/data/claims-gold-de-shops-2",
];

/// Whole policies: the gold sentences joined per document, in file order.
fn policies(root: &Path) -> Result<Vec<String>, String> {
    let mut docs: Vec<(String, String)> = Vec::new();
    for set in POLICY_SETS {
        for row in claims_gold::load(&root.join(set), Half::All)? {
            let doc = format!("{set}:{}", row.doc);
            match docs.iter_mut().rev().find(|(d, _)| *d == doc) {
                Some((_, t)) => {
                    t.push('\n');
                    t.push_str(&row.text);
                }
                None => docs.push((doc, row.text)),
            }
        }
    }
    Ok(docs.into_iter().map(|(_, t)| t).collect())
}

fn example(text: &str, notice: bool) -> Example<1> {
    Example {
        hashes: text_hashes(text),
        labels: [notice],
    }
}

fn model(examples: &[&Example<1>]) -> Result<NoticeModel, String> {
    let weights = logistic::fit(examples, &FIT);
    NoticeModel::from_bytes(&SparseWeights::to_bytes(&logistic::prune(&weights, KEEP)))
}

/// A tally as the trainer prints it.
fn show(t: &Tally) -> String {
    format!(
        "P {:.3} R {:.3} ({} false, {} missed)",
        t.precision(),
        t.recall(),
        t.fp,
        t.missed
    )
}

fn run() -> Result<(), String> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut out = root.join("rules/breach/model.bin");
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--out" {
            out = PathBuf::from(args.next().ok_or("--out needs a file")?);
        } else {
            return Err(format!("unknown argument {arg:?}"));
        }
    }
    let mut sets: BTreeMap<usize, (String, Vec<Labelled>)> = BTreeMap::new();
    for (i, dir) in breach_sets::all_sets(&root.join("tests"))?
        .into_iter()
        .enumerate()
    {
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        sets.insert(i, (name, breach_sets::load(&dir)?));
    }
    let texts: Vec<(usize, Example<1>)> = sets
        .iter()
        .flat_map(|(i, (_, set))| set.iter().map(move |l| (*i, example(&l.text, l.notice()))))
        .collect();
    let policies: Vec<Example<1>> = policies(&root)?.iter().map(|t| example(t, false)).collect();
    let engine = BreachEngine::new()?;
    let alone = engine.clone().with_model(None);
    let mut rules = Tally::default();
    let mut both = Tally::default();
    println!("each set left out in turn: rules alone (tuned on every set) | rules and model (the model never saw the set)");
    for (i, (name, set)) in &sets {
        let train: Vec<&Example<1>> = texts
            .iter()
            .filter(|(s, _)| s != i)
            .map(|(_, e)| e)
            .chain(&policies)
            .collect();
        let checker = engine.clone().with_model(Some(model(&train)?));
        let (mut r, mut b) = (Tally::default(), Tally::default());
        for l in set {
            let gold = l.notice();
            let by_rules = alone.check(&l.text, None, None).notice;
            let by_both = checker.check(&l.text, None, None).notice;
            r.add(gold, by_rules);
            b.add(gold, by_both);
            rules.add(gold, by_rules);
            both.add(gold, by_both);
        }
        println!("{name:<18} {} | {}", show(&r), show(&b));
    }
    println!("{:<18} {} | {}", "all", show(&rules), show(&both));
    let all: Vec<&Example<1>> = texts.iter().map(|(_, e)| e).chain(&policies).collect();
    let weights = logistic::fit(&all, &FIT);
    let rows = logistic::prune(&weights, KEEP);
    let bytes = SparseWeights::to_bytes(&rows);
    std::fs::write(&out, &bytes).map_err(|e| format!("{}: {e}", out.display()))?;
    println!(
        "{}: {} features of {}, {} bytes; trained on {} labelled texts and {} policies",
        out.display(),
        rows.len(),
        weights.len(),
        bytes.len(),
        texts.len(),
        policies.len()
    );
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("train_notice_model: {e}");
            ExitCode::from(1)
        }
    }
}
