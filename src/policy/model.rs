//! A small linear model that reads policy sentences no claim rule recognises.
//!
//! Rules name the wordings someone has seen; policies keep finding new ones ("Ihre Bestellung
//! geht an unseren Lagerdienstleister", "Our logistics vendor receives your delivery details").
//! The model is a logistic regression per category (sharing and staff access) over the sentence's words and word pairs,
//! trained on the project's own gold sentences and ToS;DR points
//! (`cargo run --release --example train_claim_model`, weights in `rules/policy/model.bin`).
//! It is asked only for sentences no rule claimed for the category, and it speaks only above
//! the threshold the trainer chose for precision (folded into the bias, so a score above zero
//! is a claim). Its finding names the words that weighed most, so it still shows its evidence.

use super::spec::ClaimCategory;
use crate::linear::{fnv1a, pair_hash, says_something, strongest_words, word_hash, SparseWeights};

/// The categories the model reads, in weight order. No tracking: the tracking class it was
/// tried with cost the English app policies of the gold set precision for no recall.
pub const CLASSES: [ClaimCategory; 2] =
    [ClaimCategory::ThirdPartySharing, ClaimCategory::StaffAccess];

/// A sentence needs at least this many words before the model reads it: shorter ones are
/// list items and fragments whose meaning sits elsewhere.
pub const MIN_WORDS: usize = 6;

/// The model reads at most this many words of a sentence (a run-on paragraph is many claims,
/// and its first words carry the verb).
pub const MAX_WORDS: usize = 80;

/// Words that say the data is aggregated or anonymous (folded stems). Such data is not personal
/// data (docs/claim-categories.md), so a sentence with one is no sharing claim of the model's:
/// bag-of-words weights cannot tell "we share statistics" from "we share your address".
const NOT_PERSONAL: &[&str] = &[
    "aggregat",
    "anonym",
    "de identified",
    "deidentified",
    "non personal",
    "not personally",
    "do not identify",
    "does not identify",
    "nicht personenbezogen",
    "keinen personenbezug",
    "statistisch",
];

/// Negations (folded words). A sentence with one is not read: "we will never share ..." has
/// every word of sharing, and where no promise rule caught it, the model would claim the
/// opposite of what it says. A `match`, not a list: it runs on every word of a policy.
fn is_negation(word: &str) -> bool {
    matches!(
        word,
        "not"
            | "never"
            | "no"
            | "nobody"
            | "neither"
            | "nor"
            | "cannot"
            | "don"
            | "doesn"
            | "isn"
            | "aren"
            | "wouldn"
            | "nicht"
            | "niemals"
            | "nie"
            | "kein"
            | "keine"
            | "keinen"
            | "keinem"
            | "keiner"
            | "keines"
            | "weder"
    )
}

/// How many words a finding names as the model's evidence.
const EVIDENCE_WORDS: usize = 3;

/// Words every policy sentence has: never evidence of a claim.
const POLICY_WORDS: &[&str] = &[
    "data",
    "personal",
    "information",
    "daten",
    "personenbezogene",
    "personenbezogenen",
    "informationen",
    "angaben",
    "not",
    "nicht",
    "have",
    "haben",
    "that",
    "dass",
    "der",
    "die",
];

/// The weights shipped with the crate.
static EMBEDDED: &[u8] = include_bytes!("../../rules/policy/model.bin");

/// One feature of a sentence: its hash and the words it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feature {
    /// FNV-1a hash of the feature's name (`w:word`, `b:word_word`, `bias`).
    pub hash: u32,
    /// The words it stands for (empty for the bias).
    pub words: String,
}

/// One claim the model sees in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Prediction {
    /// The category.
    pub category: ClaimCategory,
    /// Its score above the threshold (log-odds).
    pub margin: f32,
    /// The words that weighed most for it, strongest first.
    pub words: Vec<String>,
}

/// The model's weights.
#[derive(Debug, Clone)]
pub struct ClaimModel {
    weights: SparseWeights<{ CLASSES.len() }>,
}

/// The words of a folded sentence: runs of letters and digits.
pub fn words(folded: &str) -> impl Iterator<Item = &str> {
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// The features of a folded sentence (its first [`MAX_WORDS`] words, their pairs and the
/// bias), deduplicated and sorted by hash.
pub fn features(folded: &str) -> Vec<Feature> {
    let words: Vec<&str> = words(folded).take(MAX_WORDS).collect();
    let mut out: Vec<Feature> = Vec::with_capacity(words.len() * 2 + 1);
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
    out.push(Feature {
        hash: fnv1a("bias"),
        words: String::new(),
    });
    out.sort_by_key(|f| f.hash);
    out.dedup_by_key(|f| f.hash);
    out
}

/// Whether a folded sentence speaks of aggregated or anonymous data (see [`NOT_PERSONAL`]).
fn says_not_personal(folded: &str) -> bool {
    // Folding has made every hyphen a space ("de-identified" is "de identified").
    NOT_PERSONAL.iter().any(|w| folded.contains(w))
}

/// The hashes of [`features`] without their words, in one pass over the sentence that also
/// refuses it (`None`) when it is shorter than [`MIN_WORDS`] or holds a negation: the model
/// reads nearly every sentence of a policy, and most say nothing of sharing.
pub fn sentence_hashes(folded: &str) -> Option<Vec<u32>> {
    let mut out: Vec<u32> = Vec::with_capacity(2 * MAX_WORDS.min(64) + 1);
    let mut previous: Option<&str> = None;
    let mut count = 0;
    for w in words(folded) {
        if is_negation(w) {
            return None;
        }
        count += 1;
        if count <= MAX_WORDS {
            out.push(word_hash(w));
            if let Some(p) = previous {
                out.push(pair_hash(p, w));
            }
            previous = Some(w);
        }
    }
    if count < MIN_WORDS {
        return None;
    }
    out.push(fnv1a("bias"));
    out.sort_unstable();
    out.dedup();
    Some(out)
}

fn is_evidence(words: &str) -> bool {
    says_something(words) && words.split(' ').any(|w| !POLICY_WORDS.contains(&w))
}

impl ClaimModel {
    /// The weights shipped with the crate.
    pub fn embedded() -> Result<ClaimModel, String> {
        ClaimModel::from_bytes(EMBEDDED)
    }

    /// Reads weights in the format the trainer writes.
    pub fn from_bytes(bytes: &[u8]) -> Result<ClaimModel, String> {
        Ok(ClaimModel {
            weights: SparseWeights::from_bytes(bytes, "claim model")?,
        })
    }

    /// Number of features with weights.
    pub fn len(&self) -> usize {
        self.weights.len()
    }

    /// Whether the model has no features.
    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

    /// Scores per class in [`CLASSES`] order (log-odds minus the threshold).
    pub fn scores(&self, features: &[Feature]) -> [f32; CLASSES.len()] {
        self.weights.scores(features.iter().map(|f| f.hash))
    }

    /// The claims the model sees in a folded sentence of at least [`MIN_WORDS`] words, each
    /// with the words that weighed most; a claim that rests on no word that says something is
    /// not made.
    pub fn predict(&self, folded: &str) -> Vec<Prediction> {
        let Some(hashes) = sentence_hashes(folded) else {
            return Vec::new();
        };
        if says_not_personal(folded) {
            return Vec::new();
        }
        let scores = self.weights.scores(hashes);
        if scores.iter().all(|&m| m <= 0.0) {
            return Vec::new();
        }
        let features = features(folded);
        let mut out = Vec::new();
        for (class, &margin) in scores.iter().enumerate() {
            if margin <= 0.0 {
                continue;
            }
            let mut weighed: Vec<(i8, &str)> = features
                .iter()
                .filter(|f| is_evidence(&f.words))
                .filter_map(|f| {
                    let w = self.weights.row(f.hash)?[class];
                    (w > 0).then_some((w, f.words.as_str()))
                })
                .collect();
            weighed.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)));
            let words = strongest_words(weighed.into_iter().map(|(_, w)| w), EVIDENCE_WORDS);
            if !words.is_empty() {
                out.push(Prediction {
                    category: CLASSES[class],
                    margin,
                    words,
                });
            }
        }
        out
    }
}

/// The weights to write for a trained model: per feature hash, one real weight per class.
pub fn to_bytes(rows: &[(u32, [f32; CLASSES.len()])]) -> Vec<u8> {
    SparseWeights::to_bytes(rows)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A model with these weights for sharing; every other class stays far below its threshold.
    fn model(rows: &[(&str, f32)]) -> ClaimModel {
        ClaimModel::from_bytes(&to_bytes(&sharing_rows(rows))).unwrap()
    }

    /// Rows whose sharing weights are given; the bias of every other class is -9.
    pub(crate) fn sharing_rows(rows: &[(&str, f32)]) -> Vec<(u32, [f32; CLASSES.len()])> {
        rows.iter()
            .map(|(n, w)| {
                let mut row = [if *n == "bias" { -9.0 } else { 0.0 }; CLASSES.len()];
                row[0] = *w;
                (fnv1a(n), row)
            })
            .collect()
    }

    #[test]
    fn features_are_words_pairs_and_bias() {
        let f = features("wir teilen, daten");
        let long = "wir teilen deine daten mit dem lager";
        assert_eq!(
            sentence_hashes(long).unwrap(),
            features(long).iter().map(|x| x.hash).collect::<Vec<_>>()
        );
        assert!(sentence_hashes("wir teilen, daten").is_none());
        assert!(sentence_hashes("wir teilen deine daten nicht mit dem lager").is_none());
        let mut names: Vec<u32> = [
            "w:wir",
            "w:teilen",
            "w:daten",
            "b:wir_teilen",
            "b:teilen_daten",
            "bias",
        ]
        .iter()
        .map(|n| fnv1a(n))
        .collect();
        names.sort();
        assert_eq!(f.iter().map(|x| x.hash).collect::<Vec<_>>(), names);
    }

    #[test]
    fn a_sentence_above_the_threshold_is_a_claim_with_its_words() {
        let m = model(&[("w:vendors", 4.0), ("w:data", 2.0), ("bias", -3.0)]);
        let p = m.predict("our vendors receive the data you give us");
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].category, ClaimCategory::ThirdPartySharing);
        assert_eq!(p[0].words, vec!["vendors".to_string()]);
        // Below the threshold, or too short: nothing.
        assert!(m.predict("we keep the data you give us here").is_empty());
        assert!(m.predict("vendors and data").is_empty());
        // A negated sentence is not read.
        assert!(m
            .predict("our vendors will never receive the data you give us")
            .is_empty());
        // Aggregated or anonymous data is not personal data.
        assert!(m
            .predict("our vendors receive aggregated statistics about the shop")
            .is_empty());
        assert!(m
            .predict(&crate::text::fold(
                "Our vendors receive de-identified records of the shop"
            ))
            .is_empty());
    }

    #[test]
    fn a_claim_resting_only_on_words_every_policy_has_is_not_made() {
        let m = model(&[("w:data", 9.0), ("bias", -1.0)]);
        assert!(m.predict("this is about the data you give us").is_empty());
    }

    #[test]
    fn the_embedded_model_loads() {
        assert!(ClaimModel::embedded().unwrap().len() > 100);
    }
}
