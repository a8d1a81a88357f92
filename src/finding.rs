//! The findings contract (`docs/findings.md`): one type for the command line, the wasm
//! API, the extension and the tests.

use serde::{Deserialize, Serialize};

/// What kind of catch a finding reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A control that is on before the shopper touched it and gives consent.
    PretickedConsent,
    /// A sentence of a privacy policy that says something the shopper should know.
    PolicyClaim,
    /// A clause of a privacy policy that breaks a promise made in another (see `related`).
    PolicyContradiction,
    /// An item of a permission listing (app store, OAuth consent screen).
    Permission,
    /// A permission the page asked the browser for (notifications, location ...).
    PermissionPrompt,
    /// A link inviting the shopper into a group chat whose members see each other.
    GroupInvite,
    /// One element of a breach notice's checklist (GDPR Art. 34(2)): present, vague or missing.
    BreachNotice,
}

impl Kind {
    /// Every kind, in contract order.
    pub const ALL: [Kind; 7] = [
        Kind::PretickedConsent,
        Kind::PolicyClaim,
        Kind::PolicyContradiction,
        Kind::Permission,
        Kind::PermissionPrompt,
        Kind::GroupInvite,
        Kind::BreachNotice,
    ];

    /// The id used in JSON and in `data-haken` attributes.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::PretickedConsent => "preticked_consent",
            Kind::PolicyClaim => "policy_claim",
            Kind::PolicyContradiction => "policy_contradiction",
            Kind::Permission => "permission",
            Kind::PermissionPrompt => "permission_prompt",
            Kind::GroupInvite => "group_invite",
            Kind::BreachNotice => "breach_notice",
        }
    }
}

pub use crate::rules::spec::Severity;

/// Where a finding's element is, so it can be found again in the same document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ElementRef {
    /// The element's `id` attribute.
    pub id: Option<String>,
    /// The element's `name` attribute.
    pub name: Option<String>,
    /// A CSS selector that finds the element again (see README for shadow roots).
    pub selector: String,
}

/// Offsets into an analysed text (UTF-8 bytes natively; see README).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// Extra facts about a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Flag {
    /// The control is not visible to the shopper.
    Hidden,
    /// The consent is tied to accepting the terms or placing the order (GDPR Art. 7(4)).
    Bundled,
    /// A pre-selected option of a radio group.
    Radio,
    /// Unticked, but worded so that leaving it unticked means consent.
    OptOut,
}

impl Flag {
    /// Every flag.
    pub const ALL: [Flag; 4] = [Flag::Hidden, Flag::Bundled, Flag::Radio, Flag::OptOut];

    /// The id used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Flag::Hidden => "hidden",
            Flag::Bundled => "bundled",
            Flag::Radio => "radio",
            Flag::OptOut => "opt_out",
        }
    }
}

/// Every severity, mildest first.
pub const SEVERITIES: [Severity; 4] = [
    Severity::Info,
    Severity::Low,
    Severity::Medium,
    Severity::High,
];

/// Severities marked in the page (outline, badge): what the shopper must see. `info` and `low`
/// (ordinary permissions, "a little more than needed") are reported and counted, not marked.
pub const MARKED: [Severity; 2] = [Severity::Medium, Severity::High];
/// Severities listed in a summary (a policy's, the panel's): all but `info`.
pub const LISTED: [Severity; 3] = [Severity::Low, Severity::Medium, Severity::High];

/// The product decisions the JavaScript shell applies to findings, as a module
/// (`extension/shared/contract.js`; a test keeps the file equal to this): severities mildest
/// first, which are marked in the page and which are listed in summaries.
pub fn javascript_contract() -> String {
    let list = |items: &[Severity]| {
        items
            .iter()
            .map(|s| format!("'{}'", severity_str(*s)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    format!(
        "// @ts-check\n// Generated from src/finding.rs by `BLESS=1 cargo test --lib typescript`; do not edit.\n\
         // What the shell shows is decided in Rust (docs/findings.md), not here.\n\n\
         /** Severities, mildest first. @type {{readonly import('./findings').Severity[]}} */\n\
         export const SEVERITIES = [{}];\n\
         /** Severities marked in the page. @type {{ReadonlySet<string>}} */\n\
         export const MARKED = new Set([{}]);\n\
         /** Severities listed in summaries. @type {{ReadonlySet<string>}} */\n\
         export const LISTED = new Set([{}]);\n",
        list(&SEVERITIES),
        list(&MARKED),
        list(&LISTED)
    )
}

/// TypeScript declarations of the findings contract, for the JavaScript shell's type check
/// (`extension/shared/findings.d.ts`; a test keeps the file equal to this).
pub fn typescript_declarations() -> String {
    let union = |items: Vec<&str>| {
        items
            .iter()
            .map(|s| format!("'{s}'"))
            .collect::<Vec<_>>()
            .join(" | ")
    };
    let kinds = union(Kind::ALL.iter().map(|k| k.as_str()).collect());
    let flags = union(Flag::ALL.iter().map(|f| f.as_str()).collect());
    let severities = union(SEVERITIES.iter().map(|s| severity_str(*s)).collect());
    format!(
        "// Generated from src/finding.rs by `BLESS=1 cargo test --lib typescript`; do not edit.\n\
         // The findings contract (docs/findings.md) as the JavaScript shell sees it.\n\n\
         export type Kind = {kinds};\n\
         export type Flag = {flags};\n\
         export type Severity = {severities};\n\n\
         export interface ElementRef {{\n  id: string | null;\n  name: string | null;\n  selector: string;\n}}\n\n\
         export interface Span {{\n  start: number;\n  end: number;\n}}\n\n\
         export interface Related {{\n  evidence: string;\n  span: Span | null;\n}}\n\n\
         export interface Finding {{\n  kind: Kind;\n  category: string;\n  severity: Severity;\n  rule: string;\n  \
         message: string;\n  evidence: string;\n  element: ElementRef | null;\n  span: Span | null;\n  \
         flags: Flag[];\n  related?: Related[];\n  \
         status?: 'present' | 'vague' | 'missing';\n}}\n"
    )
}

/// The id of a severity in JSON.
pub fn severity_str(s: Severity) -> &'static str {
    match s {
        Severity::Info => "info",
        Severity::Low => "low",
        Severity::Medium => "medium",
        Severity::High => "high",
    }
}

/// One catch found on a page or in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// See [`Kind`].
    pub kind: Kind,
    /// Category id (closed list per kind, see docs/findings.md).
    pub category: String,
    /// See [`Severity`].
    pub severity: Severity,
    /// Id of the rule that fired.
    pub rule: String,
    /// One or two plain sentences for the shopper, in the chosen language.
    pub message: String,
    /// The text that was read, verbatim (whitespace collapsed), trimmed.
    pub evidence: String,
    /// The element the finding is about, if any.
    pub element: Option<ElementRef>,
    /// For text findings: where the evidence is.
    pub span: Option<Span>,
    /// Extra facts, sorted.
    pub flags: Vec<Flag>,
    /// For contradictions: the promises the clause in `evidence` breaks (absent otherwise).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Related>,
}

/// A sentence a finding refers to besides its own evidence (a broken promise).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Related {
    /// The sentence, whitespace collapsed.
    pub evidence: String,
    /// Where it is, in the same offsets as the finding's span.
    pub span: Option<Span>,
}

impl Finding {
    /// The value of the `data-haken` attribute that marks this finding's element.
    pub fn mark(&self) -> String {
        format!("{}:{}", self.kind.as_str(), self.category)
    }
}

/// Findings as a JSON array, written directly: the wasm facade hands one string to
/// `JSON.parse` instead of building every field across the boundary, and carries no JSON
/// library. The output equals serde's (a test holds them together).
pub fn findings_json(findings: &[Finding]) -> String {
    let mut out = String::with_capacity(findings.len() * 400 + 2);
    out.push('[');
    for (i, f) in findings.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str("{\"kind\":");
        json_str(&mut out, f.kind.as_str());
        out.push_str(",\"category\":");
        json_str(&mut out, &f.category);
        out.push_str(",\"severity\":");
        json_str(&mut out, severity_str(f.severity));
        out.push_str(",\"rule\":");
        json_str(&mut out, &f.rule);
        out.push_str(",\"message\":");
        json_str(&mut out, &f.message);
        out.push_str(",\"evidence\":");
        json_str(&mut out, &f.evidence);
        out.push_str(",\"element\":");
        match &f.element {
            None => out.push_str("null"),
            Some(e) => {
                out.push_str("{\"id\":");
                json_opt(&mut out, e.id.as_deref());
                out.push_str(",\"name\":");
                json_opt(&mut out, e.name.as_deref());
                out.push_str(",\"selector\":");
                json_str(&mut out, &e.selector);
                out.push('}');
            }
        }
        out.push_str(",\"span\":");
        json_span(&mut out, f.span);
        out.push_str(",\"flags\":[");
        for (j, flag) in f.flags.iter().enumerate() {
            if j > 0 {
                out.push(',');
            }
            json_str(&mut out, flag.as_str());
        }
        out.push(']');
        if !f.related.is_empty() {
            out.push_str(",\"related\":[");
            for (j, r) in f.related.iter().enumerate() {
                if j > 0 {
                    out.push(',');
                }
                out.push_str("{\"evidence\":");
                json_str(&mut out, &r.evidence);
                out.push_str(",\"span\":");
                json_span(&mut out, r.span);
                out.push('}');
            }
            out.push(']');
        }
        out.push('}');
    }
    out.push(']');
    out
}

fn json_span(out: &mut String, span: Option<Span>) {
    match span {
        None => out.push_str("null"),
        Some(s) => out.push_str(&format!("{{\"start\":{},\"end\":{}}}", s.start, s.end)),
    }
}

fn json_opt(out: &mut String, value: Option<&str>) {
    match value {
        Some(v) => json_str(out, v),
        None => out.push_str("null"),
    }
}

fn json_str(out: &mut String, value: &str) {
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Turns the findings' spans (UTF-8 byte offsets into `text`) into UTF-16 code-unit offsets,
/// as JavaScript strings count, in one pass over the text.
pub fn to_utf16_spans(text: &str, findings: &mut [Finding]) {
    let mut offsets: Vec<usize> = Vec::with_capacity(findings.len() * 2);
    each_span(findings, |s| offsets.extend([s.start, s.end]));
    offsets.sort_unstable();
    offsets.dedup();
    let mut units = Vec::with_capacity(offsets.len());
    let (mut byte, mut unit) = (0usize, 0usize);
    let mut chars = text.chars();
    for &target in &offsets {
        while byte < target {
            let Some(c) = chars.next() else { break };
            byte += c.len_utf8();
            unit += c.len_utf16();
        }
        units.push(unit);
    }
    // Every offset was collected above, so the search always finds it.
    let convert = |b: usize| offsets.binary_search(&b).map_or(unit, |i| units[i]);
    each_span(findings, |s| {
        *s = Span {
            start: convert(s.start),
            end: convert(s.end),
        }
    });
}

/// Calls `visit` with every span of `findings`: each finding's own and its related ones'.
fn each_span(findings: &mut [Finding], mut visit: impl FnMut(&mut Span)) {
    for f in findings {
        let related = f.related.iter_mut().filter_map(|r| r.span.as_mut());
        f.span.iter_mut().chain(related).for_each(&mut visit);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hand_written_json_equals_serde() {
        let finding = Finding {
            kind: Kind::PretickedConsent,
            category: "data_sharing".into(),
            severity: Severity::High,
            rule: "consent.x".into(),
            message: "Schon für Sie angekreuzt: \"Partner\" \\ \n\t\u{1}".into(),
            evidence: "<img src=x onerror=alert(1)> 😀".into(),
            element: Some(ElementRef {
                id: None,
                name: Some("n".into()),
                selector: "#a\\:b".into(),
            }),
            span: Some(Span { start: 1, end: 2 }),
            flags: vec![Flag::Hidden, Flag::OptOut],
            related: vec![],
        };
        let plain = Finding {
            element: None,
            span: None,
            flags: vec![],
            ..finding.clone()
        };
        let contradiction = Finding {
            kind: Kind::PolicyContradiction,
            related: vec![Related {
                evidence: "Wir verkaufen \"nie\".".into(),
                span: Some(Span { start: 0, end: 9 }),
            }],
            ..plain.clone()
        };
        for findings in [
            vec![],
            vec![finding.clone()],
            vec![finding, plain, contradiction],
        ] {
            let ours: serde_json::Value = serde_json::from_str(&findings_json(&findings)).unwrap();
            assert_eq!(ours, serde_json::to_value(&findings).unwrap());
        }
    }

    #[test]
    fn spans_count_utf16_units() {
        let text = "ä😀 we share";
        let start = text.find("we").unwrap();
        let mut findings = vec![Finding {
            kind: Kind::PolicyClaim,
            category: "third_party_sharing".into(),
            severity: Severity::Medium,
            rule: String::new(),
            message: String::new(),
            evidence: String::new(),
            element: None,
            span: Some(Span {
                start,
                end: text.len(),
            }),
            flags: Vec::new(),
            related: Vec::new(),
        }];
        to_utf16_spans(text, &mut findings);
        // ä is one unit, the emoji two, the space one.
        assert_eq!(findings[0].span, Some(Span { start: 4, end: 12 }));
    }

    #[test]
    fn typescript_declarations_match_the_shell_s_copy() {
        let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("extension/shared");
        for (file, ours) in [
            ("findings.d.ts", typescript_declarations()),
            ("contract.js", javascript_contract()),
        ] {
            let path = shared.join(file);
            if std::env::var_os("BLESS").is_some() {
                std::fs::write(&path, &ours).unwrap();
            }
            let theirs = std::fs::read_to_string(&path).unwrap_or_default();
            assert_eq!(
                theirs,
                ours,
                "{} is stale: BLESS=1 cargo test --lib typescript",
                path.display()
            );
        }
        let ours = typescript_declarations();
        // Every kind serde writes is in the declarations.
        for kind in Kind::ALL {
            let json = serde_json::to_string(&kind).unwrap();
            assert!(ours.contains(&json.replace('"', "'")), "{json}");
        }
    }
}
