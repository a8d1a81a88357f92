//! Recognising privacy-policy pages and the links that lead to them (wording in
//! `rules/policy/categories.toml`, `[page]`), and, natively, reading a saved page's text.

use super::spec::PolicyPageSpec;
use crate::matcher::Matcher;
use crate::text::fold;

/// The compiled `[page]` patterns.
#[derive(Debug, Clone)]
pub struct PolicyPages {
    url: Matcher,
    title: Matcher,
    link: Matcher,
}

impl PolicyPages {
    /// Compiles the page patterns.
    pub fn new(spec: &PolicyPageSpec) -> Result<PolicyPages, String> {
        let one =
            |what: &str, p: &str| Matcher::new(&[p]).map_err(|e| format!("[page] {what}: {e}"));
        Ok(PolicyPages {
            url: one("url", &spec.url)?,
            title: one("title", &spec.title)?,
            link: one("link", &spec.link)?,
        })
    }

    /// Whether a page is a privacy policy: its title or one of its top headings says so, or
    /// its URL path does and a heading or the title mentions data protection at all.
    pub fn is_policy_page(&self, url_path: &str, title: &str, headings: &[String]) -> bool {
        let named = |t: &str| self.title.is_match(&fold(t));
        if named(title) || headings.iter().any(|h| named(h)) {
            return true;
        }
        let path = fold(url_path);
        self.url.is_match(&path)
            && (self.url.is_match(&fold(title))
                || headings.iter().any(|h| self.url.is_match(&fold(h))))
    }

    /// Whether a link text ("Datenschutz", "Privacy Policy") leads to the privacy policy.
    pub fn is_policy_link(&self, text: &str) -> bool {
        let folded = fold(text);
        !folded.is_empty() && folded.len() <= 60 && self.link.is_match(&folded)
    }
}

/// A saved page read as text: title, top headings, and the body text with a blank line
/// between blocks (paragraphs, list items, cells, headings); what is left out and what makes a
/// block is `rules/policy/page-text.json`, which the extension's reader reads too.
#[cfg(feature = "cli")]
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageText {
    /// `<title>`.
    pub title: String,
    /// The texts of `h1` and `h2` elements, in order.
    pub headings: Vec<String>,
    /// The readable text.
    pub text: String,
}

#[cfg(feature = "cli")]
impl PageText {
    /// Reads `html` (any input; HTML5 error recovery).
    pub fn from_html(html: &scraper::Html) -> PageText {
        use super::embedded::{PAGE_BLOCKS, PAGE_SKIP};
        use scraper::Node;
        // One definition for this reader and the extension's: rules/policy/page-text.json.
        let skip = |e: &scraper::node::Element| {
            PAGE_SKIP.contains(&e.name()) || e.attr("hidden").is_some()
        };
        let is_block = |tag: &str| PAGE_BLOCKS.contains(&tag);
        let mut page = PageText::default();
        let mut stack = vec![(html.tree.root(), false)];
        while let Some((node, leaving)) = stack.pop() {
            match node.value() {
                Node::Element(e) => {
                    let tag = e.name();
                    if tag == "title" && !leaving {
                        page.title = node
                            .descendants()
                            .filter_map(|d| d.value().as_text().map(|t| t.to_string()))
                            .collect();
                        continue;
                    }
                    if skip(e) {
                        continue;
                    }
                    let block = is_block(tag);
                    if tag == "br" {
                        page.text.push('\n');
                        continue;
                    }
                    if block && !page.text.ends_with("\n\n") && !page.text.is_empty() {
                        page.text.push_str(if page.text.ends_with('\n') {
                            "\n"
                        } else {
                            "\n\n"
                        });
                    }
                    if leaving {
                        continue;
                    }
                    if matches!(tag, "h1" | "h2") {
                        let heading: String = node
                            .descendants()
                            .filter_map(|d| d.value().as_text().map(|t| t.to_string()))
                            .collect();
                        page.headings
                            .push(crate::text::collapse_whitespace(&heading));
                    }
                    if block {
                        stack.push((node, true));
                    }
                    let children: Vec<_> = node.children().collect();
                    stack.extend(children.into_iter().rev().map(|c| (c, false)));
                }
                Node::Text(t) => page.text.push_str(t),
                Node::Document | Node::Fragment => {
                    let children: Vec<_> = node.children().collect();
                    stack.extend(children.into_iter().rev().map(|c| (c, false)));
                }
                _ => {}
            }
        }
        page.title = crate::text::collapse_whitespace(&page.title);
        page
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::embedded::claim_categories;

    fn pages() -> PolicyPages {
        PolicyPages::new(&claim_categories().page).unwrap()
    }

    #[test]
    fn recognises_policy_pages_by_title_heading_or_url() {
        let p = pages();
        assert!(p.is_policy_page("/", "Datenschutzerklärung – Beispiel GmbH", &[]));
        assert!(p.is_policy_page("/x", "Shop", &["Hinweise zum Datenschutz".into()]));
        assert!(p.is_policy_page("/en/privacy", "Privacy | Shop", &[]));
        assert!(p.is_policy_page("/", "Shop", &["Privacy Notice".into()]));
        assert!(!p.is_policy_page("/checkout", "Kasse – Shop", &["Ihre Bestellung".into()]));
        assert!(!p.is_policy_page(
            "/privacy-products",
            "Sichtschutz kaufen",
            &["Sichtschutzfolien".into()]
        ));
    }

    #[test]
    fn recognises_policy_links() {
        let p = pages();
        for text in [
            "Datenschutz",
            "Datenschutzerklärung",
            "Privacy Policy",
            "Privacy & Cookies",
            " privacy ",
        ] {
            assert!(p.is_policy_link(text), "{text}");
        }
        for text in [
            "AGB",
            "Impressum",
            "Privacy screen protector for iPhone",
            "",
        ] {
            assert!(!p.is_policy_link(text), "{text}");
        }
    }

    #[cfg(feature = "cli")]
    #[test]
    fn page_text_keeps_blocks_apart_and_drops_scripts() {
        let html = scraper::Html::parse_document(
            "<title>Datenschutz</title><h1>Datenschutz</h1><p>Erster Satz<br>zweite Zeile</p>\
             <script>alert('x')</script><ul><li>Eins</li><li>Zwei</li></ul>",
        );
        let page = PageText::from_html(&html);
        assert_eq!(page.title, "Datenschutz");
        assert_eq!(page.headings, ["Datenschutz"]);
        assert!(!page.text.contains("alert"));
        assert!(page.text.contains("Eins\n\nZwei"), "{:?}", page.text);
        assert!(
            page.text.contains("Erster Satz\nzweite Zeile"),
            "{:?}",
            page.text
        );
    }

    /// The extension's reader imports the same lists: `extension/content/page-text-tags.js`
    /// holds `rules/policy/page-text.json` as a module (`BLESS=1` rewrites it).
    #[test]
    fn the_extension_reads_the_same_page_text_lists() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let json = std::fs::read_to_string(root.join("rules/policy/page-text.json")).unwrap();
        let module = format!(
            "// @ts-check\n// Copied from rules/policy/page-text.json by \
             `BLESS=1 cargo test --lib page_text`; do not edit.\nexport const PAGE_TEXT = {};\n",
            json.trim_end()
        );
        let path = root.join("extension/content/page-text-tags.js");
        if std::env::var_os("BLESS").is_some() {
            std::fs::write(&path, &module).unwrap();
        }
        assert_eq!(
            std::fs::read_to_string(&path).unwrap_or_default(),
            module,
            "{} is stale: BLESS=1 cargo test --lib page_text",
            path.display()
        );
    }
}
