//! Precision and recall of the policy-claim rules on the gold set in `tests/data/claims-gold/`
//! (real policy and terms sentences, each labelled by two readers blind to the rules against
//! `docs/claim-categories.md`, disagreements settled by a third; see its NOTICE).
//!
//! `cargo run --release --example policy_gold [-- DIR]` prints per language and category the
//! support, precision, recall and F1; `... -- --errors LANG CATEGORY fp|fn [N]` prints N
//! errors of one kind, for rule authors (fix them generally; never copy a sentence into a rule).

use haken::policy::ClaimEngine;
use haken::{Kind, Lang};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The categories the gold set is labelled for, in the order they are printed.
const CATEGORIES: &[&str] = &[
    "third_party_sharing",
    "data_sale",
    "business_transfer",
    "never_share_promise",
    "tracking_profiling",
    "staff_access",
    "access_safeguard",
];

/// Goals of issue 14 for every category above, in both languages.
const PRECISION_GOAL: f64 = 0.90;
const RECALL_GOAL: f64 = 0.80;

struct Row {
    id: String,
    lang: String,
    text: String,
    gold: BTreeSet<String>,
}

fn load(dir: &Path) -> Result<Vec<Row>, String> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(format!("{}: no .jsonl files", dir.display()));
    }
    let mut rows = Vec::new();
    for path in paths {
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        for (n, line) in text.lines().enumerate() {
            let v: Value = serde_json::from_str(line)
                .map_err(|e| format!("{}:{}: {e}", path.display(), n + 1))?;
            let field = |k: &str| v[k].as_str().unwrap_or_default().to_string();
            rows.push(Row {
                id: field("id"),
                lang: field("lang"),
                text: field("text"),
                gold: widen(
                    v["labels"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(|l| l.as_str()),
                ),
            });
        }
    }
    Ok(rows)
}

/// A sale or a business transfer passes the data to another party: both count as sharing too,
/// on the gold side and on haken's (which shows only the more specific claim).
fn widen<'a>(categories: impl Iterator<Item = &'a str>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for c in categories {
        if matches!(c, "data_sale" | "business_transfer") {
            out.insert("third_party_sharing".to_string());
        }
        out.insert(c.to_string());
    }
    out
}

fn predict(engine: &ClaimEngine, row: &Row) -> BTreeSet<String> {
    let lang = Lang::from_tag(&row.lang);
    let found = engine.analyze(&row.text, lang, lang).findings;
    let claims: Vec<String> = found
        .into_iter()
        .filter(|f| f.kind == Kind::PolicyClaim)
        .map(|f| f.category)
        .collect();
    widen(claims.iter().map(String::as_str))
}

#[derive(Default, Clone, Copy)]
struct Count {
    tp: usize,
    fp: usize,
    fn_: usize,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = args
        .first()
        .filter(|a| !a.starts_with("--"))
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/data/claims-gold"));
    let rows = match load(&dir) {
        Ok(rows) => rows,
        Err(e) => {
            eprintln!("policy_gold: {e}");
            return ExitCode::from(1);
        }
    };
    let engine = ClaimEngine::new().expect("embedded claim rules compile");
    let errors = args
        .iter()
        .position(|a| a == "--errors")
        .map(|i| &args[i + 1..]);
    let mut counts: BTreeMap<(String, &str), Count> = BTreeMap::new();
    let mut shown = 0;
    for row in &rows {
        let predicted = predict(&engine, row);
        for &category in CATEGORIES {
            let (g, p) = (row.gold.contains(category), predicted.contains(category));
            let c = counts.entry((row.lang.clone(), category)).or_default();
            match (g, p) {
                (true, true) => c.tp += 1,
                (false, true) => c.fp += 1,
                (true, false) => c.fn_ += 1,
                _ => {}
            }
            if let Some([lang, cat, kind, rest @ ..]) = errors {
                let limit = rest.first().and_then(|n| n.parse().ok()).unwrap_or(20);
                let wanted = match kind.as_str() {
                    "fp" => p && !g,
                    _ => g && !p,
                };
                if *lang == row.lang && cat == category && wanted && shown < limit {
                    shown += 1;
                    println!(
                        "{} [{}] {}",
                        row.id,
                        predicted.iter().cloned().collect::<Vec<_>>().join(","),
                        row.text
                    );
                }
            }
        }
    }
    if errors.is_some() {
        return ExitCode::SUCCESS;
    }
    println!(
        "Policy claims on the gold set ({}; {} sentences)",
        dir.display(),
        rows.len()
    );
    println!("| lang | category | gold | found | P | R | F1 | goal P>={PRECISION_GOAL:.2} R>={RECALL_GOAL:.2} |");
    println!("|---|---|---:|---:|---:|---:|---:|---|");
    for ((lang, category), c) in &counts {
        let (p, r) = (ratio(c.tp, c.tp + c.fp), ratio(c.tp, c.tp + c.fn_));
        let f1 = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        let gold = c.tp + c.fn_;
        let verdict = if gold < 10 {
            "too few to judge".to_string()
        } else if p >= PRECISION_GOAL && r >= RECALL_GOAL {
            "met".to_string()
        } else {
            "not met".to_string()
        };
        println!(
            "| {lang} | {category} | {gold} | {} | {p:.3} | {r:.3} | {f1:.3} | {verdict} |",
            c.tp + c.fp
        );
    }
    ExitCode::SUCCESS
}
