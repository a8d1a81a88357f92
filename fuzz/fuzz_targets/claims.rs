//! The claims engine on any text: findings' spans inside the text on char boundaries, and
//! their UTF-16 conversion (what the extension receives) never panics.
#![no_main]

use haken::finding::to_utf16_spans;
use haken::policy::ClaimEngine;
use libfuzzer_sys::fuzz_target;

thread_local! {
    static ENGINE: ClaimEngine = ClaimEngine::new().expect("embedded claim rules compile");
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    ENGINE.with(|engine| {
        let mut analysis = engine.analyze(&text, None, None);
        for finding in &analysis.findings {
            let span = finding.span.expect("claims have spans");
            assert!(span.start < span.end && span.end <= text.len());
            assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        }
        to_utf16_spans(&text, &mut analysis.findings);
    });
});
