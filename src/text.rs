//! Text normalisation shared by every rule.
//!
//! Rules are matched against a *folded* form of the text: lower case, German umlauts and
//! common Latin accents spelled out in ASCII (`ü` -> `ue`, `ß` -> `ss`, `é` -> `e`),
//! currency signs and `+` as words (`€` -> ` eur `, `+` -> ` plus `), every other non-alphanumeric character as one
//! space. That lets rules use ASCII-only, case-free patterns and a regex engine without
//! Unicode tables, which keeps the wasm small (see README, "Size").

/// Collapses runs of whitespace into one space and trims the ends.
pub fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Cuts `text` to at most `max_chars` characters, marking the cut with `…`.
pub fn truncate_chars(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        None => text.to_string(),
        Some((cut, _)) => format!("{}…", text[..cut].trim_end()),
    }
}

/// The longest prefix of `text` of at most `max` bytes that ends on a character boundary.
pub fn head(text: &str, max: usize) -> &str {
    let mut end = max.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Folds `text` into the form rules are written against (see module docs).
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut pending_space = false;
    // A word after a gap gets one space before it (none at the start).
    let separate = |out: &mut String, pending_space: &mut bool| {
        if *pending_space && !out.is_empty() {
            out.push(' ');
        }
        *pending_space = false;
    };
    let push = |out: &mut String, s: &str, pending_space: &mut bool| {
        separate(out, pending_space);
        out.push_str(s);
    };
    // A currency sign read as a word: spaced off on both sides ("4,99€" -> "4 99 eur").
    let push_word = |out: &mut String, word: &str, pending_space: &mut bool| {
        *pending_space = true;
        push(out, word, pending_space);
        *pending_space = true;
    };
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        // ASCII, most of any policy, a byte at a time.
        let b = bytes[at];
        // "R300", "R45.00": the South African rand written before the amount, as a word like
        // "€". Three digits, or two with cents, so that "R8" (a car) and "R18" (an age rating)
        // stay what they are.
        if b == b'R'
            && (at == 0 || !bytes[at - 1].is_ascii_alphanumeric())
            && rand_amount(&bytes[at + 1..])
        {
            push_word(&mut out, "zar", &mut pending_space);
            at += 1;
            continue;
        }
        if b.is_ascii_alphanumeric() {
            separate(&mut out, &mut pending_space);
            out.push(char::from(b.to_ascii_lowercase()));
            at += 1;
            continue;
        }
        if b.is_ascii() && currency_word(char::from(b)).is_none() {
            pending_space = true;
            at += 1;
            continue;
        }
        let Some(c) = text[at..].chars().next() else {
            break;
        };
        at += c.len_utf8();
        if let Some(folded) = fold_char(c) {
            push(&mut out, folded, &mut pending_space);
            continue;
        }
        if let Some(word) = currency_word(c) {
            push_word(&mut out, word, &mut pending_space);
            continue;
        }
        if c.is_alphanumeric() {
            // Letters of other scripts stay (lower-cased); ASCII rules never match them.
            for lower in c.to_lowercase() {
                let mut buf = [0u8; 4];
                push(&mut out, lower.encode_utf8(&mut buf), &mut pending_space);
            }
            continue;
        }
        pending_space = true;
    }
    out
}

/// Whether the bytes after an "R" read as a rand amount: three digits, or two and cents.
fn rand_amount(after: &[u8]) -> bool {
    let digits = after.iter().take_while(|b| b.is_ascii_digit()).count();
    digits >= 3
        || (digits == 2
            && matches!(after.get(2), Some(b'.' | b','))
            && after.get(3).is_some_and(u8::is_ascii_digit))
}

fn currency_word(c: char) -> Option<&'static str> {
    Some(match c {
        '€' => "eur",
        '£' => "gbp",
        '$' => "usd",
        '¥' => "jpy",
        '₹' => "inr",
        '₣' => "chf",
        '+' => "plus",
        _ => return None,
    })
}

fn fold_char(c: char) -> Option<&'static str> {
    Some(match c {
        'ä' | 'Ä' | 'æ' | 'Æ' => "ae",
        'ö' | 'Ö' | 'ø' | 'Ø' | 'œ' | 'Œ' => "oe",
        'ü' | 'Ü' => "ue",
        'ß' | 'ẞ' => "ss",
        'à' | 'á' | 'â' | 'ã' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Å' => "a",
        'ç' | 'Ç' => "c",
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => "i",
        'ñ' | 'Ñ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'Ò' | 'Ó' | 'Ô' | 'Õ' => "o",
        'ù' | 'ú' | 'û' | 'Ù' | 'Ú' | 'Û' => "u",
        'ý' | 'ÿ' | 'Ý' => "y",
        '₂' | '²' => "2",
        '₃' | '³' => "3",
        _ => return None,
    })
}

/// Number of words in folded text.
pub fn word_count(folded: &str) -> usize {
    folded.split(' ').filter(|w| !w.is_empty()).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_german_and_punctuation() {
        assert_eq!(
            fold("Ich möchte den Newsletter (gratis!) erhalten – Größe"),
            "ich moechte den newsletter gratis erhalten groesse"
        );
        assert_eq!(fold("SCHUFA-Bonitätsprüfung"), "schufa bonitaetspruefung");
    }

    #[test]
    fn currency_becomes_a_word() {
        assert_eq!(
            fold("Add protection for £4.99"),
            "add protection for gbp 4 99"
        );
        assert_eq!(fold("Express (+9,90 €)"), "express plus 9 90 eur");
        assert_eq!(fold("CO₂-Ausgleich"), "co2 ausgleich");
        assert_eq!(fold("nur 4,99€/Monat"), "nur 4 99 eur monat");
        assert_eq!(fold("Gala dinner (R850)"), "gala dinner zar 850");
        assert_eq!(fold("Audi R8, R&B, RR20, R18"), "audi r8 r b rr20 r18");
        assert_eq!(fold("R45,00"), "zar 45 00");
    }

    #[test]
    fn empty_and_symbol_only_text() {
        assert_eq!(fold(""), "");
        assert_eq!(fold("  -- ** "), "");
        assert_eq!(fold("日本 Shop"), "日本 shop");
    }

    #[test]
    fn whitespace_and_truncation() {
        assert_eq!(collapse_whitespace("  a \n\t b  "), "a b");
        assert_eq!(truncate_chars("abcdef", 3), "abc…");
        assert_eq!(truncate_chars("äöü", 5), "äöü");
    }
}
