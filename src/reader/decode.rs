//! Turning file bytes into text: BOM, `<meta charset>`, UTF-8, else windows-1252; binary
//! files are refused with a reason instead of being parsed into noise.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// Why bytes are not an HTML document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// NUL bytes or other control data: an image, archive or executable.
    Binary,
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::Binary => write!(f, "binary data, not an HTML page"),
        }
    }
}

/// Looks like binary when the first 8 KiB hold NUL bytes or many control characters
/// (UTF-16 is recognised by its BOM before this check).
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    head.contains(&0) || controls * 20 > head.len().max(1)
}

/// The encoding named by a `<meta charset>` or `http-equiv` in the first 1024 bytes.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let rest = head[at..].trim_start_matches(['"', '\'', ' ']);
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .unwrap_or(rest.len());
    Encoding::for_label(&rest.as_bytes()[..end])
}

/// Decodes a page. Returns the text and the encoding used.
pub fn decode_html(bytes: &[u8]) -> Result<(String, &'static str), DecodeError> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return Ok((text.into_owned(), encoding.name()));
    }
    if looks_binary(bytes) {
        return Err(DecodeError::Binary);
    }
    let declared = meta_charset(bytes).map(|e| e.output_encoding());
    let encoding = match declared {
        Some(e) => e,
        None if std::str::from_utf8(bytes).is_ok() => UTF_8,
        None => WINDOWS_1252,
    };
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    Ok((text.into_owned(), encoding.name()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_latin1_and_declared_charsets() {
        assert_eq!(decode_html("Größe".as_bytes()).unwrap().0, "Größe");
        assert_eq!(
            decode_html(b"Gr\xf6\xdfe").unwrap(),
            ("Größe".to_string(), "windows-1252")
        );
        let declared = b"<meta charset=\"iso-8859-1\"><p>K\xe4se";
        assert_eq!(
            decode_html(declared).unwrap().0,
            "<meta charset=\"iso-8859-1\"><p>Käse"
        );
    }

    #[test]
    fn boms_win() {
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Ja".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert_eq!(decode_html(&utf16).unwrap().0, "Ja");
        assert_eq!(decode_html(b"\xEF\xBB\xBFok").unwrap().0, "ok");
    }

    #[test]
    fn binary_is_refused() {
        assert_eq!(
            decode_html(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Err(DecodeError::Binary)
        );
        assert!(decode_html(b"").is_ok());
    }
}
