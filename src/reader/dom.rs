//! The live-DOM reader (wasm only): reads the page the shopper sees, through web-sys.
//!
//! It sees what the parser cannot: the `checked` *property* (a box ticked by script), computed
//! visibility and layout, and open shadow roots. Each call crosses the JS/wasm boundary, so
//! [`super::scan_tree`] asks for details only of flagged controls.

use super::{Tree, CANDIDATES};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, DocumentFragment, Element, HtmlInputElement, Node, ShadowRoot};

#[wasm_bindgen]
extern "C" {
    /// An element seen through `checkVisibility`, which web-sys does not bind.
    type VisibilityCheck;
    /// `Element.checkVisibility(options)`; throws on browsers without it.
    #[wasm_bindgen(method, catch, js_name = checkVisibility)]
    fn check_visibility(this: &VisibilityCheck, options: &JsValue) -> Result<bool, JsValue>;
}

/// A document, shadow root or element subtree in the live page.
pub struct DomTree {
    root: Node,
    pierce_shadow: bool,
    visibility_options: JsValue,
    scroll: (f64, f64),
}

impl DomTree {
    /// Reads below `root` (a `Document`, `ShadowRoot` or `Element`), open shadow roots included.
    pub fn new(root: Node) -> DomTree {
        let options = js_sys::Object::new();
        // Cannot fail on a fresh plain object.
        let _ = js_sys::Reflect::set(&options, &"visibilityProperty".into(), &JsValue::TRUE);
        let window = root
            .owner_document()
            .or_else(|| root.dyn_ref::<Document>().cloned())
            .and_then(|d| d.default_view());
        let scroll = window
            .map(|w| (w.scroll_x().unwrap_or(0.0), w.scroll_y().unwrap_or(0.0)))
            .unwrap_or((0.0, 0.0));
        DomTree {
            root,
            pierce_shadow: true,
            visibility_options: options.into(),
            scroll,
        }
    }

    /// The node this tree reads below.
    pub fn root(&self) -> &Node {
        &self.root
    }

    fn document(&self) -> Option<Document> {
        self.root
            .dyn_ref::<Document>()
            .cloned()
            .or_else(|| self.root.owner_document())
    }
}

fn query_all(scope: &Node, selector: &str) -> Vec<Node> {
    let list = if let Some(d) = scope.dyn_ref::<Document>() {
        d.query_selector_all(selector)
    } else if let Some(f) = scope.dyn_ref::<DocumentFragment>() {
        f.query_selector_all(selector)
    } else if let Some(e) = scope.dyn_ref::<Element>() {
        e.query_selector_all(selector)
    } else {
        return Vec::new();
    };
    let Ok(list) = list else {
        return Vec::new();
    };
    (0..list.length()).filter_map(|i| list.item(i)).collect()
}

fn collect_candidates(scope: &Node, pierce: bool, out: &mut Vec<Node>) {
    out.extend(query_all(scope, CANDIDATES));
    if !pierce {
        return;
    }
    for host in query_all(scope, "*") {
        if let Some(shadow) = host.dyn_ref::<Element>().and_then(Element::shadow_root) {
            collect_candidates(&shadow.into(), pierce, out);
        }
    }
}

impl Tree for DomTree {
    type Node = Node;

    fn candidates(&self) -> Vec<Node> {
        let mut out = Vec::new();
        if let Some(e) = self.root.dyn_ref::<Element>() {
            if e.matches(CANDIDATES).unwrap_or(false) {
                out.push(self.root.clone());
            }
        }
        collect_candidates(&self.root, self.pierce_shadow, &mut out);
        out
    }

    fn document_lang(&self) -> Option<String> {
        self.document()?.document_element()?.get_attribute("lang")
    }

    fn is_element(&self, n: &Node) -> bool {
        n.node_type() == Node::ELEMENT_NODE
    }

    fn tag(&self, n: &Node) -> String {
        n.dyn_ref::<Element>()
            .map(|e| e.local_name().to_ascii_lowercase())
            .unwrap_or_default()
    }

    fn attr(&self, n: &Node, name: &str) -> Option<String> {
        n.dyn_ref::<Element>()?.get_attribute(name)
    }

    fn text(&self, n: &Node) -> String {
        n.text_content().unwrap_or_default()
    }

    fn parent_element(&self, n: &Node) -> Option<Node> {
        n.parent_element().map(Into::into)
    }

    fn first_child(&self, n: &Node) -> Option<Node> {
        n.first_child()
    }

    fn next_sibling(&self, n: &Node) -> Option<Node> {
        n.next_sibling()
    }

    fn prev_sibling(&self, n: &Node) -> Option<Node> {
        n.previous_sibling()
    }

    fn element_by_id(&self, near: &Node, id: &str) -> Option<Node> {
        let root = near.get_root_node();
        if let Some(d) = root.dyn_ref::<Document>() {
            return d.get_element_by_id(id).map(Into::into);
        }
        if let Some(s) = root.dyn_ref::<ShadowRoot>() {
            return s.get_element_by_id(id).map(Into::into);
        }
        None
    }

    fn labels(&self, n: &Node) -> Vec<Node> {
        let Some(list) = n.dyn_ref::<HtmlInputElement>().and_then(|i| i.labels()) else {
            return Vec::new();
        };
        (0..list.length()).filter_map(|i| list.item(i)).collect()
    }

    fn contains_control(&self, n: &Node) -> bool {
        n.dyn_ref::<Element>().is_some_and(|e| {
            e.matches(CANDIDATES).unwrap_or(false)
                || e.query_selector(CANDIDATES).ok().flatten().is_some()
        })
    }

    fn count_controls(&self, n: &Node) -> usize {
        n.dyn_ref::<Element>()
            .and_then(|e| e.query_selector_all(CANDIDATES).ok())
            .map_or(0, |l| l.length() as usize)
    }

    fn checked(&self, n: &Node) -> bool {
        n.dyn_ref::<HtmlInputElement>().is_some_and(|i| i.checked())
    }

    fn css_invisible(&self, n: &Node) -> bool {
        let Some(e) = n.dyn_ref::<Element>() else {
            return false;
        };
        match e
            .unchecked_ref::<VisibilityCheck>()
            .check_visibility(&self.visibility_options)
        {
            Ok(false) => return true,
            Ok(true) => {}
            Err(_) => {
                // Older engines: fall back to the element's own box.
                if e.get_client_rects().length() == 0 {
                    return true;
                }
            }
        }
        let r = e.get_bounding_client_rect();
        let (sx, sy) = self.scroll;
        r.width() <= 1.0 || r.height() <= 1.0 || r.right() + sx <= 0.0 || r.bottom() + sy <= 0.0
    }

    fn shadow_host(&self, n: &Node) -> Option<Node> {
        n.get_root_node()
            .dyn_into::<ShadowRoot>()
            .ok()
            .map(|s| s.host().into())
    }
}
