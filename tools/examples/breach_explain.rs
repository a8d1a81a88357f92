//! Shows why the breach checker reads a text as it does: every sentence with the rules that
//! fire on it (notice signals marked `notice`), then the report's verdict.
//! `cargo run --release --example breach_explain -- FILE [en|de]`.

use haken::breach::check::{long_quotes, unquoted};
use haken::breach::rules::{prepare, LanguageRules};
use haken::breach::{embedded, BreachEngine};
use haken::lang::Lang;
use haken::policy::page::PageText;
use haken::policy::segment::sentences;
use haken::reader::decode::decode_html;
use haken::reader::html::HtmlTree;
use haken::text::fold;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: breach_explain FILE [en|de]");
        std::process::exit(2);
    };
    let bytes = std::fs::read(&path).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(1)
    });
    let text = if path.ends_with(".html") || path.ends_with(".htm") {
        let (html, _) = decode_html(&bytes).expect("decodable page");
        PageText::from_html(HtmlTree::parse(&html).html()).text
    } else {
        String::from_utf8_lossy(&bytes).into_owned()
    };
    let lang = args
        .next()
        .and_then(|l| Lang::from_tag(&l))
        .unwrap_or_else(|| Lang::guess(&fold(&text)));
    let rules = embedded::BREACH_FILES
        .iter()
        .map(LanguageRules::new)
        .collect::<Result<Vec<_>, _>>()
        .expect("embedded breach rules compile");
    let Some(rules) = rules.iter().find(|r| r.lang == lang) else {
        eprintln!("no breach rules for {}", lang.as_str());
        std::process::exit(1)
    };
    let quotes = long_quotes(&text);
    for span in sentences(&text) {
        let sentence = &text[span.start..span.end];
        let prepared = prepare(sentence);
        let hits = rules.hits(&prepared);
        // Signals that fire only inside a long quotation do not count.
        let rest = unquoted(&text, span, &quotes).map(|rest| rules.hits(&prepare(&rest)));
        let aside = if rules.is_aside(&prepared) {
            " (aside)"
        } else {
            ""
        };
        if rules.is_standing(&prepared) {
            println!("{:<60} | (standing policy voice)", "STANDING");
        }
        let ids: Vec<String> = hits
            .iter()
            .map(|h| match h.status {
                None if rest
                    .as_ref()
                    .is_some_and(|r| !r.iter().any(|o| o.rule == h.rule)) =>
                {
                    format!("NOTICE (quoted) {}", h.rule)
                }
                None => format!("NOTICE{aside} {}", h.rule),
                Some(s) => format!("{} {}", s.as_str(), h.rule),
            })
            .collect();
        let short: String = sentence.split_whitespace().collect::<Vec<_>>().join(" ");
        println!(
            "{:<60} | {}",
            ids.join(", "),
            short.chars().take(160).collect::<String>()
        );
    }
    let report = BreachEngine::new()
        .expect("embedded breach rules compile")
        .check(&text, Some(lang), None);
    println!("notice: {}", report.notice);
}
