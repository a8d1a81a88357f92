//! The permission reader on any page: listings, invitation links and their findings.
#![no_main]

use haken::permissions::{reader::scan_permissions, PermissionEngine};
use haken::reader::{decode::decode_html, html::HtmlTree};
use libfuzzer_sys::fuzz_target;

thread_local! {
    static ENGINE: PermissionEngine =
        PermissionEngine::new().expect("embedded permission rules compile");
}

fuzz_target!(|data: &[u8]| {
    let Ok((text, _)) = decode_html(data) else {
        return;
    };
    let tree = HtmlTree::parse(&text);
    ENGINE.with(|engine| {
        let scan = scan_permissions(&tree, engine, None);
        assert_eq!(scan.findings.len(), scan.nodes.len());
    });
});
