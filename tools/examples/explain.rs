//! For rule authors: every candidate control of a page with what the reader read (state,
//! label, context) and the engine's verdict. `cargo run --example explain -- page.html`

use haken::reader::decode::decode_html;
use haken::ConsentEngine;
use haken_tools::consent::labelled_controls;
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
    for item in labelled_controls(&text) {
        let control = &item.control;
        let verdict = engine.classify(control);
        println!(
            "{} {:?} on={} expect={} -> {}\n   label:   {}\n   context: {}\n   region:  {}",
            item.selector,
            control.kind,
            control.on,
            item.expect.as_deref().unwrap_or("-"),
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
