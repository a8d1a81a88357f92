//! Sentence segmentation for privacy policies in German and English.
//!
//! Policies are full of full stops that end nothing ("z. B.", "Art. 6 Abs. 1 lit. f DSGVO",
//! "e.g.", "Inc.", "1. Januar") and of sentences that end without one (headings, list items).
//! The rules here: a `.`, `!`, `?` or `…` ends a sentence when whitespace and then something
//! other than a lower-case letter follows, unless the word before the full stop is a known
//! abbreviation, a single letter or a short number; a blank line always ends one; a single line
//! break ends one after a short line without final punctuation (a heading) or before a list
//! bullet. One pass over the text, so time is linear; a sentence longer than [`MAX_SENTENCE`]
//! bytes is cut at a space, so text without punctuation still yields readable pieces.

use crate::finding::Span;

/// Longest sentence in bytes; longer runs are cut at the last space before the limit.
pub const MAX_SENTENCE: usize = 1200;

/// A line shorter than this without final punctuation is taken as a heading.
const HEADING_MAX: usize = 90;

/// Words that end with a full stop but not a sentence (lower case, without the stop).
const ABBREVIATIONS: &[&str] = &[
    // German
    "z", "b", "bzw", "ca", "d", "h", "gem", "ggf", "evtl", "inkl", "zzgl", "vgl", "usw", "u", "a",
    "s", "o", "abs", "art", "lit", "nr", "ziff", "bspw", "sog", "insb", "einschl", "max", "min",
    "mind", "str", "tel", "dr", "prof", "hr", "fr", "gmbh", "co", "kg", "mbh", "e", "v", "i", "st",
    "ff", "f", "abschn", "anm", "bzgl", "dgl", "etc", "jhd", "lt", "m", "n", "od", "rd", "sek",
    "std", "tsd", "v", "vs", "vgl", "z.b", "zb", "ust", "ustg", "bgb", "hgb",
    // English
    "e.g", "i.e", "eg", "ie", "inc", "ltd", "llc", "corp", "no", "mr", "mrs", "ms", "jr", "sr",
    "dept", "approx", "cf", "al", "fig", "sec", "para", "pp", "vol", "u.s", "u.k", "e.u", "p",
    "ph", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// The sentences of `text`, as byte spans with surrounding whitespace trimmed, in order.
pub fn sentences(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0usize;
    let mut line_start = 0usize;
    let mut last_space = None::<usize>;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let end = i + c.len_utf8();
        match c {
            '\n' => {
                let line = text[line_start..i].trim();
                let rest = &text[end..];
                let blank_follows = rest
                    .split('\n')
                    .next()
                    .is_some_and(|l| l.trim().is_empty() && rest.contains('\n'));
                let heading = !line.is_empty()
                    && line.len() <= HEADING_MAX
                    && !line.ends_with([',', ';', ':', '-', '(', '/'])
                    && !ends_sentence(line)
                    && starts_upper_or_digit(line)
                    && !starts_lower(rest)
                    // The sentence began with this line (not after a stop earlier on it).
                    && start <= line_start
                    && text[start..line_start].trim().is_empty();
                if blank_follows || heading || starts_with_bullet(rest) {
                    push(&mut out, text, start, i);
                    start = end;
                }
                line_start = end;
                last_space = Some(i);
                continue;
            }
            '.' | '!' | '?' | '…' | '。' => {
                let mut stop = end;
                while let Some(&(j, d)) = iter.peek() {
                    if matches!(
                        d,
                        '"' | '\''
                            | ')'
                            | ']'
                            | '»'
                            | '«'
                            | '“'
                            | '”'
                            | '’'
                            | '„'
                            | '.'
                            | '!'
                            | '?'
                    ) {
                        stop = j + d.len_utf8();
                        iter.next();
                    } else {
                        break;
                    }
                }
                let next = text[stop..].chars().next();
                let spaced = next.is_none() || next.is_some_and(char::is_whitespace);
                if (spaced && ends_here(text, start, i, c, stop)) || glued(text, start, i, stop) {
                    push(&mut out, text, start, stop);
                    start = stop;
                    last_space = None;
                }
                continue;
            }
            c if c.is_whitespace() => last_space = Some(i),
            _ => {}
        }
        if end - start > MAX_SENTENCE {
            let cut = last_space.filter(|&s| s > start).unwrap_or(end);
            push(&mut out, text, start, cut);
            start = cut;
            last_space = None;
        }
    }
    push(&mut out, text, start, text.len());
    out
}

/// Whether a stop with no space after it still ends a sentence: text scraped from web pages
/// glues sentences together ("erledigen.Daher", "purpose?We"). Only after a plain word of three
/// or more letters and before a capitalised word, so "z.B.", "e.g.Foo" and "U.S.A" stay whole.
fn glued(text: &str, start: usize, at: usize, stop: usize) -> bool {
    let mut after = text[stop..].chars();
    if !(after.next().is_some_and(char::is_uppercase)
        && after.next().is_some_and(char::is_lowercase))
    {
        return false;
    }
    let word = text[start..at]
        .rsplit(|ch: char| !ch.is_alphabetic())
        .next()
        .unwrap_or("");
    // The word is the end of `text[start..at]`; what stands before it must not be a stop
    // ("e.g.Apple").
    let before = &text[start..at - word.len()];
    word.chars().count() >= 3
        && word.chars().last().is_some_and(char::is_lowercase)
        && !ABBREVIATIONS.contains(&word.to_lowercase().as_str())
        && !before.ends_with('.')
}

/// Whether the stop at `at` (char `c`, closers up to `stop`) ends the sentence begun at `start`.
fn ends_here(text: &str, start: usize, at: usize, c: char, stop: usize) -> bool {
    let after = text[stop..].trim_start_matches(|ch: char| ch.is_whitespace() && ch != '\n');
    let next = after.chars().next();
    if next.is_some_and(|n| n.is_lowercase()) {
        return false;
    }
    if c != '.' {
        return true;
    }
    let before = &text[start..at];
    let word = before
        .rsplit(|ch: char| ch.is_whitespace() || ch == '(' || ch == '/')
        .next()
        .unwrap_or("");
    if word.is_empty() {
        return true;
    }
    if word.chars().all(|ch| ch.is_ascii_digit()) {
        // "1. Januar", "Art. 6. Abs", list numbers: a short number is not a sentence end.
        return word.len() > 2;
    }
    let lower = word.to_lowercase();
    let lower = lower.trim_matches(|ch: char| !ch.is_alphanumeric() && ch != '.');
    if lower.chars().count() == 1 && lower.chars().all(char::is_alphabetic) {
        return false; // an initial, "z." of "z. B."
    }
    !ABBREVIATIONS.contains(&lower)
}

fn ends_sentence(line: &str) -> bool {
    line.ends_with(['.', '!', '?', '…', ':', '"', '”', ')'])
}

fn starts_upper_or_digit(line: &str) -> bool {
    line.chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || !c.is_lowercase())
}

fn starts_lower(rest: &str) -> bool {
    rest.trim_start()
        .chars()
        .next()
        .is_some_and(char::is_lowercase)
}

fn starts_with_bullet(rest: &str) -> bool {
    let line = rest.trim_start_matches([' ', '\t']);
    let mut chars = line.chars();
    match chars.next() {
        Some('•' | '·' | '▪' | '◦' | '*' | '–' | '—' | '-' | '►' | '✓') => {
            chars.next().is_some_and(char::is_whitespace)
        }
        Some(c) if c.is_ascii_digit() || c.is_ascii_lowercase() => {
            // "1." "2)" "a)" "(iii)" list markers
            let marker: String = line
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            let tail = &line[marker.len()..];
            marker.len() <= 3
                && (marker.chars().all(|c| c.is_ascii_digit()) || tail.starts_with(')'))
                && (tail.starts_with(". ") || tail.starts_with(") "))
        }
        Some('(') => line[1..]
            .split_once(')')
            .is_some_and(|(m, _)| m.len() <= 4 && m.chars().all(|c| c.is_ascii_alphanumeric())),
        _ => false,
    }
}

fn push(out: &mut Vec<Span>, text: &str, start: usize, end: usize) {
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    let (s, e) = (start + lead, end - trail);
    if s < e && text[s..e].chars().any(char::is_alphanumeric) {
        out.push(Span { start: s, end: e });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glued_sentences_of_scraped_pages_split() {
        let text = "Wozu dient das?Wir teilen nichts. Das erledigen wir.Daher bleibt es so. Siehe z.B.Oracle und e.g.Apple.";
        let got: Vec<&str> = sentences(text)
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect();
        assert_eq!(
            got,
            [
                "Wozu dient das?",
                "Wir teilen nichts.",
                "Das erledigen wir.",
                "Daher bleibt es so.",
                "Siehe z.B.Oracle und e.g.Apple."
            ]
        );
    }

    fn split(text: &str) -> Vec<&str> {
        sentences(text)
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn german_abbreviations_do_not_end_sentences() {
        let text = "Rechtsgrundlage ist Art. 6 Abs. 1 lit. f DSGVO, d. h. unser Interesse. \
                    Wir nutzen z. B. Cookies gem. § 25 TDDDG. Am 1. Januar gilt das.";
        assert_eq!(
            split(text),
            [
                "Rechtsgrundlage ist Art. 6 Abs. 1 lit. f DSGVO, d. h. unser Interesse.",
                "Wir nutzen z. B. Cookies gem. § 25 TDDDG.",
                "Am 1. Januar gilt das."
            ]
        );
    }

    #[test]
    fn english_abbreviations_and_quotes() {
        let text = "We use tools, e.g. Google Analytics, by Example Inc. which we trust. \
                    \"We never sell data.\" Really? Yes!";
        assert_eq!(
            split(text),
            [
                "We use tools, e.g. Google Analytics, by Example Inc. which we trust.",
                "\"We never sell data.\"",
                "Really?",
                "Yes!"
            ]
        );
    }

    #[test]
    fn headings_lists_and_blank_lines() {
        let text = "3. Weitergabe an Dritte\nWir geben Daten an Versanddienstleister\nweiter, \
                    soweit nötig.\n\n• Zahlungsanbieter\n• Auskunfteien\n1. Erstens\n2) Zweitens";
        assert_eq!(
            split(text),
            [
                "3. Weitergabe an Dritte",
                "Wir geben Daten an Versanddienstleister\nweiter, soweit nötig.",
                "• Zahlungsanbieter",
                "• Auskunfteien",
                "1. Erstens",
                "2) Zweitens"
            ]
        );
    }

    #[test]
    fn no_punctuation_is_cut_into_bounded_pieces() {
        let text = "wort ".repeat(10_000);
        let spans = sentences(&text);
        assert!(spans.len() >= 40);
        assert!(spans.iter().all(|s| s.end - s.start <= MAX_SENTENCE));
        assert!(spans
            .iter()
            .all(|s| text.is_char_boundary(s.start) && text.is_char_boundary(s.end)));
    }

    #[test]
    fn generated_text_never_panics_and_spans_are_ordered() {
        // A small deterministic generator over the pieces that steer the splitter.
        const PIECES: &[&str] = &[
            "Wort", "word", " ", "  ", ".", ". ", "\n", "\n\n", "z. B. ", "Art. 6 ", "e.g. ",
            "1. ", "•", "- ", "ä", "😀", "?", "!\n", "…", "\"", ")", "(", "Inc. ", "3.", "\t",
            "\r\n", "A", "\u{0}",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..3000 {
            let mut text = String::new();
            for _ in 0..(seed % 60) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push_str(PIECES[(seed % PIECES.len() as u64) as usize]);
            }
            let spans = sentences(&text);
            let mut last = 0;
            for s in spans {
                assert!(
                    s.start >= last && s.start < s.end && s.end <= text.len(),
                    "{text:?}"
                );
                assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
                last = s.end;
            }
        }
    }

    #[test]
    fn odd_input_never_panics() {
        for text in [
            "",
            ".",
            "...\n\n\n",
            "\u{0}\u{0}. \u{0}",
            "😀😀. 😀! ؟ مرحبا. שלום. Привет.",
            "a.b.c.d. e",
            "(1) (ii) (",
            &"ä".repeat(5000),
        ] {
            for s in sentences(text) {
                assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
            }
        }
    }
}
