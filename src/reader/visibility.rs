//! Whether the shopper can see a control: the `hidden` flag.

use super::Tree;

/// A control is hidden when it and every one of its labels is invisible.
pub fn hidden<T: Tree>(tree: &T, n: &T::Node) -> bool {
    if !tree.invisible(n) {
        return false;
    }
    super::label::describing_elements(tree, n)
        .iter()
        .all(|l| tree.invisible(l))
}

/// Invisible through the `hidden` attribute or a closed `<details>` on the way up.
pub fn structurally_hidden<T: Tree + ?Sized>(tree: &T, n: &T::Node) -> bool {
    let mut child: Option<T::Node> = None;
    let mut current = Some(n.clone());
    let mut depth = 0;
    while let Some(e) = current.filter(|_| depth <= super::MAX_ANCESTORS) {
        depth += 1;
        if tree.attr(&e, "hidden").is_some() {
            return true;
        }
        if tree.tag(&e) == "details" && tree.attr(&e, "open").is_none() {
            let in_summary = child.as_ref().is_some_and(|c| tree.tag(c) == "summary");
            if !in_summary {
                return true;
            }
        }
        current = tree.parent_element(&e);
        child = Some(e);
    }
    false
}
