//! Readers shared by every detector: a document as a small [`Tree`] trait.
//!
//! Both readers, the live DOM (`web/consent/src/dom.rs`) and parsed HTML (`html`, native), implement
//! the small [`Tree`] trait; everything that decides *what* is read (candidates, labels, the
//! question around a control, selectors, visibility rules) is written once here, so the two
//! readers agree by construction. Only the `checked` state (property vs. attribute) and CSS
//! visibility (computed vs. inline styles) differ.

pub mod label;
mod selector;
pub mod visibility;

#[cfg(feature = "cli")]
pub mod decode;
#[cfg(feature = "cli")]
pub mod html;
#[cfg(feature = "cli")]
pub mod nesting;

use crate::finding::ElementRef;

pub use selector::css_escape;

/// Elements a `<label>` can label (HTML "labelable elements").
pub const LABELABLE: &str =
    "button, input:not([type=hidden]), meter, output, progress, select, textarea";

/// The CSS selector for candidate controls; one `querySelectorAll` per document.
pub const CANDIDATES: &str = "input[type=checkbox], input[type=radio], [role=checkbox], \
    [role=switch], button[aria-pressed]";

/// What a reader needs from a document. `Node` is a cheap handle (element or text node).
pub trait Tree {
    /// A node handle.
    type Node: Clone + PartialEq;

    /// Elements matching [`CANDIDATES`], in document order (including open shadow roots where
    /// the tree has them).
    fn candidates(&self) -> Vec<Self::Node>;
    /// Elements matching a CSS selector below the tree's root, in document order (not inside
    /// shadow roots or templates); empty for a selector the tree cannot parse.
    fn select(&self, selector: &str) -> Vec<Self::Node>;
    /// The root element's `lang` attribute.
    fn document_lang(&self) -> Option<String>;
    /// Whether `n` is an element (else a text or other node).
    fn is_element(&self, n: &Self::Node) -> bool;
    /// Whether `n` is a text node (not an element, comment or other node).
    fn is_text(&self, n: &Self::Node) -> bool;
    /// Lower-case tag name; empty for non-elements.
    fn tag(&self, n: &Self::Node) -> String;
    /// An attribute's value.
    fn attr(&self, n: &Self::Node, name: &str) -> Option<String>;
    /// The DOM `textContent` of an element or text node.
    fn text(&self, n: &Self::Node) -> String;
    /// The parent, if it is an element (not the document or a shadow root).
    fn parent_element(&self, n: &Self::Node) -> Option<Self::Node>;
    /// The first child node.
    fn first_child(&self, n: &Self::Node) -> Option<Self::Node>;
    /// The next sibling node (elements and text).
    fn next_sibling(&self, n: &Self::Node) -> Option<Self::Node>;
    /// The previous sibling node (elements and text).
    fn prev_sibling(&self, n: &Self::Node) -> Option<Self::Node>;
    /// The first element with this id in the tree (document or shadow root) holding `near`.
    fn element_by_id(&self, near: &Self::Node, id: &str) -> Option<Self::Node>;
    /// The `<label>` elements of an `<input>` (HTML `labels`). Only called for `<input>`
    /// elements. Implementations keep a [`label::LabelIndex`] and answer with
    /// [`label::associated_labels`], so the association rule is written once.
    fn labels(&self, n: &Self::Node) -> Vec<Self::Node>;
    /// Every `label[for]` element in the tree, in document order (to build a label index).
    fn labels_with_for(&self) -> Vec<Self::Node>;
    /// The first labelable descendant of a `<label>` (`button, input:not([type=hidden]), ...`).
    fn first_labelable(&self, label: &Self::Node) -> Option<Self::Node>;
    /// Whether `n` is, or contains, a candidate control.
    fn contains_control(&self, n: &Self::Node) -> bool;
    /// How many candidate controls `n` contains (itself excluded).
    fn count_controls(&self, n: &Self::Node) -> usize;
    /// The checkedness of an `<input>`. Only called for `<input>` elements.
    fn checked(&self, n: &Self::Node) -> bool;
    /// Whether CSS makes this element invisible (display, visibility, size, position).
    fn css_invisible(&self, n: &Self::Node) -> bool;
    /// Whether the shopper cannot see this element: by default the `hidden` attribute or a
    /// closed `<details>` on the way up, then [`Tree::css_invisible`]. A live DOM, whose
    /// computed style already covers both, overrides this with the computed answer alone.
    fn invisible(&self, n: &Self::Node) -> bool {
        visibility::structurally_hidden(self, n) || self.css_invisible(n)
    }
    /// The 1-based position of element `n` among its element siblings with tag `tag` (CSS
    /// `:nth-of-type`). By default a walk over the previous siblings; a tree that answers for
    /// many siblings keeps an index instead.
    fn nth_of_type(&self, n: &Self::Node, tag: &str) -> usize {
        let mut index = 1;
        let mut cursor = self.prev_sibling(n);
        while let Some(s) = cursor {
            if self.is_element(&s) && self.tag(&s) == tag {
                index += 1;
            }
            cursor = self.prev_sibling(&s);
        }
        index
    }
    /// The host element when `n` sits in a shadow root.
    fn shadow_host(&self, _n: &Self::Node) -> Option<Self::Node> {
        None
    }
}

/// The most ancestors any walk up the tree visits. A browser's parser nests at most 512 levels
/// (and the native reader flattens the same way), but a script can build deeper trees; walks that
/// stop here keep the reader linear in the number of controls on such a page.
pub const MAX_ANCESTORS: usize = 1024;

/// The element reference of a node.
pub fn element_ref<T: Tree>(tree: &T, n: &T::Node) -> ElementRef {
    let non_empty = |v: Option<String>| v.filter(|s| !s.is_empty());
    ElementRef {
        id: non_empty(tree.attr(n, "id")),
        name: non_empty(tree.attr(n, "name")),
        selector: selector::selector(tree, n),
    }
}
