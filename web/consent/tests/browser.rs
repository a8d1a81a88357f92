//! Browser tier: the live-DOM reader and presenter in headless Chromium
//! (`wasm-bindgen-test`; run by `make test`). Every fixture page is loaded into an iframe and
//! must give exactly the findings of its `expected.json`, which the native reader is held to
//! by `tests/fixtures.rs`: the two readers agree.
#![cfg(target_arch = "wasm32")]

use haken::consent::scan_tree;
use haken::{ConsentEngine, Finding};
use haken_web::dom::DomTree;
use js_sys::{Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{Document, HtmlIFrameElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

include!(concat!(env!("OUT_DIR"), "/fixtures_index.rs"));

/// Loads `html` into a fresh, visible 1024×768 iframe and waits for its `load` event.
async fn load(html: &str) -> (HtmlIFrameElement, Document) {
    let doc = web_sys::window().unwrap().document().unwrap();
    let frame: HtmlIFrameElement = doc.create_element("iframe").unwrap().dyn_into().unwrap();
    frame
        .set_attribute(
            "style",
            "width:1024px;height:768px;border:0;position:absolute;left:0;top:0",
        )
        .unwrap();
    frame.set_srcdoc(html);
    doc.body().unwrap().append_child(&frame).unwrap();
    // Chromium may first report the initial about:blank; wait for the srcdoc document itself.
    loop {
        if let Some(inner) = frame.content_document() {
            if inner.url().ok().as_deref() == Some("about:srcdoc")
                && Reflect::get(&inner, &"readyState".into())
                    .ok()
                    .and_then(|v| v.as_string())
                    .as_deref()
                    == Some("complete")
            {
                return (frame, inner);
            }
        }
        let loaded = Promise::new(&mut |resolve, _| frame.set_onload(Some(&resolve)));
        JsFuture::from(loaded).await.unwrap();
    }
}

#[wasm_bindgen_test]
async fn live_dom_reader_agrees_with_the_native_reader_on_every_fixture() {
    let engine = ConsentEngine::new().unwrap();
    assert!(
        FIXTURES.len() >= 10,
        "only {} fixtures embedded",
        FIXTURES.len()
    );
    let mut failures = Vec::new();
    for (name, page, expected) in FIXTURES {
        let (frame, doc) = load(page).await;
        let scan = scan_tree(&DomTree::new(doc.into()), &engine, None);
        let expected: Vec<Finding> = serde_json::from_str(expected).unwrap();
        if scan.findings != expected {
            failures.push(format!(
                "{name}:\n--- native (expected.json)\n{}\n--- live DOM\n{}",
                serde_json::to_string_pretty(&expected).unwrap(),
                serde_json::to_string_pretty(&scan.findings).unwrap()
            ));
        }
        frame.remove();
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[wasm_bindgen_test]
async fn reads_the_checked_property_not_only_the_attribute() {
    let page = r#"<html lang="en"><label><input type="checkbox" id="n"> Send me offers and news by email</label></html>"#;
    let (frame, doc) = load(page).await;
    let engine = ConsentEngine::new().unwrap();
    assert!(scan_tree(&DomTree::new(doc.clone().into()), &engine, None)
        .findings
        .is_empty());
    let input: HtmlInputElement = doc.get_element_by_id("n").unwrap().unchecked_into();
    input.set_checked(true);
    let findings = scan_tree(&DomTree::new(doc.into()), &engine, None).findings;
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].category, "marketing");
    frame.remove();
}

#[wasm_bindgen_test]
async fn reads_open_shadow_roots() {
    let page = r#"<html lang="de"><body><shop-optin></shop-optin><script>
        const root = document.querySelector('shop-optin').attachShadow({mode: 'open'});
        root.innerHTML = '<label><input type="checkbox" id="s" checked> Ja, schickt mir den Newsletter</label>';
        </script></body></html>"#;
    let (frame, doc) = load(page).await;
    let findings = scan_tree(
        &DomTree::new(doc.into()),
        &ConsentEngine::new().unwrap(),
        None,
    )
    .findings;
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(
        findings[0].element.as_ref().unwrap().selector,
        "html > body > shop-optin:nth-of-type(1) >>> #s"
    );
    frame.remove();
}

#[wasm_bindgen_test]
async fn computed_styles_hide_controls() {
    let page = r#"<html lang="en"><style>.gone{display:none}</style><body>
        <div class="gone"><label><input type="checkbox" id="a" checked> Share my details with partners</label></div>
        <label><input type="checkbox" id="b" checked> Share my details with partners</label></body></html>"#;
    let (frame, doc) = load(page).await;
    let findings = scan_tree(
        &DomTree::new(doc.into()),
        &ConsentEngine::new().unwrap(),
        None,
    )
    .findings;
    let flags: Vec<_> = findings.iter().map(|f| f.flags.len()).collect();
    assert_eq!(flags, vec![1, 0], "{findings:?}");
    frame.remove();
}

fn haken() -> haken_web::Haken {
    haken_web::Haken::new().unwrap()
}

fn marks(doc: &Document) -> Vec<String> {
    let list = doc.query_selector_all("[data-haken]").unwrap();
    (0..list.length())
        .map(|i| {
            list.item(i)
                .unwrap()
                .unchecked_into::<web_sys::Element>()
                .get_attribute("data-haken")
                .unwrap()
        })
        .collect()
}

#[wasm_bindgen_test]
async fn presenter_marks_idempotently_and_clears() {
    let (_, page, _) = FIXTURES
        .iter()
        .find(|(n, _, _)| *n == "de_checkout_fashion")
        .unwrap();
    let (frame, doc) = load(page).await;
    let h = haken();
    let root: web_sys::Node = doc.clone().into();
    let findings = js_sys::Array::from(&h.mark(&root, None).unwrap());
    assert!(findings.length() > 0);
    let first = marks(&doc);
    assert_eq!(first.len() as u32, findings.length());
    assert!(
        first.iter().all(|m| m.starts_with("preticked_consent:")),
        "{first:?}"
    );
    h.mark(&root, None).unwrap();
    assert_eq!(marks(&doc), first, "a second mark must not mark twice");
    assert_eq!(doc.query_selector_all("haken-marks").unwrap().length(), 1);
    h.clear(&root).unwrap();
    h.clear(&root).unwrap();
    assert!(marks(&doc).is_empty());
    assert_eq!(doc.query_selector_all("haken-marks").unwrap().length(), 0);
    frame.remove();
}

#[wasm_bindgen_test]
async fn label_markup_is_shown_as_text_never_run() {
    let page = r#"<html lang="en"><body><label><input type="checkbox" checked>
        &lt;img src=x onerror="window.pwned=1"&gt; Send me offers by email</label></body></html>"#;
    let (frame, doc) = load(page).await;
    let findings = js_sys::Array::from(
        &haken()
            .mark(&doc.clone().into(), Some("en".into()))
            .unwrap(),
    );
    assert_eq!(findings.length(), 1);
    let evidence = Reflect::get(&findings.get(0), &"evidence".into())
        .unwrap()
        .as_string()
        .unwrap();
    assert!(evidence.contains("<img src=x"), "{evidence}");
    // Give a would-be error handler the chance to run.
    let tick = Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 50)
            .unwrap();
    });
    JsFuture::from(tick).await.unwrap();
    let window = frame.content_window().unwrap();
    assert_eq!(
        Reflect::get(&window, &"pwned".into()).unwrap(),
        JsValue::UNDEFINED
    );
    frame.remove();
}

#[wasm_bindgen_test]
async fn marks_stay_on_fixed_banners_when_the_page_scrolls() {
    let page = r#"<html lang="en"><body style="margin:0;height:3000px">
        <div style="position:fixed;bottom:0;left:0;width:600px;background:#eee">
        <label id="l"><input type="checkbox" checked> Send me offers by email</label></div></body></html>"#;
    let (frame, doc) = load(page).await;
    haken().mark(&doc.clone().into(), None).unwrap();
    frame
        .content_window()
        .unwrap()
        .scroll_to_with_x_and_y(0.0, 1200.0);
    let label = doc
        .get_element_by_id("l")
        .unwrap()
        .get_bounding_client_rect();
    let y = label.top() + label.height() / 2.0;
    let hit = (0..30).any(|step| {
        let x = (label.right() + 4.0 + step as f64 * 8.0) as f32;
        doc.element_from_point(x, y as f32)
            .is_some_and(|e| e.local_name() == haken_web::presenter::HOST_TAG)
    });
    assert!(
        hit,
        "the badge of a fixed banner should stay beside it after scrolling"
    );
    frame.remove();
}

/// The categories of a `Haken::scan`, in order.
fn scanned(h: &haken_web::Haken, doc: &Document, lang: Option<&str>) -> Vec<String> {
    js_sys::Array::from(&h.scan(&doc.clone().into(), lang.map(String::from)).unwrap())
        .iter()
        .map(|f| {
            Reflect::get(&f, &"category".into())
                .unwrap()
                .as_string()
                .unwrap()
        })
        .collect()
}

#[wasm_bindgen_test]
async fn a_re_scan_answers_like_a_fresh_scan_after_every_kind_of_change() {
    let page = r#"<html lang="en"><style>.gone{display:none}</style><body>
        <div id="box"><label><input type="checkbox" id="a" checked> <span id="t">Send me offers by email</span></label></div>
        <label><input type="checkbox" id="b"> Share my details with partners</label>
        <shop-extra></shop-extra>
        <script>document.querySelector('shop-extra').attachShadow({mode: 'open'}).innerHTML =
          '<label><input type="checkbox" id="s"> Ja, schickt mir den Newsletter</label>';</script></body></html>"#;
    let (frame, doc) = load(page).await;
    let h = haken();
    let fresh = |doc: &Document| scanned(&haken(), doc, None);
    let mut expect = fresh(&doc);
    assert_eq!(expect, vec!["marketing"]);
    assert_eq!(scanned(&h, &doc, None), expect, "first scan");
    assert_eq!(scanned(&h, &doc, None), expect, "unchanged page");
    // Each change is followed by a scan in the same task: before any observer callback ran.
    let input =
        |id: &str| -> HtmlInputElement { doc.get_element_by_id(id).unwrap().unchecked_into() };
    input("b").set_checked(true);
    expect = fresh(&doc);
    assert_eq!(expect.len(), 2);
    assert_eq!(scanned(&h, &doc, None), expect, "a box ticked by script");
    doc.get_element_by_id("t")
        .unwrap()
        .first_child()
        .unwrap()
        .set_node_value(Some("Keep me signed in"));
    expect = fresh(&doc);
    assert_eq!(expect.len(), 1);
    assert_eq!(scanned(&h, &doc, None), expect, "a label's text changed");
    doc.get_element_by_id("t")
        .unwrap()
        .set_text_content(Some("Send me offers by email"));
    assert_eq!(scanned(&h, &doc, None).len(), 2, "the label's text back");
    doc.get_element_by_id("box").unwrap().set_class_name("gone");
    expect = fresh(&doc);
    assert_eq!(scanned(&h, &doc, None), expect, "a class hides a box");
    let shadow = doc
        .query_selector("shop-extra")
        .unwrap()
        .unwrap()
        .shadow_root()
        .unwrap();
    shadow
        .get_element_by_id("s")
        .unwrap()
        .unchecked_into::<HtmlInputElement>()
        .set_checked(true);
    expect = fresh(&doc);
    assert_eq!(expect.len(), 3, "{expect:?}");
    assert_eq!(
        scanned(&h, &doc, None),
        expect,
        "a box in a shadow root ticked"
    );
    shadow
        .get_element_by_id("s")
        .unwrap()
        .parent_element()
        .unwrap()
        .insert_adjacent_html("beforeend", " und teilt meine Daten mit Partnern")
        .unwrap();
    expect = fresh(&doc);
    assert_eq!(
        scanned(&h, &doc, None),
        expect,
        "text added in a shadow root"
    );
    let added = doc.create_element("div").unwrap();
    added.set_inner_html(
        r#"<label><input type="checkbox" checked> Add gift wrap for 3.99 EUR</label>"#,
    );
    doc.body().unwrap().append_child(&added).unwrap();
    expect = fresh(&doc);
    assert_eq!(scanned(&h, &doc, None), expect, "a control added");
    assert_eq!(
        scanned(&h, &doc, Some("de")),
        scanned(&haken(), &doc, Some("de")),
        "another language"
    );
    frame.remove();
}

#[wasm_bindgen_test]
async fn a_re_scan_after_ticks_and_unticks_agrees_with_a_fresh_scan_on_every_fixture() {
    let engine = ConsentEngine::new().unwrap();
    let h = haken();
    let mut failures = Vec::new();
    for (name, page, _) in FIXTURES {
        let (frame, doc) = load(page).await;
        let root: web_sys::Node = doc.clone().into();
        h.scan(&root, None).unwrap();
        let boxes = doc
            .query_selector_all("input[type=checkbox], input[type=radio]")
            .unwrap();
        // Up to six boxes spread over the page, each flipped and scanned, then flipped back.
        let step = (boxes.length() / 6).max(1);
        for i in (0..boxes.length()).step_by(step as usize) {
            let input: HtmlInputElement = boxes.item(i).unwrap().unchecked_into();
            for _ in 0..2 {
                input.set_checked(!input.checked());
                let warm = js_sys::JSON::stringify(&h.scan(&root, None).unwrap()).unwrap();
                let fresh = scan_tree(&DomTree::new(root.clone()), &engine, None).findings;
                let fresh = serde_json::to_string(&fresh).unwrap();
                let warm: serde_json::Value = serde_json::from_str(&String::from(warm)).unwrap();
                let fresh: serde_json::Value = serde_json::from_str(&fresh).unwrap();
                if warm != fresh {
                    failures.push(format!("{name}, box {i}:\n  warm  {warm}\n  fresh {fresh}"));
                }
            }
        }
        frame.remove();
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[wasm_bindgen_test]
fn bad_language_is_a_clear_error() {
    let doc = web_sys::window().unwrap().document().unwrap();
    let err = haken()
        .scan(&doc.into(), Some("fr".into()))
        .expect_err("fr is refused");
    let message = Reflect::get(&JsValue::from(err), &"message".into())
        .unwrap()
        .as_string()
        .unwrap();
    assert!(message.contains("unsupported language"), "{message}");
}

#[wasm_bindgen_test]
async fn live_dom_reader_meets_the_permission_targets() {
    use haken::permissions::PermissionEngine;
    use haken_tools::permissions::{score_page, Score};
    let engine = PermissionEngine::new().unwrap();
    let mut total = Score::default();
    for (name, page) in PERMISSION_PAGES {
        let (frame, doc) = load(page).await;
        let mut score = score_page(&DomTree::new(doc.into()), &engine);
        score.errors = score
            .errors
            .iter()
            .map(|e| format!("{name}: {e}"))
            .collect();
        total.add(score);
        frame.remove();
    }
    assert!(total.labelled >= 60, "{} labelled items", total.labelled);
    assert!(
        total.precision() >= 0.95 && total.recall() >= 0.95 && total.dropped == 0,
        "precision {:.3}, recall {:.3}, dropped {}:\n{}",
        total.precision(),
        total.recall(),
        total.dropped,
        total.errors.join("\n")
    );
}
