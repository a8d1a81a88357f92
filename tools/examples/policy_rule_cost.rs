//! Time per claim rule over a text file, for rule authors: a rule whose second pass is much
//! slower than the others keeps rebuilding lazy-DFA states (long `.{0,N}` gaps after common
//! words) and drags down the whole analysis.
//! `cargo run --release --example policy_rule_cost -- FILE`
use haken::matcher::Matcher;
use haken::policy::embedded::CLAIM_FILES;
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let text = std::fs::read_to_string(path).unwrap();
    let sents: Vec<String> = haken::policy::segment::sentences(&text)
        .iter()
        .map(|s| haken::text::fold(&text[s.start..s.end]))
        .collect();
    for f in CLAIM_FILES {
        for r in f.rules {
            let m = Matcher::new(&[r.pattern]).unwrap();
            let t = std::time::Instant::now();
            let n = sents.iter().filter(|s| m.is_match(s)).count();
            let t1 = t.elapsed();
            let t = std::time::Instant::now();
            let _ = sents.iter().filter(|s| m.is_match(s)).count();
            println!(
                "{:50} {:>6} hits {:>8.1?} first {:>8.1?} second",
                r.id,
                n,
                t1,
                t.elapsed()
            );
        }
    }
}
