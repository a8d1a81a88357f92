//! Native figures for issue "pre-ticked consent boxes": engine throughput on a generated
//! 10,000-element checkout with 300 controls. `cargo bench --bench engine` (or `make bench`).

use haken::reader::html::HtmlTree;
use haken::reader::scan_tree;
use haken::synthetic::checkout;
use haken::Engine;
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
    let (compile, engine) = best_of(5, || Engine::new().expect("rules load"));
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
        "  classify only (engine):            {:>8.2} ms  ({:.0} controls/s)",
        classify * 1e3,
        controls as f64 / classify
    );
}
