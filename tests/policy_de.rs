//! German claim rules (rules/policy/de.toml) on typical shop-policy wording, written for these
//! tests (not taken from the labelled data).

use haken::policy::ClaimEngine;
use haken::{Kind, Lang};

fn analyze(text: &str) -> haken::policy::Analysis {
    ClaimEngine::new()
        .expect("claim rules compile")
        .analyze(text, Lang::from_tag("de"), None)
}

fn claims(text: &str) -> Vec<String> {
    analyze(text)
        .findings
        .iter()
        .filter(|f| f.kind == Kind::PolicyClaim)
        .map(|f| f.category.clone())
        .collect()
}

fn has(text: &str, category: &str) -> bool {
    claims(text).iter().any(|c| c == category)
}

fn contradictions(text: &str) -> Vec<String> {
    analyze(text)
        .findings
        .iter()
        .filter(|f| f.kind == Kind::PolicyContradiction)
        .map(|f| f.category.clone())
        .collect()
}

#[test]
fn sharing_with_service_providers_is_found() {
    for text in [
        "Zur Lieferung der Ware geben wir Ihren Namen und Ihre Anschrift an das beauftragte Versandunternehmen weiter.",
        "Ihre Zahlungsdaten werden an den von Ihnen gewählten Zahlungsdienstleister übermittelt.",
        "Wir übermitteln Ihre E-Mail-Adresse an unseren Newsletter-Dienstleister.",
        "Wir teilen Ihre Bestelldaten mit unseren Logistikpartnern.",
        "Ihre Daten können wir an Behörden weitergeben, wenn wir gesetzlich dazu verpflichtet sind.",
    ] {
        assert!(has(text, "third_party_sharing"), "{text}: {:?}", claims(text));
    }
}

#[test]
fn data_coming_to_us_or_user_sharing_is_not_third_party_sharing() {
    for text in [
        "Wenn Sie mit uns Kontakt aufnehmen, übermitteln Sie uns Ihren Namen und Ihre E-Mail-Adresse.",
        "Sie können Produktbewertungen über eine Schaltfläche mit Ihren Freunden teilen.",
        "Sie haben das Recht auf Datenübertragbarkeit, also Ihre Daten an einen anderen Anbieter übermitteln zu lassen.",
        "Weitergabe von Daten",
        "Wir geben Ihre Daten nicht an Dritte weiter.",
    ] {
        assert!(
            !has(text, "third_party_sharing"),
            "{text}: {:?}",
            claims(text)
        );
    }
}

#[test]
fn promises_not_to_sell_or_pass_on() {
    for text in [
        "Wir verkaufen Ihre Daten nicht.",
        "Ihre personenbezogenen Daten werden von uns niemals verkauft oder vermietet.",
        "Wir geben Ihre Daten nicht an Dritte weiter.",
        "Eine Weitergabe Ihrer Daten an Dritte erfolgt nicht.",
        "Ihre Daten werden keinen Dritten zugänglich gemacht.",
    ] {
        assert!(
            has(text, "never_share_promise"),
            "{text}: {:?}",
            claims(text)
        );
        assert!(!has(text, "data_sale"), "{text}: {:?}", claims(text));
    }
}

#[test]
fn opt_out_links_and_user_choices_are_no_promise() {
    for text in [
        "Klicken Sie auf den Link „Meine Daten nicht verkaufen“, um dem Verkauf zu widersprechen.",
        "Wenn Sie nicht möchten, dass wir Ihre Daten an Werbepartner weitergeben, können Sie widersprechen.",
        "Wir geben Ihre Bestellung an den Paketdienst weiter.",
    ] {
        assert!(
            !has(text, "never_share_promise"),
            "{text}: {:?}",
            claims(text)
        );
    }
}

#[test]
fn qualified_promise_with_exception_is_not_a_contradiction() {
    let text = "Eine Weitergabe Ihrer Daten an Dritte erfolgt nicht, es sei denn, dies ist zur Vertragsabwicklung erforderlich. \
                Im Falle einer Insolvenz können Kundendaten an den Erwerber übertragen werden.";
    assert!(has(text, "never_share_promise"), "{:?}", claims(text));
    assert!(has(text, "business_transfer"), "{:?}", claims(text));
    assert!(
        contradictions(text).is_empty(),
        "{:?}",
        contradictions(text)
    );
}

#[test]
fn unqualified_promise_and_sale_of_the_business_contradict() {
    let text = "Wir verkaufen Ihre personenbezogenen Daten nicht. \
                Bei einem Unternehmensverkauf gehen die Kundendaten auf den Käufer über.";
    assert_eq!(contradictions(text), ["business_transfer"]);
}

#[test]
fn business_transfer_needs_a_sale_of_the_business() {
    for text in [
        "Im Falle einer Fusion oder Übernahme können Ihre Daten an den Erwerber übertragen werden.",
        "Wird unser Unternehmen ganz oder teilweise verkauft, können Kundendaten als Teil der Vermögenswerte übertragen werden.",
        "Bei einer Insolvenz können Kundendaten an den Insolvenzverwalter übergehen.",
    ] {
        assert!(has(text, "business_transfer"), "{text}: {:?}", claims(text));
    }
    for text in [
        "Käufer können im Shop ihre Bestellungen jederzeit einsehen.",
        "Nach dem Kauf eines Artikels senden wir Ihnen eine Bestellbestätigung.",
        "Wir haben Adressdaten von einem Adresshändler erworben.",
    ] {
        assert!(
            !has(text, "business_transfer"),
            "{text}: {:?}",
            claims(text)
        );
    }
}

#[test]
fn credit_checks_and_transfers_abroad() {
    let text =
        "Bei Kauf auf Rechnung übermitteln wir Ihre Daten zur Bonitätsprüfung an eine Wirtschaftsauskunftei.";
    assert!(has(text, "credit_scoring"), "{:?}", claims(text));
    assert!(has(text, "third_party_sharing"), "{:?}", claims(text));
    let text = "Dabei können Daten an Server in den USA übermittelt werden.";
    assert!(has(text, "international_transfer"), "{:?}", claims(text));
    let text = "Ihre Daten werden ausschließlich in der EU verarbeitet.";
    assert!(!has(text, "international_transfer"), "{:?}", claims(text));
}

#[test]
fn tracking_and_profiles() {
    for text in [
        "Wir setzen Cookies und Zählpixel ein, um Ihr Nutzungsverhalten auszuwerten.",
        "Auf Grundlage Ihrer Einkäufe erstellen wir ein pseudonymes Nutzungsprofil.",
        "Diese Website verwendet Google Analytics.",
    ] {
        assert!(
            has(text, "tracking_profiling"),
            "{text}: {:?}",
            claims(text)
        );
    }
    for text in [
        "Wir verwenden keine Tracking-Cookies.",
        "Ihre Bestellung wird nach Zahlungseingang versandt.",
    ] {
        assert!(
            !has(text, "tracking_profiling"),
            "{text}: {:?}",
            claims(text)
        );
    }
}

#[test]
fn advertising_by_mail() {
    let text =
        "Ihre E-Mail-Adresse nutzen wir auch für Direktwerbung für eigene ähnliche Produkte.";
    assert!(has(text, "marketing"), "{:?}", claims(text));
    let text =
        "Mit unserem Newsletter informieren wir Sie über aktuelle Angebote und Rabattaktionen.";
    assert!(has(text, "marketing"), "{:?}", claims(text));
    let text = "Den Newsletter können Sie jederzeit über den Link in jeder E-Mail abbestellen.";
    assert!(!has(text, "marketing"), "{:?}", claims(text));
}

#[test]
fn modal_verb_with_sale_at_the_end_is_a_sale() {
    for text in [
        "Wir dürfen Ihre personenbezogenen Daten an Adresshändler verkaufen.",
        "Wir behalten uns vor, Ihre Adressdaten an Partner zu vermieten.",
    ] {
        assert!(has(text, "data_sale"), "{text}: {:?}", claims(text));
    }
    for text in [
        "Wir dürfen Ihre Daten nicht verkaufen.",
        "Wir verkaufen Haushaltswaren und Geschenke.",
    ] {
        assert!(!has(text, "data_sale"), "{text}: {:?}", claims(text));
    }
}

#[test]
fn transaction_named_before_and_questions() {
    assert!(
        has(
            "Bei solchen Transaktionen gehen die Kundendaten auf den Erwerber über.",
            "business_transfer"
        ),
        "{:?}",
        claims("Bei solchen Transaktionen gehen die Kundendaten auf den Erwerber über.")
    );
    for text in [
        "Geben wir Ihre Daten an Dritte weiter?",
        "Wir geben zusammengefasste, anonymisierte Statistiken an Werbepartner weiter.",
        "Ein Zählpixel ist eine kleine Grafik, die in eine Webseite eingebettet ist.",
    ] {
        assert!(claims(text).is_empty(), "{text}: {:?}", claims(text));
    }
}

#[test]
fn shopper_controls_and_definitions_are_not_tracking() {
    assert!(has(
        "Wir setzen Zählpixel ein, um die Nutzung unseres Shops auszuwerten.",
        "tracking_profiling"
    ));
    for text in [
        "Sie können Tracking-Technologien in den Einstellungen Ihres Browsers blockieren oder löschen.",
        "Wenn Sie Cookies deaktivieren, funktionieren manche Bereiche des Shops nicht richtig.",
        "Als Zählpixel bezeichnen wir kleine Grafiken, die in E-Mails eingebettet sind.",
        "Die so gewonnenen Daten werden nicht dazu genutzt, Nutzungsprofile zu erstellen.",
    ] {
        assert!(!has(text, "tracking_profiling"), "{text}");
    }
}

#[test]
fn rights_need_a_right_not_a_word() {
    assert!(has(
        "Vom Newsletter können Sie sich jederzeit über den Link in jeder E-Mail abmelden.",
        "user_rights"
    ));
    assert!(has(
        "Sie haben das Recht, sich bei einer Aufsichtsbehörde zu beschweren.",
        "user_rights"
    ));
    for text in [
        "An- und Abmelden in Ihrem Kundenkonto werden protokolliert.",
        "Zuständige Aufsichtsbehörde ist die Behörde des Landes, in dem wir unseren Sitz haben.",
    ] {
        assert!(!has(text, "user_rights"), "{text}");
    }
}

#[test]
fn refusals_with_keinerlei_and_the_shoppers_own_transfers_are_not_sharing() {
    for text in [
        "Ohne Ihre Einwilligung geben wir keinerlei Daten an Werbepartner weiter.",
        "Wir leiten keine Daten an Dritte für deren eigene Werbezwecke weiter.",
        "Für die Zahlung kann es nötig sein, dass Sie Ihre Kartendaten direkt beim Zahlungsanbieter eingeben müssen.",
        "Inhaltsverzeichnis Welche Daten wir erheben Wem wir Daten weitergeben Ihre Rechte.",
    ] {
        assert!(!has(text, "third_party_sharing"), "{text}");
    }
}

#[test]
fn recipients_in_the_dative_by_name_access_and_embedded_third_parties_are_sharing() {
    for text in [
        // dativ_empfaenger
        "Wir dürfen dem Versanddienstleister Ihre Lieferadresse mitteilen.",
        "Wir stellen unseren Zahlungsdienstleistern die Bestelldaten bereit.",
        // daten_an_name
        "Ihre Kontaktdaten werden an die Beispiel GmbH weitergegeben.",
        "Wenn ein Händler eine Rückfrage hat, können wir deine Bestellangaben mit ihm teilen.",
        // weitergabe_an
        "Die Weitergabe Ihrer Adresse an den Paketdienst ist für die Lieferung erforderlich.",
        // zugriff
        "Unsere IT-Dienstleister erhalten Zugriff auf Ihre Kundendaten, soweit dies für die Wartung nötig ist.",
        // dritte_erheben
        "Eingebundene Drittanbieter können beim Besuch unserer Seiten Daten über Ihre Nutzung erheben.",
        "Werbenetzwerke setzen auf unseren Seiten Cookies.",
    ] {
        assert!(has(text, "third_party_sharing"), "{text}: {:?}", claims(text));
    }
}

#[test]
fn rights_passwords_incoming_data_and_refusals_are_not_sharing() {
    for text in [
        "Sie dürfen Ihr Passwort nicht an Dritte weitergeben.",
        "Der Händler kann seine Rechte aus diesem Vertrag an Dritte übertragen.",
        "Ihre Adresse wird von der Post bereitgestellt.",
        "Die Weitergabe an Dritte erfolgt nicht.",
        "Unbefugte Dritte erhalten keinen Zugriff auf Ihre Daten.",
        "Wir erhalten von unseren Partnern Daten über Ihre Bestellungen.",
    ] {
        assert!(
            !has(text, "third_party_sharing"),
            "{text}: {:?}",
            claims(text)
        );
    }
}

#[test]
fn personalised_ads_recommendations_and_usage_analysis_are_tracking() {
    for text in [
        // personalisiert
        "Wir zeigen Ihnen personalisierte Werbung auf Grundlage Ihrer Interessen.",
        "Wir nutzen Ihre Bestelldaten, um Ihnen passende Produkte zu empfehlen.",
        // nutzungsanalyse
        "Wir analysieren, wie Besucher unseren Shop nutzen.",
    ] {
        assert!(
            has(text, "tracking_profiling"),
            "{text}: {:?}",
            claims(text)
        );
    }
    for text in [
        "Sie können personalisierte Werbung in den Einstellungen deaktivieren.",
        "Wir zeigen keine personalisierte Werbung.",
        "Mit dem Fitness Tracker können Sie Ihre Schritte zählen.",
        "Wir messen die Temperatur im Lager.",
    ] {
        assert!(
            !has(text, "tracking_profiling"),
            "{text}: {:?}",
            claims(text)
        );
    }
}

#[test]
fn products_sold_are_not_a_promise_about_data() {
    for text in [
        "Wir verkaufen keine gebrauchten Geräte.",
        "Gutscheine dürfen nicht an Dritte verkauft werden.",
    ] {
        assert!(
            !has(text, "never_share_promise"),
            "{text}: {:?}",
            claims(text)
        );
    }
    assert!(has(
        "Wir verkaufen Ihre personenbezogenen Daten nicht.",
        "never_share_promise"
    ));
}

#[test]
fn zugriff_von_innen_und_seine_grenzen() {
    let text =
        "Der Händler erhält Ihren Namen und Ihre Lieferadresse, um die Bestellung zu versenden.";
    assert!(has(text, "staff_access"), "{:?}", claims(text));
    let seller = analyze(text)
        .findings
        .into_iter()
        .find(|f| f.category == "staff_access")
        .unwrap();
    assert_eq!(seller.severity, haken::Severity::Medium);
    for text in [
        "Unsere Mitarbeiter im Kundenservice haben Zugriff auf Ihre Bestelldaten.",
        "Auch unsere Auftragnehmer können Ihre Kontodaten einsehen, soweit das nötig ist.",
    ] {
        assert!(has(text, "staff_access"), "{text}: {:?}", claims(text));
    }
    for text in [
        "Alle Mitarbeiter sind zur Verschwiegenheit verpflichtet; Zugriffe werden protokolliert.",
        "Nur befugte Mitarbeiter dürfen Ihre Daten sehen, und auch das nur nach einem Berechtigungskonzept.",
    ] {
        assert!(has(text, "access_safeguard"), "{text}: {:?}", claims(text));
    }
    for text in [
        "Sie können jederzeit auf Ihre Daten zugreifen.",
        "Wir geben Ihre Kontaktdaten nicht an Händler weiter.",
        "Unsere Mitarbeiter haben Zugang zur Kantine.",
    ] {
        assert!(!has(text, "staff_access"), "{text}: {:?}", claims(text));
    }
}

#[test]
fn trackers_in_use_and_followed_behaviour_are_tracking() {
    for text in [
        // cookies_eingesetzt
        "Wir setzen auf unseren Produktseiten Cookies von Werbepartnern ein.",
        "Der Shop verwendet Pixel in seinen Newslettern.",
        "Wir nutzen Cookies, um wiederkehrende Besucher wiederzuerkennen.",
        "Ihr Klickverhalten im Shop wird von uns ausgewertet.",
        "Wir zeigen Ihnen relevantere Werbung in unserer App.",
    ] {
        assert!(
            has(text, "tracking_profiling"),
            "{text}: {:?}",
            claims(text)
        );
    }
    for text in [
        "Wir verwenden nur technisch notwendige Cookies für den Warenkorb.",
        "Wir setzen keine Cookies ein.",
        "Sie können Cookies in Ihrem Browser jederzeit löschen.",
    ] {
        assert!(
            !has(text, "tracking_profiling"),
            "{text}: {:?}",
            claims(text)
        );
    }
}

#[test]
fn verb_first_passing_on_is_sharing() {
    for text in [
        // wir_uebermitteln
        "Wir übermitteln Ihre Bestelldaten an den Paketdienst DHL.",
        "Wir legen Ihre Kontaktdaten gegenüber Behörden offen, wenn das Gesetz es verlangt.",
        "Wir behalten uns vor, Ihre Daten auf Anfrage von Gerichten offenzulegen.",
    ] {
        assert!(
            has(text, "third_party_sharing"),
            "{text}: {:?}",
            claims(text)
        );
    }
    for text in [
        "Wir übermitteln Ihre Daten verschlüsselt an unsere Server.",
        "Wir geben Ihre Daten nicht an Dritte weiter.",
        "Wir senden Ihre Rechnung an Ihre E-Mail-Adresse.",
    ] {
        assert!(
            !has(text, "third_party_sharing"),
            "{text}: {:?}",
            claims(text)
        );
    }
}

#[test]
fn zugriff_dritter_und_grenzen_eigene_saetze() {
    for text in [
        "Unsere Versanddienstleister erhalten Zugriff auf Ihre Lieferdaten, soweit sie das Paket zustellen.",
        "Externe Berater können auf Kundendaten zugreifen, wenn sie unsere Systeme warten.",
        "Ihr Name und Ihre Telefonnummer werden an den Gastgeber weitergeleitet, damit er Sie erreicht.",
    ] {
        assert!(has(text, "staff_access"), "{text}: {:?}", claims(text));
    }
    for text in [
        "Wir beschränken den Zugriff auf Ihre Kundendaten auf Mitarbeiter, die sie für ihre Aufgaben brauchen.",
        "Unsere Dienstleister haben wir vertraglich zur Geheimhaltung verpflichtet.",
        "Der Zugriff auf Bestelldaten ist auf das notwendige Maß beschränkt.",
        // A contractor kept out of the data is a limit (so the blind readers of the German shop
        // gold sets label it), the shop itself saying "we have no access" is not.
        "Unsere Dienstleister haben keinen Zugriff auf Ihre Zahlungsdaten.",
        "Die Aushilfen im Lager arbeiten mit Konten mit eingeschränkten Rechten.",
        "Unsere Beraterinnen unterliegen der beruflichen Schweigepflicht.",
    ] {
        assert!(has(text, "access_safeguard"), "{text}: {:?}", claims(text));
    }
    for text in [
        "Wir haben keinen Zugriff auf deine Kontaktliste, es sei denn, du gibst ihn uns.",
        "Ohne Freigabe haben wir keinen Zugriff auf Ihr Konto.",
    ] {
        assert!(!has(text, "access_safeguard"), "{text}: {:?}", claims(text));
    }
    for text in [
        "Unsere Dienstleister haben keinen Zugriff auf Ihre Zahlungsdaten.",
        "Du kannst über Links auf Websites von Drittanbietern zugreifen.",
        "Der Zugang zu unseren Büros ist auf Beschäftigte beschränkt.",
    ] {
        assert!(!has(text, "staff_access"), "{text}: {:?}", claims(text));
        if !text.starts_with("Unsere Dienstleister") {
            assert!(!has(text, "access_safeguard"), "{text}: {:?}", claims(text));
        }
    }
}

#[test]
fn nach_einer_bedingung_uebermittelt_der_shop_eigene_saetze() {
    // A condition about the user, then the shop passing data on.
    let text = "Falls du eine Montage buchst, übermitteln wir deinen Namen und deine Anschrift an einen Montagebetrieb.";
    assert!(
        has(text, "third_party_sharing"),
        "{text}: {:?}",
        claims(text)
    );
    // A service the shop uses that processes the data for it; reports to a named body.
    for text in [
        "Unsere Gutscheine verschicken wir mit Sendwerk, das dazu deinen Namen und deine E-Mail-Adresse verarbeitet.",
        "Wir melden der Inkassostelle Nord offene Forderungen mit Ihrem Namen und Ihrer Anschrift.",
    ] {
        assert!(has(text, "third_party_sharing"), "{text}: {:?}", claims(text));
    }
    // "an niemanden": a promise, not a recipient.
    let text = "Ihre Wunschliste geben wir an niemanden weiter.";
    assert!(
        has(text, "never_share_promise"),
        "{text}: {:?}",
        claims(text)
    );
    assert!(
        !has(text, "third_party_sharing"),
        "{text}: {:?}",
        claims(text)
    );
    // The user passing data to the shop is not sharing.
    let text = "Wenn du uns deine Anschrift übermittelst, speichern wir sie für die Lieferung.";
    assert!(
        !has(text, "third_party_sharing"),
        "{text}: {:?}",
        claims(text)
    );
}

#[test]
fn mitarbeiter_nach_aufgabe_sehen_kundendaten_eigene_saetze() {
    // People named by their job or unit who look at customer data.
    for text in [
        "Ihre Bestellhistorie sehen bei uns die Kolleginnen aus der Reklamationsabteilung.",
        "Auf Ihre Rezeptdaten greifen die Fahrer unseres Lieferdienstes zu.",
        "Die Sendungsdaten sind den Mitarbeitern im Lager zugänglich.",
        "Wenn Sie eine Beratung buchen, erhält der zuständige Techniker Ihre Anschrift und Telefonnummer.",
    ] {
        assert!(has(text, "staff_access"), "{text}: {:?}", claims(text));
    }
    // Access limited to who needs it, logged, or blocked.
    for text in [
        "Nur die Kollegen der Buchhaltung sehen Ihre Bankverbindung.",
        "Jeder Abruf eines Kundendatensatzes wird mit Benutzer und Uhrzeit protokolliert.",
        "Kontodaten sind für den Kundenservice gesperrt.",
    ] {
        assert!(has(text, "access_safeguard"), "{text}: {:?}", claims(text));
    }
    // The shopper, or the shop as a whole, looking; data received from staff.
    for text in [
        "Sie sehen Ihre Bestellungen jederzeit in Ihrem Kundenkonto.",
        "Wenn Sie unseren Kundenservice kontaktieren, erhalten wir Ihren Namen und Ihre Nachricht.",
        "Wir speichern Ihre Daten, die wir von Mitarbeitern unserer Partner erhalten.",
    ] {
        assert!(!has(text, "staff_access"), "{text}: {:?}", claims(text));
    }
}

#[test]
fn processors_on_our_behalf_duties_and_recipients_are_sharing() {
    for text in [
        "Unsere Versanddienstleister verarbeiten Ihre Adressdaten in unserem Auftrag.",
        "Wir setzen Auftragsverarbeiter ein, die Ihre Bestelldaten auf ihren Servern speichern.",
        "Die Zahlungsabwicklung erfolgt mithilfe externer Dienstleister, die Ihre Kartendaten verarbeiten.",
        "Auf behördliche Anordnung sind wir verpflichtet, Ihre Bestelldaten an die Ermittlungsbehörden herauszugeben.",
        "Empfänger Ihrer Daten sind unser Paketdienst und unser Zahlungsanbieter.",
    ] {
        assert!(has(text, "third_party_sharing"), "{text}: {:?}", claims(text));
    }
    for text in [
        "Wir sind nicht verpflichtet, Informationen über unsere Lagerbestände offenzulegen.",
        "Sie sind verpflichtet, uns Ihre Lieferadresse mitzuteilen.",
        "Für Händler auf unserem Marktplatz verarbeiten wir Daten als Auftragsverarbeiter im Auftrag der Händler.",
        "Wenn Sie einen Dienstleister beauftragen, gelten dessen Bedingungen.",
    ] {
        assert!(!has(text, "third_party_sharing"), "{text}: {:?}", claims(text));
    }
}

#[test]
fn web_analysis_user_profiles_and_cookies_for_analysis_are_tracking() {
    for text in [
        "Wir nutzen Web-Analyse-Dienste, um die Besuche in unserem Shop auszuwerten.",
        "Aus den Klicks werden pseudonymisierte Nutzungsprofile gebildet.",
        "Dabei können Nutzerprofile erstellt werden, um Ihnen passende Werbung zu zeigen.",
        "Auf unseren Seiten werden Cookies eingesetzt, um die Nutzung des Shops zu analysieren.",
        "Wir können Zählpixel verwenden, um zu messen, ob Sie unsere Newsletter öffnen.",
    ] {
        assert!(
            has(text, "tracking_profiling"),
            "{text}: {:?}",
            claims(text)
        );
    }
    for text in [
        "Cookies, die kleine Textdateien sind, werden auf Ihrem Gerät gespeichert, um Ihren Browser zu erkennen.",
        "Technisch notwendige Cookies werden eingesetzt, um Ihren Warenkorb zu speichern.",
        "Sie können ein Kundenprofil anlegen, um schneller zu bestellen.",
        "Wir setzen keine Cookies ein, um Ihr Verhalten zu analysieren.",
    ] {
        assert!(!has(text, "tracking_profiling"), "{text}: {:?}", claims(text));
    }
}

#[test]
fn pseudonymised_data_and_disclosure_to_authorities_are_sharing() {
    for text in [
        "Ihre Klickdaten werden pseudonymisiert an unsere Werbepartner weitergeleitet.",
        "Wir geben Kundenkonten und Bestelldaten bekannt, wenn ein Gericht dies anordnet.",
    ] {
        assert!(
            has(text, "third_party_sharing"),
            "{text}: {:?}",
            claims(text)
        );
    }
    for text in [
        "Ihre Klickdaten werden anonymisiert an unsere Werbepartner weitergeleitet.",
        "Wir geben keine Kundendaten bekannt.",
    ] {
        assert!(
            !has(text, "third_party_sharing"),
            "{text}: {:?}",
            claims(text)
        );
    }
}

#[test]
fn ads_chosen_for_a_person_ad_cookies_and_risk_models_are_tracking() {
    for text in [
        "Wir blenden die Anzeige eines Händlers Nutzern ein, die sich für solche Produkte interessieren könnten.",
        "Wir verwenden Angaben zu deinen Käufen, um die Werbung auf unserer Startseite auszuwählen.",
        "Unsere Werbepartner können ein Cookie auf Ihrem Endgerät speichern und später wieder auslesen.",
        "Mit automatisierten Betrugsmodellen bewerten wir, wie verdächtig eine Bestellung ist.",
    ] {
        assert!(has(text, "tracking_profiling"), "{text}: {:?}", claims(text));
    }
    for text in [
        "Wir speichern ein Cookie auf Ihrem Gerät, damit Ihr Warenkorb erhalten bleibt.",
        "Sie können Cookies von Werbepartnern auf Ihrem Browser jederzeit deaktivieren.",
    ] {
        assert!(
            !has(text, "tracking_profiling"),
            "{text}: {:?}",
            claims(text)
        );
    }
}
