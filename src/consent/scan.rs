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
        context_is_own: false,
        description: String::new(),
        field: String::new(),
        element: None,
        hidden: false,
    })
}

/// The question and the region around a control ([`Control::context`], [`Control::region`]),
/// and the words of its `name`, `value` and `id` ([`Control::field`]).
pub fn context_of<T: Tree>(tree: &T, n: &T::Node, label: &str) -> Surroundings {
    let mut around = label::surroundings(tree, n, label);
    // Klaviyo names its boxes `$consent` with the channel as the value.
    let names: Vec<String> = ["name", "value", "id"]
        .iter()
        .filter_map(|a| tree.attr(n, a))
        .collect();
    around.field = field_words(&names.join(" "));
    around
}

/// Splits field names into words: `checkout[buyer_accepts_marketing]` -> "checkout buyer
/// accepts marketing", `isSalesEmailAlert` -> "is sales email alert"; numbers and duplicates go.
pub fn field_words(names: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    for token in names.split(|c: char| !c.is_alphanumeric()) {
        let mut word = String::new();
        let mut prev_lower = false;
        for c in token.chars() {
            if c.is_uppercase() && prev_lower && !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
            prev_lower = c.is_lowercase();
            word.extend(c.to_lowercase());
        }
        words.push(word);
    }
    let mut out: Vec<String> = Vec::new();
    for w in words {
        if !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit()) && !out.contains(&w) {
            out.push(w);
        }
    }
    out.join(" ")
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

#[cfg(test)]
mod tests {
    use super::field_words;

    #[test]
    fn field_names_become_words() {
        assert_eq!(
            field_words("checkout[buyer_accepts_marketing] checkout_buyer_accepts_marketing"),
            "checkout buyer accepts marketing"
        );
        assert_eq!(field_words("isSalesEmailAlert"), "is sales email alert");
        assert_eq!(field_words("gdpr[4183] gdpr_4183"), "gdpr");
        assert_eq!(field_words("OPTIN"), "optin");
        assert_eq!(field_words(""), "");
    }
}
