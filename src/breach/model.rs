//! Whether a text, read as a whole, is a breach notice to the person it is addressed to.
//!
//! The notice rules know the sentences that say a breach happened ("we have identified
//! unauthorised access"). Small organisations say it in their own words ("I attached the
//! members' list instead of the poster"), and a report to a regulator or a news article uses
//! a notice's words without being one. This logistic regression over the words and word pairs
//! of the whole text weighs both: trained on the labelled notices and look-alikes of
//! `tests/breach*/` and on whole privacy policies (`cargo run --release --example
//! train_notice_model`, weights in `rules/breach/model.bin`). It only decides the yes/no of
//! "is this a notice"; every checklist line still rests on a rule and names its sentence.

use crate::linear::{fnv1a, pair_hash, word_hash, SparseWeights};
use crate::policy::model::words;
use crate::text::{fold, head};

/// The model reads this many bytes of a text: a notice says what it is about in its first
/// pages, and a 20 MB paste costs no more than its head.
pub const MAX_BYTES: usize = 64 * 1024;

/// The weights shipped with the crate.
static EMBEDDED: &[u8] = include_bytes!("../../rules/breach/model.bin");

/// The model's weights.
#[derive(Debug, Clone)]
pub struct NoticeModel {
    weights: SparseWeights<1>,
}

/// The features of a text: its words, its word pairs and the bias, as sorted distinct hashes
/// (the same names as the claim model's: `w:word`, `b:word_word`, `bias`).
pub fn text_hashes(text: &str) -> Vec<u32> {
    let folded = fold(head(text, MAX_BYTES));
    let mut out: Vec<u32> = Vec::new();
    let mut previous: Option<&str> = None;
    for w in words(&folded) {
        out.push(word_hash(w));
        if let Some(p) = previous {
            out.push(pair_hash(p, w));
        }
        previous = Some(w);
    }
    out.push(fnv1a("bias"));
    out.sort_unstable();
    out.dedup();
    out
}

impl NoticeModel {
    /// The weights shipped with the crate.
    pub fn embedded() -> Result<NoticeModel, String> {
        NoticeModel::from_bytes(EMBEDDED)
    }

    /// Reads weights in the format the trainer writes.
    pub fn from_bytes(bytes: &[u8]) -> Result<NoticeModel, String> {
        Ok(NoticeModel {
            weights: SparseWeights::from_bytes(bytes, "notice model")?,
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

    /// The log-odds that `text` is a breach notice to its reader.
    pub fn score(&self, text: &str) -> f32 {
        self.weights.scores(text_hashes(text))[0]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model(rows: &[(&str, f32)]) -> NoticeModel {
        let rows: Vec<(u32, [f32; 1])> = rows.iter().map(|(n, w)| (fnv1a(n), [*w])).collect();
        NoticeModel::from_bytes(&SparseWeights::to_bytes(&rows)).unwrap()
    }

    #[test]
    fn the_score_adds_the_weights_of_the_words_and_pairs_present_once() {
        let m = model(&[("bias", -1.0), ("w:sorry", 2.0), ("b:by_mistake", 1.5)]);
        assert!((m.score("Sorry, sorry: I sent it by mistake.") - 2.5).abs() < 0.05);
        assert!((m.score("Nothing here") + 1.0).abs() < 0.05);
        assert!((m.score("") + 1.0).abs() < 0.05);
    }

    #[test]
    fn only_the_head_of_a_huge_text_is_read() {
        let m = model(&[("bias", 0.0), ("w:sorry", 2.0)]);
        let mut text = "x ".repeat(MAX_BYTES);
        text.push_str("sorry");
        assert!(m.score(&text).abs() < 0.05);
        // A cut inside a character is moved back to its start.
        assert_eq!(head("aé", 2), "a");
    }

    #[test]
    fn the_shipped_weights_load() {
        assert!(!NoticeModel::embedded().unwrap().is_empty());
    }
}
