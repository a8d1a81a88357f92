//! Trains the consent model (`src/consent/model.rs`) on the project's own labelled controls and
//! writes `rules/consent/model.bin`. Deterministic: the same data gives the same file.
//!
//! `cargo run --release --example train_consent_model [-- --out FILE] [DIR|FILE.jsonl ...]`
//!
//! Without arguments it reads the development sets: `tests/fixtures`, `tests/holdout`,
//! `tests/blind`, `tests/blind-platforms` … `-13` and `tests/labels/*.jsonl`. Later blind sets
//! stay out, so they measure the model on wording it never saw (docs/figures.md).

use haken::consent::model::{features, ConsentModel, Feature, CLASSES};
use haken::reader::decode::decode_html;
use haken::text::fold;
use haken_tools::consent::{cases, labelled_controls, LabelCase};
use haken_tools::shuffle::Shuffle;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const N: usize = CLASSES.len();
/// Features kept after pruning: about 16 KB gzipped in the wasm.
const KEEP: usize = 1500;
const EPOCHS: usize = 12;
const RATE: f32 = 0.2;
const DECAY: f32 = 0.8;
const L2: f32 = 1e-5;

const DEFAULT_SETS: [&str; 16] = [
    "tests/fixtures",
    "tests/holdout",
    "tests/blind",
    "tests/blind-platforms",
    "tests/blind-platforms-2",
    "tests/blind-platforms-3",
    "tests/blind-platforms-4",
    "tests/blind-platforms-5",
    "tests/blind-platforms-6",
    "tests/blind-platforms-7",
    "tests/blind-platforms-8",
    "tests/blind-platforms-9",
    "tests/blind-platforms-10",
    "tests/blind-platforms-11",
    "tests/blind-platforms-12",
    "tests/blind-platforms-13",
];

struct Example {
    features: Vec<Feature>,
    class: usize,
}

fn class_of(expect: Option<&str>) -> Result<usize, String> {
    match expect {
        None | Some("") | Some("-") => Ok(0),
        Some(name) => CLASSES
            .iter()
            .position(|c| c.map(|c| c.as_str()) == Some(name))
            .ok_or_else(|| format!("unknown category {name:?}")),
    }
}

fn read_pages(dir: &Path, out: &mut Vec<Example>) -> Result<(), String> {
    let list = cases(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for case in list {
        let bytes =
            std::fs::read(&case.page).map_err(|e| format!("{}: {e}", case.page.display()))?;
        let (text, _) = decode_html(&bytes).map_err(|e| format!("{}: {e}", case.page.display()))?;
        for item in labelled_controls(&text)
            .into_iter()
            .filter(|i| i.control.on)
        {
            let c = &item.control;
            out.push(Example {
                features: features(c.kind, &fold(&c.label), &fold(&c.context)),
                class: class_of(item.expect.as_deref())
                    .map_err(|e| format!("{}: {e}", case.page.display()))?,
            });
        }
    }
    Ok(())
}

fn read_labels(path: &Path, out: &mut Vec<Example>) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    for (n, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let case: LabelCase = serde_json::from_str(line)
            .map_err(|e| format!("{} line {}: {e}", path.display(), n + 1))?;
        if !case.on {
            continue;
        }
        out.push(Example {
            features: features(
                case.control_kind(),
                &fold(&case.label),
                &fold(&case.question),
            ),
            class: class_of(case.expect.as_deref())
                .map_err(|e| format!("{} line {}: {e}", path.display(), n + 1))?,
        });
    }
    Ok(())
}

/// Softmax regression by stochastic gradient descent; `keep` limits the features read.
fn fit(examples: &[Example], keep: Option<&HashSet<u32>>) -> HashMap<u32, [f32; N]> {
    let mut weights: HashMap<u32, [f32; N]> = HashMap::new();
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut shuffle = Shuffle(0x9e37_79b9_7f4a_7c15);
    let mut rate = RATE;
    for _ in 0..EPOCHS {
        shuffle.shuffle(&mut order);
        for &i in &order {
            let ex = &examples[i];
            let hashes: Vec<u32> = ex
                .features
                .iter()
                .map(|f| f.hash)
                .filter(|h| keep.is_none_or(|k| k.contains(h)))
                .collect();
            let mut score = [0f32; N];
            for h in &hashes {
                if let Some(w) = weights.get(h) {
                    for (s, v) in score.iter_mut().zip(w) {
                        *s += v;
                    }
                }
            }
            let p = haken::consent::model::softmax(score);
            for h in &hashes {
                let w = weights.entry(*h).or_insert([0.0; N]);
                for (c, v) in w.iter_mut().enumerate() {
                    let gradient = p[c] - if c == ex.class { 1.0 } else { 0.0 };
                    *v -= rate * (gradient + L2 * *v);
                }
            }
        }
        rate *= DECAY;
    }
    weights
}

fn run() -> Result<(), String> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut out = root.join("rules/consent/model.bin");
    let mut inputs: Vec<PathBuf> = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--out" {
            out = PathBuf::from(args.next().ok_or("--out needs a file")?);
        } else {
            inputs.push(PathBuf::from(arg));
        }
    }
    if inputs.is_empty() {
        inputs = DEFAULT_SETS.iter().map(|d| root.join(d)).collect();
        let mut labels: Vec<PathBuf> = std::fs::read_dir(root.join("tests/labels"))
            .map_err(|e| format!("tests/labels: {e}"))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
            .collect();
        labels.sort();
        inputs.extend(labels);
    }
    let mut examples = Vec::new();
    for input in &inputs {
        if input.extension().is_some_and(|x| x == "jsonl") {
            read_labels(input, &mut examples)?;
        } else {
            read_pages(input, &mut examples)?;
        }
    }
    let positives = examples.iter().filter(|e| e.class != 0).count();
    let full = fit(&examples, None);
    // Keep the features that weigh most for any class, then fit again on those alone.
    let bias = haken::consent::model::fnv1a("bias");
    let mut ranked: Vec<(f32, u32)> = full
        .iter()
        .filter(|(h, _)| **h != bias)
        .map(|(h, w)| (w.iter().fold(0f32, |m, v| m.max(v.abs())), *h))
        .collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut keep: HashSet<u32> = ranked.iter().take(KEEP).map(|&(_, h)| h).collect();
    keep.insert(bias);
    let pruned = fit(&examples, Some(&keep));
    let rows: Vec<(u32, [f32; N])> = pruned.into_iter().collect();
    let bytes = ConsentModel::to_bytes(&rows);
    ConsentModel::from_bytes(&bytes)?;
    std::fs::write(&out, &bytes).map_err(|e| format!("{}: {e}", out.display()))?;
    println!(
        "{} ticked controls ({positives} catches) from {} sets; {} features of {}; {} bytes -> {}",
        examples.len(),
        inputs.len(),
        rows.len(),
        full.len(),
        bytes.len(),
        out.display()
    );
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("train_consent_model: {e}");
            ExitCode::FAILURE
        }
    }
}
