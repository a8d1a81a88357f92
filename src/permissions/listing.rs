//! Listings: the part of a page after a heading the engine recognises ("App permissions",
//! "Datensicherheit", "ShopX wants to access your Google Account"), up to the next heading of
//! the same or a higher level. Its items are list items, table rows and `dd` elements; a list
//! item holding a list is a group ("Contacts" > "read your contacts"), and a lower heading inside
//! the listing names the group of the items after it. A listing without list markup (consent
//! screens built from `<div>`s) gives its short text blocks instead; a term (`dt`, the first
//! cell of a row) gives its description when the catalogue knows it.

use super::catalogue::PermissionEngine;
use crate::reader::Tree;
use crate::text::collapse_whitespace;

/// Elements that can title a listing.
pub const HEADINGS: &str = "h1, h2, h3, h4, h5, h6, [role=heading], summary, legend, caption, dt, \
    tr > th:first-child, tr > td:first-child";
/// Headings read per page (a hostile page may have millions).
pub const MAX_HEADINGS: usize = 5_000;
/// Elements walked per listing.
const MAX_WALK: usize = 4_000;
/// How far up from the heading a listing may reach to find its items.
const MAX_CLIMB: usize = 3;
/// Items read per page.
const MAX_ITEMS: usize = 500;
/// Longest text block taken as an item where a listing has no list markup.
const MAX_BLOCK_CHARS: usize = 140;

/// One item of a listing, as read.
#[derive(Debug, Clone, PartialEq)]
pub struct ListedItem<N> {
    /// The item's element.
    pub node: N,
    /// Its text, whitespace collapsed.
    pub text: String,
    /// Its name where a description follows: the first text, up to a dash or colon.
    pub head: String,
    /// The group it is listed under ("Contacts"), or empty.
    pub group: String,
}

/// A heading's level: 1-6 for `h1`-`h6` and `aria-level`; `None` for headings that title only
/// their own container (`summary`, `legend`, `caption`).
fn heading_level<T: Tree>(tree: &T, n: &T::Node) -> Option<u8> {
    let tag = tree.tag(n);
    if let Some(d) = tag.strip_prefix('h').and_then(|d| d.parse::<u8>().ok()) {
        if (1..=6).contains(&d) {
            return Some(d);
        }
    }
    let role = tree.attr(n, "role").unwrap_or_default();
    if role.trim().eq_ignore_ascii_case("heading") {
        let level = tree
            .attr(n, "aria-level")
            .and_then(|l| l.trim().parse().ok());
        return Some(level.unwrap_or(2).clamp(1, 9));
    }
    None
}

fn is_item_tag<T: Tree>(tree: &T, n: &T::Node) -> bool {
    matches!(tree.tag(n).as_str(), "li" | "tr" | "dd")
        || tree
            .attr(n, "role")
            .is_some_and(|r| r.trim().eq_ignore_ascii_case("listitem"))
}

/// Parts of a page that are never a listing's items.
fn is_skipped<T: Tree>(tree: &T, n: &T::Node) -> bool {
    matches!(
        tree.tag(n).as_str(),
        "nav"
            | "footer"
            | "header"
            | "script"
            | "style"
            | "template"
            | "noscript"
            | "button"
            | "a"
            | "select"
            | "textarea"
            | "svg"
            | "img"
            | "input"
            | "haken-ui"
    ) || tree
        .attr(n, "aria-hidden")
        .is_some_and(|v| v.trim() == "true")
        || tree.attr(n, "hidden").is_some()
        || matches!(
            tree.attr(n, "role").as_deref().map(str::trim),
            Some("navigation" | "button" | "contentinfo" | "banner")
        )
}

/// Calls `f` with the text of each text node below `n`, in document order, leaving out the
/// parts that are never item text (buttons, scripts, hidden parts; links are read); stops when
/// `f` returns `true` or after `limit` nodes.
fn each_text<T: Tree>(tree: &T, n: &T::Node, limit: usize, mut f: impl FnMut(String) -> bool) {
    let mut stack = vec![tree.first_child(n)];
    let mut looked = 0;
    while let Some(slot) = stack.pop() {
        let Some(c) = slot else { continue };
        looked += 1;
        if looked > limit {
            return;
        }
        stack.push(tree.next_sibling(&c));
        if tree.is_text(&c) {
            if f(tree.text(&c)) {
                return;
            }
        } else if tree.is_element(&c) && !(is_skipped(tree, &c) && tree.tag(&c) != "a") {
            stack.push(tree.first_child(&c));
        }
    }
}

/// The visible words of an item: its text nodes joined by spaces (so "sehen<div>Immer
/// erforderlich</div>" reads as two words), without buttons and scripts.
fn item_text<T: Tree>(tree: &T, n: &T::Node) -> String {
    let mut parts = Vec::new();
    each_text(tree, n, 2_000, |t| {
        parts.push(t);
        false
    });
    collapse_whitespace(&parts.join(" "))
}

/// A term that titles only its own description: a `dt`, or the first cell of a table row.
fn is_term<T: Tree>(tree: &T, n: &T::Node) -> bool {
    matches!(tree.tag(n).as_str(), "dt" | "td" | "th")
}

/// The first text of an item, up to a dash or colon that starts a description ("Kontakte – z.
/// B. Liste der Kontakte" -> "Kontakte"; "Device ID<small>Such as ...</small>" -> "Device ID").
fn item_head<T: Tree>(tree: &T, n: &T::Node) -> String {
    let mut head = String::new();
    each_text(tree, n, 200, |t| {
        let text = collapse_whitespace(&t);
        if !text.chars().any(char::is_alphanumeric) {
            return false;
        }
        let cut = [" – ", " — ", " - ", ": "]
            .iter()
            .filter_map(|sep| text.find(sep))
            .min()
            .unwrap_or(text.len());
        head = text[..cut].trim().to_string();
        true
    });
    head
}

/// Whether a heading sits in a part of the page that holds no listing (navigation, footer).
fn in_skipped_part<T: Tree>(tree: &T, n: &T::Node) -> bool {
    let mut up = tree.parent_element(n);
    for _ in 0..12 {
        let Some(p) = up else { return false };
        if is_skipped(tree, &p) {
            return true;
        }
        up = tree.parent_element(&p);
    }
    false
}

/// Every item of every listing on the page, in document order of the listings, each once.
pub fn read_listings<T: Tree>(tree: &T, engine: &PermissionEngine) -> Vec<ListedItem<T::Node>> {
    let mut out: Vec<ListedItem<T::Node>> = Vec::new();
    let mut seen: Vec<T::Node> = Vec::new();
    for heading in tree.select(HEADINGS).into_iter().take(MAX_HEADINGS) {
        if out.len() >= MAX_ITEMS {
            break;
        }
        // The title first: one read per heading; the walk up for navigation and footers only
        // for the few headings that open a listing.
        let title = collapse_whitespace(&tree.text(&heading));
        if !engine.is_listing_heading(&title)
            || seen.contains(&heading)
            || in_skipped_part(tree, &heading)
        {
            continue;
        }
        let mut listing = Listing::new(tree, engine, heading.clone());
        listing.read();
        let Listing { items, blocks, .. } = listing;
        // Text blocks stand in for list items where there are none; beside list items only
        // the blocks the catalogue knows count ("This app may use your location even when
        // it isn't open").
        let listed = !items.is_empty() || is_term(tree, &heading);
        let found = items.into_iter().chain(
            blocks
                .into_iter()
                .filter(|(_, known)| !listed || *known)
                .map(|(item, _)| item),
        );
        for item in found {
            if out.len() >= MAX_ITEMS {
                break;
            }
            if !seen.contains(&item.node) {
                seen.push(item.node.clone());
                out.push(item);
            }
        }
    }
    out
}

/// The walk over one listing.
struct Listing<'a, T: Tree> {
    tree: &'a T,
    engine: &'a PermissionEngine,
    heading: T::Node,
    level: Option<u8>,
    group: String,
    walked: usize,
    stopped: bool,
    items: Vec<ListedItem<T::Node>>,
    /// Text blocks, each with whether the catalogue knows it.
    blocks: Vec<(ListedItem<T::Node>, bool)>,
}

impl<'a, T: Tree> Listing<'a, T> {
    fn new(tree: &'a T, engine: &'a PermissionEngine, heading: T::Node) -> Self {
        let level = heading_level(tree, &heading);
        Listing {
            tree,
            engine,
            heading,
            level,
            group: String::new(),
            walked: 0,
            stopped: false,
            items: Vec::new(),
            blocks: Vec::new(),
        }
    }

    fn read(&mut self) {
        let tree = self.tree;
        if matches!(tree.tag(&self.heading).as_str(), "td" | "th") {
            // The first cell of a row ("Location | This app may use your location even when
            // it isn't open"): the row, if the catalogue knows it.
            if let Some(row) = tree.parent_element(&self.heading) {
                self.take(&row, false);
            }
            return;
        }
        if tree.tag(&self.heading) == "dt" {
            // A term of a description list ("Location: This app may use your location even
            // when it isn't open"): its descriptions, of which only known ones count; a
            // `<div>` wrapping one term and its description is the item.
            if let Some(wrapper) = tree
                .parent_element(&self.heading)
                .filter(|p| tree.tag(p) == "div")
            {
                self.take(&wrapper, false);
                return;
            }
            let mut next = tree.next_sibling(&self.heading);
            while let Some(n) = next {
                if tree.is_element(&n) {
                    if tree.tag(&n) != "dd" {
                        break;
                    }
                    self.take(&n, false);
                }
                next = tree.next_sibling(&n);
            }
            return;
        }
        if self.level.is_none() {
            // `summary`, `legend`, `caption`: the listing is the rest of their container.
            if let Some(container) = tree.parent_element(&self.heading) {
                let mut child = tree.first_child(&container);
                while let Some(c) = child {
                    if c != self.heading {
                        self.visit(&c);
                    }
                    child = tree.next_sibling(&c);
                }
            }
            return;
        }
        let mut cursor = self.heading.clone();
        let mut climbed = 0;
        while !self.stopped {
            match tree.next_sibling(&cursor) {
                Some(next) => {
                    self.visit(&next);
                    cursor = next;
                }
                None => {
                    let Some(parent) = tree.parent_element(&cursor) else {
                        break;
                    };
                    climbed += 1;
                    let top = matches!(tree.tag(&parent).as_str(), "body" | "html" | "main");
                    if climbed > MAX_CLIMB || top {
                        break;
                    }
                    cursor = parent;
                }
            }
        }
    }

    /// Visits `n` and its subtree in document order.
    fn visit(&mut self, n: &T::Node) {
        if self.stopped {
            return;
        }
        self.walked += 1;
        if self.walked > MAX_WALK {
            self.stopped = true;
            return;
        }
        let tree = self.tree;
        if !tree.is_element(n) {
            return;
        }
        if is_skipped(tree, n) {
            return;
        }
        if let Some(level) = heading_level(tree, n) {
            if self.level.is_some_and(|own| level <= own) {
                self.stopped = true;
            } else {
                self.group = collapse_whitespace(&tree.text(n));
            }
            return;
        }
        if matches!(
            tree.tag(n).as_str(),
            "summary" | "legend" | "caption" | "dt"
        ) {
            self.group = collapse_whitespace(&tree.text(n));
            return;
        }
        if is_item_tag(tree, n) {
            if self.holds_items(n) {
                let own = self.own_text(n);
                let outer = std::mem::replace(&mut self.group, own);
                self.visit_children(n);
                self.group = outer;
            } else {
                self.take(n, true);
            }
            return;
        }
        if self.is_text_block(n) {
            self.take(n, false);
            return;
        }
        self.visit_children(n);
    }

    fn visit_children(&mut self, n: &T::Node) {
        let mut child = self.tree.first_child(n);
        while let Some(c) = child {
            if self.stopped {
                return;
            }
            self.visit(&c);
            child = self.tree.next_sibling(&c);
        }
    }

    /// Whether an item element contains item elements (a group of a nested list).
    fn holds_items(&self, n: &T::Node) -> bool {
        let tree = self.tree;
        let mut stack = vec![tree.first_child(n)];
        let mut looked = 0;
        while let Some(slot) = stack.pop() {
            let Some(c) = slot else { continue };
            looked += 1;
            if looked > 400 {
                return false;
            }
            stack.push(tree.next_sibling(&c));
            if tree.is_element(&c) {
                if is_item_tag(tree, &c) {
                    return true;
                }
                stack.push(tree.first_child(&c));
            }
        }
        false
    }

    /// The text of a group item without its nested list ("Contacts" of "Contacts: read ...").
    fn own_text(&self, n: &T::Node) -> String {
        let tree = self.tree;
        let mut parts = Vec::new();
        let mut child = tree.first_child(n);
        while let Some(c) = child {
            let nested = tree.is_element(&c)
                && matches!(tree.tag(&c).as_str(), "ul" | "ol" | "dl" | "table")
                || tree.is_element(&c) && self.holds_items(&c);
            if !nested {
                parts.push(tree.text(&c));
            }
            child = tree.next_sibling(&c);
        }
        collapse_whitespace(&parts.join(" "))
    }

    /// A row of text: an element whose subtree starts one line of text (a scope row: icon,
    /// text, info button). Text in an element below one that has text of its own continues
    /// that line ("sehen" + "Immer erforderlich", "allow <b>ShopX</b>"). The outermost such
    /// element is the item.
    fn is_text_block(&self, n: &T::Node) -> bool {
        let tree = self.tree;
        if !matches!(tree.tag(n).as_str(), "div" | "p" | "span" | "label" | "td") {
            return false;
        }
        let mut lines = 0;
        // (element, whether a block above it within `n` has text of its own)
        let mut stack = vec![(n.clone(), false)];
        let mut looked = 0;
        while let Some((e, continued)) = stack.pop() {
            looked += 1;
            if looked > 60 {
                return false;
            }
            let mut own_text = false;
            let mut children = Vec::new();
            let mut child = tree.first_child(&e);
            while let Some(c) = child {
                if tree.is_text(&c) {
                    own_text |= !tree.text(&c).trim().is_empty();
                } else if tree.is_element(&c) && !is_skipped(tree, &c) {
                    if is_item_tag(tree, &c)
                        || matches!(tree.tag(&c).as_str(), "ul" | "ol" | "table")
                    {
                        return false;
                    }
                    children.push(c.clone());
                }
                child = tree.next_sibling(&c);
            }
            let starts_line = own_text && !continued;
            if starts_line {
                lines += 1;
            }
            let below = continued || own_text;
            stack.extend(children.into_iter().map(|c| (c, below)));
        }
        lines == 1
    }

    fn take(&mut self, n: &T::Node, listed: bool) {
        let text = item_text(self.tree, n);
        if text.is_empty() || !text.chars().any(char::is_alphanumeric) {
            return;
        }
        let mut known = false;
        if !listed {
            // A text block is an item when the catalogue knows it, or when it reads like a
            // permission line: a few words, not a sentence of prose ("This will allow ShopX
            // to:", a disclaimer), an address or a button-like word.
            known = self.engine.judge(&text, "").entry.is_some();
            let words = text.split_whitespace().count();
            let prose = text.chars().count() > MAX_BLOCK_CHARS
                || text.ends_with([':', '.', '!', '?'])
                || text.contains('@')
                || words < 3
                || self.engine.is_listing_heading(&text);
            // An introduction ("The following data may be used to track you:") never is.
            if (!known && prose) || text.ends_with(':') {
                return;
            }
        }
        let item = ListedItem {
            node: n.clone(),
            head: item_head(self.tree, n),
            text,
            group: self.group.clone(),
        };
        if listed {
            self.items.push(item);
        } else {
            self.blocks.push((item, known));
        }
    }
}
