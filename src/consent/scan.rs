//! The consent reader: candidate controls of a [`Tree`] read into a [`Snapshot`], and the
//! [`ConsentEngine`] applied to them. Element references and visibility are read only for
//! flagged controls, which keeps the cost proportional to what matters.

use super::engine::ConsentEngine;
use super::snapshot::{Control, ControlKind, Snapshot};
use crate::finding::Finding;
use crate::lang::Lang;
use crate::reader::label::{self, Surroundings};
use crate::reader::{element_ref, visibility, Tree};

/// What sort of candidate an element is, and whether it is on.
pub fn kind_and_state<T: Tree>(tree: &T, n: &T::Node) -> Option<(ControlKind, bool)> {
    let tag = tree.tag(n);
    let role = tree.attr(n, "role").map(|r| r.trim().to_ascii_lowercase());
    let aria_true = |name: &str| {
        tree.attr(n, name)
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
    };
    if tag == "input" {
        let input_type = tree
            .attr(n, "type")
            .unwrap_or_default()
            .to_ascii_lowercase();
        let kind = match (input_type.trim(), role.as_deref()) {
            ("checkbox", Some("switch")) => ControlKind::Switch,
            ("checkbox", _) => ControlKind::Checkbox,
            ("radio", _) => ControlKind::Radio,
            _ => return None,
        };
        return Some((kind, tree.checked(n)));
    }
    match role.as_deref() {
        Some("checkbox") => Some((ControlKind::AriaCheckbox, aria_true("aria-checked"))),
        Some("switch") => Some((ControlKind::Switch, aria_true("aria-checked"))),
        _ if tree.attr(n, "aria-pressed").is_some() => {
            Some((ControlKind::Toggle, aria_true("aria-pressed")))
        }
        _ => None,
    }
}

/// Reads one candidate's kind, state and label (the context is read on demand).
pub fn read_candidate<T: Tree>(tree: &T, n: &T::Node) -> Option<Control> {
    let (kind, on) = kind_and_state(tree, n)?;
    Some(Control {
        kind,
        on,
        label: label::label_text(tree, n),
        context: String::new(),
        region: String::new(),
        context_is_legend: false,
        element: None,
        hidden: false,
    })
}

/// The question and the region around a control ([`Control::context`], [`Control::region`]).
pub fn context_of<T: Tree>(tree: &T, n: &T::Node, label: &str) -> Surroundings {
    label::surroundings(tree, n, label)
}

/// A scanned document: the snapshot, the findings, and the node of each finding.
pub struct Scan<N> {
    /// Every candidate control.
    pub snapshot: Snapshot,
    /// Findings in document order.
    pub findings: Vec<Finding>,
    /// The node each finding is about (same order as `findings`).
    pub nodes: Vec<N>,
}

/// Reads `tree` and applies the engine. Element references and visibility are read only for
/// flagged controls, which keeps the cost proportional to what matters.
pub fn scan_tree<T: Tree>(tree: &T, engine: &ConsentEngine, forced: Option<Lang>) -> Scan<T::Node> {
    let mut snapshot = Snapshot {
        lang: tree.document_lang(),
        controls: Vec::new(),
    };
    let mut flagged = Vec::new();
    for n in tree.candidates() {
        let Some(mut control) = read_candidate(tree, &n) else {
            continue;
        };
        let label = control.label.clone();
        if let Some(verdict) =
            engine.classify_reading(&mut control, || context_of(tree, &n, &label))
        {
            control.element = Some(element_ref(tree, &n));
            control.hidden = visibility::hidden(tree, &n);
            flagged.push((snapshot.controls.len(), verdict, n));
        }
        snapshot.controls.push(control);
    }
    let lang = engine.language(&snapshot, forced);
    let mut findings = Vec::with_capacity(flagged.len());
    let mut nodes = Vec::with_capacity(flagged.len());
    for (index, verdict, n) in flagged {
        findings.push(engine.finding(&snapshot.controls[index], &verdict, lang));
        nodes.push(n);
    }
    Scan {
        snapshot,
        findings,
        nodes,
    }
}
