//! The permission engine: the catalogue compiled once, judging listed items, prompts and
//! invitation links. Pure: text in, findings out.

use super::spec::{InviteSpec, PermissionCategory, PermissionFile, PermissionSpec, PromptSpec};
use crate::finding::{ElementRef, Finding, Kind};
use crate::lang::Lang;
use crate::matcher::Matcher;
use crate::rules::spec::Severity;
use crate::text::{collapse_whitespace, fold, truncate_chars};
use std::cell::OnceCell;

/// Longest heading text read as a listing's title (longer ones are prose, not headings).
pub const MAX_HEADING_CHARS: usize = 160;
/// Longest evidence kept per item.
const MAX_EVIDENCE_CHARS: usize = 300;
/// Rule id of an item no catalogue entry knows.
pub const UNKNOWN_RULE: &str = "permission.other.unknown";

/// How one listed item is judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Judgement<'a> {
    /// The catalogue entry that matched, if any.
    pub entry: Option<&'a PermissionSpec>,
    /// Its category (`Other` when no entry matched).
    pub category: PermissionCategory,
    /// Its severity (`Info` when no entry matched).
    pub severity: Severity,
}

impl Judgement<'_> {
    /// Whether the shopper should be warned in the page (medium or high).
    pub fn excessive(&self) -> bool {
        self.severity >= Severity::Medium
    }
}

/// The compiled permission rules. The catalogue (hundreds of patterns) is compiled on first
/// use, so a page without a listing pays only for the few heading and link patterns.
#[derive(Debug)]
pub struct PermissionEngine {
    file: PermissionFile,
    sections: Matcher,
    catalogue: OnceCell<Matcher>,
    /// Pattern index of `catalogue` -> entry index.
    pattern_entry: Vec<usize>,
    invites: Matcher,
}

impl PermissionEngine {
    /// Compiles the embedded rules of `rules/permissions/`.
    pub fn new() -> Result<PermissionEngine, String> {
        PermissionEngine::from_file(super::embedded::permission_file())
    }

    /// Compiles `file`, checking it first (every category once, messages where needed).
    pub fn from_file(file: PermissionFile) -> Result<PermissionEngine, String> {
        check(&file)?;
        let sections: Vec<&str> = file.section.iter().map(|s| s.pattern.as_str()).collect();
        let pattern_entry = file
            .permission
            .iter()
            .enumerate()
            .flat_map(|(i, entry)| entry.patterns.iter().map(move |_| i))
            .collect();
        let invites: Vec<&str> = file.invite.iter().map(|i| i.url.as_str()).collect();
        Ok(PermissionEngine {
            sections: Matcher::new(&sections).map_err(|e| format!("sections: {e}"))?,
            catalogue: OnceCell::new(),
            invites: Matcher::new(&invites).map_err(|e| format!("invites: {e}"))?,
            pattern_entry,
            file,
        })
    }

    /// Compiles the catalogue now (the first judgement would otherwise); an error names the
    /// pattern set that does not compile.
    pub fn compile_catalogue(&self) -> Result<(), String> {
        if self.catalogue.get().is_some() {
            return Ok(());
        }
        let patterns: Vec<&str> = self
            .file
            .permission
            .iter()
            .flat_map(|e| e.patterns.iter().map(String::as_str))
            .collect();
        let matcher = Matcher::new(&patterns).map_err(|e| format!("catalogue: {e}"))?;
        let _ = self.catalogue.set(matcher);
        Ok(())
    }

    /// The rules as loaded.
    pub fn rules(&self) -> &PermissionFile {
        &self.file
    }

    /// Whether a heading opens a permission listing ("App permissions", "Berechtigungen").
    pub fn is_listing_heading(&self, heading: &str) -> bool {
        heading.chars().count() <= MAX_HEADING_CHARS && self.sections.is_match(&fold(heading))
    }

    /// Judges one listed item; `group` is the group heading it sits under ("Contacts"), used
    /// when the item alone matches no entry.
    pub fn judge(&self, item: &str, group: &str) -> Judgement<'_> {
        self.judge_item(item, "", group)
    }

    /// Judges one listed item by its whole text, else by its `head` (the name before a
    /// description: "Contacts" of "Contacts — such as a list of ..."), else with its group.
    pub fn judge_item(&self, item: &str, head: &str, group: &str) -> Judgement<'_> {
        let head = head.trim();
        let entry = self
            .entry_for(&fold(item))
            .or_else(|| {
                (!head.is_empty() && head != item.trim())
                    .then(|| self.entry_for(&fold(head)))
                    .flatten()
            })
            .or_else(|| {
                (!group.trim().is_empty())
                    .then(|| self.entry_for(&fold(&format!("{group} {item}"))))
                    .flatten()
            });
        match entry {
            Some(e) => Judgement {
                entry: Some(e),
                category: e.category,
                severity: e.severity,
            },
            None => Judgement {
                entry: None,
                category: PermissionCategory::Other,
                severity: Severity::Info,
            },
        }
    }

    fn entry_for(&self, folded: &str) -> Option<&PermissionSpec> {
        // The embedded catalogue compiles (a test holds it); a custom one that does not
        // judges nothing, which leaves every item `other`, never dropped.
        self.compile_catalogue().ok()?;
        let first = self.catalogue.get()?.matches(folded).into_iter().next()?;
        // Patterns are numbered in file order, so the lowest pattern is the first entry.
        Some(&self.file.permission[self.pattern_entry[first]])
    }

    /// The `permission` finding of a listed item.
    pub fn item_finding(
        &self,
        item: &str,
        head: &str,
        group: &str,
        element: Option<ElementRef>,
        lang: Lang,
    ) -> Finding {
        let j = self.judge_item(item, head, group);
        let message = match j.entry.and_then(|e| e.message.as_ref()) {
            Some(m) => m.get(lang).to_string(),
            None => self.category_message(j.category, j.excessive(), lang),
        };
        Finding {
            kind: Kind::Permission,
            category: j.category.as_str().into(),
            severity: j.severity,
            rule: j
                .entry
                .map_or(UNKNOWN_RULE.into(), |e| format!("permission.{}", e.id)),
            message,
            evidence: evidence(item),
            element,
            span: None,
            flags: vec![],
            related: vec![],
        }
    }

    fn category_message(
        &self,
        category: PermissionCategory,
        excessive: bool,
        lang: Lang,
    ) -> String {
        self.file
            .category
            .iter()
            .find(|c| c.id == category)
            .map(|c| {
                if excessive { &c.excessive } else { &c.ordinary }
                    .get(lang)
                    .to_string()
            })
            .unwrap_or_default()
    }

    /// The short name of a permission category or messenger in `lang`.
    pub fn label(&self, id: &str, lang: Lang) -> Option<&str> {
        let category = self.file.category.iter().find(|c| c.id.as_str() == id);
        let invite = self.file.invite.iter().find(|i| i.id == id);
        category
            .map(|c| c.label.get(lang))
            .or_else(|| invite.map(|i| i.label.get(lang)))
    }

    /// The messenger whose group a link invites to, if it is a group invitation.
    pub fn invite(&self, href: &str) -> Option<&InviteSpec> {
        let href = href.trim().to_ascii_lowercase();
        let first = self.invites.matches(&href).into_iter().next()?;
        self.file.invite.get(first)
    }

    /// The `group_invite` finding of a link.
    pub fn invite_finding(
        &self,
        invite: &InviteSpec,
        text: &str,
        href: &str,
        element: Option<ElementRef>,
        lang: Lang,
    ) -> Finding {
        let shown = collapse_whitespace(text);
        Finding {
            kind: Kind::GroupInvite,
            category: invite.id.clone(),
            severity: invite.severity,
            rule: format!("invite.{}", invite.id),
            message: invite.message.get(lang).to_string(),
            evidence: evidence(if shown.is_empty() { href } else { &shown }),
            element,
            span: None,
            flags: vec![],
            related: vec![],
        }
    }

    /// The prompt rule for an API id the page script reported.
    pub fn prompt(&self, api: &str) -> Option<&PromptSpec> {
        self.file.prompt.iter().find(|p| p.api == api)
    }

    /// The `permission_prompt` finding for a request the page made, or `None` for an unknown
    /// API id.
    pub fn prompt_finding(&self, api: &str, lang: Lang) -> Option<Finding> {
        let p = self.prompt(api)?;
        Some(Finding {
            kind: Kind::PermissionPrompt,
            category: p.category.as_str().into(),
            severity: p.severity,
            rule: format!("prompt.{}", p.api),
            message: p.message.get(lang).to_string(),
            evidence: p.call.clone(),
            element: None,
            span: None,
            flags: vec![],
            related: vec![],
        })
    }
}

fn evidence(text: &str) -> String {
    truncate_chars(&collapse_whitespace(text), MAX_EVIDENCE_CHARS)
}

/// What the compiler cannot check: every category exactly once, a message where the category
/// has none to lend, unique ids.
fn check(file: &PermissionFile) -> Result<(), String> {
    for c in PermissionCategory::ALL {
        let n = file.category.iter().filter(|x| x.id == c).count();
        if n != 1 {
            return Err(format!("category {} is defined {n} times", c.as_str()));
        }
    }
    let mut ids = std::collections::HashSet::new();
    for p in &file.permission {
        if !ids.insert(p.id.as_str()) {
            return Err(format!("permission {} is defined twice", p.id));
        }
        if p.patterns.is_empty() {
            return Err(format!("permission {} has no pattern", p.id));
        }
        let needs_message = p.severity == Severity::Low || p.category == PermissionCategory::Other;
        if needs_message && p.message.is_none() {
            return Err(format!(
                "permission {}: severity low and category other need their own message",
                p.id
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn engine() -> PermissionEngine {
        PermissionEngine::new().expect("embedded permission rules compile")
    }

    #[test]
    fn listing_headings_in_both_languages() {
        let e = engine();
        for h in [
            "App permissions",
            "App-Berechtigungen",
            "Berechtigungen",
            "Data safety",
            "Datensicherheit",
            "App Privacy",
            "Mit dir verknüpfte Daten",
            "Data Linked to You",
            "ShopX wants to access your Google Account",
            "ShopX möchte auf Ihr Google-Konto zugreifen",
            "ShopX will receive:",
        ] {
            assert!(e.is_listing_heading(h), "{h}");
        }
        for h in [
            "Kontakt",
            "Unsere Filialen",
            "Your account",
            "Datenschutz",
            "Permissions for team members are managed by your administrator and can change at any time without notice to anyone in the company or outside of it, which is a long heading",
        ] {
            assert!(!e.is_listing_heading(h), "{h}");
        }
    }

    #[test]
    fn unknown_items_are_other_and_kept_verbatim() {
        let e = engine();
        let f = e.item_finding(
            "  Zugriff auf   Flux-Kompensator ",
            "",
            "",
            None,
            Lang::default(),
        );
        assert_eq!(f.category, "other");
        assert_eq!(f.severity, Severity::Info);
        assert_eq!(f.rule, UNKNOWN_RULE);
        assert_eq!(f.evidence, "Zugriff auf Flux-Kompensator");
        assert!(!f.message.is_empty());
    }

    #[test]
    fn invitations_are_groups_only() {
        let e = engine();
        let id = |href: &str| e.invite(href).map(|i| i.id.as_str());
        assert_eq!(
            id("https://chat.whatsapp.com/Ab12Cd34Ef56Gh"),
            Some("whatsapp")
        );
        assert_eq!(id("https://t.me/+AbCdEf123456"), Some("telegram"));
        assert_eq!(id("https://t.me/joinchat/AAAAAEhx1"), Some("telegram"));
        assert_eq!(id("https://signal.group/#CjQKIG0Ad"), Some("signal"));
        for not_group in [
            "https://wa.me/4915112345678",
            "https://www.whatsapp.com/channel/0029Va",
            "https://t.me/shopx_news",
            "https://telegram.org/",
            "tel:+49301234567",
            "javascript:alert(1)",
        ] {
            assert_eq!(id(not_group), None, "{not_group}");
        }
    }

    #[test]
    fn prompts_know_their_apis() {
        let e = engine();
        let de = Lang::from_tag("de").unwrap();
        for api in [
            "notifications",
            "push",
            "geolocation",
            "contacts",
            "camera",
            "microphone",
            "clipboard",
        ] {
            let f = e.prompt_finding(api, de).unwrap();
            assert_eq!(f.kind, Kind::PermissionPrompt);
            assert!(f.message.starts_with("Diese Seite"), "{api}: {}", f.message);
        }
        assert!(e.prompt_finding("teleport", de).is_none());
    }

    #[test]
    fn the_catalogue_compiles() {
        engine().compile_catalogue().unwrap();
    }

    #[test]
    fn bad_files_are_refused() {
        let mut file = crate::permissions::embedded::permission_file();
        file.category.pop();
        assert!(PermissionEngine::from_file(file).is_err());
    }
}
