//! The extension's pre-check (`extension/content/precheck.js`) decides, without the engine,
//! whether a frame has anything to catch. Its selectors must be the engine's own, so that it
//! never says "nothing here" where the engine would read a control, a listing heading or an
//! invitation link: this test holds the copies in the JavaScript equal to the Rust constants.
//! (tests/e2e/precheck.test.mjs runs the pre-check itself on every labelled page.)

use haken::permissions::catalogue::MAX_HEADING_CHARS;
use haken::permissions::listing::{HEADINGS, MAX_HEADINGS};
use haken::permissions::reader::INVITE_LINKS;
use haken::reader::CANDIDATES;

fn precheck() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/extension/content/precheck.js"
    ))
    .expect("extension/content/precheck.js")
}

/// The value of `const NAME = ...;` in the pre-check (a single-quoted string or a number).
fn constant(source: &str, name: &str) -> String {
    let start = format!("const {name} = ");
    let line = source
        .lines()
        .map(str::trim)
        .find(|l| l.starts_with(&start))
        .unwrap_or_else(|| panic!("precheck.js has no `{start}`"));
    let value = line[start.len()..].trim_end_matches(';');
    match value.strip_prefix('\'') {
        Some(quoted) => quoted.trim_end_matches('\'').to_string(),
        None => value.replace('_', ""),
    }
}

#[test]
fn the_pre_check_uses_the_engines_selectors() {
    let js = precheck();
    for (name, rust) in [
        ("CANDIDATES", CANDIDATES),
        ("INVITE_LINKS", INVITE_LINKS),
        ("HEADINGS", HEADINGS),
    ] {
        assert_eq!(
            constant(&js, name),
            rust,
            "precheck.js {name} differs from Rust"
        );
    }
    assert_eq!(constant(&js, "MAX_HEADINGS"), MAX_HEADINGS.to_string());
    assert_eq!(
        constant(&js, "MAX_HEADING_CHARS"),
        MAX_HEADING_CHARS.to_string()
    );
}
