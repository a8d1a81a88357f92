//! The language messages are written in: chosen by the user, else the page's, else guessed.
//! Languages are data (`rules/languages.toml`): an id, a name and common words for guessing.

use crate::rules::spec::LanguageFile;
use std::sync::OnceLock;

/// A language haken writes messages in (one of `rules/languages.toml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Lang(&'static str);

/// The embedded language table.
pub fn languages() -> &'static LanguageFile {
    static TABLE: OnceLock<LanguageFile> = OnceLock::new();
    TABLE.get_or_init(crate::rules::embedded_languages)
}

impl Default for Lang {
    /// The table's fallback language.
    fn default() -> Lang {
        let table = languages();
        Lang::find(&table.fallback).unwrap_or(Lang("en"))
    }
}

impl Lang {
    fn find(id: &str) -> Option<Lang> {
        languages()
            .language
            .iter()
            .find(|l| l.id.eq_ignore_ascii_case(id))
            .map(|l| Lang(l.id.as_str()))
    }

    /// Parses a BCP 47 tag such as `de`, `de-AT` or `en_GB`; `None` for languages not in the
    /// table.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?;
        Lang::find(primary)
    }

    /// The id used in data files and `<html lang>`.
    pub fn as_str(self) -> &'static str {
        self.0
    }

    /// Every language, as a list for messages ("de, en").
    pub fn all_ids() -> String {
        let ids: Vec<&str> = languages().language.iter().map(|l| l.id.as_str()).collect();
        ids.join(", ")
    }

    /// Guesses the language of folded text by counting each language's common words; the
    /// fallback wins ties.
    pub fn guess(folded: &str) -> Lang {
        let mut best = (0usize, Lang::default());
        for (lang, hits) in votes(folded) {
            if hits > best.0 {
                best = (hits, lang);
            }
        }
        best.1
    }

    /// The language with at least `min_hits` common words and more than any other, if one is.
    pub fn guess_clearly(folded: &str, min_hits: usize) -> Option<Lang> {
        let votes = votes(folded);
        let top = votes.iter().map(|v| v.1).max()?;
        let mut winners = votes.iter().filter(|v| v.1 == top);
        match (winners.next(), winners.next()) {
            (Some(&(lang, _)), None) if top >= min_hits => Some(lang),
            _ => None,
        }
    }
}

/// Every language's common words in one sorted table, each with a bit per language (in table
/// order) it belongs to: counting is one binary search per word.
struct WordTable {
    langs: Vec<Lang>,
    /// Sorted by length, then bytes.
    words: Vec<(&'static str, u32)>,
    /// `by_len[n]`: the range of `words` with `n` bytes (longer words are in none).
    by_len: Vec<std::ops::Range<usize>>,
}

fn word_table() -> &'static WordTable {
    static TABLE: OnceLock<WordTable> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = WordTable {
            langs: Vec::new(),
            words: Vec::new(),
            by_len: Vec::new(),
        };
        for language in languages().language.iter().take(32) {
            let bit = 1u32 << table.langs.len();
            table.langs.push(Lang(language.id.as_str()));
            for word in &language.function_words {
                match table.words.iter_mut().find(|(w, _)| *w == word.as_str()) {
                    Some(entry) => entry.1 |= bit,
                    None => table.words.push((word.as_str(), bit)),
                }
            }
        }
        // By length first: a text's word is compared only with table words as long as it.
        table
            .words
            .sort_unstable_by(|a, b| (a.0.len(), a.0).cmp(&(b.0.len(), b.0)));
        let longest = table.words.last().map_or(0, |w| w.0.len());
        table.by_len = (0..=longest)
            .map(|n| {
                let start = table.words.partition_point(|w| w.0.len() < n);
                let end = table.words.partition_point(|w| w.0.len() <= n);
                start..end
            })
            .collect();
        table
    })
}

/// How many of each language's common words `folded` holds, in table order.
fn votes(folded: &str) -> Vec<(Lang, usize)> {
    let table = word_table();
    let mut counts: Vec<(Lang, usize)> = table.langs.iter().map(|&l| (l, 0)).collect();
    for word in folded.split(' ') {
        let Some(range) = table.by_len.get(word.len()) else {
            continue;
        };
        let same_length = &table.words[range.clone()];
        if let Ok(i) = same_length.binary_search_by(|(w, _)| (*w).cmp(word)) {
            let mask = same_length[i].1;
            for (n, count) in counts.iter_mut().enumerate() {
                if mask & (1 << n) != 0 {
                    count.1 += 1;
                }
            }
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags() {
        assert_eq!(Lang::from_tag("de-AT").map(Lang::as_str), Some("de"));
        assert_eq!(Lang::from_tag("EN_gb").map(Lang::as_str), Some("en"));
        assert_eq!(Lang::from_tag("fr"), None);
        assert_eq!(Lang::from_tag(""), None);
        assert_eq!(Lang::default().as_str(), "en");
    }

    #[test]
    fn guesses() {
        assert_eq!(
            Lang::guess("ich moechte den newsletter und angebote").as_str(),
            "de"
        );
        assert_eq!(Lang::guess("send me the offers and news").as_str(), "en");
        assert_eq!(Lang::guess("").as_str(), "en");
    }
}
