//! Reads permission listings (see [`super::listing`]) and invitation links from a page (any
//! [`Tree`]: the live DOM or parsed HTML), and turns them into findings with the
//! [`PermissionEngine`].

use super::catalogue::PermissionEngine;
use super::listing::read_listings;
use crate::finding::Finding;
use crate::lang::Lang;
use crate::reader::{element_ref, Tree};
use crate::text::fold;

/// Links that may be group invitations (a cheap first cut; the engine decides). The
/// extension's pre-check (`extension/content/precheck.js`) keeps a copy (tests/precheck.rs).
pub const INVITE_LINKS: &str = "a[href*=\"whatsapp\" i], a[href*=\"t.me/\" i], \
    a[href*=\"telegram\" i], a[href*=\"signal.group\" i], a[href^=\"tg:\" i], a[href^=\"sgnl:\" i]";
/// Invitation links read per page.
const MAX_LINKS: usize = 500;

/// Permission findings of a page, with the node of each.
pub struct PermissionScan<N> {
    /// Findings in document order: listed items first, then invitation links.
    pub findings: Vec<Finding>,
    /// The node of each finding (same order).
    pub nodes: Vec<N>,
}

/// Reads `tree` and judges every listed permission and invitation link. `forced` sets the
/// message language; else the page's `lang`, else a guess from the items.
pub fn scan_permissions<T: Tree>(
    tree: &T,
    engine: &PermissionEngine,
    forced: Option<Lang>,
) -> PermissionScan<T::Node> {
    let mut scan = scan_listings(tree, engine, forced);
    let invites = scan_invites(tree, engine, forced);
    scan.findings.extend(invites.findings);
    scan.nodes.extend(invites.nodes);
    scan
}

/// The listed permissions only (one pass over the page's headings); see [`scan_permissions`].
pub fn scan_listings<T: Tree>(
    tree: &T,
    engine: &PermissionEngine,
    forced: Option<Lang>,
) -> PermissionScan<T::Node> {
    let items = read_listings(tree, engine);
    let words: Vec<&str> = items.iter().map(|i| i.text.as_str()).collect();
    let lang = message_lang(tree, forced, &words);
    let mut scan = PermissionScan {
        findings: Vec::with_capacity(items.len()),
        nodes: Vec::with_capacity(items.len()),
    };
    for item in items {
        let element = Some(element_ref(tree, &item.node));
        scan.findings
            .push(engine.item_finding(&item.text, &item.head, &item.group, element, lang));
        scan.nodes.push(item.node);
    }
    scan
}

/// The group-chat invitations only (one pass over the page's links); see [`scan_permissions`].
pub fn scan_invites<T: Tree>(
    tree: &T,
    engine: &PermissionEngine,
    forced: Option<Lang>,
) -> PermissionScan<T::Node> {
    let links = read_invites(tree, engine);
    let mut scan = PermissionScan {
        findings: Vec::new(),
        nodes: Vec::new(),
    };
    if links.is_empty() {
        return scan;
    }
    let words: Vec<&str> = links.iter().map(|l| l.2.as_str()).collect();
    let lang = message_lang(tree, forced, &words);
    for (node, href, text) in links {
        if let Some(invite) = engine.invite(&href) {
            let element = Some(element_ref(tree, &node));
            scan.findings
                .push(engine.invite_finding(invite, &text, &href, element, lang));
            scan.nodes.push(node);
        }
    }
    scan
}

/// `forced`, else the page's `lang`, else a guess from `words`.
fn message_lang<T: Tree>(tree: &T, forced: Option<Lang>, words: &[&str]) -> Lang {
    forced
        .or_else(|| tree.document_lang().as_deref().and_then(Lang::from_tag))
        .unwrap_or_else(|| Lang::guess(&fold(&words.join(" "))))
}

/// Links that may be invitations: `(node, href, text)`.
fn read_invites<T: Tree>(tree: &T, engine: &PermissionEngine) -> Vec<(T::Node, String, String)> {
    if engine.rules().invite.is_empty() {
        return Vec::new();
    }
    tree.select(INVITE_LINKS)
        .into_iter()
        .take(MAX_LINKS)
        .filter_map(|n| {
            let href = tree.attr(&n, "href")?;
            let text = tree.text(&n);
            Some((n, href, text))
        })
        .collect()
}

#[cfg(all(test, feature = "cli"))]
mod tests {
    use super::*;
    use crate::reader::html::HtmlTree;

    fn scan(html: &str) -> Vec<(String, String, String)> {
        let engine = PermissionEngine::new().unwrap();
        let tree = HtmlTree::parse(html);
        scan_permissions(&tree, &engine, None)
            .findings
            .into_iter()
            .map(|f| (f.category, format!("{:?}", f.severity), f.evidence))
            .collect()
    }

    #[test]
    fn nested_groups_and_stop_at_next_heading() {
        let found = scan(
            r#"<html lang="en"><body><main><h2>App permissions</h2>
            <ul><li>Contacts<ul><li>read your contacts</li></ul></li>
                <li>Other<ul><li>have full network access</li><li>frobnicate the widget</li></ul></li></ul>
            <h2>Reviews</h2><ul><li>Great app, read all my contacts' reviews</li></ul></main></body></html>"#,
        );
        let evidence: Vec<&str> = found.iter().map(|f| f.2.as_str()).collect();
        assert_eq!(
            evidence,
            [
                "read your contacts",
                "have full network access",
                "frobnicate the widget"
            ]
        );
        assert_eq!(found[0].0, "contacts");
        assert_eq!(found[2].0, "other");
    }

    #[test]
    fn div_rows_of_a_consent_screen() {
        let found = scan(
            r#"<html lang="de"><body><h1>ShopX möchte auf Ihr Google-Konto zugreifen</h1>
            <div><p>Dadurch kann ShopX:</p>
            <div class="row"><span class="icon"></span><div>Kontakte sehen und herunterladen</div></div>
            <div class="row"><div>Primäre E-Mail-Adresse Ihres Google-Kontos sehen</div></div>
            <button>Zulassen</button><a href="/datenschutz">Datenschutzerklärung</a></div></body></html>"#,
        );
        let evidence: Vec<&str> = found.iter().map(|f| f.2.as_str()).collect();
        assert_eq!(
            evidence,
            [
                "Kontakte sehen und herunterladen",
                "Primäre E-Mail-Adresse Ihres Google-Kontos sehen"
            ]
        );
    }

    #[test]
    fn pages_without_listings_give_nothing() {
        let found = scan(
            r#"<html lang="de"><body><h2>Kontakt</h2><ul><li>Kontakte lesen</li></ul>
            <footer><h2>Berechtigungen</h2><ul><li>Kontakte lesen</li></ul></footer></body></html>"#,
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn invitations_are_found_by_link() {
        let found = scan(
            r#"<html lang="en"><body><p>Join our
            <a href="https://chat.whatsapp.com/Ab12Cd34Ef56Gh">support group</a>,
            <a href="https://wa.me/4915112345678">chat with us</a> or
            <a href="https://t.me/+AbCdEf123456"></a></p></body></html>"#,
        );
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].0, "whatsapp");
        assert_eq!(found[0].2, "support group");
        assert_eq!(found[1].0, "telegram");
        assert_eq!(found[1].2, "https://t.me/+AbCdEf123456");
    }
}
