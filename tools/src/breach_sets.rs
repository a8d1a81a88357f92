//! The labelled breach sets (`tests/breach/`, `tests/breach-blind*/`): `labels.jsonl` beside
//! `notices/`, each text read the way `haken breach` reads it (HTML through the page reader).

use haken::policy::page::PageText;
use haken::reader::decode::decode_html;
use haken::reader::html::HtmlTree;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// One labelled text.
pub struct Labelled {
    /// File name under `notices/`.
    pub file: String,
    /// Its text as the checker reads it.
    pub text: String,
    /// The whole label line (`notice`, and per element its status).
    pub label: Value,
}

impl Labelled {
    /// Whether the author labelled it a notice to an affected person.
    pub fn notice(&self) -> bool {
        self.label["notice"].as_bool().unwrap_or(false)
    }
}

/// A yes/no decision ("is it a notice?") counted against the labels.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    /// Labelled yes, said yes.
    pub tp: usize,
    /// Labelled no, said yes.
    pub fp: usize,
    /// Labelled yes, said no.
    pub missed: usize,
}

impl Tally {
    /// Counts one decision.
    pub fn add(&mut self, gold: bool, got: bool) {
        match (gold, got) {
            (true, true) => self.tp += 1,
            (false, true) => self.fp += 1,
            (true, false) => self.missed += 1,
            (false, false) => {}
        }
    }

    /// Of the yeses, the share labelled yes (1 when there is none).
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    /// Of the labelled yeses, the share found (1 when there is none).
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.missed)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// Reads a notice file: HTML by its extension, else UTF-8 text.
pub fn read(path: &Path) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    if path.extension().is_some_and(|x| x == "html" || x == "htm") {
        let (text, _) = decode_html(&bytes).map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(PageText::from_html(HtmlTree::parse(&text).html()).text)
    } else {
        String::from_utf8(bytes).map_err(|e| format!("{}: {e}", path.display()))
    }
}

/// The labelled texts of one set.
pub fn load(dir: &Path) -> Result<Vec<Labelled>, String> {
    let labels_path = dir.join("labels.jsonl");
    let labels = std::fs::read_to_string(&labels_path)
        .map_err(|e| format!("{}: {e}", labels_path.display()))?;
    let mut out = Vec::new();
    for (n, line) in labels.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let label: Value = serde_json::from_str(line)
            .map_err(|e| format!("{}:{}: {e}", labels_path.display(), n + 1))?;
        let file = label["file"]
            .as_str()
            .ok_or_else(|| format!("{}:{}: no file", labels_path.display(), n + 1))?
            .to_string();
        let text = read(&dir.join("notices").join(&file))?;
        out.push(Labelled { file, text, label });
    }
    Ok(out)
}

/// Every labelled breach set under `tests` (`breach`, `breach-blind`, `breach-blind-2`, ...),
/// in the order they were written.
pub fn all_sets(tests: &Path) -> Result<Vec<PathBuf>, String> {
    let mut sets: Vec<(usize, PathBuf)> = Vec::new();
    let entries = std::fs::read_dir(tests).map_err(|e| format!("{}: {e}", tests.display()))?;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let order = match name.as_str() {
            "breach" => 0,
            "breach-blind" => 1,
            _ => match name.strip_prefix("breach-blind-").map(str::parse::<usize>) {
                Some(Ok(n)) => n,
                _ => continue,
            },
        };
        if entry.path().join("labels.jsonl").is_file() {
            sets.push((order, entry.path()));
        }
    }
    sets.sort();
    Ok(sets.into_iter().map(|(_, p)| p).collect())
}
