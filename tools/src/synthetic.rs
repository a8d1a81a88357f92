//! Generated test pages for benchmarks: a realistic checkout of a given size.

/// Wording for generated controls: (label, pre-ticked?). A mix of consent boxes, harmless
/// boxes and filters in both languages, so the engine does real work on every control.
const LABELS: &[(&str, bool)] = &[
    ("Ja, ich möchte den Newsletter mit Angeboten erhalten", true),
    ("Rechnungsadresse entspricht Lieferadresse", true),
    (
        "Keep me updated about new arrivals and exclusive offers",
        true,
    ),
    ("Größe M", false),
    ("Add purchase protection for £4.99", true),
    ("Angemeldet bleiben", true),
    (
        "Ich bin einverstanden, dass meine Daten an Partner weitergegeben werden",
        true,
    ),
    ("Only show items in stock", true),
    ("Statistik-Cookies zulassen", false),
    ("Send my order confirmation by e-mail", true),
    ("I agree to a credit check with Experian", false),
    ("Farbe: Blau", false),
];

/// An HTML checkout page with about `elements` elements, `controls` of them candidate controls.
pub fn checkout(elements: usize, controls: usize) -> String {
    let mut html = String::with_capacity(elements * 80);
    html.push_str("<!doctype html><html lang=\"de\"><head><meta charset=\"utf-8\"><title>Kasse</title></head><body><main id=\"shop\">");
    // Each control block is 4 elements: div, input, label, span.
    let filler = elements.saturating_sub(controls * 4 + 6);
    let per_gap = filler / controls.max(1);
    for i in 0..controls {
        html.push_str("<section class=\"row\">");
        for j in 0..per_gap.saturating_sub(1) {
            html.push_str(&format!(
                "<p class=\"f{}\">Artikel {i}-{j}, 19,99 €</p>",
                j % 7
            ));
        }
        let (label, on) = LABELS[i % LABELS.len()];
        let checked = if on { " checked" } else { "" };
        html.push_str(&format!(
            "<div class=\"opt\"><input type=\"checkbox\" id=\"c{i}\" name=\"c{i}\"{checked}>\
             <label for=\"c{i}\">{label} <span class=\"hint\">(Nr. {i})</span></label></div></section>"
        ));
    }
    html.push_str("</main></body></html>");
    html
}

#[cfg(test)]
mod tests {
    #[test]
    fn sizes_are_close_to_the_request() {
        let page = super::checkout(10_000, 300);
        let tree = haken::reader::html::HtmlTree::parse(&page);
        use haken::reader::Tree;
        assert_eq!(tree.candidates().len(), 300);
        let elements = page.matches('<').count() - page.matches("</").count();
        assert!((9_000..=11_000).contains(&elements), "{elements} elements");
    }
}
