//! Runs the claim engine over real policy sentences (the gold set's English ones) (for `perf record` or `valgrind --tool=callgrind`,
//! whose instruction counts do not depend on a noisy machine):
//! `cargo run --release --example policy_profile -- [BYTES] [RUNS] [rules-only]`.
use haken::policy::ClaimEngine;

fn main() {
    let mut args = std::env::args().skip(1);
    let bytes: usize = args
        .next()
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let runs: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(15);
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/data/claims-gold/en.jsonl"
    );
    let data = std::fs::read_to_string(path).expect("the gold set is part of the checkout");
    let mut text = String::new();
    for line in data.lines().cycle() {
        let v: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
        text.push_str(v["text"].as_str().unwrap_or(""));
        text.push(' ');
        if text.len() > bytes {
            break;
        }
    }
    let mut engine = ClaimEngine::new().expect("claim rules compile");
    // A third argument `rules-only` measures the rules without the claim model.
    if args.next().as_deref() == Some("rules-only") {
        engine = engine.without_model();
    }
    let mut best = f64::MAX;
    let mut findings = 0;
    for _ in 0..runs {
        let t = std::time::Instant::now();
        findings = engine.analyze(&text, None, None).findings.len();
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!(
        "{findings} findings; best of {runs}: {:.1} ms for {:.2} MB, {:.1} MB/s",
        best * 1e3,
        text.len() as f64 / 1e6,
        text.len() as f64 / 1e6 / best
    );
}
