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
//!
//! The same pass bounds two more quadratic costs of the tokenizer: a start tag keeps its first
//! [`MAX_ATTRIBUTES`] attributes (html5ever compares every attribute with all earlier ones to
//! drop duplicates), and a tag left open at the end of the page ends the scan (the tokenizer
//! reads the rest as that tag's attributes; scanning on from every later `<` would rescan it).

use std::borrow::Cow;
use std::collections::HashMap;

/// The deepest nesting kept (Chromium's parser uses the same bound).
pub const MAX_DEPTH: usize = 512;

/// Attributes kept per start tag; no real element has more, and each costs a comparison with
/// all earlier ones in the tokenizer.
pub const MAX_ATTRIBUTES: usize = 256;

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

/// A page after [`bound_nesting`]: its text, and what was left out.
pub struct Bounded<'a> {
    /// The page, borrowed when nothing was left out.
    pub html: Cow<'a, str>,
    /// Start tags left out because they nested too deep (their content is kept).
    pub flattened: usize,
    /// Attributes left out beyond [`MAX_ATTRIBUTES`] on one start tag.
    pub attributes_dropped: usize,
}

/// `html` with nesting deeper than `max_depth` flattened and attributes beyond
/// [`MAX_ATTRIBUTES`] per tag left out. Linear in the length of `html`.
pub fn bound_nesting(html: &str, max_depth: usize) -> Bounded<'_> {
    let bytes = html.as_bytes();
    // Open elements: name and whether its start tag was left out.
    let mut open: Vec<(String, bool)> = Vec::new();
    // How many elements of each name are open, so an end tag without a start tag does not
    // search the whole stack (a page of 100,000 stray end tags under deep nesting).
    let mut open_count: HashMap<String, usize> = HashMap::new();
    let mut kept_depth = 0usize;
    let mut out: Option<String> = None;
    let mut copied = 0usize; // bytes of `html` already in `out` (or that need no copy)
    let mut dropped = 0usize;
    let mut attributes_dropped = 0usize;
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
        let tag = match read_tag(rest) {
            TagRead::Tag(tag) => tag,
            TagRead::NotATag => {
                i = start + 1;
                continue;
            }
            // The tokenizer reads everything after an unclosed tag as its attributes.
            TagRead::Unclosed => break,
        };
        let end = start + tag.len;
        let mut drop_this = false;
        if tag.closing {
            let is_open = open_count.get(&tag.name).is_some_and(|&c| c > 0);
            if let Some(at) = is_open
                .then(|| open.iter().rposition(|(name, _)| *name == tag.name))
                .flatten()
            {
                // Close everything above it too (unclosed children end with their parent).
                for (name, was_dropped) in open.drain(at..).rev() {
                    if let Some(c) = open_count.get_mut(&name) {
                        *c -= 1;
                    }
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
                if let Some((name, was_dropped)) = open.pop() {
                    if let Some(c) = open_count.get_mut(&name) {
                        *c -= 1;
                    }
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
            *open_count.entry(tag.name.clone()).or_insert(0) += 1;
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
        } else if let Some(cut) = tag.attributes_cut {
            // Keep the tag with its first attributes only.
            attributes_dropped += tag.attributes - MAX_ATTRIBUTES;
            let buffer = out.get_or_insert_with(|| String::with_capacity(html.len()));
            buffer.push_str(&html[copied..start + cut]);
            buffer.push_str(if tag.self_closing { "/>" } else { ">" });
            copied = end;
        }
        i = next;
    }
    let html = match out {
        Some(mut buffer) => {
            buffer.push_str(&html[copied..]);
            Cow::Owned(buffer)
        }
        None => Cow::Borrowed(html),
    };
    Bounded {
        html,
        flattened: dropped,
        attributes_dropped,
    }
}

/// A start or end tag at the beginning of `s`.
struct Tag {
    name: String,
    closing: bool,
    self_closing: bool,
    /// Bytes up to and including the closing `>`.
    len: usize,
    /// How many attributes the tag has.
    attributes: usize,
    /// Where the tag is cut when it has more than [`MAX_ATTRIBUTES`] attributes: the end of
    /// the last attribute kept.
    attributes_cut: Option<usize>,
}

enum TagRead {
    Tag(Tag),
    /// `<` followed by something that does not start a tag name.
    NotATag,
    /// A tag that no `>` ends before the end of the page.
    Unclosed,
}

fn read_tag(s: &str) -> TagRead {
    let bytes = s.as_bytes();
    let closing = bytes.get(1) == Some(&b'/');
    let name_start = if closing { 2 } else { 1 };
    if !bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
        return TagRead::NotATag;
    }
    let name_end = name_start
        + bytes[name_start..]
            .iter()
            .position(|b| b.is_ascii_whitespace() || *b == b'>' || *b == b'/')
            .unwrap_or(bytes.len() - name_start);
    // Find the tag's end, skipping quoted attribute values, and count attributes: each starts
    // after whitespace (or `/`) with a character that is not `=`, outside quotes, when the
    // previous token did not end with `=` (`a = "b"` is one attribute).
    let mut quote: Option<u8> = None;
    let mut attributes = 0usize;
    let mut attributes_cut = None;
    let mut at_gap = true; // after whitespace or `/`, where a new attribute may start
    let mut wants_value = false; // the last token ended with `=`
    let mut j = name_end;
    while j < bytes.len() {
        let b = bytes[j];
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'>' => {
                return TagRead::Tag(Tag {
                    name: s[name_start..name_end].to_ascii_lowercase(),
                    closing,
                    self_closing: j > 0 && bytes[j - 1] == b'/',
                    len: j + 1,
                    attributes,
                    attributes_cut,
                });
            }
            None if b.is_ascii_whitespace() || b == b'/' => at_gap = true,
            None if b == b'=' => {
                wants_value = true;
                at_gap = false;
            }
            None => {
                if at_gap && !wants_value {
                    attributes += 1;
                    if attributes == MAX_ATTRIBUTES + 1 && attributes_cut.is_none() {
                        attributes_cut = Some(j);
                    }
                }
                if b == b'"' || b == b'\'' {
                    quote = Some(b);
                }
                wants_value = false;
                at_gap = false;
            }
        }
        j += 1;
    }
    TagRead::Unclosed
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
        let Bounded {
            html: out,
            flattened: dropped,
            ..
        } = bound_nesting(page, 3);
        assert!(matches!(out, Cow::Borrowed(_)));
        assert_eq!(dropped, 0);
        let list = format!("<ul>{}</ul>", "<li>item".repeat(2000));
        assert!(matches!(bound_nesting(&list, 8).html, Cow::Borrowed(_)));
    }

    #[test]
    fn deep_nesting_is_flattened_and_content_kept() {
        let page = nested(100, "<label><input type=checkbox checked> Offers</label>");
        let Bounded {
            html: out,
            flattened: dropped,
            ..
        } = bound_nesting(&page, 10);
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
        let Bounded {
            html: out,
            flattened: dropped,
            ..
        } = bound_nesting(&page, 4);
        assert_eq!(dropped, 0, "{out}");
    }

    #[test]
    fn doubling_the_depth_at_most_doubles_the_work() {
        // Linear: the scan visits each tag once (the growth ratio, not a time, is asserted by
        // counting the work through the output size).
        for depth in [10_000, 20_000] {
            let page = nested(depth, "x");
            let Bounded {
                html: out,
                flattened: dropped,
                ..
            } = bound_nesting(&page, MAX_DEPTH);
            assert_eq!(dropped, depth - MAX_DEPTH);
            assert_eq!(
                out.len(),
                "x".len() + MAX_DEPTH * ("<div>".len() + "</div>".len())
            );
        }
    }

    #[test]
    fn attributes_beyond_the_bound_are_left_out() {
        let many: String = (0..MAX_ATTRIBUTES + 10)
            .map(|i| format!(" data-a{i}=\"v>{i}\""))
            .collect();
        let page = format!("<label><input type=checkbox{many} checked>Offers</label><p>after</p>");
        let bounded = bound_nesting(&page, MAX_DEPTH);
        // `type` plus 255 data attributes are kept; 11 data attributes and `checked` go.
        assert_eq!(bounded.attributes_dropped, 12);
        assert!(bounded
            .html
            .contains(&format!("data-a{}=", MAX_ATTRIBUTES - 2)));
        assert!(!bounded
            .html
            .contains(&format!("data-a{}=", MAX_ATTRIBUTES - 1)));
        assert!(bounded.html.ends_with(">Offers</label><p>after</p>"));
        let few = "<input type=checkbox checked name = \"a b\" value=x/>";
        assert!(matches!(
            bound_nesting(few, MAX_DEPTH).html,
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn an_unclosed_tag_ends_the_scan() {
        let page = format!("<div>{}", "<a title=\"x ".repeat(50_000));
        let bounded = bound_nesting(&page, MAX_DEPTH);
        assert!(matches!(bounded.html, Cow::Borrowed(_)));
    }
}
