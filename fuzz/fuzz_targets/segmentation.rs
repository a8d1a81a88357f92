//! Sentence segmentation on any text: spans ordered, inside the text, on char boundaries.
#![no_main]

use haken::policy::segment::{sentences, MAX_SENTENCE};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut last_end = 0;
    for span in sentences(&text) {
        assert!(span.start >= last_end && span.start < span.end && span.end <= text.len());
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        // A sentence is cut near MAX_SENTENCE bytes (a stop or closing quotes may follow).
        assert!(span.end - span.start <= MAX_SENTENCE * 2 + 64, "{span:?}");
        last_end = span.end;
    }
});
