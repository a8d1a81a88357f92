//! Precision, recall and F1 of the policy-claim rules against the labels of research corpora
//! (OPP-115, MAPP, ToS;DR, GDPR Transparency 200; not part of the repository), and the audited
//! precision of `eval/claims-audit.jsonl` (see docs/figures.md for how the labels map onto
//! claim categories).
//!
//! `cargo run --release --example policy_quality -- DATA_DIR` prints the tables;
//! `... -- --errors CORPUS CATEGORY fp|fn [N] [LANG]` prints N examples of one kind of error, for
//! rule authors (never copy them into rules or tests: a held-out part measures the project).

use haken::policy::ClaimEngine;
use haken::{Kind, Lang};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The categories the macro-F1 target is over.
const KEY: &[&str] = &[
    "third_party_sharing",
    "business_transfer",
    "never_share_promise",
];

/// One labelled text: gold categories, and categories whose label is unclear for this row
/// (neither counted right nor wrong).
struct Row {
    corpus: &'static str,
    /// The row's id in its corpus file.
    id: String,
    lang: String,
    text: String,
    gold: BTreeSet<&'static str>,
    unclear: BTreeSet<&'static str>,
}

/// Categories each corpus can judge (others are not labelled there).
fn judged(corpus: &str) -> &'static [&'static str] {
    match corpus {
        "opp115" => &[
            "third_party_sharing",
            "business_transfer",
            "never_share_promise",
            "tracking_profiling",
            "marketing",
            "retention",
        ],
        "mapp" => &[
            "third_party_sharing",
            "business_transfer",
            "never_share_promise",
            "tracking_profiling",
            "marketing",
        ],
        "tosdr" => &[
            "third_party_sharing",
            "business_transfer",
            "never_share_promise",
            "data_sale",
            "tracking_profiling",
            "retention",
        ],
        "gdpr200" => &["third_party_sharing", "international_transfer"],
        _ => &[],
    }
}

fn risks(v: &Value) -> Vec<String> {
    match v.get("risk") {
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|x| x.as_str().map(str::to_string))
            .collect(),
        Some(Value::String(s)) => vec![s.clone()],
        _ => vec![],
    }
}

/// Whether the row's own labels put a third party in the practice (OPP-115 category "Third
/// Party Sharing/Collection", MAPP category "Third Party").
fn names_third_party(corpus: &str, v: &Value) -> bool {
    let field = match corpus {
        "opp115" => "labels",
        "mapp" => "categories",
        _ => return true,
    };
    v.get(field).and_then(Value::as_array).is_some_and(|a| {
        a.iter()
            .any(|x| x.as_str().is_some_and(|s| s.starts_with("Third Party")))
    })
}

fn map_row(corpus: &'static str, v: &Value) -> Option<Row> {
    let text = v.get("text")?.as_str()?.to_string();
    let lang = v.get("language")?.as_str()?.to_string();
    if lang != "en" && lang != "de" {
        return None;
    }
    let id = match v.get("id") {
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let mut gold = BTreeSet::new();
    let mut unclear = BTreeSet::new();
    for risk in risks(v) {
        let category = match (corpus, risk.as_str()) {
            (_, "third_party_sharing") => "third_party_sharing",
            ("mapp", "third_party") => {
                // A third party is named, but sharing is not labelled: unclear, unless the
                // annotated values say the first party shares with it.
                let shared = v
                    .get("values")
                    .and_then(Value::as_array)
                    .is_some_and(|vals| {
                        vals.iter().any(|x| {
                            x.as_str().is_some_and(|s| {
                                s.contains("Shared by first party with a third party")
                            })
                        })
                    });
                if shared {
                    gold.insert("third_party_sharing");
                } else {
                    unclear.insert("third_party_sharing");
                }
                continue;
            }
            (_, "merger_transfer" | "merger_bankruptcy") => "business_transfer",
            (_, "negative_promise") => {
                // "Does not" is labelled on any practice; only one about third parties is a
                // never-share promise ("we do not collect children's data" is not).
                if names_third_party(corpus, v) {
                    gold.insert("never_share_promise");
                } else {
                    unclear.insert("never_share_promise");
                }
                continue;
            }
            (_, "tracking_profiling") => "tracking_profiling",
            ("tosdr", "selling_data") => "data_sale",
            (_, "advertising_marketing") => "marketing",
            ("opp115", "retention_indefinite") => "retention",
            ("tosdr", "retention") => "retention",
            ("gdpr200", "third_country_transfer") => "international_transfer",
            _ => continue,
        };
        gold.insert(category);
    }
    // ToS;DR quotes illustrate one case each; a quote that says more is not wrong to flag.
    if corpus == "tosdr" {
        for c in judged(corpus) {
            if !gold.contains(c) {
                unclear.insert(c);
            }
        }
        if gold.is_empty() {
            return None;
        }
    }
    Some(Row {
        corpus,
        id,
        lang,
        text,
        gold,
        unclear,
    })
}

/// Every row of the corpora in `dir`: each corpus's files are those whose name starts with its
/// prefix and ends in `.jsonl` (the train split here, `*.test.jsonl` or others elsewhere).
fn load(dir: &Path) -> Result<Vec<Row>, String> {
    let corpora: &[(&'static str, &str)] = &[
        ("opp115", "opp115-sentences"),
        ("mapp", "mapp-segments"),
        ("tosdr", "tosdr-points"),
        ("gdpr200", "gdpr-transparency200"),
    ];
    let entries = std::fs::read_dir(dir).map_err(|e| {
        format!(
            "{}: {e} (a folder of opp115-sentences*, mapp-segments*, ... JSON Lines)",
            dir.display()
        )
    })?;
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    let mut rows = Vec::new();
    let mut read = 0;
    for path in &paths {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let Some((corpus, _)) = corpora
            .iter()
            .find(|(_, prefix)| name.starts_with(prefix) && name.ends_with(".jsonl"))
        else {
            continue;
        };
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        read += 1;
        for (n, line) in text.lines().enumerate() {
            let v: Value = serde_json::from_str(line)
                .map_err(|e| format!("{}:{}: {e}", path.display(), n + 1))?;
            if let Some(row) = map_row(corpus, &v) {
                rows.push(row);
            }
        }
    }
    if read == 0 {
        return Err(format!(
            "{}: no corpus files (opp115-sentences*.jsonl, mapp-segments*.jsonl, ...)",
            dir.display()
        ));
    }
    Ok(rows)
}

#[derive(Default, Clone, Copy)]
struct Count {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Count {
    fn p(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    fn r(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    fn f1(&self) -> f64 {
        let (p, r) = (self.p(), self.r());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

fn predict(engine: &ClaimEngine, row: &Row) -> BTreeSet<String> {
    let lang = Lang::from_tag(&row.lang);
    engine
        .analyze(&row.text, lang, lang)
        .findings
        .into_iter()
        .filter(|f| f.kind == Kind::PolicyClaim)
        .flat_map(|f| {
            let sharing = implies(&f.category, "third_party_sharing")
                .then(|| "third_party_sharing".to_string());
            std::iter::once(f.category).chain(sharing)
        })
        .collect()
}

/// Whether a reported category counts as `category`: a sale or a business transfer passes the
/// data to another party, and the corpora label both as third-party sharing too, while haken
/// reports the more specific one.
fn implies(reported: &str, category: &str) -> bool {
    reported == category
        || (category == "third_party_sharing"
            && matches!(reported, "data_sale" | "business_transfer"))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (dir, errors) = match args.iter().position(|a| a == "--errors") {
        Some(i) => (args[..i].first().cloned(), Some(args[i + 1..].to_vec())),
        None => (args.first().filter(|a| !a.starts_with("--")).cloned(), None),
    };
    let Some(dir) = dir.map(PathBuf::from) else {
        eprintln!(
            "usage: policy_quality DATA_DIR [--errors ...] (DATA_DIR holds the research corpora's \
             JSON Lines; the gold set in the repository is measured by the policy_gold example)"
        );
        return ExitCode::from(2);
    };
    let rows = match load(&dir) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("policy_quality: {e}");
            return ExitCode::from(1);
        }
    };
    let engine = ClaimEngine::new().expect("embedded claim rules compile");
    if let Some(spec) = errors {
        return print_errors(&engine, &rows, &spec);
    }
    if let Some(i) = args.iter().position(|a| a == "--audit-sample") {
        return print_audit_sample(&engine, &rows, &args[i + 1..]);
    }
    // (corpus, lang, category) and (ALL, lang, category)
    let mut counts: BTreeMap<(String, String, String), Count> = BTreeMap::new();
    let started = std::time::Instant::now();
    let mut bytes = 0usize;
    for row in &rows {
        bytes += row.text.len();
        let predicted = predict(&engine, row);
        for &category in judged(row.corpus) {
            if row.unclear.contains(category) {
                continue;
            }
            let (g, p) = (row.gold.contains(category), predicted.contains(category));
            for corpus in [
                row.corpus,
                if row.corpus == "tosdr" || row.corpus == "gdpr200" {
                    ""
                } else {
                    "dev"
                },
            ] {
                if corpus.is_empty() {
                    continue;
                }
                let c = counts
                    .entry((corpus.into(), row.lang.clone(), category.into()))
                    .or_default();
                match (g, p) {
                    (true, true) => c.tp += 1,
                    (false, true) => c.fp += 1,
                    (true, false) => c.fn_ += 1,
                    _ => {}
                }
            }
        }
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "policy claims on {} (labels mapped as in README)",
        dir.display()
    );
    println!(
        "{:<8} {:<4} {:<24} {:>6} {:>6} {:>6} {:>6}",
        "corpus", "lang", "category", "P", "R", "F1", "gold"
    );
    for ((corpus, lang, category), c) in &counts {
        println!(
            "{corpus:<8} {lang:<4} {category:<24} {:>6.3} {:>6.3} {:>6.3} {:>6}",
            c.p(),
            c.r(),
            c.f1(),
            c.tp + c.fn_
        );
    }
    println!();
    for lang in ["en", "de"] {
        let f1s: Vec<f64> = KEY
            .iter()
            .filter_map(|k| {
                counts
                    .get(&("dev".into(), lang.into(), (*k).into()))
                    .map(Count::f1)
            })
            .collect();
        let macro_f1 = f1s.iter().sum::<f64>() / f1s.len().max(1) as f64;
        println!(
            "dev (OPP-115 + MAPP) {lang}: macro-F1 over {} = {macro_f1:.3}",
            KEY.join(", ")
        );
    }
    print_audited_precision(&engine, &rows);
    println!(
        "read {} texts, {:.1} MB in {:.2} s ({:.1} MB/s, rows are short; see the benchmark for long documents)",
        rows.len(),
        bytes as f64 / 1e6,
        secs,
        bytes as f64 / 1e6 / secs
    );
    ExitCode::SUCCESS
}

fn print_errors(engine: &ClaimEngine, rows: &[Row], spec: &[String]) -> ExitCode {
    let (Some(corpus), Some(category), Some(kind)) = (spec.first(), spec.get(1), spec.get(2))
    else {
        eprintln!("usage: --errors CORPUS|dev CATEGORY fp|fn [N] [LANG]");
        return ExitCode::from(2);
    };
    let n: usize = spec.get(3).and_then(|s| s.parse().ok()).unwrap_or(20);
    let lang = spec.get(4);
    let mut shown = 0;
    for row in rows {
        let in_corpus =
            corpus == row.corpus || (corpus == "dev" && matches!(row.corpus, "opp115" | "mapp"));
        if !in_corpus
            || lang.is_some_and(|l| *l != row.lang)
            || row.unclear.contains(category.as_str())
        {
            continue;
        }
        if !judged(row.corpus).contains(&category.as_str()) {
            continue;
        }
        let predicted = predict(engine, row);
        let (g, p) = (
            row.gold.contains(category.as_str()),
            predicted.contains(category),
        );
        let hit = match kind.as_str() {
            "fp" => p && !g,
            "fn" => g && !p,
            _ => false,
        };
        if hit {
            println!("[{} {}] {}\n", row.corpus, row.lang, row.text);
            shown += 1;
            if shown >= n {
                break;
            }
        }
    }
    ExitCode::SUCCESS
}

/// `--audit-sample CATEGORY LANG N [OFFSET]`: a fixed sample of N development rows (OPP-115, MAPP) in
/// which haken reports CATEGORY, as JSON lines, for a reader to judge against the category's
/// definition (audited precision: see README). Rows are spread evenly over the flagged ones.
fn print_audit_sample(engine: &ClaimEngine, rows: &[Row], spec: &[String]) -> ExitCode {
    let (Some(category), Some(lang)) = (spec.first(), spec.get(1)) else {
        eprintln!("usage: --audit-sample CATEGORY LANG [N] [OFFSET 0..1]");
        return ExitCode::from(2);
    };
    let n: usize = spec.get(2).and_then(|s| s.parse().ok()).unwrap_or(50);
    // Where in each stride the sample is taken (0 to 1): another offset, another sample.
    let offset: f64 = spec.get(3).and_then(|s| s.parse().ok()).unwrap_or(0.0);
    let flagged: Vec<&Row> = rows
        .iter()
        .filter(|r| matches!(r.corpus, "opp115" | "mapp") && &r.lang == lang)
        .filter(|r| predict(engine, r).contains(category))
        .collect();
    let step = (flagged.len() as f64 / n.max(1) as f64).max(1.0);
    for k in 0..n.min(flagged.len()) {
        let Some(row) = flagged.get(((k as f64 + offset) * step) as usize) else {
            break;
        };
        // The sentence haken would highlight for this category.
        let lang_tag = Lang::from_tag(&row.lang);
        let sentence = engine
            .analyze(&row.text, lang_tag, lang_tag)
            .findings
            .into_iter()
            .find(|f| f.kind == Kind::PolicyClaim && implies(&f.category, category))
            .map(|f| f.evidence)
            .unwrap_or_default();
        let line = serde_json::json!({
            "sentence": sentence,
            "corpus": row.corpus,
            "id": row.id,
            "lang": row.lang,
            "category": category,
            "text": row.text,
        });
        println!("{line}");
    }
    ExitCode::SUCCESS
}

/// Precision as a reader judged it (`eval/claims-audit.jsonl`: verdicts on samples drawn with
/// `--audit-sample`, by readers blind to the rules and labels, against the definitions in the
/// README). A verdict counts while haken still reports that category on that row; rows haken
/// no longer flags drop out, and newly flagged rows are unjudged until the next audit.
fn print_audited_precision(engine: &ClaimEngine, rows: &[Row]) {
    let path = Path::new("eval/claims-audit.jsonl");
    let Ok(text) = std::fs::read_to_string(path) else {
        println!("(no {}: audited precision not shown)", path.display());
        return;
    };
    let by_id: BTreeMap<(&str, &str), &Row> = rows
        .iter()
        .map(|r| ((r.corpus, r.id.as_str()), r))
        .collect();
    // (lang, category) -> (yes, no, unclear, dropped)
    let mut table: BTreeMap<(String, String), [usize; 4]> = BTreeMap::new();
    for line in text.lines() {
        let Ok(v) = serde_json::from_str::<Value>(line) else {
            continue;
        };
        let field = |k: &str| v.get(k).and_then(Value::as_str).unwrap_or("").to_string();
        let (corpus, id, category) = (field("corpus"), field("id"), field("category"));
        let Some(row) = by_id.get(&(corpus.as_str(), id.as_str())) else {
            continue;
        };
        let cell = table
            .entry((row.lang.clone(), category.clone()))
            .or_default();
        if !predict(engine, row).contains(&category) {
            cell[3] += 1;
            continue;
        }
        match field("verdict").as_str() {
            "yes" => cell[0] += 1,
            "no" => cell[1] += 1,
            _ => cell[2] += 1,
        }
    }
    println!();
    println!(
        "audited precision ({}; a reader's verdict on each flagged sentence):",
        path.display()
    );
    println!(
        "{:<4} {:<24} {:>6} {:>5} {:>5} {:>8} {:>8}",
        "lang", "category", "P", "yes", "no", "unclear", "dropped"
    );
    for ((lang, category), [yes, no, unclear, dropped]) in &table {
        println!(
            "{lang:<4} {category:<24} {:>6.3} {yes:>5} {no:>5} {unclear:>8} {dropped:>8}",
            ratio(*yes, yes + no)
        );
    }
}
