//! A bound on element nesting before the HTML parser sees a page.
//!
//! HTML5 tree building checks "is there an element in scope?" against the whole stack of open
//! elements for many start tags, so a page that nests 50,000 `<div>`s costs time quadratic in
//! its depth (25,000 levels: 6 s; 50,000: 23 s). Browsers bound the depth themselves (Chromium's
//! parser stops nesting at 512 and adds deeper elements as siblings), so no shopper ever sees
//! deeper structure. [`bound_nesting`] does the same on the source text, in one pass: start
//! tags that would open a level deeper than [`MAX_DEPTH`] are left out together with their end
//! tags; their content (text, controls) stays, one level up. Labels, forms, fieldsets and the
//! like are kept down to twice that depth, so a control keeps its label. Pages within the bound
//! come back unchanged and unallocated.

use std::borrow::Cow;

/// The deepest nesting kept (Chromium's parser uses the same bound).
pub const MAX_DEPTH: usize = 512;

/// Elements that never have content, so never open a level.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param",
    "source", "track", "wbr",
];

/// Elements whose content is raw text up to their end tag (no tags inside).
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];

/// Elements that carry a control's meaning (its label, its group, its question): kept below
/// the bound too, up to twice its depth, so a deep page still reads as the shopper sees it.
const MEANINGFUL: &[&str] = &[
    "label", "form", "fieldset", "legend", "details", "summary", "select", "optgroup", "option",
    "button", "datalist",
];

/// Elements that close an open one of their own kind (`<li>` after `<li>`), so a list
/// without end tags does not count as nesting.
const SELF_CLOSING_SIBLINGS: &[&str] = &["p", "li", "dt", "dd", "option", "tr", "td", "th"];

/// `html` with nesting deeper than `max_depth` flattened, and how many start tags were left
/// out. Linear in the length of `html`.
pub fn bound_nesting(html: &str, max_depth: usize) -> (Cow<'_, str>, usize) {
    let bytes = html.as_bytes();
    // Open elements: name and whether its start tag was left out.
    let mut open: Vec<(String, bool)> = Vec::new();
    let mut kept_depth = 0usize;
    let mut out: Option<String> = None;
    let mut copied = 0usize; // bytes of `html` already in `out` (or that need no copy)
    let mut dropped = 0usize;
    let mut i = 0usize;
    while let Some(offset) = memchr(b'<', &bytes[i..]) {
        let start = i + offset;
        let rest = &html[start..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            i = comment
                .find("-->")
                .map_or(bytes.len(), |e| start + 4 + e + 3);
            continue;
        }
        let Some(tag) = read_tag(rest) else {
            i = start + 1;
            continue;
        };
        let end = start + tag.len;
        let mut drop_this = false;
        if tag.closing {
            if let Some(at) = open.iter().rposition(|(name, _)| *name == tag.name) {
                // Close everything above it too (unclosed children end with their parent).
                for (_, was_dropped) in open.drain(at..).rev() {
                    if !was_dropped {
                        kept_depth -= 1;
                    }
                    drop_this = was_dropped;
                }
            }
        } else if !VOID.contains(&tag.name.as_str()) && !tag.self_closing {
            if SELF_CLOSING_SIBLINGS.contains(&tag.name.as_str())
                && open.last().is_some_and(|(name, _)| *name == tag.name)
            {
                if let Some((_, was_dropped)) = open.pop() {
                    if !was_dropped {
                        kept_depth -= 1;
                    }
                }
            }
            let limit = if MEANINGFUL.contains(&tag.name.as_str()) {
                max_depth.saturating_mul(2)
            } else {
                max_depth
            };
            drop_this = kept_depth >= limit;
            if !drop_this {
                kept_depth += 1;
            }
            open.push((tag.name.clone(), drop_this));
        }
        let mut next = end;
        if !tag.closing && RAW_TEXT.contains(&tag.name.as_str()) {
            // Skip to this element's end tag; what is inside is text, not tags.
            let close = format!("</{}", tag.name);
            next = find_ascii_ci(&html[end..], &close).map_or(bytes.len(), |e| end + e);
        }
        if drop_this {
            dropped += usize::from(!tag.closing);
            let buffer = out.get_or_insert_with(|| String::with_capacity(html.len()));
            buffer.push_str(&html[copied..start]);
            copied = end;
        }
        i = next;
    }
    match out {
        Some(mut buffer) => {
            buffer.push_str(&html[copied..]);
            (Cow::Owned(buffer), dropped)
        }
        None => (Cow::Borrowed(html), 0),
    }
}

/// A start or end tag at the beginning of `s`.
struct Tag {
    name: String,
    closing: bool,
    self_closing: bool,
    /// Bytes up to and including the closing `>`.
    len: usize,
}

fn read_tag(s: &str) -> Option<Tag> {
    let bytes = s.as_bytes();
    let closing = bytes.get(1) == Some(&b'/');
    let name_start = if closing { 2 } else { 1 };
    if !bytes.get(name_start)?.is_ascii_alphabetic() {
        return None;
    }
    let name_end = name_start
        + bytes[name_start..]
            .iter()
            .position(|b| b.is_ascii_whitespace() || *b == b'>' || *b == b'/')
            .unwrap_or(bytes.len() - name_start);
    // Find the tag's end, skipping quoted attribute values.
    let mut quote: Option<u8> = None;
    let mut j = name_end;
    while j < bytes.len() {
        let b = bytes[j];
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => {
                return Some(Tag {
                    name: s[name_start..name_end].to_ascii_lowercase(),
                    closing,
                    self_closing: j > 0 && bytes[j - 1] == b'/',
                    len: j + 1,
                });
            }
            None => {}
        }
        j += 1;
    }
    None
}

fn memchr(needle: u8, haystack: &[u8]) -> Option<usize> {
    haystack.iter().position(|b| *b == needle)
}

/// The first position of `needle` (ASCII, lower case) in `haystack`, ignoring ASCII case.
fn find_ascii_ci(haystack: &str, needle: &str) -> Option<usize> {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    if n.is_empty() || h.len() < n.len() {
        return None;
    }
    (0..=h.len() - n.len()).find(|&k| h[k..k + n.len()].eq_ignore_ascii_case(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(depth: usize, inner: &str) -> String {
        format!("{}{inner}{}", "<div>".repeat(depth), "</div>".repeat(depth))
    }

    #[test]
    fn pages_within_the_bound_are_unchanged() {
        let page = "<p>One<p>Two<ul><li>a<li>b</ul><script>if (a<b) x='<div>'</script>";
        let (out, dropped) = bound_nesting(page, 3);
        assert!(matches!(out, Cow::Borrowed(_)));
        assert_eq!(dropped, 0);
        let list = format!("<ul>{}</ul>", "<li>item".repeat(2000));
        assert!(matches!(bound_nesting(&list, 8).0, Cow::Borrowed(_)));
    }

    #[test]
    fn deep_nesting_is_flattened_and_content_kept() {
        let page = nested(100, "<label><input type=checkbox checked> Offers</label>");
        let (out, dropped) = bound_nesting(&page, 10);
        assert_eq!(dropped, 90, "the label is kept");
        assert_eq!(out.matches("<div>").count(), 10);
        assert_eq!(out.matches("</div>").count(), 10);
        assert!(out.contains("<label><input type=checkbox checked> Offers</label>"));
    }

    #[test]
    fn quotes_comments_and_raw_text_do_not_confuse_the_count() {
        let page = format!(
            "<!-- <div><div><div> --><div title='a>b'><script>'<div><div>'</script>{}</div>",
            nested(3, "x")
        );
        let (out, dropped) = bound_nesting(&page, 4);
        assert_eq!(dropped, 0, "{out}");
    }

    #[test]
    fn doubling_the_depth_at_most_doubles_the_work() {
        // Linear: the scan visits each tag once (the growth ratio, not a time, is asserted by
        // counting the work through the output size).
        for depth in [10_000, 20_000] {
            let page = nested(depth, "x");
            let (out, dropped) = bound_nesting(&page, MAX_DEPTH);
            assert_eq!(dropped, depth - MAX_DEPTH);
            assert_eq!(
                out.len(),
                "x".len() + MAX_DEPTH * ("<div>".len() + "</div>".len())
            );
        }
    }
}
