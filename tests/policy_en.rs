//! English claim rules (`rules/policy/en.toml`) on hand-written shop-policy sentences.
//! None of these sentences is taken from the labelled corpora.

use haken::policy::ClaimEngine;
use haken::{Kind, Lang};

fn engine() -> ClaimEngine {
    ClaimEngine::new().expect("embedded claim rules compile")
}

/// The claim categories found in `text`, read as English.
fn claims(text: &str) -> Vec<String> {
    engine()
        .analyze(text, Lang::from_tag("en"), None)
        .findings
        .into_iter()
        .filter(|f| f.kind == Kind::PolicyClaim)
        .map(|f| f.category)
        .collect()
}

/// The categories of the contradictions found in `text`.
fn contradictions(text: &str) -> Vec<String> {
    engine()
        .analyze(text, Lang::from_tag("en"), None)
        .findings
        .into_iter()
        .filter(|f| f.kind == Kind::PolicyContradiction)
        .map(|f| f.category)
        .collect()
}

fn has(text: &str, category: &str) -> bool {
    claims(text).iter().any(|c| c == category)
}

#[track_caller]
fn assert_has(text: &str, category: &str) {
    assert!(
        has(text, category),
        "{category} expected in {text:?}: {:?}",
        claims(text)
    );
}

#[track_caller]
fn assert_not(text: &str, category: &str) {
    assert!(
        !has(text, category),
        "{category} not expected in {text:?}: {:?}",
        claims(text)
    );
}

#[test]
fn sharing_from_the_shop_to_others() {
    for text in [
        "We may share your order details with our delivery partners.",
        "Your e-mail address may be passed on to selected third parties for marketing.",
        "We will disclose customer information to affiliates and service providers.",
        "The shop transfers your contact data to the payment service provider.",
        "We may also disclose your information if required by law.",
    ] {
        assert_has(text, "third_party_sharing");
    }
}

#[test]
fn data_coming_to_the_shop_is_not_sharing() {
    for text in [
        "You may give us information when you create an account.",
        "Some product descriptions are provided by third parties.",
        "You can provide additional details in your customer profile.",
        "Please do not share your password with anyone.",
        "Sharing your information",
        "With whom do we share your personal data?",
        "You have the right to request a list of third parties to whom we disclosed your data.",
    ] {
        assert_not(text, "third_party_sharing");
    }
}

#[test]
fn a_refusal_is_a_promise_not_sharing() {
    let text = "We never pass your address on to other companies.";
    assert_not(text, "third_party_sharing");
    assert_has(text, "never_share_promise");
    let text = "We don't sell, rent or trade your personal information.";
    assert_has(text, "never_share_promise");
    assert_not(text, "data_sale");
}

#[test]
fn no_sale_but_sharing_is_both() {
    let found =
        claims("We do not sell your customer data, but we share it with advertising partners.");
    assert!(
        found.contains(&"never_share_promise".to_string()),
        "{found:?}"
    );
    assert!(
        found.contains(&"third_party_sharing".to_string()),
        "{found:?}"
    );
}

#[test]
fn opt_out_requests_are_not_promises() {
    assert_not(
        "You may ask that we not share your data with our partners for their marketing.",
        "never_share_promise",
    );
    assert_not(
        "Do Not Sell My Personal Information | Terms | Imprint",
        "never_share_promise",
    );
}

#[test]
fn selling_data() {
    assert_has(
        "We may sell or rent your customer information to carefully chosen retailers.",
        "data_sale",
    );
    assert_not(
        "We sell shoes and accessories for the whole family.",
        "data_sale",
    );
    assert_not(
        "If our shop is sold, customer records may be transferred to the buyer.",
        "data_sale",
    );
}

#[test]
fn business_transfers() {
    for text in [
        "If the shop is acquired by another company, customer records will pass to the new owner.",
        "In the event of a merger or insolvency, your data may be transferred.",
        "As our company grows we may buy or sell business assets, and customer data may be among them.",
        "Should we go bankrupt, the customer database may be sold to a successor.",
    ] {
        assert_has(text, "business_transfer");
    }
    for text in [
        "Cookie data is not merged with other information about you.",
        "We measure user acquisition campaigns to improve our app.",
        "We will never transfer your data as part of a merger.",
    ] {
        assert_not(text, "business_transfer");
    }
}

#[test]
fn unqualified_promise_broken_by_a_merger_clause() {
    let text = "We will never share your personal data with any third party. \
                If our store is merged with another business, customer accounts may be transferred to the acquirer.";
    assert_eq!(contradictions(text), ["business_transfer"]);
}

#[test]
fn promise_with_consent_qualifier_is_no_contradiction() {
    let text = "We do not disclose your details to third parties without your consent. \
                We may share your order history with our marketing partners.";
    assert!(
        contradictions(text).is_empty(),
        "{:?}",
        contradictions(text)
    );
    assert_has(text, "never_share_promise");
    assert_has(text, "third_party_sharing");
}

#[test]
fn unqualified_promise_broken_by_sharing() {
    let text = "We will not share your data with third parties. \
                Your delivery address is passed on to our logistics partners.";
    assert_eq!(contradictions(text), ["third_party_sharing"]);
}

#[test]
fn policy_changes() {
    assert_has(
        "We may change this policy at any time without prior notice.",
        "policy_change",
    );
    assert_has(
        "Your continued use of the shop after an update constitutes acceptance of the revised terms.",
        "policy_change",
    );
    assert_not(
        "If we change this policy, we will notify you by e-mail.",
        "policy_change",
    );
}

#[test]
fn tracking_marketing_retention() {
    assert_has(
        "We use web beacons to see which pages you visit.",
        "tracking_profiling",
    );
    assert_has(
        "We will send you newsletters and special offers by e-mail.",
        "marketing",
    );
    assert_has("We keep your purchase history indefinitely.", "retention");
    assert_not(
        "We delete invoices after ten years as required by tax law.",
        "retention",
    );
}

#[test]
fn a_merger_clause_needs_data_or_a_recipient() {
    assert_not(
        "As our company grows, we may buy or sell various assets.",
        "business_transfer",
    );
    assert_not(
        "We announced last spring that our studio had been acquired by a larger group.",
        "business_transfer",
    );
    assert_has(
        "In such transactions, subscriber records are usually among the transferred assets.",
        "business_transfer",
    );
}

#[test]
fn a_sale_is_not_also_shown_as_sharing() {
    let text = "We may rent or sell your e-mail address to list brokers.";
    assert_has(text, "data_sale");
    assert_not(text, "third_party_sharing");
}

#[test]
fn questions_definitions_and_anonymous_data_claim_nothing() {
    for text in [
        "Do we sell or share your personal information with advertisers?",
        "Cookies are small text files that a website stores in your browser.",
        "We may share aggregated, anonymous statistics about our visitors with partners.",
        "You can review the categories of third parties with whom we share data in section 4.",
    ] {
        assert!(claims(text).is_empty(), "{text}: {:?}", claims(text));
    }
}

#[test]
fn marketing_means_messages_to_the_shopper() {
    assert_has(
        "We will email you special offers on garden tools unless you unsubscribe.",
        "marketing",
    );
    assert_not(
        "Advertising cookies help us choose which banners you see on other sites.",
        "marketing",
    );
}

#[test]
fn shopper_controls_and_scope_notes_are_not_tracking() {
    assert!(has(
        "Our advertising partners use web beacons to follow your browsing across sites.",
        "tracking_profiling"
    ));
    for text in [
        "You can block or delete these cookies in your browser settings at any time.",
        "If you refuse cookies, some pages of the shop may not work as expected.",
        "You can find a list of the third party cookies on our cookie page.",
        "We may let you sign in with your fingerprint or face on supported phones.",
    ] {
        assert!(!has(text, "tracking_profiling"), "{text}");
    }
}

#[test]
fn transfer_safeguards_and_advice_are_not_security_measures() {
    assert!(has(
        "We protect your payment details with TLS encryption and strict access controls.",
        "security"
    ));
    for text in [
        "When we move data abroad we rely on appropriate safeguards such as contractual terms.",
        "You should use encryption when you send us sensitive files.",
        "E-mails you send us may not be secure or encrypted.",
    ] {
        assert!(!has(text, "security"), "{text}");
    }
}

#[test]
fn limits_on_vendors_and_past_disclosures_are_not_the_shops_promise() {
    assert!(has(
        "We will never sell your personal information to anyone.",
        "never_share_promise"
    ));
    for text in [
        "These service providers do not share your personal information with anyone else.",
        "We have not sold personal information of consumers in the preceding 12 months.",
        "We ask that you not disclose sensitive personal information to us.",
    ] {
        assert!(!has(text, "never_share_promise"), "{text}");
    }
}

#[test]
fn a_right_the_shop_reserves_is_not_the_shoppers() {
    assert!(has(
        "You have the right to access and delete your personal data.",
        "user_rights"
    ));
    assert!(!has(
        "We reserve the right to access your account to investigate fraud.",
        "user_rights"
    ));
}

#[test]
fn unnamed_recipients_and_access_without_a_modal_are_sharing() {
    for text in [
        // passive_unnamed
        "The advertising identifier of your phone may be shared for marketing purposes.",
        "Your order details are disclosed for fraud checks.",
        // access without a modal verb
        "These third parties have access to your order data to ship it.",
    ] {
        assert_has(text, "third_party_sharing");
    }
}

#[test]
fn own_storage_public_posts_and_incoming_data_are_not_sharing() {
    for text in [
        "Your card number is never stored by us or accessed by the payment provider.",
        "Messages you post in the forum can be read and collected by others.",
        "Sites we link to may collect information under their own policies.",
        "The shop's data is shared with you on request.",
        "Your order is transferred to our warehouse in Germany.",
        "We use a courier to deliver your parcel.",
        "We do not share your data without your consent.",
        "Your wish list is shared only by you.",
    ] {
        assert_not(text, "third_party_sharing");
    }
}

#[test]
fn usage_analysis_analytics_and_interest_ads_are_tracking() {
    for text in [
        // usage_analysis
        "We use analytics to understand how shoppers navigate our catalogue.",
        "The shop records the use of its website to find slow pages.",
        // analytics
        "We keep usage statistics for every product page.",
        "We note the time spent on each product page.",
        // interest_ads
        "We select the offers in our newsletter based on your purchase history.",
        "The app shows ads of interest to you.",
    ] {
        assert_has(text, "tracking_profiling");
    }
}

#[test]
fn definitions_controls_and_devices_are_not_tracking() {
    for text in [
        "You may see how our team uses your data in section 4.",
        "Cookies are small text files stored by your browser.",
        "If you disable cookies, ads will no longer be based on your interests.",
        "Fitness trackers sold in our shop come with their own apps.",
        "We do not analyse how customers use the site.",
    ] {
        assert_not(text, "tracking_profiling");
    }
}

#[test]
fn insider_access_and_its_limits() {
    for text in [
        "Sellers on our marketplace receive your name, delivery address and phone number so they can ship your order.",
        "We share your name and address with the seller of the product you buy.",
    ] {
        assert_has(text, "staff_access");
        let f = engine().analyze(text, Lang::from_tag("en"), None).findings;
        let seller = f.iter().find(|f| f.category == "staff_access").unwrap();
        assert_eq!(seller.severity, haken::Severity::Medium, "{text}");
    }
    for text in [
        "Our customer service staff may access your account information to answer your questions.",
        "Your order history can be viewed by our employees and contractors when needed.",
        // people_who_see
        "Our warehouse team can see your delivery address while packing your parcel.",
        "The fitter who comes to your home is given your name and phone number.",
        "Loan applications are checked by one of our credit advisers.",
    ] {
        assert_has(text, "staff_access");
    }
    // "Only staff who need it for their role can see your order history" limits access and also
    // says staff see it: the gold sets' blind readers label both, so it is not asserted here.
    assert_not(
        "Our warehouse team cannot download the customer list.",
        "staff_access",
    );
    for text in [
        "Only authorised employees who need to know have access to your data, and all access is logged.",
        "Everyone who handles your data is bound by strict confidentiality obligations.",
        // limits_described
        "Access to patient files is restricted by role and reviewed every six months.",
        "Our help-desk tool shows only the records linked to the open ticket.",
        "Seasonal workers get limited accounts that cannot export customer data.",
    ] {
        assert_has(text, "access_safeguard");
    }
    for text in [
        "Sign out after each visit so that others cannot access your account.",
        "You cannot view your order history while the shop is being updated.",
    ] {
        assert_not(text, "access_safeguard");
    }
    for text in [
        "We do not share your contact details with sellers.",
        "You can access your account data at any time.",
        "Our employees enjoy free access to the staff canteen.",
        "We sell products from hundreds of brands.",
    ] {
        assert_not(text, "staff_access");
    }
}

#[test]
fn others_collecting_and_disclosure_among_uses_are_sharing() {
    for text in [
        // others_collect
        "Our advertising partners may collect identifiers from your phone while you play.",
        "The shop app includes third-party SDKs that gather data about the phone and its use.",
        // use_and_disclose
        "We collect, store and disclose your order details as this policy describes below.",
        "We may use your delivery address and disclose it to the courier.",
        // disclosure_noun
        "The disclosure of your billing data to our bank happens at checkout.",
        "We may release account details if we believe such disclosure is required to stop fraud.",
    ] {
        assert_has(text, "third_party_sharing");
    }
    for text in [
        "Our partners do not collect any data through this shop.",
        "To learn how the analytics provider collects data, read its own notice.",
        "We receive information from our partners.",
        "This page explains how we collect, use and disclose information.",
    ] {
        assert_not(text, "third_party_sharing");
    }
}

#[test]
fn trackers_in_use_and_targeting_are_tracking() {
    for text in [
        // trackers_used
        "We use cookies to recognise returning shoppers and remember what they viewed.",
        "The store places pixel tags in its newsletters.",
        "Some of this data is gathered with a tracking technology on our checkout pages.",
        "We monitor your interaction with our product videos.",
        // targeting
        "Your purchases help us target ad campaigns at people like you.",
        "We show relevant advertisements across our apps.",
        "We measure how the app is used in each country.",
    ] {
        assert_has(text, "tracking_profiling");
    }
    for text in [
        "We use cookies only to keep your shopping cart between visits.",
        "We do not use cookies to track you.",
        "You can set your browser to refuse cookies that recognise you.",
        "Strictly necessary cookies remember your login.",
    ] {
        assert_not(text, "tracking_profiling");
    }
}

#[test]
fn insider_access_wordings_written_for_this_test() {
    for text in [
        "Our warehouse contractors may have access to your personal information while they pack your parcel.",
        "Our payment processors will be given access to your billing details only to charge your card.",
        "Your order history can be accessed by our customer support contractors.",
    ] {
        assert_has(text, "staff_access");
    }
    let text = "When you book a table, the restaurant will receive your name and phone number.";
    assert_has(text, "staff_access");
    for text in [
        "We restrict access to your account data to employees who need it to answer your questions.",
        "Our couriers are contractually obligated to keep your address confidential.",
        "Access to customer files is restricted to a small number of authorised staff.",
    ] {
        assert_has(text, "access_safeguard");
    }
    for text in [
        "Partner companies do not have access to your purchase history.",
        "You can access your saved addresses in your account settings at any time.",
        "We protect your data against access by unauthorised third parties.",
        "Access to our offices is limited to staff with a badge.",
    ] {
        assert_not(text, "staff_access");
        assert_not(text, "access_safeguard");
    }
}

#[test]
fn processors_hosts_and_third_party_cookies_are_sharing() {
    for text in [
        "We engage outside service providers to store your order data and to process card payments.",
        "Our shop uses third-party processors who handle your billing details on our behalf.",
        "Your card number is stored by our payment provider for later orders.",
        "Customer records are kept on servers operated by a cloud hosting provider.",
        "Our advertising partners may set cookies when you browse the shop.",
        "Analytics providers may place web beacons in our newsletters.",
    ] {
        assert_has(text, "third_party_sharing");
    }
    for text in [
        "We do not use outside vendors to process your payments.",
        "You may choose to sign in using third-party services such as a social login.",
        "Our own staff process returns; no subcontractor handles your parcel data.",
        "Third-party websites linked from our shop may use their own cookies under their own policies.",
        "We use third-party companies to deliver our newsletter design templates.",
    ] {
        assert_not(text, "third_party_sharing");
    }
}

#[test]
fn per_service_lists_of_trackers_and_usage_data_are_tracking() {
    for text in [
        "Personal Data processed: Trackers; Usage Data.",
        "Personal Data collected: Cookies and Usage Data.",
    ] {
        assert_has(text, "tracking_profiling");
    }
    for text in [
        "Personal Data processed: email address; first name.",
        "Personal Data: no trackers or cookies are used by this service.",
        "Personal Data may be typed in by the user or, for Usage Data, collected automatically.",
    ] {
        assert_not(text, "tracking_profiling");
    }
}

#[test]
fn recipient_before_the_data_links_and_transfers_abroad() {
    for text in [
        "We provide our delivery partners with your name and shipping address.",
        "We may furnish selected advertisers with lists of customer e-mail addresses.",
    ] {
        assert_has(text, "third_party_sharing");
    }
    for text in [
        "If you decide to provide a marketplace seller with your phone number, you do so at your own risk.",
        "We provide merchants with payment processing services.",
        "Our shop provides links to third-party websites.",
        "We may transfer your personal information outside of Canada for storage.",
    ] {
        assert_not(text, "third_party_sharing");
    }
}

#[test]
fn a_promise_with_exceptions_shares_what_it_lets_through() {
    for text in [
        "We do not disclose your details to outside companies except when the law obliges us to.",
        "We never hand your e-mail address to anyone other than the couriers who deliver your parcel.",
        "Selling customer lists is not our business; we only share data with the processors that run our checkout.",
    ] {
        assert_has(text, "third_party_sharing");
    }
    for text in [
        "We do not share your details with anyone without your consent.",
        "You are not required to provide personal data, except where needed to send you the goods you order.",
        "We will not share anything except aggregated statistics that identify no one.",
    ] {
        assert_not(text, "third_party_sharing");
    }
}

#[test]
fn third_party_parts_of_the_app_collect() {
    for text in [
        "The app gathers crash reports via third-party libraries bundled with it.",
        "Third party advertising networks use device identifiers to choose the banners you see.",
        "We and our advertising partners may collect your device ID and rough location.",
    ] {
        assert_has(text, "third_party_sharing");
    }
    assert_not(
        "Third party ad networks do not receive any data from this app.",
        "third_party_sharing",
    );
}

#[test]
fn a_passive_refusal_is_a_promise() {
    for text in [
        "No customer data is passed on by us to outside companies.",
        "Not one of your details will be shared with advertisers.",
    ] {
        assert_has(text, "never_share_promise");
        assert_not(text, "third_party_sharing");
    }
}

#[test]
fn definitions_user_analytics_and_opt_outs_are_not_tracking_own_sentences() {
    for text in [
        "StatsNest is an analytics service provided by Example Analytics Ltd.",
        "Sellers can view analytics from their own shop pages in the dashboard.",
        "You may opt out of receiving interest based advertising through the industry opt-out pages.",
        "Most browsers are set to accept cookies; you can change that in your settings.",
    ] {
        assert!(!has(text, "tracking_profiling"), "{text}: {:?}", claims(text));
    }
    // A definition followed by what the tool does with the data still tells of tracking.
    let text = "StatsNest is an analytics service provided by Example Analytics Ltd. StatsNest uses the data it collects to track and examine the use of our app.";
    assert!(
        has(text, "tracking_profiling"),
        "{text}: {:?}",
        claims(text)
    );
}
