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
//! Weights are stored as [`SparseWeights`] (`crate::linear`), one `i8` per class in [`CLASSES`]
//! order.

use crate::consent::snapshot::ControlKind;
pub use crate::linear::fnv1a;
use crate::linear::{
    fnv1a_parts, pair_hash, says_something, strongest_words, word_hash, SparseWeights,
};
use crate::rules::ConsentCategory;
use crate::text::head;

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
    weights: SparseWeights<{ CLASSES.len() }>,
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
            hash: word_hash(w),
            words: (*w).to_string(),
        });
    }
    for pair in words.windows(2) {
        out.push(Feature {
            hash: pair_hash(pair[0], pair[1]),
            words: format!("{} {}", pair[0], pair[1]),
        });
    }
    for w in head(question, QUESTION_CHARS)
        .split(' ')
        .filter(|w| !w.is_empty())
    {
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
        Ok(ConsentModel {
            weights: SparseWeights::from_bytes(bytes, "consent model")?,
        })
    }

    /// Writes weights: `weights` are real-valued per class; they are scaled into `i8`.
    pub fn to_bytes(rows: &[(u32, [f32; CLASSES.len()])]) -> Vec<u8> {
        SparseWeights::to_bytes(rows)
    }

    /// Number of features with weights.
    pub fn len(&self) -> usize {
        self.weights.len()
    }

    /// Whether the model has no features.
    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

    fn row(&self, hash: u32) -> Option<&[i8; CLASSES.len()]> {
        self.weights.row(hash)
    }

    /// Class probabilities for `features`, in [`CLASSES`] order.
    pub fn probabilities(&self, features: &[Feature]) -> [f32; CLASSES.len()] {
        softmax(self.weights.scores(features.iter().map(|f| f.hash)))
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
        let words = strongest_words(weighed.into_iter().map(|(_, w)| w), EVIDENCE_WORDS);
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
