//! `make eval`: precision, recall and category accuracy of the consent detector on the
//! labelled fixture pages (and any other folders given as arguments). `--rules-only` leaves the
//! model out, to show what it adds.

use haken::ConsentEngine;
use haken_tools::consent::{evaluate_dir, evaluate_labels, format_report};
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let verbose = std::env::args().any(|a| a == "-v" || a == "--verbose");
    let rules_only = std::env::args().any(|a| a == "--rules-only");
    let mut dirs: Vec<PathBuf> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .map(PathBuf::from)
        .collect();
    if dirs.is_empty() {
        dirs.push(PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../tests/fixtures"
        )));
    }
    let engine = match ConsentEngine::new() {
        Ok(e) if rules_only => e.without_model(),
        Ok(e) => e,
        Err(e) => {
            eprintln!("eval: rules do not load: {e}");
            return ExitCode::FAILURE;
        }
    };
    for dir in dirs {
        let is_corpus = dir.extension().is_some_and(|e| e == "jsonl");
        let result = if is_corpus {
            evaluate_labels(&engine, &dir)
        } else {
            evaluate_dir(&engine, &dir)
        };
        match result {
            Ok(report) => {
                println!(
                    "{}",
                    format_report(
                        &format!(
                            "consent detector{} on {}",
                            if rules_only { " (rules only)" } else { "" },
                            dir.display()
                        ),
                        &report
                    )
                );
                if verbose {
                    for miss in &report.misses {
                        println!("  {:<15} {:<26} {}", miss.what, miss.case, miss.detail);
                    }
                }
            }
            Err(e) => {
                eprintln!("eval: cannot read {}: {e}", dir.display());
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}
