//! The claims gold sets (`tests/data/claims-gold*/`): sentences labelled per category by readers
//! blind to the rules, their development and test halves, and what haken finds in each.
//!
//! Each set is split by document: a sentence is in the development half when the CRC-32 of its
//! `doc` is even. Rule authors and the claim model read only development halves; test halves
//! measure wording nobody tuned for.

use haken::policy::ClaimEngine;
use haken::{Kind, Lang};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// One labelled sentence.
pub struct GoldRow {
    /// Its id in the set.
    pub id: String,
    /// `en` or `de`.
    pub lang: String,
    /// The document it comes from.
    pub doc: String,
    /// The sentence.
    pub text: String,
    /// Its categories, widened (see [`widen`]).
    pub gold: BTreeSet<String>,
}

/// Which sentences of a set to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Half {
    All,
    Dev,
    Test,
}

impl Half {
    /// `all`, `dev` or `test`.
    pub fn parse(name: &str) -> Option<Half> {
        match name {
            "all" => Some(Half::All),
            "dev" => Some(Half::Dev),
            "test" => Some(Half::Test),
            _ => None,
        }
    }

    /// Whether a sentence of document `doc` is in this half.
    pub fn holds(self, doc: &str) -> bool {
        match self {
            Half::All => true,
            Half::Dev => crc32(doc.as_bytes()).is_multiple_of(2),
            Half::Test => crc32(doc.as_bytes()) % 2 == 1,
        }
    }
}

/// CRC-32 (IEEE, as zlib computes it), bit by bit: the split must match the one the sets were
/// first divided with.
pub fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xffff_ffffu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// The labelled sentences of every `.jsonl` file in `dir` that lie in `half`.
pub fn load(dir: &Path, half: Half) -> Result<Vec<GoldRow>, String> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(format!("{}: no .jsonl files", dir.display()));
    }
    let mut rows = Vec::new();
    for path in paths {
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        for (n, line) in text.lines().enumerate() {
            let v: Value = serde_json::from_str(line)
                .map_err(|e| format!("{}:{}: {e}", path.display(), n + 1))?;
            let field = |k: &str| v[k].as_str().unwrap_or_default().to_string();
            let doc = field("doc");
            if !half.holds(&doc) {
                continue;
            }
            rows.push(GoldRow {
                id: field("id"),
                lang: field("lang"),
                doc,
                text: field("text"),
                gold: widen(
                    v["labels"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(|l| l.as_str()),
                ),
            });
        }
    }
    Ok(rows)
}

/// A sale or a business transfer passes the data to another party: both count as sharing too,
/// on the gold side and on haken's (which shows only the more specific claim).
pub fn widen<'a>(categories: impl Iterator<Item = &'a str>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for c in categories {
        if matches!(c, "data_sale" | "business_transfer") {
            out.insert("third_party_sharing".to_string());
        }
        out.insert(c.to_string());
    }
    out
}

/// The categories haken claims in one sentence, widened like the gold labels.
pub fn predict(engine: &ClaimEngine, lang: &str, text: &str) -> BTreeSet<String> {
    let lang = Lang::from_tag(lang);
    let found = engine.analyze(text, lang, lang).findings;
    let claims: Vec<String> = found
        .into_iter()
        .filter(|f| f.kind == Kind::PolicyClaim)
        .map(|f| f.category)
        .collect();
    widen(claims.iter().map(String::as_str))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_matches_zlib() {
        assert_eq!(crc32(b""), 0);
        assert_eq!(crc32(b"123456789"), 0xcbf4_3926);
    }

    #[test]
    fn the_halves_split_every_document_one_way() {
        for doc in ["enshop-loomlark", "de-shop-1", "date.concha.app"] {
            assert_ne!(Half::Dev.holds(doc), Half::Test.holds(doc));
            assert!(Half::All.holds(doc));
        }
    }
}
