//! The schema of the permission files (`rules/permissions/*.toml`): plain serde types, shared
//! with `build.rs`, which validates the files with exactly these types and embeds them, so the
//! wasm build carries no TOML parser.

use crate::rules::spec::{Severity, Texts};
use serde::{Deserialize, Serialize};

/// The categories of `permission` and `permission_prompt` findings (contract ids).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PermissionCategory {
    /// The address book.
    Contacts,
    /// Text messages.
    Sms,
    /// The list of calls made and received.
    CallLog,
    /// Phone state, numbers, identity; making calls.
    Phone,
    /// Where the device is, while the app is in use.
    Location,
    /// Where the device is, also while the app is not in use.
    BackgroundLocation,
    /// Taking pictures and videos.
    Camera,
    /// Recording audio.
    Microphone,
    /// Photos, media and files on the device.
    Storage,
    /// Accounts on the device, or another service's account (mail, drive).
    Accounts,
    /// Calendar events.
    Calendar,
    /// Body sensors, health and fitness, movement, face and eye tracking.
    Sensors,
    /// Showing notifications.
    Notifications,
    /// Reading the clipboard.
    Clipboard,
    /// Network access, Wi-Fi and Bluetooth state.
    Network,
    /// Anything not in the catalogue (reported verbatim, never dropped).
    Other,
}

impl PermissionCategory {
    /// Every category, in the order summaries list them.
    pub const ALL: [PermissionCategory; 16] = [
        PermissionCategory::Contacts,
        PermissionCategory::Sms,
        PermissionCategory::CallLog,
        PermissionCategory::Phone,
        PermissionCategory::BackgroundLocation,
        PermissionCategory::Location,
        PermissionCategory::Microphone,
        PermissionCategory::Camera,
        PermissionCategory::Calendar,
        PermissionCategory::Accounts,
        PermissionCategory::Sensors,
        PermissionCategory::Storage,
        PermissionCategory::Clipboard,
        PermissionCategory::Notifications,
        PermissionCategory::Network,
        PermissionCategory::Other,
    ];

    /// The contract id.
    pub fn as_str(self) -> &'static str {
        match self {
            PermissionCategory::Contacts => "contacts",
            PermissionCategory::Sms => "sms",
            PermissionCategory::CallLog => "call_log",
            PermissionCategory::Phone => "phone",
            PermissionCategory::Location => "location",
            PermissionCategory::BackgroundLocation => "background_location",
            PermissionCategory::Camera => "camera",
            PermissionCategory::Microphone => "microphone",
            PermissionCategory::Storage => "storage",
            PermissionCategory::Accounts => "accounts",
            PermissionCategory::Calendar => "calendar",
            PermissionCategory::Sensors => "sensors",
            PermissionCategory::Notifications => "notifications",
            PermissionCategory::Clipboard => "clipboard",
            PermissionCategory::Network => "network",
            PermissionCategory::Other => "other",
        }
    }
}

/// A category as written in `rules/permissions/categories.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PermissionCategorySpec {
    /// See [`PermissionCategory`].
    pub id: PermissionCategory,
    /// Short name for badges and lists.
    pub label: Texts,
    /// One sentence for an excessive item (severity medium or high): what the shop would get
    /// and the concrete risk.
    pub excessive: Texts,
    /// One sentence for an ordinary item (severity info): why a shop may need it.
    pub ordinary: Texts,
}

/// One permission of the catalogue: how a listing names it, and how it is judged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PermissionSpec {
    /// Unique id: `android.read_contacts`, `web.geolocation`, `oauth.google_contacts`,
    /// `ios.contacts`, `data_safety.messages` ...
    pub id: String,
    /// See [`PermissionCategory`].
    pub category: PermissionCategory,
    /// `info`: ordinary for a shop; `low`: more than a shop needs, mild; `medium`/`high`:
    /// excessive (shown in the page).
    pub severity: Severity,
    /// Regexes over the folded item text (lower case, ASCII, umlauts spelled out, punctuation
    /// as one space). The first entry of the catalogue with a matching pattern judges the item,
    /// so specific entries come before general ones.
    pub patterns: Vec<String>,
    /// Overrides the category's sentence (required for `low`, which has none).
    pub message: Option<Texts>,
    /// Where the permission and its wording come from.
    pub source: String,
}

/// A heading that opens a permission listing ("App permissions", "Berechtigungen", "ShopX
/// wants to access your Google Account").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionSpec {
    /// Regex over the folded heading text.
    pub pattern: String,
    /// Where such headings are seen.
    pub source: String,
}

/// A browser API call that asks the shopper for a permission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PromptSpec {
    /// The id the page script reports (`notifications`, `geolocation`, `contacts`, `camera`,
    /// `microphone`, `clipboard`).
    pub api: String,
    /// What the call is, as evidence (`Notification.requestPermission()`).
    pub call: String,
    /// See [`PermissionCategory`].
    pub category: PermissionCategory,
    /// How much it matters for a shop page.
    pub severity: Severity,
    /// What the shop would get, and why it matters.
    pub message: Texts,
    /// Where the fact comes from.
    pub source: String,
}

/// A messenger whose group invitations show members to each other.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InviteSpec {
    /// The finding's category: the messenger (`whatsapp`, `telegram`, `signal`).
    pub id: String,
    /// Short name.
    pub label: Texts,
    /// Regex over the lower-cased link address.
    pub url: String,
    /// How much it exposes.
    pub severity: Severity,
    /// What joining exposes.
    pub message: Texts,
    /// Where the fact comes from.
    pub source: String,
}

/// One file of `rules/permissions/`; every list is optional, and the files are merged in name
/// order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct PermissionFile {
    /// Permission categories.
    #[serde(default)]
    pub category: Vec<PermissionCategorySpec>,
    /// Headings of permission listings.
    #[serde(default)]
    pub section: Vec<SectionSpec>,
    /// The catalogue.
    #[serde(default)]
    pub permission: Vec<PermissionSpec>,
    /// Browser permission prompts.
    #[serde(default)]
    pub prompt: Vec<PromptSpec>,
    /// Group-chat invitations.
    #[serde(default)]
    pub invite: Vec<InviteSpec>,
}

/// Every language id and text of `t`.
fn texts(t: &Texts) -> Vec<&str> {
    t.0.iter()
        .flat_map(|(k, v)| [k.as_str(), v.as_str()])
        .collect()
}

/// Separates records of the embedded form.
const RECORD: char = '\u{1e}';
/// Separates fields of a record.
const FIELD: char = '\u{1f}';
/// Separates the items of a list field (patterns; language, text, language, text ...).
const ITEM: char = '\u{1d}';

fn severity_id(s: Severity) -> &'static str {
    match s {
        Severity::Info => "info",
        Severity::Low => "low",
        Severity::Medium => "medium",
        Severity::High => "high",
    }
}

fn severity_from(id: &str) -> Result<Severity, String> {
    [
        Severity::Info,
        Severity::Low,
        Severity::Medium,
        Severity::High,
    ]
    .into_iter()
    .find(|s| severity_id(*s) == id)
    .ok_or_else(|| format!("unknown severity {id:?}"))
}

fn category_from(id: &str) -> Result<PermissionCategory, String> {
    PermissionCategory::ALL
        .into_iter()
        .find(|c| c.as_str() == id)
        .ok_or_else(|| format!("unknown permission category {id:?}"))
}

fn texts_field(t: &Texts) -> String {
    let parts: Vec<&str> =
        t.0.iter()
            .flat_map(|(k, v)| [k.as_str(), v.as_str()])
            .collect();
    parts.join(&ITEM.to_string())
}

fn texts_from(field: &str) -> Texts {
    let parts: Vec<&str> = field.split(ITEM).collect();
    Texts(
        parts
            .chunks(2)
            .filter(|p| p.len() == 2)
            .map(|p| (p[0].to_string(), p[1].to_string()))
            .collect(),
    )
}

impl PermissionFile {
    /// A compact text form for embedding: one record per line-like unit, fields separated by
    /// control characters. The wasm build embeds this one string and decodes it on first use,
    /// instead of code that builds every value (which cost 40 KB of gzipped wasm).
    pub fn encode(&self) -> Result<String, String> {
        let mut records: Vec<Vec<String>> = Vec::new();
        for c in &self.category {
            records.push(vec![
                "c".into(),
                c.id.as_str().into(),
                texts_field(&c.label),
                texts_field(&c.excessive),
                texts_field(&c.ordinary),
            ]);
        }
        for s in &self.section {
            records.push(vec!["s".into(), s.pattern.clone(), s.source.clone()]);
        }
        for p in &self.permission {
            records.push(vec![
                "p".into(),
                p.id.clone(),
                p.category.as_str().into(),
                severity_id(p.severity).into(),
                p.patterns.join(&ITEM.to_string()),
                p.message.as_ref().map(texts_field).unwrap_or_default(),
                p.source.clone(),
            ]);
        }
        for p in &self.prompt {
            records.push(vec![
                "r".into(),
                p.api.clone(),
                p.call.clone(),
                p.category.as_str().into(),
                severity_id(p.severity).into(),
                texts_field(&p.message),
                p.source.clone(),
            ]);
        }
        for i in &self.invite {
            records.push(vec![
                "i".into(),
                i.id.clone(),
                texts_field(&i.label),
                i.url.clone(),
                severity_id(i.severity).into(),
                texts_field(&i.message),
                i.source.clone(),
            ]);
        }
        if let Some(bad) = self.raw_texts().find(|t| t.contains([RECORD, FIELD, ITEM])) {
            return Err(format!("a text holds a separator character: {bad:?}"));
        }
        Ok(records
            .iter()
            .map(|r| r.join(&FIELD.to_string()))
            .collect::<Vec<_>>()
            .join(&RECORD.to_string()))
    }

    /// Every text of the file, for checks.
    fn raw_texts(&self) -> impl Iterator<Item = &str> {
        let mut all: Vec<&str> = Vec::new();
        for c in &self.category {
            all.extend(
                texts(&c.label)
                    .into_iter()
                    .chain(texts(&c.excessive))
                    .chain(texts(&c.ordinary)),
            );
        }
        for x in &self.section {
            all.extend([x.pattern.as_str(), x.source.as_str()]);
        }
        for p in &self.permission {
            all.extend([p.id.as_str(), p.source.as_str()]);
            all.extend(p.patterns.iter().map(String::as_str));
            all.extend(p.message.iter().flat_map(|m| texts(m)));
        }
        for p in &self.prompt {
            all.extend([p.api.as_str(), p.call.as_str(), p.source.as_str()]);
            all.extend(texts(&p.message));
        }
        for i in &self.invite {
            all.extend([i.id.as_str(), i.url.as_str(), i.source.as_str()]);
            all.extend(texts(&i.label).into_iter().chain(texts(&i.message)));
        }
        all.into_iter()
    }

    /// Reads the form [`PermissionFile::encode`] writes.
    pub fn decode(data: &str) -> Result<PermissionFile, String> {
        let mut file = PermissionFile::default();
        for record in data.split(RECORD).filter(|r| !r.is_empty()) {
            let f: Vec<&str> = record.split(FIELD).collect();
            let get = |i: usize| -> Result<&str, String> {
                f.get(i)
                    .copied()
                    .ok_or_else(|| format!("short record {:?}", f.first()))
            };
            match get(0)? {
                "c" => file.category.push(PermissionCategorySpec {
                    id: category_from(get(1)?)?,
                    label: texts_from(get(2)?),
                    excessive: texts_from(get(3)?),
                    ordinary: texts_from(get(4)?),
                }),
                "s" => file.section.push(SectionSpec {
                    pattern: get(1)?.into(),
                    source: get(2)?.into(),
                }),
                "p" => file.permission.push(PermissionSpec {
                    id: get(1)?.into(),
                    category: category_from(get(2)?)?,
                    severity: severity_from(get(3)?)?,
                    patterns: get(4)?.split(ITEM).map(String::from).collect(),
                    message: Some(get(5)?).filter(|m| !m.is_empty()).map(texts_from),
                    source: get(6)?.into(),
                }),
                "r" => file.prompt.push(PromptSpec {
                    api: get(1)?.into(),
                    call: get(2)?.into(),
                    category: category_from(get(3)?)?,
                    severity: severity_from(get(4)?)?,
                    message: texts_from(get(5)?),
                    source: get(6)?.into(),
                }),
                "i" => file.invite.push(InviteSpec {
                    id: get(1)?.into(),
                    label: texts_from(get(2)?),
                    url: get(3)?.into(),
                    severity: severity_from(get(4)?)?,
                    message: texts_from(get(5)?),
                    source: get(6)?.into(),
                }),
                other => return Err(format!("unknown record type {other:?}")),
            }
        }
        Ok(file)
    }
}
