//! Embeds the labelled pages of the repository's `tests/fixtures` and `tests/permissions` for
//! the browser tests, which cannot read files (`OUT_DIR/fixtures_index.rs`).

use std::fmt::Write as _;
use std::{env, fs, path::Path};

fn main() {
    let out_dir = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    fs::write(
        Path::new(&out_dir).join("fixtures_index.rs"),
        fixtures_index(),
    )
    .expect("write OUT_DIR");
}

/// `FIXTURES: &[(case, page.html, expected.json)]` for the browser tests, which cannot read
/// files: every case folder under tests/fixtures with both files.
fn fixtures_index() -> String {
    println!("cargo:rerun-if-changed=../../tests/fixtures");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let mut cases: Vec<_> = fs::read_dir(&root)
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    cases.sort();
    let mut out = String::from("/// Fixture cases: (name, page.html, expected.json).\npub const FIXTURES: &[(&str, &str, &str)] = &[\n");
    for case in cases {
        let (page, expected) = (case.join("page.html"), case.join("expected.json"));
        if page.is_file() && expected.is_file() {
            println!("cargo:rerun-if-changed={}", expected.display());
            let name = case.file_name().unwrap().to_string_lossy().to_string();
            let _ = writeln!(
                out,
                "    ({name:?}, include_str!({:?}), include_str!({:?})),",
                page.display().to_string(),
                expected.display().to_string()
            );
        }
    }
    out.push_str("];\n");
    out.push_str(&permission_pages_index());
    out
}

/// `PERMISSION_PAGES: &[(name, page.html)]`: the labelled pages of tests/permissions.
fn permission_pages_index() -> String {
    println!("cargo:rerun-if-changed=../../tests/permissions");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/permissions");
    let mut pages: Vec<_> = fs::read_dir(&root)
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    pages.retain(|p: &std::path::PathBuf| p.extension().is_some_and(|x| x == "html"));
    pages.sort();
    let mut out = String::from(
        "/// Labelled permission pages: (name, page.html).\npub const PERMISSION_PAGES: &[(&str, &str)] = &[\n",
    );
    for page in pages {
        let name = page.file_name().unwrap().to_string_lossy().to_string();
        let _ = writeln!(
            out,
            "    ({name:?}, include_str!({:?})),",
            page.display().to_string()
        );
    }
    out.push_str("];\n");
    out
}
