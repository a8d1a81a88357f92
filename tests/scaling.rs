//! Growth, not time: every reader and engine on hostile inputs that double in depth, length,
//! number of controls, attributes, labels per control and `aria-labelledby` references. Each
//! case is timed at n, 2n and 4n (best of five interleaved rounds), and the test asserts that quadrupling the
//! input costs at most 2.6² ≈ 6.8x the time — a quadratic reader would cost 16x. Timing ratios,
//! not absolute times, so a slow or loaded machine does not fail it.
//!
//! Timing needs an optimised build: in a debug build the tests are ignored, and `make test`
//! runs them with `cargo test --release --test scaling`, which `make bench` runs with
//! `--nocapture` to print the ratios.
//! The live-DOM reader and shadow roots are covered in the browser tier (web/consent/tests).

use haken::consent::scan_tree;
use haken::permissions::{reader::scan_permissions, PermissionEngine};
use haken::policy::segment::sentences;
use haken::policy::ClaimEngine;
use haken::reader::html::HtmlTree;
use haken::ConsentEngine;
use std::hint::black_box;
use std::time::{Duration, Instant};

/// Doubling the input may cost at most this factor in time (issue 18).
const DOUBLING: f64 = 2.6;

/// Rounds of timing; each round times every size once, so a burst of load elsewhere on the
/// machine hits all sizes alike, and the best round of each size counts.
const ROUNDS: usize = 5;

/// Times `run` on `make(n)`, `make(2n)` and `make(4n)`; prints and checks the growth.
fn assert_linear(name: &str, n: usize, make: impl Fn(usize) -> String, run: impl Fn(&str)) {
    run(&make(n / 4)); // warm up: compiled rules, allocator
    let inputs: Vec<String> = [n, 2 * n, 4 * n].iter().map(|&size| make(size)).collect();
    let mut times = [Duration::MAX; 3];
    for _ in 0..ROUNDS {
        for (input, best) in inputs.iter().zip(times.iter_mut()) {
            let start = Instant::now();
            run(black_box(input));
            *best = (*best).min(start.elapsed());
        }
    }
    let secs = |d: Duration| d.as_secs_f64().max(1e-6);
    let (first, second) = (
        secs(times[1]) / secs(times[0]),
        secs(times[2]) / secs(times[1]),
    );
    let overall = secs(times[2]) / secs(times[0]);
    println!(
        "{name:<38} n={n:<8} {:>8.1} ms  x2: {first:.2}  x4: {second:.2}  (4n/n {overall:.2}, limit {:.2})",
        secs(times[0]) * 1e3,
        DOUBLING * DOUBLING
    );
    assert!(
        overall <= DOUBLING * DOUBLING,
        "{name}: 4x the input took {overall:.2}x the time ({times:?}); growth is not linear"
    );
}

/// Parses and scans a page with the consent engine, as `haken scan` does.
fn scan_html() -> impl Fn(&str) {
    let engine = ConsentEngine::new().expect("embedded consent rules compile");
    move |html| {
        let tree = HtmlTree::parse(html);
        black_box(scan_tree(&tree, &engine, None));
    }
}

#[test]
#[cfg_attr(
    debug_assertions,
    ignore = "timing needs --release (make test runs it so)"
)]
fn html_reader_on_deep_nesting() {
    assert_linear(
        "html: checkbox under n nested divs",
        20_000,
        |n| {
            format!(
                "<form>{}<label><input type=checkbox checked> Newsletter abonnieren</label>{}</form>",
                "<div>".repeat(n),
                "</div>".repeat(n)
            )
        },
        scan_html(),
    );
}

#[test]
#[cfg_attr(
    debug_assertions,
    ignore = "timing needs --release (make test runs it so)"
)]
fn html_reader_on_stray_end_tags_and_unclosed_tags() {
    assert_linear(
        "html: n stray end tags under n divs",
        20_000,
        |n| {
            format!(
                "{}{}<label><input type=checkbox checked> Newsletter</label>",
                "<div>".repeat(n),
                "</span>".repeat(n)
            )
        },
        scan_html(),
    );
    assert_linear(
        "html: n tags never closed",
        20_000,
        |n| format!("<p>Text</p>{}", "<a title=\"x ".repeat(n)),
        scan_html(),
    );
}

#[test]
#[cfg_attr(
    debug_assertions,
    ignore = "timing needs --release (make test runs it so)"
)]
fn html_reader_on_many_controls() {
    assert_linear(
        "html: n pre-ticked controls",
        1_000,
        |n| {
            (0..n)
                .map(|i| {
                    format!(
                        "<p><label><input type=checkbox checked name=optin{i}> \
                         Ja, schickt mir Angebote per E-Mail ({i})</label></p>"
                    )
                })
                .collect()
        },
        scan_html(),
    );
}

#[test]
#[cfg_attr(
    debug_assertions,
    ignore = "timing needs --release (make test runs it so)"
)]
fn html_reader_on_many_attributes() {
    assert_linear(
        "html: one control with n attributes",
        4_000,
        |n| {
            let attributes: String = (0..n).map(|i| format!(" data-a{i}=\"v{i}\"")).collect();
            format!("<label><input type=checkbox checked{attributes}> Newsletter</label>")
        },
        scan_html(),
    );
}

#[test]
#[cfg_attr(
    debug_assertions,
    ignore = "timing needs --release (make test runs it so)"
)]
fn html_reader_on_many_labels_per_control() {
    assert_linear(
        "html: n labels for one control",
        8_000,
        |n| {
            let labels: String = (0..n)
                .map(|i| format!("<label for=box>Angebote {i}</label>"))
                .collect();
            format!("{labels}<input type=checkbox checked id=box>")
        },
        scan_html(),
    );
}

#[test]
#[cfg_attr(
    debug_assertions,
    ignore = "timing needs --release (make test runs it so)"
)]
fn html_reader_on_long_aria_labelledby_lists() {
    assert_linear(
        "html: aria-labelledby naming n ids",
        8_000,
        |n| {
            let ids: Vec<String> = (0..n).map(|i| format!("l{i}")).collect();
            let spans: String = ids
                .iter()
                .map(|id| format!("<span id={id}>Werbung</span>"))
                .collect();
            format!(
                "{spans}<input type=checkbox checked aria-labelledby=\"{}\">",
                ids.join(" ")
            )
        },
        scan_html(),
    );
}

/// The sentence of issue 18, with a NUL, a right-to-left mark, an entity and an emoji between.
fn hostile_promises(n: usize) -> String {
    "Wir verkaufen Ihre Daten niemals.\u{0}\u{200f}&amp;\u{1F600} ".repeat(n)
}

/// Sentences glued without a space, as scraped pages have them.
fn glued_promises(n: usize) -> String {
    "We never sell your data.Our partners show you ads.".repeat(n)
}

#[test]
#[cfg_attr(
    debug_assertions,
    ignore = "timing needs --release (make test runs it so)"
)]
fn segmentation_on_hostile_and_glued_text() {
    let split = |text: &str| {
        black_box(sentences(text));
    };
    assert_linear(
        "segment: hostile sentences",
        80_000,
        hostile_promises,
        split,
    );
    assert_linear("segment: glued sentences", 20_000, glued_promises, split);
    assert_linear(
        "segment: no punctuation",
        1_000_000,
        |n| "wort ".repeat(n),
        split,
    );
    assert_linear(
        "segment: blank lines",
        200_000,
        |n| "a\n\n".repeat(n),
        split,
    );
}

#[test]
#[cfg_attr(
    debug_assertions,
    ignore = "timing needs --release (make test runs it so)"
)]
fn claims_on_many_promises_and_breaking_clauses() {
    let engine = ClaimEngine::new().expect("embedded claim rules compile");
    let analyse = |text: &str| {
        black_box(engine.analyze(text, None, None));
    };
    // Thousands of promises: each breaking clause used to look at every promise.
    assert_linear("claims: hostile promises", 5_000, hostile_promises, analyse);
    assert_linear(
        "claims: glued promise+sharing",
        2_500,
        glued_promises,
        analyse,
    );
}

#[test]
#[cfg_attr(
    debug_assertions,
    ignore = "timing needs --release (make test runs it so)"
)]
fn permission_reader_on_long_listings() {
    let engine = PermissionEngine::new().expect("embedded permission rules compile");
    assert_linear(
        "permissions: listing of n items",
        1_000,
        |n| {
            let items: String = (0..n)
                .map(|i| format!("<li>Kontakte lesen ({i})</li><li>Standort ({i})</li>"))
                .collect();
            format!("<html lang=de><h2>App-Berechtigungen</h2><ul>{items}</ul></html>")
        },
        |html| {
            let tree = HtmlTree::parse(html);
            black_box(scan_permissions(&tree, &engine, None));
        },
    );
}
