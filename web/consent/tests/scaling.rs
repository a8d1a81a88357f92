//! Browser tier of the scaling suite (`tests/scaling.rs` is the native one): the live-DOM
//! reader on trees that double in depth, number of controls and shadow roots, built by script
//! (the HTML parser would flatten deep nesting itself; a script can nest without bound).
//! Asserts the growth ratio, not a time: quadrupling the input may cost at most 2.6² the time.
#![cfg(target_arch = "wasm32")]

use haken::consent::scan_tree;
use haken::ConsentEngine;
use haken_web::dom::DomTree;
use js_sys::{Function, Reflect};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Document, Element, ShadowRootInit, ShadowRootMode};

wasm_bindgen_test_configure!(run_in_browser);

const DOUBLING: f64 = 2.6;
const ROUNDS: usize = 3;

fn now() -> f64 {
    let performance = Reflect::get(&web_sys::window().unwrap(), &"performance".into()).unwrap();
    let now: Function = Reflect::get(&performance, &"now".into())
        .unwrap()
        .unchecked_into();
    now.call0(&performance).unwrap().as_f64().unwrap()
}

fn document() -> Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A fresh container in the test page, removed by the caller.
fn container() -> Element {
    let doc = document();
    let root = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    root
}

fn ticked_box(doc: &Document, label: &str) -> Element {
    let wrapper = doc.create_element("label").unwrap();
    wrapper.set_inner_html(&format!("<input type=checkbox checked> {label}"));
    wrapper
}

/// Builds each size with `build` (into a fresh container), scans it, and checks the growth.
fn assert_linear(name: &str, n: usize, build: impl Fn(&Element, usize)) {
    let engine = ConsentEngine::new().unwrap();
    let sizes = [n, 2 * n, 4 * n];
    let roots: Vec<Element> = sizes
        .iter()
        .map(|&size| {
            let root = container();
            build(&root, size);
            root
        })
        .collect();
    let mut best = [f64::MAX; 3];
    for _ in 0..ROUNDS {
        for (root, best) in roots.iter().zip(best.iter_mut()) {
            let tree = DomTree::new(root.clone().into()).pierce_shadow_roots(true);
            let start = now();
            let scan = scan_tree(&tree, &engine, None);
            *best = best.min((now() - start).max(0.1));
            assert!(!scan.findings.is_empty(), "{name}: nothing found");
        }
    }
    for root in roots {
        root.remove();
    }
    let overall = best[2] / best[0];
    console_log!(
        "{name}: n={n} {:.1} ms, x2 {:.2}, x4 {:.2}",
        best[0],
        best[1] / best[0],
        best[2] / best[1]
    );
    assert!(
        overall <= DOUBLING * DOUBLING,
        "{name}: 4x the input took {overall:.2}x the time ({best:?} ms)"
    );
}

#[wasm_bindgen_test]
fn live_dom_reader_on_script_built_deep_nesting() {
    assert_linear(
        "live DOM: n pre-ticked boxes each under 600 divs",
        8,
        |root, n| {
            let doc = document();
            for _ in 0..n {
                let mut parent = root.clone();
                for _ in 0..600 {
                    let div = doc.create_element("div").unwrap();
                    parent.append_child(&div).unwrap();
                    parent = div;
                }
                parent
                    .append_child(&ticked_box(&doc, "Newsletter abonnieren"))
                    .unwrap();
            }
        },
    );
}

#[wasm_bindgen_test]
fn live_dom_reader_on_many_controls() {
    assert_linear("live DOM: n pre-ticked boxes", 100, |root, n| {
        let html: String = (0..n)
            .map(|i| {
                format!(
                    "<p><label><input type=checkbox checked name=optin{i}> \
                     Ja, schickt mir Angebote per E-Mail</label></p>"
                )
            })
            .collect();
        root.set_inner_html(&html);
    });
}

#[wasm_bindgen_test]
fn live_dom_reader_on_many_shadow_roots() {
    assert_linear("live DOM: n shadow roots with a box", 50, |root, n| {
        let doc = document();
        for _ in 0..n {
            let host = doc.create_element("div").unwrap();
            root.append_child(&host).unwrap();
            let shadow = host
                .attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))
                .unwrap();
            shadow.set_inner_html(
                "<label><input type=checkbox checked> Ja, ich möchte den Newsletter</label>",
            );
        }
    });
}
