//! Prints how the permission reader and catalogue do on the labelled pages of
//! `tests/permissions/` (or the folders given): per page and per language, the precision and
//! recall of the warnings shown in the page (medium/high), the share of items reported with the
//! labelled category, and every error. `cargo run --release --example permissions_quality`.

use haken::permissions::PermissionEngine;
use haken::reader::html::HtmlTree;
use haken::reader::Tree;
use haken_tools::permissions::{score_page, Score};
use std::collections::BTreeMap;
use std::path::PathBuf;

fn main() {
    let dirs: Vec<PathBuf> = match std::env::args().skip(1).collect::<Vec<_>>() {
        args if args.is_empty() => vec![PathBuf::from("tests/permissions")],
        args => args.into_iter().map(PathBuf::from).collect(),
    };
    let engine = PermissionEngine::new().expect("embedded permission rules compile");
    let mut by_lang: BTreeMap<String, Score> = BTreeMap::new();
    let mut total = Score::default();
    println!(
        "{:<28} {:>5} {:>9} {:>7} {:>9}",
        "page", "items", "precision", "recall", "category"
    );
    for dir in dirs {
        let mut pages: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "html"))
            .collect();
        pages.sort();
        for page in pages {
            let html = std::fs::read_to_string(&page).expect("readable page");
            let tree = HtmlTree::parse(&html);
            let score = score_page(&tree, &engine);
            let name = page.file_name().unwrap().to_string_lossy().to_string();
            println!(
                "{name:<28} {:>5} {:>9.3} {:>7.3} {:>9.3}",
                score.labelled,
                score.precision(),
                score.recall(),
                score.category_accuracy()
            );
            for e in &score.errors {
                println!("    {e}");
            }
            let lang = tree.document_lang().unwrap_or_else(|| "?".into());
            by_lang.entry(lang).or_default().add(score.clone());
            total.add(score);
        }
    }
    for (lang, s) in by_lang.iter().chain([(&"all".to_string(), &total)]) {
        println!(
            "{lang:<4} items {:>4}  warnings: precision {:.3} recall {:.3} ({} right, {} wrong, {} missed)  category {:.3}  dropped {}  false reports {}",
            s.labelled,
            s.precision(),
            s.recall(),
            s.true_flags,
            s.false_flags,
            s.missed_flags,
            s.category_accuracy(),
            s.dropped,
            s.false_reports
        );
    }
}
