//! CSS selectors that find an element again in the same document.

use super::Tree;

/// Escapes an identifier for use in a CSS selector (the CSSOM `CSS.escape` algorithm).
pub fn css_escape(ident: &str) -> String {
    let mut out = String::with_capacity(ident.len() + 4);
    let chars: Vec<char> = ident.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let code = c as u32;
        if code == 0 {
            out.push('\u{FFFD}');
        } else if (1..=0x1f).contains(&code)
            || code == 0x7f
            || (i == 0 && c.is_ascii_digit())
            || (i == 1 && c.is_ascii_digit() && chars[0] == '-')
        {
            out.push_str(&format!("\\{code:x} "));
        } else if i == 0 && c == '-' && chars.len() == 1 {
            out.push_str("\\-");
        } else if code >= 0x80 || c == '-' || c == '_' || c.is_ascii_alphanumeric() {
            out.push(c);
        } else {
            out.push('\\');
            out.push(c);
        }
    }
    out
}

/// `#id` when the element's id is the first of its kind in its tree, else a path of
/// `tag:nth-of-type(k)` steps from the nearest such ancestor (or the root). Inside a shadow
/// root the host's selector comes first, joined by ` >>> ` (see README).
pub fn selector<T: Tree>(tree: &T, n: &T::Node) -> String {
    let mut steps = Vec::new();
    let mut current = n.clone();
    loop {
        if steps.len() >= super::MAX_ANCESTORS {
            // Deeper than any parsed page: the path starts here (still a valid selector).
            break;
        }
        if let Some(id) = tree.attr(&current, "id").filter(|id| !id.is_empty()) {
            if tree.element_by_id(&current, &id).as_ref() == Some(&current) {
                steps.push(format!("#{}", css_escape(&id)));
                break;
            }
        }
        let tag = tree.tag(&current);
        match tree.parent_element(&current) {
            Some(parent) => {
                if matches!(tag.as_str(), "body" | "head") {
                    steps.push(tag);
                } else {
                    steps.push(format!(
                        "{}:nth-of-type({})",
                        tag,
                        tree.nth_of_type(&current, &tag)
                    ));
                }
                current = parent;
            }
            None => {
                let root_level = tree.shadow_host(&current).is_none() && tag == "html";
                steps.push(if root_level {
                    tag
                } else {
                    format!("{}:nth-of-type({})", tag, tree.nth_of_type(&current, &tag))
                });
                break;
            }
        }
    }
    steps.reverse();
    let path = steps.join(" > ");
    match tree.shadow_host(&current) {
        Some(host) => format!("{} >>> {}", selector(tree, &host), path),
        None => path,
    }
}

#[cfg(test)]
mod tests {
    use super::css_escape;

    #[test]
    fn escapes_like_cssom() {
        assert_eq!(css_escape("opt-partner"), "opt-partner");
        assert_eq!(css_escape("1st"), "\\31 st");
        assert_eq!(css_escape("-1x"), "-\\31 x");
        assert_eq!(css_escape("a.b:c"), "a\\.b\\:c");
        assert_eq!(css_escape("-"), "\\-");
        assert_eq!(css_escape("größe"), "größe");
        assert_eq!(css_escape("a\"b]"), "a\\\"b\\]");
    }
}
