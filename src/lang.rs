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
        let table = languages();
        let mut best = (0usize, Lang::default());
        for language in &table.language {
            let hits = folded
                .split(' ')
                .filter(|w| language.function_words.iter().any(|f| f == w))
                .count();
            if hits > best.0 {
                best = (hits, Lang(language.id.as_str()));
            }
        }
        best.1
    }
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
