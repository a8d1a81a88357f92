//! For rule authors: NFA size and compile time of each rule, largest first.
//! `cargo run --release --example nfa_size`
use regex_automata::nfa::thompson::NFA;
use std::time::Instant;

fn main() {
    let (files, _) = haken::rules::embedded_specs();
    let mut rows = Vec::new();
    for (_, rules) in files {
        for r in rules {
            let start = Instant::now();
            let nfa = NFA::compiler()
                .syntax(haken::matcher::syntax_config())
                .configure(NFA::config().utf8(false))
                .build(&r.pattern)
                .expect("pattern compiles");
            rows.push((
                nfa.states().len(),
                start.elapsed().as_secs_f64() * 1e3,
                r.id,
            ));
        }
    }
    rows.sort_by_key(|r| std::cmp::Reverse(r.0));
    let total: usize = rows.iter().map(|r| r.0).sum();
    println!("{total} NFA states in {} rules", rows.len());
    for (states, ms, id) in rows.iter().take(15) {
        println!("{states:>7} states {ms:>6.2} ms  {id}");
    }
}
