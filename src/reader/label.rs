//! Label and context resolution, shared by both readers.

use super::Tree;
use crate::text::{collapse_whitespace, truncate_chars};
use std::collections::HashMap;

/// `label[for]` elements by the id they name, built once per tree. Browsers' own
/// `input.labels` is a live list that walks the whole document on first use and after every
/// change, which makes a first scan of a large page quadratic.
pub struct LabelIndex<N> {
    by_for: HashMap<String, Vec<N>>,
}

impl<N: Clone + PartialEq> LabelIndex<N> {
    /// Indexes every `label[for]` of `tree`.
    pub fn build<T: Tree<Node = N>>(tree: &T) -> LabelIndex<N> {
        let mut by_for: HashMap<String, Vec<N>> = HashMap::new();
        for label in tree.labels_with_for() {
            if let Some(target) = tree.attr(&label, "for") {
                by_for.entry(target).or_default().push(label);
            }
        }
        LabelIndex { by_for }
    }
}

/// The elements that describe a control: its `<label>`s (inputs only) and the elements its
/// `aria-labelledby` names. Used for the `hidden` rule and for outlining a finding.
pub fn describing_elements<T: Tree>(tree: &T, n: &T::Node) -> Vec<T::Node> {
    let mut described = if tree.tag(n) == "input" {
        tree.labels(n)
    } else {
        Vec::new()
    };
    if let Some(ids) = tree.attr(n, "aria-labelledby") {
        described.extend(
            ids.split_whitespace()
                .filter_map(|id| tree.element_by_id(n, id)),
        );
    }
    described
}

/// The labels of an input (HTML's rule): the nearest ancestor `<label>` without `for` whose
/// first labelable descendant it is, then every `label[for]` naming its id, when it is the
/// first element with that id.
pub fn associated_labels<T: Tree>(
    tree: &T,
    index: &LabelIndex<T::Node>,
    n: &T::Node,
) -> Vec<T::Node> {
    let mut labels = Vec::new();
    let mut ancestor = tree.parent_element(n);
    let mut depth = 0;
    while let Some(a) = ancestor.filter(|_| depth < super::MAX_ANCESTORS) {
        depth += 1;
        if tree.tag(&a) == "label" {
            if tree.attr(&a, "for").is_none() && tree.first_labelable(&a).as_ref() == Some(n) {
                labels.push(a);
            }
            break;
        }
        ancestor = tree.parent_element(&a);
    }
    if let Some(id) = tree.attr(n, "id").filter(|id| !id.is_empty()) {
        if let Some(named) = index.by_for.get(&id) {
            if tree.element_by_id(n, &id).as_ref() == Some(n) {
                // `by_for` lists each label once; only the ancestor label can repeat.
                let ancestor = labels.first().cloned();
                labels.extend(
                    named
                        .iter()
                        .filter(|label| ancestor.as_ref() != Some(*label))
                        .cloned(),
                );
            }
        }
    }
    labels
}

/// Nearby text is gathered up to this many characters.
const MAX_NEARBY_CHARS: usize = 400;
/// Context (the question around a control) is cut at this many characters.
const MAX_CONTEXT_CHARS: usize = 600;
/// Longest text of a control's own box that is read as its description.
const MAX_OWN_DESCRIPTION_CHARS: usize = 320;
/// Longest note beside a label that still reads as part of it.
const MAX_CONTINUATION_CHARS: usize = 160;
/// Region text (a banner or dialog around the control) is cut at this many characters.
const MAX_REGION_CHARS: usize = 1200;

/// Elements that end a run of inline text beside a control.
const TEXT_BREAKS: &[&str] = &[
    "br", "hr", "p", "div", "li", "ul", "ol", "table", "tr", "td", "th", "form", "fieldset",
    "section", "article", "aside", "header", "footer", "nav", "h1", "h2", "h3", "h4", "h5", "h6",
    "script", "style", "template", "select", "textarea", "dialog", "details",
];

/// Elements whose boundaries separate words in rendered text ("4,99 €</div><div>Ersatz").
pub(crate) const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "legend",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "td",
    "th",
    "tr",
    "ul",
];
/// Elements whose content is not text a shopper reads.
pub(crate) const NOT_TEXT: &[&str] = &["script", "style", "template", "noscript"];

/// The text of a (small) element as a shopper reads it: text nodes in order, a space at block
/// boundaries, no script or style content. Used for labels and nearby text; larger regions use
/// `textContent` (cheaper). Stops after `limit` bytes.
pub fn readable_text<T: Tree>(tree: &T, n: &T::Node, limit: usize) -> String {
    if !tree.is_element(n) {
        return if tree.is_text(n) {
            tree.text(n)
        } else {
            String::new()
        };
    }
    let mut out = String::new();
    let mut open: Vec<(T::Node, bool)> = Vec::new();
    let mut next = tree.first_child(n);
    loop {
        let Some(node) = next else {
            // Climb out of finished elements.
            match open.pop() {
                Some((element, block)) => {
                    if block {
                        out.push(' ');
                    }
                    next = tree.next_sibling(&element);
                    continue;
                }
                None => break,
            }
        };
        let tag = tree.tag(&node);
        if tag.is_empty() {
            if tree.is_text(&node) {
                let text = tree.text(&node);
                if glued(&out, &text) {
                    out.push(' ');
                }
                out.push_str(&text);
            }
            next = tree.next_sibling(&node);
        } else if NOT_TEXT.contains(&tag.as_str()) {
            next = tree.next_sibling(&node);
        } else {
            let block = BLOCKS.contains(&tag.as_str());
            if block {
                out.push(' ');
            }
            next = tree.first_child(&node);
            open.push((node, block));
        }
        if out.len() > limit {
            break;
        }
    }
    out
}

/// Whether two texts of different nodes meet without a space where the page shows a gap: a
/// price set in its own element beside a word ("Beinfreiheit</span><span>18,00 €", "check-in
/// </span><span>Free"). Only a letter meeting a digit or currency sign, a digit meeting a
/// letter, or a lower-case letter meeting a capital; "E-<b>Mail</b>" stays one word.
fn glued(before: &str, after: &str) -> bool {
    let (Some(a), Some(b)) = (before.chars().next_back(), after.chars().next()) else {
        return false;
    };
    let currency = |c: char| matches!(c, '€' | '$' | '£');
    (a.is_alphabetic() && (b.is_ascii_digit() || currency(b)))
        || (a.is_ascii_digit() && b.is_alphabetic())
        || (a.is_lowercase() && b.is_uppercase())
}

/// Ancestors whose text is the neighbourhood of a control with no label of its own.
const LABEL_SCOPE_STOPS: &[&str] = &[
    "form", "fieldset", "body", "html", "dialog", "table", "ul", "ol",
];

fn ids_text<T: Tree>(tree: &T, n: &T::Node, ids: &str) -> String {
    let parts: Vec<String> = ids
        .split_whitespace()
        .filter_map(|id| tree.element_by_id(n, id))
        .map(|e| readable_text(tree, &e, MAX_NEARBY_CHARS * 4))
        .collect();
    collapse_whitespace(&parts.join(" "))
}

/// The accessible label of a control, with the fallbacks real checkouts need:
/// `aria-labelledby`, `aria-label`, `<label>` (for/wrapping), own text (ARIA widgets),
/// `title`, then the text beside the control.
pub fn label_text<T: Tree>(tree: &T, n: &T::Node) -> String {
    let mut text = primary_label(tree, n);
    let (note, own_note) = description(tree, n);
    let note = if own_note { note } else { String::new() };
    for extra in [label_continuation(tree, n), note] {
        if !extra.is_empty() && !text.contains(extra.as_str()) {
            text = if text.is_empty() {
                extra
            } else {
                format!("{text} {extra}")
            };
        }
    }
    text
}

/// The inline text right after a control's `<label>` when the label's parent holds no other
/// control: a price or note set beside the label ("Same-day picking" `<span>+ 29,00 €</span>`)
/// reads as one line with it.
fn label_continuation<T: Tree>(tree: &T, n: &T::Node) -> String {
    if tree.tag(n) != "input" {
        return String::new();
    }
    let labels = tree.labels(n);
    let [label] = labels.as_slice() else {
        return String::new();
    };
    let Some(parent) = tree.parent_element(label) else {
        return String::new();
    };
    if readable_text(tree, &parent, MAX_OWN_DESCRIPTION_CHARS).len() > MAX_OWN_DESCRIPTION_CHARS
        || tree.count_controls(&parent) != 1
    {
        return String::new();
    }
    let mut run = sibling_run(tree, label, true);
    if run.is_empty() && tree.parent_element(n).as_ref() == Some(&parent) {
        // `<label for>` before its box: the note follows the box.
        run = sibling_run(tree, n, true);
    }
    if run.chars().count() > MAX_CONTINUATION_CHARS {
        return String::new();
    }
    run
}

/// The text a control's `aria-describedby` names, and whether it is the control's own note (a
/// price, what renews). A radio's note outside the box that holds only that radio is the
/// question its group answers ("Shall we insure your ski pass?" over Yes/No).
fn description<T: Tree>(tree: &T, n: &T::Node) -> (String, bool) {
    let Some(ids) = tree.attr(n, "aria-describedby") else {
        return (String::new(), false);
    };
    let described: Vec<T::Node> = ids
        .split_whitespace()
        .filter_map(|id| tree.element_by_id(n, id))
        .collect();
    if described.is_empty() {
        return (String::new(), false);
    }
    let radio = tree
        .attr(n, "type")
        .is_some_and(|t| t.eq_ignore_ascii_case("radio"))
        || tree.attr(n, "role").as_deref() == Some("radio");
    // The box that holds this control alone; a note inside it, or (not for radios) right
    // beside it, is this control's own. A note before a table of boxes is the table's.
    let container = own_container(tree, n).unwrap_or_else(|| n.clone());
    let own = described.iter().all(|d| {
        is_inside(tree, d, &container)
            || (!radio
                && [true, false]
                    .into_iter()
                    .any(|forward| sibling_element(tree, &container, forward).as_ref() == Some(d)))
    });
    let text = truncate_chars(&ids_text(tree, n, &ids), MAX_NEARBY_CHARS);
    (text, own)
}

/// The nearest element sibling of `n` in one direction (text between is skipped).
fn sibling_element<T: Tree>(tree: &T, n: &T::Node, forward: bool) -> Option<T::Node> {
    let step = |x: &T::Node| {
        if forward {
            tree.next_sibling(x)
        } else {
            tree.prev_sibling(x)
        }
    };
    let mut node = step(n);
    while let Some(x) = node {
        if tree.is_element(&x) {
            return Some(x);
        }
        node = step(&x);
    }
    None
}

/// The outermost of the control's nearest three ancestors that holds no other control.
fn own_container<T: Tree>(tree: &T, n: &T::Node) -> Option<T::Node> {
    let mut own = None;
    let mut node = n.clone();
    for _ in 0..3 {
        let Some(parent) = tree.parent_element(&node) else {
            break;
        };
        let tag = tree.tag(&parent);
        // Text is read (bounded) before controls are counted: counting walks the whole
        // subtree, and a box with more text than a description is no control's own box.
        if LABEL_SCOPE_STOPS.contains(&tag.as_str())
            || matches!(tag.as_str(), "dl" | "tr" | "tbody" | "thead")
            || readable_text(tree, &parent, MAX_OWN_DESCRIPTION_CHARS).len()
                > MAX_OWN_DESCRIPTION_CHARS
            || tree.count_controls(&parent) > 1
        {
            break;
        }
        own = Some(parent.clone());
        node = parent;
    }
    own
}

/// Whether `n` is `ancestor` or lies inside it (a few levels deep at most).
fn is_inside<T: Tree>(tree: &T, n: &T::Node, ancestor: &T::Node) -> bool {
    let mut node = Some(n.clone());
    for _ in 0..12 {
        match node {
            Some(x) if &x == ancestor => return true,
            Some(x) => node = tree.parent_element(&x),
            None => return false,
        }
    }
    false
}

/// The accessible name alone: `aria-labelledby`, `aria-label`, `<label>`, own text, `title`,
/// the text beside it.
fn primary_label<T: Tree>(tree: &T, n: &T::Node) -> String {
    if let Some(ids) = tree.attr(n, "aria-labelledby") {
        let text = ids_text(tree, n, &ids);
        if !text.is_empty() {
            return text;
        }
    }
    if let Some(label) = tree.attr(n, "aria-label") {
        let text = collapse_whitespace(&label);
        if !text.is_empty() {
            return text;
        }
    }
    let is_input = tree.tag(n) == "input";
    if is_input {
        let texts: Vec<String> = tree
            .labels(n)
            .iter()
            .map(|l| readable_text(tree, l, MAX_NEARBY_CHARS * 4))
            .collect();
        let text = collapse_whitespace(&texts.join(" "));
        if !text.is_empty() {
            return text;
        }
    } else {
        let text = collapse_whitespace(&readable_text(tree, n, MAX_NEARBY_CHARS * 4));
        if !text.is_empty() {
            return truncate_chars(&text, MAX_NEARBY_CHARS);
        }
    }
    if let Some(title) = tree.attr(n, "title") {
        let text = collapse_whitespace(&title);
        if !text.is_empty() {
            return text;
        }
    }
    nearby_text(tree, n)
}

/// Text in sibling nodes of `n` up to a break, in one direction.
fn sibling_run<T: Tree>(tree: &T, n: &T::Node, forward: bool) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut len = 0;
    let mut cursor = if forward {
        tree.next_sibling(n)
    } else {
        tree.prev_sibling(n)
    };
    while let Some(s) = cursor {
        if tree.is_element(&s) {
            let tag = tree.tag(&s);
            if TEXT_BREAKS.contains(&tag.as_str()) || tree.contains_control(&s) {
                break;
            }
        }
        let text = readable_text(tree, &s, MAX_NEARBY_CHARS * 4);
        len += text.len();
        parts.push(text);
        if len > MAX_NEARBY_CHARS * 4 {
            break;
        }
        cursor = if forward {
            tree.next_sibling(&s)
        } else {
            tree.prev_sibling(&s)
        };
    }
    if !forward {
        parts.reverse();
    }
    collapse_whitespace(&parts.concat())
}

/// The text beside a control that has no label: the inline run after it, else before it,
/// else the text of the nearest ancestor that holds no other control.
fn nearby_text<T: Tree>(tree: &T, n: &T::Node) -> String {
    for forward in [true, false] {
        let text = sibling_run(tree, n, forward);
        if !text.is_empty() {
            return truncate_chars(&text, MAX_NEARBY_CHARS);
        }
    }
    let mut node = n.clone();
    for _ in 0..3 {
        let Some(parent) = tree.parent_element(&node) else {
            break;
        };
        if LABEL_SCOPE_STOPS.contains(&tree.tag(&parent).as_str())
            || tree.count_controls(&parent) > 1
        {
            break;
        }
        let text = collapse_whitespace(&readable_text(tree, &parent, MAX_NEARBY_CHARS * 4));
        if !text.is_empty() {
            return truncate_chars(&text, MAX_NEARBY_CHARS);
        }
        node = parent;
    }
    String::new()
}

/// The first `<legend>` child of a fieldset.
fn legend_text<T: Tree>(tree: &T, fieldset: &T::Node) -> String {
    let mut child = tree.first_child(fieldset);
    while let Some(c) = child {
        if tree.tag(&c) == "legend" {
            return collapse_whitespace(&readable_text(tree, &c, MAX_CONTEXT_CHARS * 2));
        }
        child = tree.next_sibling(&c);
    }
    String::new()
}

fn group_label<T: Tree>(tree: &T, group: &T::Node) -> String {
    if let Some(ids) = tree.attr(group, "aria-labelledby") {
        let text = ids_text(tree, group, &ids);
        if !text.is_empty() {
            return text;
        }
    }
    tree.attr(group, "aria-label")
        .map(|l| collapse_whitespace(&l))
        .unwrap_or_default()
}

/// The question around a control and the region it sits in (see
/// [`crate::consent::snapshot::Control`]): the fieldset legend or group label, else the nearest ancestor
/// text that says more than the label; and the id, class, label and text of the nearest
/// banner-like region.
pub fn surroundings<T: Tree>(tree: &T, n: &T::Node, label: &str) -> Surroundings {
    Surroundings {
        region: region_text(tree, n),
        ..question_text(tree, n, label)
    }
}

/// What [`surroundings`] found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Surroundings {
    /// The question (legend, group label or nearby text).
    pub question: String,
    /// The question is a legend or group label.
    pub from_legend: bool,
    /// The question is the text of the control's own container, which holds no other control.
    pub own_text: bool,
    /// The text of the control's own container (its title with the help line below it), also
    /// under a legend or row header; empty when that box holds other controls or says no more
    /// than the label.
    pub description: String,
    /// The banner, dialog or form section around the control.
    pub region: String,
    /// The words of the control's `name` and `id` (filled by the consent reader).
    pub field: String,
}

/// The question, whether it is a legend or the control's own box, and the box's description
/// (`region` and `field` are left empty).
fn question_text<T: Tree>(tree: &T, n: &T::Node, label: &str) -> Surroundings {
    // The row's own question ("Newsletter:", a channel of a preference table) and the legend
    // around it ("Can we contact you about offers?", or only "Additional information") are read
    // together: either may carry the meaning.
    // A cell that is the control's own label (aria-labelledby) asks nothing more.
    let row = row_question(tree, n).filter(|r| !label.contains(r.as_str()));
    // A note the control names by aria-describedby outside its own box asks the question.
    let (note, own_note) = description(tree, n);
    // A note inside the control's own box (or right beside it) is its description.
    let own_note_text = if own_note {
        note.clone()
    } else {
        String::new()
    };
    let asked = Some(note).filter(|q| !own_note && !q.is_empty() && !label.contains(q.as_str()));
    // Under a legend or row header, the box's own help text ("Partner colleges" over "your
    // grades are passed to…") still says what this box is for.
    let with_row = |legend: String| {
        let own = own_description(tree, n, label);
        let text = [
            asked.as_deref(),
            row.as_deref(),
            Some(legend.as_str()),
            own.as_deref(),
        ]
        .into_iter()
        .flatten()
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
        Surroundings {
            question: truncate_chars(&text, MAX_CONTEXT_CHARS),
            from_legend: true,
            description: own.unwrap_or_else(|| own_note_text.clone()),
            ..Surroundings::default()
        }
    };
    let mut ancestor = tree.parent_element(n);
    let mut depth = 0;
    while let Some(a) = ancestor {
        if depth >= 8 {
            break;
        }
        let tag = tree.tag(&a);
        if tag == "fieldset" {
            let text = legend_text(tree, &a);
            if !text.is_empty() {
                return with_row(text);
            }
        }
        let role = tree.attr(&a, "role").unwrap_or_default();
        if role == "radiogroup" || role == "group" {
            let text = group_label(tree, &a);
            if !text.is_empty() {
                return with_row(text);
            }
        }
        ancestor = tree.parent_element(&a);
        depth += 1;
    }
    if row.is_some() || asked.is_some() {
        return with_row(String::new());
    }
    let mut ancestor = tree.parent_element(n);
    let mut row: Option<T::Node> = None;
    for _ in 0..4 {
        let Some(a) = ancestor else {
            break;
        };
        let tag = tree.tag(&a);
        // A layout table or list with a control on each row: beyond its row, its text is the
        // other rows' labels ("Remember me" two rows down), not this control's question.
        if matches!(tag.as_str(), "body" | "html" | "form")
            || (matches!(
                tag.as_str(),
                "tbody" | "thead" | "tfoot" | "table" | "ul" | "ol" | "dl"
            ) && row.as_ref().is_some_and(|r| beside_other_controls(tree, r)))
        {
            break;
        }
        row = matches!(tag.as_str(), "tr" | "li" | "dd" | "dt").then(|| a.clone());
        let text = collapse_whitespace(&readable_text(tree, &a, MAX_CONTEXT_CHARS * 2));
        if text.len() > label.len() + 3 {
            let own_text = tree.count_controls(&a) == 1;
            let question = truncate_chars(&text, MAX_CONTEXT_CHARS);
            let description = if own_text {
                question.clone()
            } else {
                own_note_text
            };
            return Surroundings {
                question,
                own_text,
                description,
                ..Surroundings::default()
            };
        }
        ancestor = tree.parent_element(&a);
    }
    Surroundings {
        description: own_note_text,
        ..Surroundings::default()
    }
}

/// Whether the row or item next to `row` (either side) holds a control.
fn beside_other_controls<T: Tree>(tree: &T, row: &T::Node) -> bool {
    [false, true].into_iter().any(|forward| {
        sibling_element(tree, row, forward).is_some_and(|s| tree.contains_control(&s))
    })
}

/// The text of the box that holds this control alone, when it says more than the label (a help
/// line under a short title) and is short enough to be about this control only.
fn own_description<T: Tree>(tree: &T, n: &T::Node, label: &str) -> Option<String> {
    let container = own_container(tree, n)?;
    let text = collapse_whitespace(&readable_text(tree, &container, MAX_CONTEXT_CHARS * 2));
    let extra = text.len().saturating_sub(label.len());
    (extra > 3 && text.len() <= MAX_OWN_DESCRIPTION_CHARS && text != label).then_some(text)
}

/// Inline wrappers a control may sit in inside its cell or `<dd>`.
const CELL_WRAPPERS: &[&str] = &[
    "label", "span", "div", "p", "b", "strong", "font", "nobr", "small", "em", "i",
];

/// The question a definition list or a layout table puts beside a control, as old forum and
/// shop software lays out its forms: the `<dt>` before the control's `<dd>`; the cells before
/// its cell in the row ("Newsletter:" | [x] Ja); else the row above when that row holds text
/// and no control (a question on one row, its Yes/No on the next).
fn row_question<T: Tree>(tree: &T, n: &T::Node) -> Option<String> {
    let mut node = n.clone();
    // input, label, li, ul, dd: a list of choices inside a definition (XenForo, WoltLab).
    for _ in 0..5 {
        let parent = tree.parent_element(&node)?;
        let tag = tree.tag(&parent);
        match tag.as_str() {
            "dd" => {
                let dt = previous_element(tree, &parent)?;
                return (tree.tag(&dt) == "dt" && !tree.contains_control(&dt))
                    .then(|| short_text(tree, &dt))
                    .flatten();
            }
            "td" | "th" => return cell_question(tree, &parent),
            t if CELL_WRAPPERS.contains(&t) || matches!(t, "li" | "ul" | "ol") => node = parent,
            _ => return None,
        }
    }
    None
}

fn previous_element<T: Tree>(tree: &T, n: &T::Node) -> Option<T::Node> {
    let mut cursor = tree.prev_sibling(n);
    // Text and comments between cells are few; a page that puts thousands there gets no question.
    for _ in 0..64 {
        let s = cursor?;
        if tree.is_element(&s) {
            return Some(s);
        }
        cursor = tree.prev_sibling(&s);
    }
    None
}

/// How many cells a row has, counting to 2 at most (only "one" matters).
fn cells<T: Tree>(tree: &T, row: &T::Node) -> usize {
    let mut count = 0;
    let mut cursor = tree.first_child(row);
    while let Some(c) = cursor {
        if matches!(tree.tag(&c).as_str(), "td" | "th") {
            count += 1;
            if count > 1 {
                break;
            }
        }
        cursor = tree.next_sibling(&c);
    }
    count
}

/// Cells read before a control's cell: a question sits right beside its answer, and a
/// hostile row of many cells must not cost a walk per control.
const MAX_QUESTION_CELLS: usize = 4;

fn cell_question<T: Tree>(tree: &T, cell: &T::Node) -> Option<String> {
    let mut parts = Vec::new();
    let mut cursor = previous_element(tree, cell);
    while let Some(c) = cursor {
        if parts.len() >= MAX_QUESTION_CELLS
            || !matches!(tree.tag(&c).as_str(), "td" | "th")
            || tree.contains_control(&c)
        {
            break;
        }
        parts.extend(short_text(tree, &c));
        cursor = previous_element(tree, &c);
    }
    if !parts.is_empty() {
        parts.reverse();
        return Some(parts.join(" "));
    }
    let row = tree.parent_element(cell)?;
    if tree.tag(&row) != "tr" {
        return None;
    }
    let above = previous_element(tree, &row)?;
    if tree.tag(&above) != "tr" || tree.contains_control(&above) || cells(tree, &above) != 1 {
        return None;
    }
    short_text(tree, &above)
}

/// The readable text of a question element (a `<dt>`, a cell, a row), if it has any.
fn short_text<T: Tree>(tree: &T, n: &T::Node) -> Option<String> {
    Some(collapse_whitespace(&readable_text(
        tree,
        n,
        MAX_CONTEXT_CHARS * 2,
    )))
    .filter(|t| !t.is_empty())
}

/// Whether an element looks like the container of a banner, dialog or form section.
fn is_region<T: Tree>(tree: &T, a: &T::Node) -> bool {
    let tag = tree.tag(a);
    if matches!(
        tag.as_str(),
        "dialog" | "aside" | "section" | "form" | "fieldset"
    ) {
        return true;
    }
    if let Some(role) = tree.attr(a, "role") {
        if matches!(
            role.trim(),
            "dialog" | "alertdialog" | "region" | "banner" | "complementary"
        ) {
            return true;
        }
    }
    let marker = format!(
        "{} {}",
        tree.attr(a, "id").unwrap_or_default(),
        tree.attr(a, "class").unwrap_or_default()
    )
    .to_ascii_lowercase();
    ["cookie", "consent", "privacy", "gdpr", "cmp", "datenschutz"]
        .iter()
        .any(|m| marker.contains(m))
}

fn region_text<T: Tree>(tree: &T, n: &T::Node) -> String {
    let mut ancestor = tree.parent_element(n);
    for _ in 0..12 {
        let Some(a) = ancestor else {
            break;
        };
        if matches!(tree.tag(&a).as_str(), "body" | "html") {
            break;
        }
        if is_region(tree, &a) {
            let parts = [
                tree.attr(&a, "id").unwrap_or_default(),
                tree.attr(&a, "class").unwrap_or_default(),
                group_label(tree, &a),
                tree.text(&a),
            ];
            return truncate_chars(&collapse_whitespace(&parts.join(" ")), MAX_REGION_CHARS);
        }
        ancestor = tree.parent_element(&a);
    }
    String::new()
}
