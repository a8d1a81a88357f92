//! For rule authors: every candidate control of a page with what the reader read (state,
//! label, context) and the engine's verdict. `cargo run --example explain -- page.html`

use haken::reader::decode::decode_html;
use haken::reader::html::HtmlTree;
use haken::reader::{element_ref, Tree};
use haken::ConsentEngine;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: explain PAGE.html");
        return ExitCode::from(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("explain: {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let text = match decode_html(&bytes) {
        Ok((t, _)) => t,
        Err(e) => {
            eprintln!("explain: {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let engine = match ConsentEngine::new() {
        Ok(e) => e,
        Err(e) => {
            eprintln!("explain: {e}");
            return ExitCode::FAILURE;
        }
    };
    let tree = HtmlTree::parse(&text);
    for node in tree.candidates() {
        let Some(mut control) = haken::consent::scan::read_candidate(&tree, &node) else {
            continue;
        };
        control.set_surroundings(haken::consent::scan::context_of(
            &tree,
            &node,
            &control.label,
        ));
        let verdict = engine.classify(&control);
        let expect = tree
            .attr(&node, "data-expect")
            .unwrap_or_else(|| "-".into());
        println!(
            "{} {:?} on={} expect={} -> {}\n   label:   {}\n   context: {}\n   region:  {}",
            element_ref(&tree, &node).selector,
            control.kind,
            control.on,
            expect,
            verdict
                .map(|v| match v.rule {
                    Some(r) => format!("{} {:?}", engine.rules().rules[r].spec.id, v.flags),
                    None => format!(
                        "model.{} {:?} {:?}",
                        v.category.as_str(),
                        v.model_words,
                        v.flags
                    ),
                })
                .unwrap_or_else(|| "-".into()),
            control.label,
            control.context,
            control.region
        );
    }
    ExitCode::SUCCESS
}
