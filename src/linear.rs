//! Sparse linear weights over hashed features, shared by the consent model and the claim model.
//!
//! A feature is the FNV-1a hash of its name (`w:word`, `b:word_word`, ...); a model stores, per
//! feature it kept, one `i8` weight per class and one scale for the whole file, so a few
//! thousand features cost a few kilobytes in the wasm.
//!
//! File format (little endian): `HKM1`, feature count `u32`, scale `f32`, then per feature its
//! hash `u32` and `N` `i8` weights, sorted by hash.

const MAGIC: &[u8; 4] = b"HKM1";
const HEADER: usize = 12;

/// FNV-1a, 32 bit: stable across platforms and cheap in wasm.
pub fn fnv1a(text: &str) -> u32 {
    fnv1a_parts(&[text.as_bytes()])
}

/// FNV-1a of the concatenated `parts`, without building the string.
pub fn fnv1a_parts(parts: &[&[u8]]) -> u32 {
    parts
        .iter()
        .flat_map(|p| p.iter())
        .fold(0x811c_9dc5u32, |h, &b| {
            (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
        })
}

/// The hash of the feature `w:word`: one word, as every model names it.
pub fn word_hash(word: &str) -> u32 {
    fnv1a_parts(&[b"w:", word.as_bytes()])
}

/// The hash of the feature `b:first_second`: two words in a row, as every model names them.
pub fn pair_hash(first: &str, second: &str) -> u32 {
    fnv1a_parts(&[b"b:", first.as_bytes(), b"_", second.as_bytes()])
}

/// Words that say nothing on their own ("mit", "your", "eur", "29"): never a model's evidence.
/// A prediction without one evidence word beyond these rests on context alone, and is not shown.
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

/// Whether `words` (space-separated, folded) hold one word that is evidence.
pub fn says_something(words: &str) -> bool {
    words.split(' ').any(|w| {
        w.len() > 2 && !w.bytes().all(|b| b.is_ascii_digit()) && !NOT_EVIDENCE.contains(&w)
    })
}

/// The first `n` of `words` (strongest first) that neither contain nor are contained in a word
/// already picked: the evidence a model's finding names ("offers", not also "offers and").
pub fn strongest_words<'a>(words: impl IntoIterator<Item = &'a str>, n: usize) -> Vec<String> {
    let mut picked: Vec<String> = Vec::new();
    for w in words {
        if picked.len() == n {
            break;
        }
        if !picked
            .iter()
            .any(|x| x.contains(w) || w.contains(x.as_str()))
        {
            picked.push(w.to_string());
        }
    }
    picked
}

/// Bits of a hash that pick its bucket in the lookup index.
const INDEX_BITS: u32 = 12;

/// `N` weights per kept feature, quantised to `i8` with one scale.
#[derive(Debug, Clone)]
pub struct SparseWeights<const N: usize> {
    scale: f32,
    hashes: Vec<u32>,
    weights: Vec<[i8; N]>,
    /// Where the hashes of each top-[`INDEX_BITS`] bucket start (one more entry at the end):
    /// a lookup reads a few neighbours instead of searching all features, and a policy asks
    /// for a hundred features per sentence.
    index: Vec<u32>,
}

impl<const N: usize> SparseWeights<N> {
    /// Reads weights in the format [`SparseWeights::to_bytes`] writes; `what` names the model
    /// in the error message.
    pub fn from_bytes(bytes: &[u8], what: &str) -> Result<SparseWeights<N>, String> {
        if bytes.len() < HEADER || &bytes[..4] != MAGIC {
            return Err(format!("{what}: not a haken model file"));
        }
        let count = u32::from_le_bytes([bytes[4], bytes[5], bytes[6], bytes[7]]) as usize;
        let scale = f32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]);
        let row = 4 + N;
        if count.checked_mul(row).and_then(|b| b.checked_add(HEADER)) != Some(bytes.len())
            || !scale.is_finite()
            || scale <= 0.0
        {
            return Err(format!("{what}: truncated or damaged"));
        }
        let mut hashes = Vec::with_capacity(count);
        let mut weights = Vec::with_capacity(count);
        for row in bytes[HEADER..].chunks_exact(row) {
            hashes.push(u32::from_le_bytes([row[0], row[1], row[2], row[3]]));
            let mut w = [0i8; N];
            for (slot, &b) in w.iter_mut().zip(&row[4..]) {
                *slot = b as i8;
            }
            weights.push(w);
        }
        if hashes.windows(2).any(|p| p[0] >= p[1]) {
            return Err(format!("{what}: features not sorted"));
        }
        let mut index = Vec::with_capacity((1 << INDEX_BITS) + 1);
        let mut at = 0usize;
        for bucket in 0..=(1u32 << INDEX_BITS) {
            while at < hashes.len() && (hashes[at] >> (32 - INDEX_BITS)) < bucket {
                at += 1;
            }
            index.push(at as u32);
        }
        Ok(SparseWeights {
            scale,
            hashes,
            weights,
            index,
        })
    }

    /// Writes real-valued weights per feature hash, scaled into `i8`.
    pub fn to_bytes(rows: &[(u32, [f32; N])]) -> Vec<u8> {
        let mut rows = rows.to_vec();
        rows.sort_by_key(|r| r.0);
        let top = rows
            .iter()
            .flat_map(|r| r.1.iter())
            .fold(0f32, |m, v| m.max(v.abs()))
            .max(1e-6);
        let scale = top / 127.0;
        let mut out = Vec::with_capacity(HEADER + rows.len() * (4 + N));
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

    /// Whether no feature has weights.
    pub fn is_empty(&self) -> bool {
        self.hashes.is_empty()
    }

    /// The weights of one feature, as stored (`i8`, times [`SparseWeights::scale`]).
    pub fn row(&self, hash: u32) -> Option<&[i8; N]> {
        let bucket = (hash >> (32 - INDEX_BITS)) as usize;
        let (start, end) = (self.index[bucket] as usize, self.index[bucket + 1] as usize);
        self.hashes[start..end]
            .iter()
            .position(|&h| h == hash)
            .map(|i| &self.weights[start + i])
    }

    /// What one stored unit weighs.
    pub fn scale(&self) -> f32 {
        self.scale
    }

    /// The summed weights of `hashes` per class.
    pub fn scores(&self, hashes: impl IntoIterator<Item = u32>) -> [f32; N] {
        let mut score = [0f32; N];
        for hash in hashes {
            if let Some(w) = self.row(hash) {
                for (s, &v) in score.iter_mut().zip(w) {
                    *s += f32::from(v) * self.scale;
                }
            }
        }
        score
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_the_reference_values() {
        assert_eq!(fnv1a(""), 0x811c_9dc5);
        assert_eq!(fnv1a("a"), 0xe40c_292c);
        assert_eq!(fnv1a("foobar"), 0xbf9c_f968);
        assert_eq!(fnv1a_parts(&[b"foo", b"bar"]), fnv1a("foobar"));
    }

    #[test]
    fn the_strongest_words_skip_ones_that_overlap_a_word_already_picked() {
        let words = ["offers", "offers and", "news", "partner", "deals"];
        assert_eq!(strongest_words(words, 3), vec!["offers", "news", "partner"]);
        assert!(strongest_words([], 3).is_empty());
    }

    #[test]
    fn written_weights_read_back_within_one_step_of_the_scale() {
        let bytes = SparseWeights::<2>::to_bytes(&[(7, [1.0, -0.5]), (3, [0.25, 0.0])]);
        let w = SparseWeights::<2>::from_bytes(&bytes, "test").unwrap();
        assert_eq!(w.len(), 2);
        let s = w.scores([3, 7, 99]);
        assert!((s[0] - 1.25).abs() < w.scale());
        assert!((s[1] + 0.5).abs() < w.scale());
    }

    #[test]
    fn every_stored_hash_is_found_and_no_other() {
        let rows: Vec<(u32, [f32; 1])> = (0..5000u32)
            .map(|i| (i.wrapping_mul(0x9e37_79b9), [1.0]))
            .chain([(u32::MAX, [1.0])])
            .collect();
        let w = SparseWeights::<1>::from_bytes(&SparseWeights::<1>::to_bytes(&rows), "m").unwrap();
        for (h, _) in &rows {
            assert!(w.row(*h).is_some(), "{h}");
        }
        assert!(w.row(7).is_none());
        assert!(w.row(u32::MAX - 1).is_none());
    }

    #[test]
    fn damaged_files_are_refused_with_a_message() {
        assert!(SparseWeights::<2>::from_bytes(b"", "m").is_err());
        assert!(SparseWeights::<2>::from_bytes(b"HKM1\x05\0\0\0\0\0\x80\x3f", "m").is_err());
        let mut bytes = SparseWeights::<2>::to_bytes(&[(1, [0.5; 2])]);
        bytes.pop();
        let err = SparseWeights::<2>::from_bytes(&bytes, "claim model").unwrap_err();
        assert!(err.starts_with("claim model:"));
        // A count so large that its size overflows is refused, not multiplied.
        let huge = b"HKM1\xff\xff\xff\xff\0\0\x80\x3f";
        assert!(SparseWeights::<2>::from_bytes(huge, "m").is_err());
    }
}
