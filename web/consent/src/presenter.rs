//! The in-page presenter (wasm only): marks each flagged element with
//! `data-haken="<kind>:<category>"` and draws an outline and a badge with the message.
//!
//! Our UI lives in a *closed* shadow root on one host element, so the shop's CSS cannot
//! restyle it, our CSS cannot leak into the shop, and the page's scripts cannot reach into it;
//! the reader skips it for the same reason. Text is only ever set with `textContent`.
#![deny(clippy::unwrap_used)]

use crate::dom::{as_element, document_of, scroll_of};
use haken::finding::Finding;
use wasm_bindgen::JsValue;
use web_sys::{Element, Node, ShadowRootInit, ShadowRootMode};

/// The tag of our host element.
pub const HOST_TAG: &str = "haken-marks";
/// The attribute that marks flagged elements.
pub const MARK_ATTR: &str = "data-haken";

const STYLE: &str = r#"
:host { all: initial; }
.box { box-sizing: border-box; border: 3px solid #c2185b; border-radius: 4px;
  box-shadow: 0 0 0 2px #fff; pointer-events: none; }
.badge { pointer-events: auto; font: 600 12px/1.3 system-ui, sans-serif;
  background: #c2185b; color: #fff; border: 2px solid #fff; border-radius: 12px; padding: 2px 8px;
  cursor: help; white-space: nowrap; max-width: 60vw; overflow: hidden; text-overflow: ellipsis; }
.badge:focus { outline: 3px solid #1a237e; outline-offset: 1px; }
.tip { display: none; pointer-events: auto; z-index: 1; width: 280px;
  font: 13px/1.45 system-ui, sans-serif; color: #1b1b1b; background: #fff; border: 2px solid #c2185b;
  border-radius: 6px; padding: 8px 10px; box-shadow: 0 4px 14px rgba(0,0,0,.25); }
.badge:hover + .tip, .badge:focus + .tip, .tip:hover { display: block; }
.tip .rule { display: block; margin-top: 4px; color: #555; font-size: 11px; }
"#;

/// Text the presenter shows, already in the right language.
pub struct Labels {
    /// Badge text per finding (same order as the findings).
    pub badges: Vec<String>,
    /// "Rule" in the user's language.
    pub rule_word: String,
}

/// Removes every mark and our host element. Safe to call any number of times.
pub fn clear(root: &Node) -> Result<(), JsValue> {
    let Some(doc) = document_of(root) else {
        return Ok(());
    };
    let hosts = doc.query_selector_all(HOST_TAG)?;
    for i in 0..hosts.length() {
        if let Some(host) = hosts.item(i).as_ref().and_then(as_element) {
            host.remove();
        }
    }
    let marked = doc.query_selector_all(&format!("[{MARK_ATTR}]"))?;
    for i in 0..marked.length() {
        if let Some(e) = marked.item(i).as_ref().and_then(as_element) {
            e.remove_attribute(MARK_ATTR)?;
        }
    }
    Ok(())
}

/// What one finding marks: the control and the labels that describe it.
pub struct Target {
    /// The flagged control.
    pub control: Node,
    /// Its `<label>`s and `aria-labelledby` elements (outlined together with it).
    pub labels: Vec<Node>,
}

/// A box in page (or, for fixed content, viewport) coordinates.
#[derive(Clone, Copy)]
struct Bounds {
    left: f64,
    top: f64,
    right: f64,
    bottom: f64,
    fixed: bool,
}

fn visible_rect(e: &Element) -> Option<web_sys::DomRect> {
    let r = e.get_bounding_client_rect();
    (r.width() > 1.0 && r.height() > 1.0).then_some(r)
}

/// The element whose box stands for `e`: itself, else its nearest ancestor with a box.
fn anchor(e: &Element) -> Element {
    let mut current = Some(e.clone());
    let mut depth = 0;
    while let Some(c) = current.filter(|_| depth <= haken::reader::MAX_ANCESTORS) {
        depth += 1;
        if visible_rect(&c).is_some() {
            return c;
        }
        current = c.parent_element();
    }
    e.clone()
}

/// Whether `e` sits in fixed-position content (then it does not move when the page scrolls).
fn in_fixed(window: Option<&web_sys::Window>, e: &Element) -> bool {
    let Some(window) = window else {
        return false;
    };
    let mut current = Some(e.clone());
    let mut depth = 0;
    while let Some(c) = current.filter(|_| depth <= haken::reader::MAX_ANCESTORS) {
        depth += 1;
        let fixed = window
            .get_computed_style(&c)
            .ok()
            .flatten()
            .and_then(|s| s.get_property_value("position").ok())
            .is_some_and(|p| p == "fixed");
        if fixed {
            return true;
        }
        current = c.parent_element();
    }
    false
}

/// The box around a control and its visible labels.
fn bounds(window: Option<&web_sys::Window>, target: &Target, scroll: (f64, f64)) -> Option<Bounds> {
    let control = as_element(&target.control)?;
    let anchor = anchor(control);
    let first = anchor.get_bounding_client_rect();
    let mut b = Bounds {
        left: first.left(),
        top: first.top(),
        right: first.right(),
        bottom: first.bottom(),
        fixed: in_fixed(window, &anchor),
    };
    for label in target.labels.iter().filter_map(as_element) {
        // A label far from its control (a `for` label elsewhere on the page) is not outlined.
        let near = |r: &web_sys::DomRect| {
            r.bottom() >= first.top() - NEAR
                && r.top() <= first.bottom() + NEAR
                && r.right() >= first.left() - NEAR
                && r.left() <= first.right() + NEAR
        };
        if let Some(r) = visible_rect(label).filter(near) {
            b.left = b.left.min(r.left());
            b.top = b.top.min(r.top());
            b.right = b.right.max(r.right());
            b.bottom = b.bottom.max(r.bottom());
        }
    }
    if !b.fixed {
        b.left += scroll.0;
        b.right += scroll.0;
        b.top += scroll.1;
        b.bottom += scroll.1;
    }
    Some(b)
}

/// Whole pixels: integer formatting keeps float-printing code out of the wasm.
fn px(v: f64) -> i64 {
    v.round() as i64
}

fn set_style(e: &Element, css: &str) -> Result<(), JsValue> {
    e.set_attribute("style", css)
}

/// How far (px) a label may be from its control and still be outlined with it.
const NEAR: f64 = 80.0;

/// Room a badge needs to the right of its box (badges are short: "⚠ Datenweitergabe").
const BADGE_ROOM: f64 = 190.0;

/// Marks `targets[i]` for `findings[i]`: `data-haken`, an outline around the control and its
/// labels, and a badge beside it (or above it, when there is no room) with the message.
pub fn mark(
    root: &Node,
    findings: &[Finding],
    targets: &[Target],
    labels: &Labels,
) -> Result<(), JsValue> {
    clear(root)?;
    let Some(doc) = document_of(root) else {
        return Ok(());
    };
    let Some(parent) = doc
        .body()
        .map(Element::from)
        .or_else(|| doc.document_element())
    else {
        return Ok(());
    };
    let window = doc.default_view();
    let scroll = scroll_of(window.as_ref());
    let viewport_width = window
        .as_ref()
        .and_then(|w| w.inner_width().ok())
        .and_then(|v| v.as_f64())
        .unwrap_or(1024.0);
    // Read every box before writing anything: a write between reads would force a layout each.
    let boxes: Vec<Option<Bounds>> = targets
        .iter()
        .map(|t| bounds(window.as_ref(), t, scroll))
        .collect();
    let host = doc.create_element(HOST_TAG)?;
    set_style(
        &host,
        "all: initial !important; position: absolute !important; top: 0 !important; \
         left: 0 !important; width: 0 !important; height: 0 !important; \
         z-index: 2147483647 !important; display: block !important;",
    )?;
    let shadow = host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Closed))?;
    let style = doc.create_element("style")?;
    style.set_text_content(Some(STYLE));
    shadow.append_child(&style)?;
    for (i, ((finding, target), placed)) in findings.iter().zip(targets).zip(boxes).enumerate() {
        let (Some(element), Some(b)) = (as_element(&target.control), placed) else {
            continue;
        };
        element.set_attribute(MARK_ATTR, &finding.mark())?;
        let position = if b.fixed { "fixed" } else { "absolute" };
        let outline = doc.create_element("div")?;
        outline.set_attribute("class", "box")?;
        set_style(
            &outline,
            &format!(
                "position:{position};left:{}px;top:{}px;width:{}px;height:{}px",
                px(b.left - 4.0),
                px(b.top - 4.0),
                px(b.right - b.left + 8.0),
                px(b.bottom - b.top + 8.0)
            ),
        )?;
        shadow.append_child(&outline)?;
        // Beside the box when the viewport has room, else just above its right end.
        let room_right =
            b.right - if b.fixed { 0.0 } else { scroll.0 } + BADGE_ROOM < viewport_width;
        let (badge_left, badge_top) = if room_right {
            (b.right + 10.0, b.top + (b.bottom - b.top) / 2.0 - 11.0)
        } else {
            ((b.right - BADGE_ROOM).max(b.left), (b.top - 28.0).max(0.0))
        };
        let tip_id = format!("haken-tip-{i}");
        let badge = doc.create_element("button")?;
        badge.set_attribute("class", "badge")?;
        badge.set_attribute("type", "button")?;
        badge.set_attribute("aria-describedby", &tip_id)?;
        badge.set_text_content(Some(
            labels.badges.get(i).map(String::as_str).unwrap_or("!"),
        ));
        set_style(
            &badge,
            &format!(
                "position:{position};left:{}px;top:{}px",
                px(badge_left),
                px(badge_top)
            ),
        )?;
        shadow.append_child(&badge)?;
        let tip = doc.create_element("div")?;
        tip.set_attribute("class", "tip")?;
        tip.set_attribute("role", "tooltip")?;
        tip.set_attribute("id", &tip_id)?;
        set_style(
            &tip,
            &format!(
                "position:{position};left:{}px;top:{}px",
                px(badge_left),
                px(badge_top + 26.0)
            ),
        )?;
        tip.set_text_content(Some(&finding.message));
        let rule = doc.create_element("span")?;
        rule.set_attribute("class", "rule")?;
        rule.set_text_content(Some(&format!("{}: {}", labels.rule_word, finding.rule)));
        tip.append_child(&rule)?;
        shadow.append_child(&tip)?;
    }
    parent.append_child(&host)?;
    Ok(())
}
