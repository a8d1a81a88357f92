//! The native reader: an HTML5 parser (html5ever via scraper) building the same snapshot the
//! live-DOM reader builds, for the command line and fixture tests.
//!
//! Without a layout engine it sees the `checked` *attribute* (applying the browser's rule that
//! only the last pre-checked radio of a group stays checked) and visibility from the `hidden`
//! attribute, closed `<details>` and inline styles (`display:none`, `visibility:hidden`,
//! 1-pixel sizes, far negative `left`/`top`). Stylesheet rules are not evaluated.

use super::label::{associated_labels, LabelIndex};
use super::{nesting, Tree, CANDIDATES, LABELABLE};
use ego_tree::NodeId;
use scraper::{ElementRef, Html, Node, Selector};
use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};

/// A parsed HTML document with the indexes the reader needs.
pub struct HtmlTree {
    html: Html,
    candidates: Selector,
    labelable: Selector,
    labels_with_for: Selector,
    first_by_id: HashMap<String, NodeId>,
    label_index: OnceCell<LabelIndex<NodeId>>,
    unchecked_radios: HashSet<NodeId>,
    /// Start tags left out because they nested deeper than [`nesting::MAX_DEPTH`].
    flattened: usize,
    /// Attributes left out beyond [`nesting::MAX_ATTRIBUTES`] on one tag.
    attributes_dropped: usize,
    /// Each element's position among its siblings of the same tag (1-based), built on first use
    /// so that selectors for many flagged siblings cost one pass, not one walk each.
    nth_of_type: OnceCell<HashMap<NodeId, usize>>,
}

impl HtmlTree {
    /// Parses a document. Never fails: HTML5 parsing recovers from any input.
    /// Nesting deeper than a browser keeps is flattened first ([`nesting::bound_nesting`]), so
    /// parsing stays linear on hostile pages; [`HtmlTree::flattened`] says how much.
    pub fn parse(source: &str) -> HtmlTree {
        let bounded = nesting::bound_nesting(source, nesting::MAX_DEPTH);
        let mut tree = HtmlTree::from_html(Html::parse_document(&bounded.html));
        tree.flattened = bounded.flattened;
        tree.attributes_dropped = bounded.attributes_dropped;
        tree
    }

    /// How many start tags were left out because they nested deeper than
    /// [`nesting::MAX_DEPTH`] levels (their content was kept, one level up).
    pub fn flattened(&self) -> usize {
        self.flattened
    }

    /// How many attributes were left out because one tag had more than
    /// [`nesting::MAX_ATTRIBUTES`].
    pub fn attributes_dropped(&self) -> usize {
        self.attributes_dropped
    }

    /// The parsed document.
    pub fn html(&self) -> &Html {
        &self.html
    }

    fn from_html(html: Html) -> HtmlTree {
        // Both selectors are constants; parse errors would be caught by every test.
        let candidates = Selector::parse(CANDIDATES).expect("candidate selector parses");
        let labelable = Selector::parse(LABELABLE).expect("labelable selector parses");
        let labels_with_for = Selector::parse("label[for]").expect("label selector parses");
        let mut tree = HtmlTree {
            html,
            candidates,
            labelable,
            labels_with_for,
            first_by_id: HashMap::new(),
            label_index: OnceCell::new(),
            unchecked_radios: HashSet::new(),
            flattened: 0,
            attributes_dropped: 0,
            nth_of_type: OnceCell::new(),
        };
        tree.index();
        tree
    }

    fn index(&mut self) {
        // Radios pre-checked by attribute: per group (form owner + name) only the last stays on.
        let mut last_checked: HashMap<(Option<NodeId>, String), NodeId> = HashMap::new();
        let mut checked_radios = Vec::new();
        for node in self.html.root_element().descendants() {
            let Some(el) = ElementRef::wrap(node) else {
                continue;
            };
            let value = el.value();
            if let Some(id) = value.id() {
                self.first_by_id.entry(id.to_string()).or_insert(node.id());
            }
            let is_radio = value.name() == "input"
                && value
                    .attr("type")
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("radio"));
            if is_radio && value.attr("checked").is_some() {
                checked_radios.push(node.id());
                if let Some(name) = value.attr("name").filter(|n| !n.is_empty()) {
                    let form = el
                        .ancestors()
                        .find(|a| a.value().as_element().is_some_and(|e| e.name() == "form"))
                        .map(|a| a.id());
                    last_checked.insert((form, name.to_string()), node.id());
                }
            }
        }
        let winners: HashSet<NodeId> = last_checked.into_values().collect();
        for id in checked_radios {
            let named = self
                .element(id)
                .and_then(|e| e.value().attr("name"))
                .is_some_and(|n| !n.is_empty());
            if named && !winners.contains(&id) {
                self.unchecked_radios.insert(id);
            }
        }
    }

    /// Elements matching a CSS selector, in document order (for checking selectors).
    pub fn select_nodes(&self, selector: &str) -> Result<Vec<NodeId>, String> {
        let parsed = Selector::parse(selector).map_err(|e| format!("{selector:?}: {e:?}"))?;
        Ok(self.html.select(&parsed).map(|e| e.id()).collect())
    }

    fn element(&self, id: NodeId) -> Option<ElementRef<'_>> {
        self.html.tree.get(id).and_then(ElementRef::wrap)
    }

    fn in_template(&self, id: NodeId) -> bool {
        self.html.tree.get(id).is_some_and(|n| {
            n.ancestors().any(|a| {
                a.value()
                    .as_element()
                    .is_some_and(|e| e.name() == "template")
            })
        })
    }

    fn style(&self, id: NodeId) -> Vec<(String, String)> {
        self.element(id)
            .and_then(|e| e.value().attr("style"))
            .map(parse_style)
            .unwrap_or_default()
    }
}

/// Parses an inline `style` attribute into lower-case (property, value) pairs.
fn parse_style(style: &str) -> Vec<(String, String)> {
    style
        .split(';')
        .filter_map(|decl| {
            let (prop, value) = decl.split_once(':')?;
            let value = value.trim().to_ascii_lowercase();
            let value = value.trim_end_matches("!important").trim().to_string();
            Some((prop.trim().to_ascii_lowercase(), value))
        })
        .collect()
}

/// The number at the start of a CSS length and whether its unit is relative (em, %, vw ...).
fn css_length(value: &str) -> Option<(f64, bool)> {
    let end = value
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-' || c == '+'))
        .unwrap_or(value.len());
    let number: f64 = value[..end].parse().ok()?;
    let unit = value[end..].trim();
    Some((number, !(unit.is_empty() || unit == "px")))
}

fn far_negative(value: &str) -> bool {
    match css_length(value) {
        Some((n, false)) => n <= -500.0,
        Some((n, true)) => n <= -50.0,
        None => false,
    }
}

fn tiny(value: &str) -> bool {
    matches!(css_length(value), Some((n, false)) if n <= 1.0)
}

impl Tree for HtmlTree {
    type Node = NodeId;

    fn candidates(&self) -> Vec<NodeId> {
        self.html
            .select(&self.candidates)
            .map(|e| e.id())
            .filter(|&id| !self.in_template(id))
            .collect()
    }

    fn select(&self, selector: &str) -> Vec<NodeId> {
        self.select_nodes(selector)
            .unwrap_or_default()
            .into_iter()
            .filter(|&id| !self.in_template(id))
            .collect()
    }

    fn document_lang(&self) -> Option<String> {
        self.html
            .root_element()
            .value()
            .attr("lang")
            .map(str::to_string)
    }

    fn is_element(&self, n: &NodeId) -> bool {
        self.element(*n).is_some()
    }

    fn is_text(&self, n: &NodeId) -> bool {
        self.html
            .tree
            .get(*n)
            .is_some_and(|node| node.value().is_text())
    }

    fn tag(&self, n: &NodeId) -> String {
        self.element(*n)
            .map(|e| e.value().name().to_ascii_lowercase())
            .unwrap_or_default()
    }

    fn attr(&self, n: &NodeId, name: &str) -> Option<String> {
        self.element(*n)?.value().attr(name).map(str::to_string)
    }

    fn text(&self, n: &NodeId) -> String {
        let Some(node) = self.html.tree.get(*n) else {
            return String::new();
        };
        match node.value() {
            Node::Text(t) => t.to_string(),
            Node::Element(_) => node
                .descendants()
                .filter_map(|d| d.value().as_text().map(|t| t.to_string()))
                .collect(),
            _ => String::new(),
        }
    }

    fn parent_element(&self, n: &NodeId) -> Option<NodeId> {
        let parent = self.html.tree.get(*n)?.parent()?;
        parent.value().is_element().then(|| parent.id())
    }

    fn first_child(&self, n: &NodeId) -> Option<NodeId> {
        Some(self.html.tree.get(*n)?.first_child()?.id())
    }

    fn next_sibling(&self, n: &NodeId) -> Option<NodeId> {
        Some(self.html.tree.get(*n)?.next_sibling()?.id())
    }

    fn prev_sibling(&self, n: &NodeId) -> Option<NodeId> {
        Some(self.html.tree.get(*n)?.prev_sibling()?.id())
    }

    fn nth_of_type(&self, n: &NodeId, _tag: &str) -> usize {
        let index = self.nth_of_type.get_or_init(|| {
            let mut index = HashMap::new();
            let mut counts: HashMap<&str, usize> = HashMap::new();
            for node in self.html.tree.nodes() {
                counts.clear();
                for child in node.children() {
                    if let Some(el) = child.value().as_element() {
                        let k = counts.entry(el.name()).or_insert(0);
                        *k += 1;
                        index.insert(child.id(), *k);
                    }
                }
            }
            index
        });
        index.get(n).copied().unwrap_or(1)
    }

    fn element_by_id(&self, _near: &NodeId, id: &str) -> Option<NodeId> {
        self.first_by_id.get(id).copied()
    }

    fn labels(&self, n: &NodeId) -> Vec<NodeId> {
        let index = self.label_index.get_or_init(|| LabelIndex::build(self));
        associated_labels(self, index, n)
    }

    fn labels_with_for(&self) -> Vec<NodeId> {
        self.html
            .select(&self.labels_with_for)
            .map(|e| e.id())
            .collect()
    }

    fn first_labelable(&self, label: &NodeId) -> Option<NodeId> {
        self.element(*label)?
            .select(&self.labelable)
            .next()
            .map(|e| e.id())
    }

    fn contains_control(&self, n: &NodeId) -> bool {
        self.element(*n).is_some_and(|e| {
            self.candidates.matches(&e) || e.select(&self.candidates).next().is_some()
        })
    }

    fn count_controls(&self, n: &NodeId) -> usize {
        self.element(*n)
            .map_or(0, |e| e.select(&self.candidates).count())
    }

    fn checked(&self, n: &NodeId) -> bool {
        self.attr(n, "checked").is_some() && !self.unchecked_radios.contains(n)
    }

    fn css_invisible(&self, n: &NodeId) -> bool {
        let own = self.style(*n);
        let own_prop = |p: &str| {
            own.iter()
                .rev()
                .find(|(k, _)| k == p)
                .map(|(_, v)| v.as_str())
        };
        if own_prop("width").is_some_and(tiny) || own_prop("height").is_some_and(tiny) {
            return true;
        }
        let mut visibility_decided = false;
        let mut current = Some(*n);
        while let Some(id) = current {
            let style = self.style(id);
            let prop = |p: &str| {
                style
                    .iter()
                    .rev()
                    .find(|(k, _)| k == p)
                    .map(|(_, v)| v.clone())
            };
            if prop("display").as_deref() == Some("none") {
                return true;
            }
            if !visibility_decided {
                if let Some(v) = prop("visibility") {
                    if v == "hidden" || v == "collapse" {
                        return true;
                    }
                    visibility_decided = true;
                }
            }
            let positioned = matches!(prop("position").as_deref(), Some("absolute" | "fixed"));
            if positioned
                && (prop("left").is_some_and(|v| far_negative(&v))
                    || prop("top").is_some_and(|v| far_negative(&v)))
            {
                return true;
            }
            current = self.parent_element(&id);
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reader::label::label_text;

    fn first_candidate(html: &str) -> (HtmlTree, NodeId) {
        let tree = HtmlTree::parse(html);
        let first = tree.candidates()[0];
        (tree, first)
    }

    #[test]
    fn label_sources_in_priority_order() {
        let cases = [
            (
                r#"<span id=l>Via labelledby</span><input type=checkbox aria-labelledby=l aria-label=no>"#,
                "Via labelledby",
            ),
            (
                r#"<input type=checkbox aria-label=" Via  aria ">"#,
                "Via aria",
            ),
            (
                r#"<label for=x>For</label><input type=checkbox id=x>"#,
                "For",
            ),
            (
                r#"<label><input type=checkbox> Wrapping <b>bold</b></label>"#,
                "Wrapping bold",
            ),
            (r#"<input type=checkbox title="A title">"#, "A title"),
            (
                r#"<p><input type=checkbox> Beside it<br>next line</p>"#,
                "Beside it",
            ),
            (r#"<p>Before it <input type=checkbox></p>"#, "Before it"),
            (
                r#"<label><input type=checkbox><span>XL seat</span><span>18,00 €</span></label>"#,
                "XL seat 18,00 €",
            ),
            (
                r#"<label><input type=checkbox><span>At check-in</span><b>Free</b> E-<b>Mail</b></label>"#,
                "At check-in Free E-Mail",
            ),
            (
                r#"<div><span><input type=checkbox></span><span>In a sibling span</span></div>"#,
                "In a sibling span",
            ),
            (
                r#"<div role=checkbox aria-checked=true>Own text</div>"#,
                "Own text",
            ),
        ];
        for (html, expected) in cases {
            let (tree, n) = first_candidate(html);
            assert_eq!(label_text(&tree, &n), expected, "{html}");
        }
    }

    #[test]
    fn a_row_of_a_layout_table_or_definition_list_asks_the_question() {
        use crate::reader::label::surroundings;
        let cases = [
            (
                r#"<dl><dt>Weitergabe an Sponsoren</dt><dd><label><input type=radio checked> Ja</label></dd></dl>"#,
                "Weitergabe an Sponsoren",
            ),
            (
                r#"<table><tr><td>Rundbrief:</td><td><input type=checkbox checked> Ja</td></tr></table>"#,
                "Rundbrief:",
            ),
            (
                r#"<table><tr><td><b>Share my email with sponsors</b></td></tr><tr><td><input type=radio checked> Yes</td></tr></table>"#,
                "Share my email with sponsors",
            ),
            // A matrix: the channel of the row, then the legend that asks.
            (
                r#"<fieldset><legend>Offers?</legend><table><tr><th>Channel</th><th>Yes</th></tr><tr><td>Post</td><td><label><input type=radio checked> Yes</label></td></tr></table></fieldset>"#,
                "Post Offers?",
            ),
        ];
        for (html, expected) in cases {
            let (tree, n) = first_candidate(html);
            let around = surroundings(&tree, &n, &label_text(&tree, &n));
            assert_eq!(around.question, expected, "{html}");
            assert!(around.from_legend, "{html}");
        }
    }

    #[test]
    fn label_text_reads_like_rendered_text() {
        let (tree, n) = first_candidate(
            r#"<label><input type=checkbox><div>+ 3,99 €</div><div>Ersatz bei Bruch</div><script>x()</script><!-- note --><style>b{}</style></label>"#,
        );
        assert_eq!(label_text(&tree, &n), "+ 3,99 € Ersatz bei Bruch");
    }

    #[test]
    fn a_note_beside_a_label_and_a_described_note_belong_to_the_box() {
        let cases = [
            // A price set beside the label, in the box's own field.
            (
                r#"<div><input type=checkbox id=p><label for=p>Same-day picking</label> <span>+ 29,00 €</span></div>"#,
                "Same-day picking + 29,00 €",
            ),
            // The note a switch names by aria-describedby, right after its own box.
            (
                r#"<div><div><span role=switch aria-checked=true aria-labelledby=t aria-describedby=d></span><span id=t>Coach</span></div><p id=d>4 weeks free, then 9 € a month</p></div>"#,
                "Coach 4 weeks free, then 9 € a month",
            ),
            // A field with another control beside it keeps its label alone.
            (
                r#"<div><input type=checkbox id=a><label for=a>Gift wrap</label><span>+ 2 €</span><input type=checkbox></div>"#,
                "Gift wrap",
            ),
        ];
        for (html, expected) in cases {
            let (tree, n) = first_candidate(html);
            assert_eq!(label_text(&tree, &n), expected, "{html}");
        }
    }

    #[test]
    fn a_note_shared_by_radios_or_a_table_of_boxes_is_their_question() {
        use crate::reader::label::surroundings;
        let cases = [
            (
                r#"<section><p id=q>Insure your pass? 39 € a season.</p><label><input type=radio checked aria-describedby=q> Yes, insure</label><label><input type=radio aria-describedby=q> No</label></section>"#,
                "Yes, insure",
                "Insure your pass? 39 € a season.",
            ),
            (
                r#"<p id=q>Tick how we may contact you.</p><table><tr><th id=r>Email</th><td><input type=checkbox checked aria-labelledby=r aria-describedby=q></td><td><input type=checkbox aria-labelledby=r aria-describedby=q></td></tr></table>"#,
                "Email",
                "Tick how we may contact you.",
            ),
        ];
        for (html, label, question) in cases {
            let (tree, n) = first_candidate(html);
            let text = label_text(&tree, &n);
            assert_eq!(text, label, "{html}");
            let around = surroundings(&tree, &n, &text);
            assert!(
                around.question.starts_with(question),
                "{html}: {}",
                around.question
            );
            assert!(around.from_legend, "{html}");
        }
    }

    #[test]
    fn nearby_text_stops_at_other_controls() {
        let (tree, n) =
            first_candidate(r#"<div><input type=checkbox> <input type=checkbox> Second</div>"#);
        assert_eq!(label_text(&tree, &n), "");
    }

    #[test]
    fn only_last_checked_radio_of_a_group_is_on() {
        let tree = HtmlTree::parse(
            r#"<form><input type=radio name=a checked><input type=radio name=a checked></form>
               <input type=radio name=b checked>"#,
        );
        let c = tree.candidates();
        assert_eq!(
            (
                tree.checked(&c[0]),
                tree.checked(&c[1]),
                tree.checked(&c[2])
            ),
            (false, true, true)
        );
    }

    #[test]
    fn inline_style_visibility() {
        let invisible = [
            r#"<div style="display: none"><input type=checkbox></div>"#,
            r#"<input type=checkbox style="visibility:hidden">"#,
            r#"<input type=checkbox style="width:1px;height:1px">"#,
            r#"<div style="position:absolute; left:-9999px"><input type=checkbox></div>"#,
        ];
        for html in invisible {
            let (tree, n) = first_candidate(html);
            assert!(tree.css_invisible(&n), "{html}");
        }
        let visible = [
            r#"<div style="visibility:hidden"><input type=checkbox style="visibility:visible"></div>"#,
            r#"<input type=checkbox style="left:-9999px">"#,
            r#"<input type=checkbox style="width:20px">"#,
        ];
        for html in visible {
            let (tree, n) = first_candidate(html);
            assert!(!tree.css_invisible(&n), "{html}");
        }
    }

    #[test]
    fn template_content_is_not_a_candidate() {
        let tree = HtmlTree::parse("<template><input type=checkbox checked></template>");
        assert!(tree.candidates().is_empty());
    }
}
