//! The live-DOM reader (wasm only): reads the page the shopper sees, through web-sys.
//!
//! It sees what the parser cannot: the `checked` *property* (a box ticked by script), computed
//! visibility and layout, and open shadow roots. Each call crosses the JS/wasm boundary, so
//! [`crate::consent::scan_tree`] asks for details only of flagged controls.

use haken::reader::label::{associated_labels, LabelIndex};
use haken::reader::{Tree, CANDIDATES, LABELABLE};
use std::cell::OnceCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, DocumentFragment, Element, HtmlInputElement, Node, ShadowRoot};

// Finding shadow hosts means looking at every element; one call into this loop costs far
// less than two boundary crossings per element from Rust. The two accessors answer for any
// node type in one crossing (Rust would first have to ask for `nodeType`).
#[wasm_bindgen(inline_js = "export function openShadowRoots(scope) { \
    const roots = []; const all = scope.getElementsByTagName ? scope.getElementsByTagName('*') : scope.querySelectorAll('*'); \
    for (let i = 0; i < all.length; i++) { const r = all[i].shadowRoot; if (r) roots.push(r); } \
    return roots; } \
    export function attributeOf(node, name) { return node.nodeType === 1 ? node.getAttribute(name) : null; } \
    export function tagOf(node) { return node.nodeType === 1 ? node.localName : ''; }")]
extern "C" {
    /// The open shadow roots of every element below `scope` (not nested ones).
    #[wasm_bindgen(js_name = openShadowRoots)]
    fn open_shadow_roots(scope: &Node) -> js_sys::Array;
    /// `getAttribute` for elements, `null` for other nodes.
    #[wasm_bindgen(js_name = attributeOf)]
    fn attribute_of(node: &Node, name: &JsValue) -> Option<String>;
    /// `localName` for elements, "" for other nodes.
    #[wasm_bindgen(js_name = tagOf)]
    fn tag_of(node: &Node) -> String;
}

#[wasm_bindgen]
extern "C" {
    /// An element seen through `checkVisibility`, which web-sys does not bind.
    type VisibilityCheck;
    /// `Element.checkVisibility(options)`; throws on browsers without it.
    #[wasm_bindgen(method, catch, js_name = checkVisibility)]
    fn check_visibility(this: &VisibilityCheck, options: &JsValue) -> Result<bool, JsValue>;
}

// Node types are checked with `nodeType`, never `instanceof` (`dyn_ref`): nodes of another
// frame are instances of *that* frame's constructors, and the demo scans iframes.

/// The node as an element, if it is one (any realm).
pub fn as_element(n: &Node) -> Option<&Element> {
    (n.node_type() == Node::ELEMENT_NODE).then(|| n.unchecked_ref::<Element>())
}

/// The node as a document, if it is one (any realm).
pub fn as_document(n: &Node) -> Option<&Document> {
    (n.node_type() == Node::DOCUMENT_NODE).then(|| n.unchecked_ref::<Document>())
}

/// The document a node belongs to (itself, for a document).
pub fn document_of(n: &Node) -> Option<Document> {
    as_document(n).cloned().or_else(|| n.owner_document())
}

/// The scroll offset of a window (0, 0 when there is none).
pub fn scroll_of(window: Option<&web_sys::Window>) -> (f64, f64) {
    window
        .map(|w| (w.scroll_x().unwrap_or(0.0), w.scroll_y().unwrap_or(0.0)))
        .unwrap_or((0.0, 0.0))
}

fn as_fragment(n: &Node) -> Option<&DocumentFragment> {
    (n.node_type() == Node::DOCUMENT_FRAGMENT_NODE).then(|| n.unchecked_ref::<DocumentFragment>())
}

fn as_shadow_root(n: &Node) -> Option<&ShadowRoot> {
    let is_shadow = as_fragment(n).is_some()
        && js_sys::Reflect::get(n, &"host".into()).is_ok_and(|h| h.is_object());
    is_shadow.then(|| n.unchecked_ref::<ShadowRoot>())
}

/// A document, shadow root or element subtree in the live page.
pub struct DomTree {
    root: Node,
    /// Attribute names as JS strings, made once: passing a `&str` would decode it every call.
    names: std::cell::RefCell<Vec<(String, JsValue)>>,
    pierce_shadow: bool,
    label_index: OnceCell<LabelIndex<Node>>,
    /// The root and every open shadow root below it (found once per tree).
    scopes: OnceCell<Vec<Node>>,
    /// Every candidate below the root (see [`DomTree::all_candidates`]).
    all_candidates: OnceCell<Vec<Node>>,
    visibility_options: JsValue,
    scroll: (f64, f64),
    /// When set, the candidates to read (a batch of a time-sliced or incremental scan).
    given: Option<Vec<Node>>,
    /// Answers to `select` found earlier (selector, elements), e.g. by a caller that looked at
    /// the page's elements in time slices: a large page's `querySelectorAll` is one long task.
    selected: Vec<(String, Vec<Node>)>,
    /// Recent `:nth-of-type` answers (element, tag, position): selectors of flagged siblings,
    /// asked in document order, walk back only to the last answered sibling of that tag.
    nth_cache: std::cell::RefCell<Vec<(Element, String, usize)>>,
}

/// Labels that name their control by id.
pub const LABELS_WITH_FOR: &str = "label[for]";

/// How many `:nth-of-type` answers a tree remembers.
const NTH_CACHE: usize = 16;

impl DomTree {
    /// Reads below `root` (a `Document`, `ShadowRoot` or `Element`), open shadow roots included.
    pub fn new(root: Node) -> DomTree {
        let options = js_sys::Object::new();
        // Cannot fail on a fresh plain object.
        let _ = js_sys::Reflect::set(&options, &"visibilityProperty".into(), &JsValue::TRUE);
        let scroll = scroll_of(document_of(&root).and_then(|d| d.default_view()).as_ref());
        DomTree {
            root,
            names: Default::default(),
            pierce_shadow: true,
            label_index: OnceCell::new(),
            scopes: OnceCell::new(),
            all_candidates: OnceCell::new(),
            visibility_options: options.into(),
            scroll,
            given: None,
            selected: Vec::new(),
            nth_cache: Default::default(),
        }
    }

    /// Reads only `controls` (candidates found earlier, e.g. by [`DomTree::all_candidates`]),
    /// while labels and questions are still looked up in the whole tree.
    pub fn with_candidates(mut self, controls: Vec<Node>) -> DomTree {
        self.given = Some(controls);
        self
    }

    /// Answers `select(selector)` with `elements` (what `querySelectorAll(selector)` on the root
    /// gives: the matching elements below it, in document order), found by the caller.
    pub fn with_selected(mut self, selector: &str, elements: Vec<Node>) -> DomTree {
        self.selected.push((selector.to_string(), elements));
        self
    }

    /// Every candidate control below the root, open shadow roots included, in document order
    /// (found once per tree: a scan reads them, and a caller may ask for them after it).
    pub fn all_candidates(&self) -> Vec<Node> {
        self.all_candidates
            .get_or_init(|| {
                let mut out = Vec::new();
                if let Some(e) = as_element(&self.root) {
                    if e.matches(CANDIDATES).unwrap_or(false) {
                        out.push(self.root.clone());
                    }
                }
                out.extend(
                    self.whole_scopes()
                        .iter()
                        .flat_map(|scope| query_all(scope, CANDIDATES)),
                );
                out
            })
            .clone()
    }

    /// The root and every open shadow root below it (when piercing), found once per tree.
    pub fn whole_scopes(&self) -> Vec<Node> {
        if self.given.is_none() {
            return self.scopes().to_vec();
        }
        let mut scopes = Vec::new();
        collect_scopes(&self.root, self.pierce_shadow, &mut scopes);
        scopes
    }

    /// Whether to read inside open shadow roots (default on). Finding them means looking at
    /// every element, which is most of a scan's cost on large pages without any.
    pub fn pierce_shadow_roots(mut self, pierce: bool) -> DomTree {
        self.pierce_shadow = pierce;
        self
    }

    fn scopes(&self) -> &[Node] {
        self.scopes.get_or_init(|| {
            let mut scopes = Vec::new();
            match &self.given {
                // A batch needs only the trees its controls live in (a `label[for]` labels
                // only within its own tree), not a walk over every element for shadow hosts.
                Some(given) => {
                    scopes.push(self.root.clone());
                    for n in given {
                        let root = n.get_root_node();
                        if self.pierce_shadow
                            && as_shadow_root(&root).is_some()
                            && !scopes.contains(&root)
                        {
                            scopes.push(root);
                        }
                    }
                }
                None => collect_scopes(&self.root, self.pierce_shadow, &mut scopes),
            }
            scopes
        })
    }

    /// Elements matching `selector` in every scope (root first, then shadow roots).
    fn select_all(&self, selector: &str) -> Vec<Node> {
        self.scopes()
            .iter()
            .flat_map(|scope| query_all(scope, selector))
            .collect()
    }

    /// The node this tree reads below.
    pub fn root(&self) -> &Node {
        &self.root
    }
}

fn query_all(scope: &Node, selector: &str) -> Vec<Node> {
    let list = if let Some(d) = as_document(scope) {
        d.query_selector_all(selector)
    } else if let Some(f) = as_fragment(scope) {
        f.query_selector_all(selector)
    } else if let Some(e) = as_element(scope) {
        e.query_selector_all(selector)
    } else {
        return Vec::new();
    };
    let Ok(list) = list else {
        return Vec::new();
    };
    (0..list.length()).filter_map(|i| list.item(i)).collect()
}

/// `scope` and, if `pierce`, every open shadow root below it (nested ones too).
fn collect_scopes(scope: &Node, pierce: bool, out: &mut Vec<Node>) {
    out.push(scope.clone());
    if !pierce {
        return;
    }
    for shadow in open_shadow_roots(scope).iter() {
        collect_scopes(shadow.unchecked_ref::<Node>(), pierce, out);
    }
}

impl Tree for DomTree {
    type Node = Node;

    fn candidates(&self) -> Vec<Node> {
        match &self.given {
            Some(given) => given.clone(),
            None => self.all_candidates(),
        }
    }

    fn select(&self, selector: &str) -> Vec<Node> {
        if let Some((_, elements)) = self.selected.iter().find(|(s, _)| s == selector) {
            return elements.clone();
        }
        query_all(&self.root, selector)
    }

    fn document_lang(&self) -> Option<String> {
        document_of(&self.root)?
            .document_element()?
            .get_attribute("lang")
    }

    fn is_element(&self, n: &Node) -> bool {
        n.node_type() == Node::ELEMENT_NODE
    }

    fn is_text(&self, n: &Node) -> bool {
        n.node_type() == Node::TEXT_NODE
    }

    fn tag(&self, n: &Node) -> String {
        let mut tag = tag_of(n);
        tag.make_ascii_lowercase();
        tag
    }

    fn attr(&self, n: &Node, name: &str) -> Option<String> {
        let mut names = self.names.borrow_mut();
        let position = names.iter().position(|(k, _)| k == name);
        let index = position.unwrap_or_else(|| {
            names.push((name.to_string(), JsValue::from_str(name)));
            names.len() - 1
        });
        attribute_of(n, &names[index].1)
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

    fn nth_of_type(&self, n: &Node, tag: &str) -> usize {
        let Some(element) = as_element(n) else {
            return 1;
        };
        let mut cache = self.nth_cache.borrow_mut();
        // The last answered element of this tag: in document order, the sibling a later
        // element's walk reaches first (one JS comparison per step, not one per entry).
        let known = cache.iter().rev().find(|(_, t, _)| t == tag).cloned();
        let mut index = 1;
        let mut cursor = element.previous_element_sibling();
        while let Some(sibling) = cursor {
            if let Some((e, _, position)) = &known {
                if *e == sibling {
                    index += position;
                    break;
                }
            }
            if tag_of(&sibling).eq_ignore_ascii_case(tag) {
                index += 1;
            }
            cursor = sibling.previous_element_sibling();
        }
        if cache.len() >= NTH_CACHE {
            cache.remove(0);
        }
        cache.push((element.clone(), tag.to_string(), index));
        index
    }

    fn element_by_id(&self, near: &Node, id: &str) -> Option<Node> {
        let root = near.get_root_node();
        if let Some(d) = as_document(&root) {
            return d.get_element_by_id(id).map(Into::into);
        }
        if let Some(s) = as_shadow_root(&root) {
            return s.get_element_by_id(id).map(Into::into);
        }
        None
    }

    fn labels(&self, n: &Node) -> Vec<Node> {
        let index = self.label_index.get_or_init(|| LabelIndex::build(self));
        associated_labels(self, index, n)
    }

    fn labels_with_for(&self) -> Vec<Node> {
        // Found earlier for the root's own tree (see `with_selected`): only the shadow roots
        // are asked here, not the whole document once per batch of a scan.
        if let Some((_, light)) = self.selected.iter().find(|(s, _)| s == LABELS_WITH_FOR) {
            let mut out = light.clone();
            for scope in self.scopes().iter().skip(1) {
                out.extend(query_all(scope, LABELS_WITH_FOR));
            }
            return out;
        }
        self.select_all(LABELS_WITH_FOR)
    }

    fn first_labelable(&self, label: &Node) -> Option<Node> {
        as_element(label)?
            .query_selector(LABELABLE)
            .ok()
            .flatten()
            .map(Into::into)
    }

    fn contains_control(&self, n: &Node) -> bool {
        as_element(n).is_some_and(|e| {
            e.matches(CANDIDATES).unwrap_or(false)
                || e.query_selector(CANDIDATES).ok().flatten().is_some()
        })
    }

    fn count_controls(&self, n: &Node) -> usize {
        as_element(n)
            .and_then(|e| e.query_selector_all(CANDIDATES).ok())
            .map_or(0, |l| l.length() as usize)
    }

    fn checked(&self, n: &Node) -> bool {
        // Only asked of `<input>` elements (see `Tree::checked`).
        n.unchecked_ref::<HtmlInputElement>().checked()
    }

    fn css_invisible(&self, n: &Node) -> bool {
        let Some(e) = as_element(n) else {
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

    fn invisible(&self, n: &Node) -> bool {
        // Computed style already covers the `hidden` attribute and closed `<details>`.
        self.css_invisible(n)
    }

    fn shadow_host(&self, n: &Node) -> Option<Node> {
        as_shadow_root(&n.get_root_node()).map(|s| s.host().into())
    }
}

/// The other radio buttons of `radio`'s group: same `name`, same form (or same document or
/// shadow root when it has no form).
pub fn radio_group(radio: &Node) -> Vec<Node> {
    let Some(e) = as_element(radio) else {
        return Vec::new();
    };
    let Some(name) = e.get_attribute("name").filter(|n| !n.is_empty()) else {
        return Vec::new();
    };
    let scope: Node = match e.closest("form") {
        Ok(Some(form)) => form.into(),
        _ => radio.get_root_node(),
    };
    query_all(&scope, "input[type=radio]")
        .into_iter()
        .filter(|m| m != radio)
        .filter(|m| {
            as_element(m)
                .and_then(|m| m.get_attribute("name"))
                .as_deref()
                == Some(&name)
        })
        .collect()
}
