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
    // Which rules the label and the context match on their own, for rule authors (compiled
    // once here; the engine matches all patterns in one pass).
    let patterns: Vec<_> = (engine.rules().rules.iter())
        .map(|r| haken::rules::compile(&r.spec.pattern).ok())
        .collect();
    let matching = |text: &str| {
        let folded = haken::text::fold(text);
        (engine.rules().rules.iter().zip(&patterns))
            .filter(|(_, m)| m.as_ref().is_some_and(|m| m.is_match(&folded)))
            .map(|(r, _)| r.spec.id.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    for item in labelled_controls(&text) {
        let control = &item.control;
        let verdict = engine.classify(control);
        println!(
            "{} {:?} on={} expect={} -> {}\n   label:   {}\n   context: {}\n   region:  {}\n   own={} legend={} field={}\n   label rules:   {}\n   context rules: {}",
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
            control.region,
            control.context_is_own,
            control.context_is_legend,
            control.field,
            matching(&control.label),
            matching(&control.context)
        );
    }
    ExitCode::SUCCESS
}
