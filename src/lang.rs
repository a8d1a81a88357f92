//! The language messages are written in: chosen by the user, else the page's, else guessed.

use serde::{Deserialize, Serialize};

/// A language haken writes messages in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// German.
    De,
    /// English (also the fallback).
    #[default]
    En,
}

impl Lang {
    /// Parses a BCP 47 tag such as `de`, `de-AT` or `en_GB`; `None` for other languages.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "de" => Some(Lang::De),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The tag used in data files.
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::De => "de",
            Lang::En => "en",
        }
    }

    /// Guesses German or English from folded text by counting common function words.
    pub fn guess(folded: &str) -> Lang {
        const DE: &[&str] = &[
            "und", "der", "die", "das", "ich", "sie", "nicht", "mit", "fuer", "meine", "ihre",
            "zu", "von", "ein", "eine", "werden", "bitte", "mich",
        ];
        const EN: &[&str] = &[
            "the", "and", "i", "you", "with", "to", "my", "your", "of", "me", "for", "please", "a",
            "be", "we",
        ];
        let (mut de, mut en) = (0usize, 0usize);
        for word in folded.split(' ') {
            de += DE.contains(&word) as usize;
            en += EN.contains(&word) as usize;
        }
        if de > en {
            Lang::De
        } else {
            Lang::En
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags() {
        assert_eq!(Lang::from_tag("de-AT"), Some(Lang::De));
        assert_eq!(Lang::from_tag("EN_gb"), Some(Lang::En));
        assert_eq!(Lang::from_tag("fr"), None);
        assert_eq!(Lang::from_tag(""), None);
    }

    #[test]
    fn guesses() {
        assert_eq!(
            Lang::guess("ich moechte den newsletter und angebote"),
            Lang::De
        );
        assert_eq!(Lang::guess("send me the offers and news"), Lang::En);
        assert_eq!(Lang::guess(""), Lang::En);
    }
}
