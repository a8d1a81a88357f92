//! The breach-notice checker on sentences written for these tests (EN and DE), hostile input
//! and its running time. The labelled set is measured by `examples/breach_quality.rs`.

use haken::breach::{BreachEngine, BreachReport, Status};
use haken::Lang;

fn engine() -> BreachEngine {
    BreachEngine::new().expect("embedded breach rules compile")
}

fn status(report: &BreachReport, element: &str) -> Status {
    report
        .findings
        .iter()
        .find(|f| f.element.as_str() == element)
        .map(|f| f.status)
        .expect("every element is reported")
}

#[test]
fn a_complete_english_notice_has_every_element() {
    let text = "Subject: Notice of a data security incident\n\n\
        On 2 May 2025 an attacker used a stolen password of a support employee to get into our \
        ticket system and copied the messages customers had sent us.\n\n\
        The copied tickets contain your name, your delivery address and your phone number.\n\n\
        Someone holding these details could call you pretending to be from our support, or \
        send you fake invoices.\n\n\
        We locked the employee's account the same hour and now require a security key for \
        every support login. Please be careful with calls that ask for payment.\n\n\
        Our data protection officer, Mira Stein, answers questions at privacy@lamp-shop.example \
        or on 0800 555 0199.";
    let r = engine().check(text, None, None);
    assert!(r.notice);
    for element in [
        "nature",
        "data",
        "when",
        "contact",
        "consequences",
        "measures",
    ] {
        assert_eq!(status(&r, element), Status::Present, "{element}");
    }
    let contact = r
        .findings
        .iter()
        .find(|f| f.element.as_str() == "contact")
        .unwrap();
    assert!(contact
        .finding
        .evidence
        .contains("privacy@lamp-shop.example"));
    let span = contact.finding.span.unwrap();
    assert!(text[span.start..span.end].starts_with("Our data protection officer"));
}

#[test]
fn a_german_notice_without_facts_is_vague_or_missing() {
    let text = "Liebe Kundin, lieber Kunde,\n\n\
        uns ist ein Datenschutzvorfall bekannt geworden, von dem möglicherweise auch einige \
        Ihrer Daten betroffen sind.\n\nWir haben alle notwendigen Maßnahmen ergriffen.\n\n\
        Ihr Team vom Teeladen";
    let r = engine().check(text, None, None);
    assert!(r.notice);
    assert_eq!(r.lang.as_str(), "de");
    assert_eq!(status(&r, "nature"), Status::Vague);
    assert_eq!(status(&r, "data"), Status::Vague);
    assert_eq!(status(&r, "measures"), Status::Vague);
    for element in ["when", "contact", "consequences"] {
        assert_eq!(status(&r, element), Status::Missing, "{element}");
    }
    let nature = &r.findings[0].finding;
    assert!(
        nature.message.contains("nur einen Vorfall"),
        "{}",
        nature.message
    );
    // Messages follow the requested language.
    let en = engine().check(text, None, Lang::from_tag("en"));
    assert!(en.findings[0].finding.message.starts_with("The notice"));
}

#[test]
fn pages_that_only_talk_about_breaches_are_no_notice() {
    for text in [
        "Should a breach of your personal data occur, we will inform you without delay and \
         tell you which data is affected. Contact dpo@shop.example with any question.",
        "Sollte es zu einer Verletzung des Schutzes Ihrer Daten kommen, benachrichtigen wir Sie \
         unverzüglich. Fragen an datenschutz@shop.example.",
        "Five tips against phishing: never enter your password after clicking a link, check \
         the sender, and call us on 0800 555 0100 if unsure.",
        "Your order has shipped and will arrive on 4 June. Questions? service@shop.example",
        "These fake e-mails were not caused by any incident at our company; please delete them.",
    ] {
        assert!(!engine().check(text, None, None).notice, "{text}");
    }
}

#[test]
fn hostile_input_is_read_without_panic() {
    let e = engine();
    let long_word = "a".repeat(300_000);
    let at_signs = "@".repeat(10_000) + "x@y@z" + &"@a".repeat(10_000);
    for text in [
        "",
        "\0\0\0",
        "@",
        "\u{feff}",
        &long_word,
        &at_signs,
        "ä@ö ß@€ 𝔘@𝔫 \u{202e}@\u{202d}",
    ] {
        let r = e.check(text, None, None);
        assert_eq!(r.findings.len(), 6);
        for f in &r.findings {
            if let Some(s) = f.finding.span {
                assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
            }
        }
    }
}

/// Doubling the input doubles the time, not more: the checker is linear (sentences, one
/// automaton pass per rule and sentence). Asserted as a ratio, not a time.
#[test]
fn time_grows_linearly_with_the_input() {
    let e = engine();
    let unit = "On 3 May an attacker copied names and e-mail addresses from our shop database. \
        We reset all passwords; write to dpo@shop.example or call 0800 555 0101. \
        Ohne Punkt und Komma geht es hier weiter und weiter und weiter mit Wörtern @ und @ \n\n";
    let time = |copies: usize| {
        let text = unit.repeat(copies);
        (0..3)
            .map(|_| {
                let start = std::time::Instant::now();
                std::hint::black_box(e.check(&text, None, None));
                start.elapsed().as_secs_f64()
            })
            .fold(f64::INFINITY, f64::min)
    };
    let _warm = time(50);
    let small = time(400);
    let large = time(800);
    let ratio = large / small;
    assert!(ratio < 3.0, "2x input took {ratio:.2}x the time");
}

#[test]
fn plain_worded_mishaps_are_notices() {
    let e = engine();
    for text in [
        "Liebe Mitglieder, die Mappe mit euren Aufnahmeanträgen ist seit dem Sommerfest verschwunden. \
         Darin standen Name, Anschrift und Bankverbindung. Wir haben Anzeige erstattet.",
        "Sehr geehrte Kundin, bei uns kam es zu einer Störung, die möglicherweise einzelne Kundendaten \
         betraf. Betroffen sind Name und Telefonnummer. Wir haben das Passwort geändert.",
        "Dear members, our treasurer's bag was stolen from his car on Friday. It held the membership \
         list with your names, addresses and phone numbers. We have told the police.",
        "Dear parent, for two days the class photos folder could be opened by anyone with the link. \
         It showed your child's name and photo. We have closed the link.",
        "Liebe Frau Berg, Ihr Profil wurde am 3. Mai von einer anderen Nutzerin geöffnet. Zu sehen \
         waren Name und Anschrift. Wir haben den Link gesperrt.",
        "Sehr geehrter Herr Kurz, Ihre Anmeldung ist auch bei einer ehemaligen Mitarbeiterin \
         angekommen. Darin standen Name und Telefonnummer. Wir haben die Weiterleitung entfernt.",
        "Dear Ms Hale, your account page was viewed by another customer on 2 May. It showed your \
         name and address. We have fixed the fault.",
        "Mr Osei\n[address]\n\nDear Mr Osei, on 9 November criminals accessed our network and \
         copied files with your name and date of birth. We have reported it to the police.",
    ] {
        assert!(e.check(text, None, None).notice, "{text}");
    }
    for text in [
        "Unser Kater ist seit Dienstag verschwunden. Wer ihn sieht, meldet sich bitte.",
        "If your phone is stolen, call us and we block your account.",
        "Online-Shop gehackt – muss ich meine Karte sperren? Bei mir stand Name und Anschrift drin.",
    ] {
        assert!(!e.check(text, None, None).notice, "{text}");
    }
}

#[test]
fn consequences_told_in_everyday_words_are_present() {
    let e = engine();
    let notice = |consequence: &str, lang: &str| {
        if lang == "de" {
            format!(
                "Liebe Mitglieder, jemand hat das Passwort unseres Vereinspostfachs herausgefunden. \
                 Darin standen eure Namen, Anschriften und Telefonnummern. {consequence} \
                 Wir haben das Passwort geändert. Fragen an vorstand@verein.example."
            )
        } else {
            format!(
                "Dear members, on 3 March an attacker used a stolen password to get into our club \
                 mailbox and copied the member list with your names, addresses and phone numbers. \
                 {consequence} We have changed the password. Questions to board@club.example."
            )
        }
    };
    for (consequence, lang) in [
        (
            "You may get a call from someone posing as our treasurer who asks for your bank details.",
            "en",
        ),
        (
            "Expect e-mails that look like they come from us and ask you to pay a fee.",
            "en",
        ),
        (
            "As your holiday dates were in there, a burglar could use them.",
            "en",
        ),
        (
            "Es kann sein, dass ihr Nachrichten bekommt, die aussehen, als kämen sie vom Vorstand.",
            "de",
        ),
        (
            "Mit der Ausweisnummer könnte jemand versuchen, sich als ihr auszugeben.",
            "de",
        ),
    ] {
        let r = e.check(&notice(consequence, lang), None, None);
        assert!(r.notice, "{consequence}");
        assert_eq!(status(&r, "consequences"), Status::Present, "{consequence}");
    }
}
