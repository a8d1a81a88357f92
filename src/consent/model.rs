//! A small linear model that reads ticked controls no rule recognises.
//!
//! Rules name the wordings someone has seen; shops keep finding new ones ("Ab und zu die
//! Klarblick-Post lesen", "Let my mistakes decide which courses show up"). The model is a
//! softmax regression over the words of the label, its word pairs, the words of the question
//! around it and the control's kind, trained on the project's own labelled pages
//! (`cargo run --release --example train_consent_model`, weights in
//! `rules/consent/model.bin`). It is asked only when no rule decided and nothing vetoed the
//! control, and it speaks only when it is confident; its finding names the words that weighed
//! most, so it still shows its evidence.
//!
//! File format (little endian): `HKM1`, feature count `u32`, scale `f32`, then per feature its
//! FNV-1a hash `u32` and one `i8` weight per class in [`CLASSES`] order, sorted by hash.

use crate::consent::snapshot::ControlKind;
use crate::rules::ConsentCategory;

/// The classes in weight order: "no catch" first.
pub const CLASSES: [Option<ConsentCategory>; 9] = [
    None,
    Some(ConsentCategory::Marketing),
    Some(ConsentCategory::PaidAddon),
    Some(ConsentCategory::DataSharing),
    Some(ConsentCategory::Personalization),
    Some(ConsentCategory::Tracking),
    Some(ConsentCategory::Subscription),
    Some(ConsentCategory::Account),
    Some(ConsentCategory::CreditCheck),
];

/// Folded characters of the question read as features (a long region adds noise, not meaning).
pub const QUESTION_CHARS: usize = 400;

/// The probability a catch class needs before the model speaks. Chosen for precision: at 0.85
/// the blind sets 12 and 13 keep the precision of the rules alone (0.7 cost set 13 three
/// points of precision; docs/figures.md).
pub const THRESHOLD: f32 = 0.85;

/// How many words a finding names as the model's evidence.
const EVIDENCE_WORDS: usize = 3;

/// Words that say nothing on their own ("mit", "your", "eur", "29"): never evidence. A
/// prediction without one evidence word beyond these rests on the question or on a price alone,
/// and is not shown.
const NOT_EVIDENCE: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "it", "me", "my",
    "of", "on", "or", "our", "the", "this", "to", "us", "we", "with", "you", "your", "all", "auf",
    "aus", "bei", "bin", "das", "dass", "dem", "den", "der", "des", "die", "du", "ein", "eine",
    "einen", "einem", "einer", "es", "fuer", "ich", "ihr", "ihre", "ihren", "ihrer", "im", "in",
    "ist", "mein", "meine", "meinen", "meiner", "mich", "mir", "mit", "nach", "oder", "sie",
    "sich", "um", "und", "uns", "unsere", "unseren", "unserer", "vom", "von", "vor", "wir", "zu",
    "zum", "zur", "ueber", "eur", "euro", "usd", "gbp", "chf", "per", "je", "welche", "welcher",
    "which", "what", "when", "how", "was", "wie", "wann", "lassen", "werden", "wird", "get",
    "gets", "can", "will", "may", "durch", "damit", "dafuer", "danach", "dann", "auch", "also",
    "into", "out", "off", "up", "so", "ab", "an", "am", "bis", "als",
];

fn says_something(words: &str) -> bool {
    words.split(' ').any(|w| {
        w.len() > 2 && !w.bytes().all(|b| b.is_ascii_digit()) && !NOT_EVIDENCE.contains(&w)
    })
}

const MAGIC: &[u8; 4] = b"HKM1";
const HEADER: usize = 12;
const ROW: usize = 4 + CLASSES.len();

/// The weights shipped with the crate.
static EMBEDDED: &[u8] = include_bytes!("../../rules/consent/model.bin");

/// One feature of a control: its hash and, for evidence, the words it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feature {
    /// FNV-1a hash of the feature's name (`w:word`, `b:word_word`, `c:word`, `k:kind`).
    pub hash: u32,
    /// The label words it stands for (empty for question words and the kind).
    pub words: String,
}

/// The model's answer for one control.
#[derive(Debug, Clone, PartialEq)]
pub struct Prediction {
    /// The catch it sees.
    pub category: ConsentCategory,
    /// Its probability.
    pub probability: f32,
    /// The label words that weighed most for it, strongest first.
    pub words: Vec<String>,
}

/// The model's weights.
#[derive(Debug, Clone)]
pub struct ConsentModel {
    scale: f32,
    hashes: Vec<u32>,
    weights: Vec<[i8; CLASSES.len()]>,
}

/// FNV-1a, 32 bit: stable across platforms and cheap in wasm.
pub fn fnv1a(text: &str) -> u32 {
    fnv1a_parts(&[text.as_bytes()])
}

/// FNV-1a of the concatenated `parts`, without building the string.
fn fnv1a_parts(parts: &[&[u8]]) -> u32 {
    parts
        .iter()
        .flat_map(|p| p.iter())
        .fold(0x811c_9dc5u32, |h, &b| {
            (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
        })
}

fn kind_name(kind: ControlKind) -> &'static str {
    match kind {
        ControlKind::Checkbox => "checkbox",
        ControlKind::AriaCheckbox => "ariacheckbox",
        ControlKind::Switch => "switch",
        ControlKind::Toggle => "toggle",
        ControlKind::Radio => "radio",
    }
}

/// The features of a control from its folded label and folded question, deduplicated and
/// sorted by hash. Hashes are computed over the feature names without allocating them.
pub fn features(kind: ControlKind, label: &str, question: &str) -> Vec<Feature> {
    let mut out: Vec<Feature> = Vec::new();
    let words: Vec<&str> = label.split(' ').filter(|w| !w.is_empty()).collect();
    for w in &words {
        out.push(Feature {
            hash: fnv1a_parts(&[b"w:", w.as_bytes()]),
            words: (*w).to_string(),
        });
    }
    for pair in words.windows(2) {
        out.push(Feature {
            hash: fnv1a_parts(&[b"b:", pair[0].as_bytes(), b"_", pair[1].as_bytes()]),
            words: format!("{} {}", pair[0], pair[1]),
        });
    }
    let mut end = question.len().min(QUESTION_CHARS);
    while !question.is_char_boundary(end) {
        end -= 1;
    }
    for w in question[..end].split(' ').filter(|w| !w.is_empty()) {
        out.push(Feature {
            hash: fnv1a_parts(&[b"c:", w.as_bytes()]),
            words: String::new(),
        });
    }
    out.push(Feature {
        hash: fnv1a_parts(&[b"k:", kind_name(kind).as_bytes()]),
        words: String::new(),
    });
    out.push(Feature {
        hash: fnv1a("bias"),
        words: String::new(),
    });
    out.sort_by_key(|f| f.hash);
    out.dedup_by_key(|f| f.hash);
    out
}

impl ConsentModel {
    /// The weights shipped with the crate.
    pub fn embedded() -> Result<ConsentModel, String> {
        ConsentModel::from_bytes(EMBEDDED)
    }

    /// Reads weights in the format the trainer writes.
    pub fn from_bytes(bytes: &[u8]) -> Result<ConsentModel, String> {
        if bytes.len() < HEADER || &bytes[..4] != MAGIC {
            return Err("consent model: not a haken model file".into());
        }
        let count = u32::from_le_bytes([bytes[4], bytes[5], bytes[6], bytes[7]]) as usize;
        let scale = f32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]);
        if bytes.len() != HEADER + count * ROW || !scale.is_finite() || scale <= 0.0 {
            return Err("consent model: truncated or damaged".into());
        }
        let mut hashes = Vec::with_capacity(count);
        let mut weights = Vec::with_capacity(count);
        for row in bytes[HEADER..].chunks_exact(ROW) {
            hashes.push(u32::from_le_bytes([row[0], row[1], row[2], row[3]]));
            let mut w = [0i8; CLASSES.len()];
            for (slot, &b) in w.iter_mut().zip(&row[4..]) {
                *slot = b as i8;
            }
            weights.push(w);
        }
        if hashes.windows(2).any(|p| p[0] >= p[1]) {
            return Err("consent model: features not sorted".into());
        }
        Ok(ConsentModel {
            scale,
            hashes,
            weights,
        })
    }

    /// Writes weights: `weights` are real-valued per class; they are scaled into `i8`.
    pub fn to_bytes(rows: &[(u32, [f32; CLASSES.len()])]) -> Vec<u8> {
        let mut rows = rows.to_vec();
        rows.sort_by_key(|r| r.0);
        let top = rows
            .iter()
            .flat_map(|r| r.1.iter())
            .fold(0f32, |m, v| m.max(v.abs()))
            .max(1e-6);
        let scale = top / 127.0;
        let mut out = Vec::with_capacity(HEADER + rows.len() * ROW);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
        out.extend_from_slice(&scale.to_le_bytes());
        for (hash, w) in rows {
            out.extend_from_slice(&hash.to_le_bytes());
            for v in w {
                out.push((v / scale).round().clamp(-127.0, 127.0) as i8 as u8);
            }
        }
        out
    }

    /// Number of features with weights.
    pub fn len(&self) -> usize {
        self.hashes.len()
    }

    /// Whether the model has no features.
    pub fn is_empty(&self) -> bool {
        self.hashes.is_empty()
    }

    fn row(&self, hash: u32) -> Option<&[i8; CLASSES.len()]> {
        self.hashes
            .binary_search(&hash)
            .ok()
            .map(|i| &self.weights[i])
    }

    /// Class probabilities for `features`, in [`CLASSES`] order.
    pub fn probabilities(&self, features: &[Feature]) -> [f32; CLASSES.len()] {
        let mut score = [0f32; CLASSES.len()];
        for f in features {
            if let Some(w) = self.row(f.hash) {
                for (s, &v) in score.iter_mut().zip(w) {
                    *s += f32::from(v) * self.scale;
                }
            }
        }
        softmax(score)
    }

    /// The catch the model sees with at least [`THRESHOLD`] probability, with its evidence.
    pub fn predict(&self, kind: ControlKind, label: &str, question: &str) -> Option<Prediction> {
        let features = features(kind, label, question);
        let p = self.probabilities(&features);
        let (best, &probability) = p.iter().enumerate().max_by(|a, b| a.1.total_cmp(b.1))?;
        let category = CLASSES[best]?;
        if probability < THRESHOLD {
            return None;
        }
        // Evidence: label words whose weight for this class most exceeds their weight for
        // "no catch".
        let mut weighed: Vec<(f32, &str)> = features
            .iter()
            .filter(|f| says_something(&f.words))
            .filter_map(|f| {
                let w = self.row(f.hash)?;
                let margin = f32::from(w[best]) - f32::from(w[0]);
                (margin > 0.0).then_some((margin, f.words.as_str()))
            })
            .collect();
        weighed.sort_by(|a, b| b.0.total_cmp(&a.0));
        let mut words: Vec<String> = Vec::new();
        for (_, w) in weighed {
            if words.len() == EVIDENCE_WORDS {
                break;
            }
            if !words
                .iter()
                .any(|x| x.contains(w) || w.contains(x.as_str()))
            {
                words.push(w.to_string());
            }
        }
        if words.is_empty() {
            return None;
        }
        Some(Prediction {
            category,
            probability,
            words,
        })
    }
}

/// Softmax of raw scores.
pub fn softmax<const N: usize>(score: [f32; N]) -> [f32; N] {
    let top = score.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let mut out = score.map(|s| (s - top).exp());
    let sum: f32 = out.iter().sum();
    for v in out.iter_mut() {
        *v /= sum;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_the_reference_values() {
        assert_eq!(fnv1a(""), 0x811c_9dc5);
        assert_eq!(fnv1a("a"), 0xe40c_292c);
        assert_eq!(fnv1a("foobar"), 0xbf9c_f968);
    }

    #[test]
    fn features_are_label_words_pairs_question_words_kind_and_bias() {
        let f = features(ControlKind::Checkbox, "deals per mail", "news news");
        let names: Vec<u32> = [
            "w:deals",
            "w:per",
            "w:mail",
            "b:deals_per",
            "b:per_mail",
            "c:news",
            "k:checkbox",
            "bias",
        ]
        .iter()
        .map(|n| fnv1a(n))
        .collect();
        let mut names = names;
        names.sort();
        assert_eq!(f.iter().map(|x| x.hash).collect::<Vec<_>>(), names);
        let pair = f.iter().find(|x| x.hash == fnv1a("b:deals_per")).unwrap();
        assert_eq!(pair.words, "deals per");
    }

    #[test]
    fn a_written_model_reads_back_and_predicts_with_its_evidence() {
        let mut deals = [0f32; CLASSES.len()];
        deals[1] = 5.0;
        let mut bias = [0f32; CLASSES.len()];
        bias[0] = 1.0;
        let bytes = ConsentModel::to_bytes(&[(fnv1a("w:deals"), deals), (fnv1a("bias"), bias)]);
        let model = ConsentModel::from_bytes(&bytes).unwrap();
        assert_eq!(model.len(), 2);
        let p = model
            .predict(ControlKind::Checkbox, "weekly deals", "")
            .unwrap();
        assert_eq!(p.category, ConsentCategory::Marketing);
        assert_eq!(p.words, vec!["deals".to_string()]);
        assert!(model
            .predict(ControlKind::Checkbox, "same address", "")
            .is_none());
        // A catch that rests on no word that says something is not shown.
        let mut bias_only = [0f32; CLASSES.len()];
        bias_only[1] = 9.0;
        let eager =
            ConsentModel::from_bytes(&ConsentModel::to_bytes(&[(fnv1a("bias"), bias_only)]))
                .unwrap();
        assert!(eager
            .predict(ControlKind::Checkbox, "mit 29 eur", "")
            .is_none());
    }

    #[test]
    fn damaged_files_are_refused_with_a_message() {
        assert!(ConsentModel::from_bytes(b"").is_err());
        assert!(ConsentModel::from_bytes(b"HKM1\x05\0\0\0\0\0\x80\x3f").is_err());
        let mut bytes = ConsentModel::to_bytes(&[(1, [0.5; CLASSES.len()])]);
        bytes.pop();
        assert!(ConsentModel::from_bytes(&bytes).is_err());
    }

    #[test]
    fn the_embedded_model_loads() {
        let model = ConsentModel::embedded().unwrap();
        assert!(model.len() > 100);
    }

    #[test]
    fn long_questions_are_cut_on_a_character_boundary() {
        let question = "ä".repeat(QUESTION_CHARS);
        let f = features(ControlKind::Radio, "", &question);
        assert!(!f.is_empty());
    }
}
