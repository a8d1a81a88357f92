//! Native figures: consent-engine throughput on a generated 10,000-element checkout with 300
//! controls, and policy-claim throughput on a 1 MB policy (real policy sentences from
//! tests/data/claims-gold) and a 20 MB one.
//! `cargo bench --bench engine` (or `make bench`).

use haken::consent::scan_tree;
use haken::policy::ClaimEngine;
use haken::reader::html::HtmlTree;
use haken::ConsentEngine;
use haken_tools::synthetic::checkout;
use std::time::Instant;

fn best_of<T>(runs: usize, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut best = f64::MAX;
    let mut last = None;
    for _ in 0..runs {
        let start = Instant::now();
        let out = f();
        best = best.min(start.elapsed().as_secs_f64());
        last = Some(out);
    }
    (best, last.expect("runs > 0"))
}

fn main() {
    let (compile, engine) = best_of(5, || ConsentEngine::new().expect("rules load"));
    let page = checkout(10_000, 300);
    let (parse, tree) = best_of(10, || HtmlTree::parse(&page));
    let (scan, result) = best_of(20, || scan_tree(&tree, &engine, None));
    let controls = result.snapshot.controls.len();
    let (classify, flagged) = best_of(50, || {
        result
            .snapshot
            .controls
            .iter()
            .filter(|c| engine.classify(c).is_some())
            .count()
    });
    let rules_only = ConsentEngine::new().expect("rules load").without_model();
    let (scan_rules, _) = best_of(20, || scan_tree(&tree, &rules_only, None));
    println!("native engine, generated checkout: {} bytes, 10,000 elements, {controls} controls, {flagged} flagged", page.len());
    println!(
        "  rule compile (once per page load): {:>8.2} ms",
        compile * 1e3
    );
    println!(
        "  HTML parse:                        {:>8.2} ms",
        parse * 1e3
    );
    println!(
        "  read + classify (scan_tree):       {:>8.2} ms  ({:.0} controls/s)",
        scan * 1e3,
        controls as f64 / scan
    );
    println!(
        "  read + classify, rules alone:       {:>8.2} ms  (the consent model costs the difference)",
        scan_rules * 1e3
    );
    println!(
        "  classify only (engine):            {:>8.2} ms  ({:.0} controls/s)",
        classify * 1e3,
        controls as f64 / classify
    );
    claims_figures();
}

/// About `bytes` of real policy text: the English sentences of the repository's claims gold
/// set (tests/data/claims-gold/en.jsonl, real app policies), repeated as needed.
fn policy_text(bytes: usize) -> (String, &'static str) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/data/claims-gold/en.jsonl"
    );
    let data = std::fs::read_to_string(path).expect("the gold set is part of the checkout");
    let sentences: Vec<String> = data
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter_map(|v| v["text"].as_str().map(str::to_string))
        .collect();
    assert!(!sentences.is_empty(), "{path}: no sentences");
    let mut text = String::with_capacity(bytes + 1024);
    for (i, sentence) in sentences.iter().cycle().enumerate() {
        text.push_str(sentence);
        text.push_str(if i % 7 == 6 { "\n\n" } else { " " });
        if text.len() >= bytes {
            break;
        }
    }
    (text, "the gold set's English policy sentences, repeated")
}

fn claims_figures() {
    let (compile, engine) = best_of(5, || ClaimEngine::new().expect("claim rules compile"));
    let (one_mb, source) = policy_text(1_000_000);
    let (t1, analysis) = best_of(5, || engine.analyze(&one_mb, None, None));
    let big: String = one_mb.repeat(20);
    let (t20, _) = best_of(1, || engine.analyze(&big, None, None));
    println!("native policy claims ({source}):");
    println!(
        "  claim-rule compile:                {:>8.2} ms",
        compile * 1e3
    );
    println!(
        "  1 MB policy: {:>8.1} ms, {:.1} MB/s ({} sentences, {} findings)",
        t1 * 1e3,
        one_mb.len() as f64 / 1e6 / t1,
        analysis.sentences,
        analysis.findings.len()
    );
    println!(
        "  20 MB policy: {:>8.1} ms, {:.1} MB/s (linear: {:.2}x the 1 MB time per MB)",
        t20 * 1e3,
        big.len() as f64 / 1e6 / t20,
        (t20 / 20.0) / t1
    );
}
