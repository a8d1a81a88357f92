//! The HTML reader and the consent engine on any bytes: decoding, the nesting bound, parsing,
//! reading candidates and their labels, and the findings' invariants.
#![no_main]

use haken::consent::scan_tree;
use haken::policy::page::PageText;
use haken::reader::{decode::decode_html, html::HtmlTree};
use haken::ConsentEngine;
use libfuzzer_sys::fuzz_target;

thread_local! {
    static ENGINE: ConsentEngine = ConsentEngine::new().expect("embedded consent rules compile");
}

fuzz_target!(|data: &[u8]| {
    let Ok((text, _)) = decode_html(data) else {
        return; // binary input is refused with a message, not read
    };
    let tree = HtmlTree::parse(&text);
    ENGINE.with(|engine| {
        let scan = scan_tree(&tree, engine, None);
        assert_eq!(scan.findings.len(), scan.nodes.len());
        for finding in &scan.findings {
            assert!(!finding.message.is_empty());
        }
    });
    let page = PageText::from_html(tree.html());
    assert!(page.text.len() <= text.len() * 4 + 1024);
});
