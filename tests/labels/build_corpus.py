# Builds tests/labels/corpus.jsonl from hand-written entries.
import json

ROWS = []


def cb(lang, label, expect=None, on=True, flags=""):
    ROWS.append(dict(lang=lang, kind="checkbox", on=on, question="", label=label,
                     expect=expect, flags=flags.split() if flags else []))


def rd(lang, question, label, expect=None, on=True):
    ROWS.append(dict(lang=lang, kind="radio", on=on, question=question, label=label,
                     expect=expect, flags=["radio"] if expect else []))


def opt(lang, label, expect):
    cb(lang, label, expect, on=False, flags="opt_out")


def bun(lang, label, expect):
    cb(lang, label, expect, flags="bundled")


# ---------------------------------------------------------------- marketing
M = "marketing"
cb("de", "Newsletter", M)
cb("de", "Ja, ich möchte den wöchentlichen Newsletter mit Angeboten und Gutscheinen per E-Mail erhalten. Eine Abmeldung ist jederzeit kostenlos möglich.", M)
cb("de", "Wochenangebote per SMS", M)
cb("de", "Über neue Kollektionen, Sale-Starts und exklusive Aktionen von Fjordwerk informieren (per E-Mail, jederzeit widerrufbar)", M)
cb("de", "Den Frühjahrskatalog künftig kostenlos per Post zuschicken", M)
cb("de", "Ich bin einverstanden, dass mich die Lindhaus GmbH telefonisch zu Produktneuheiten und Sonderaktionen kontaktiert.", M)
cb("de", "Zum Geburtstag einen Gutschein und persönliche Rabattaktionen zuschicken", M)
cb("de", "Partnerangebote", M)
opt("de", "Bitte kreuzen Sie dieses Feld an, falls Sie KEINE Werbung per E-Mail von uns erhalten möchten.", M)
opt("de", "Ich möchte nicht über Rabattaktionen und Gewinnspiele benachrichtigt werden", M)
rd("de", "Möchten Sie unseren Newsletter erhalten?", "Ja", M)
rd("de", "Wie oft dürfen wir Ihnen Angebote schicken?", "Wöchentlich", M)
rd("de", "Wie möchten Sie über Aktionen informiert werden?", "Per Post", M)
bun("de", "Ich akzeptiere die AGB und möchte den Newsletter erhalten.", M)
cb("de", "Aktionen & das aktuelle Flugblatt jede Woche per E-Mail zusenden", M)
cb("de", "Über Aktionen und Rabatttage per SMS aufs Natel informiert werden", M)
cb("de", "Newsleter mit Angbote abonieren", M)
cb("de", "Benachrichtigt mich per Push über Flash-Sales und den Deal des Tages", M)
cb("de", "Ich möchte den Gartenbrief von Grünzeug24 erhalten – Pflanztipps, Trends und Rabatte alle 14 Tage.", M)
cb("de", "Exklusive Insider-Drops & Early-Access-Codes vorab ins Postfach", M)
cb("en", "Keep me in the loop with offers and new arrivals", M)
cb("en", "Sign me up for texts about sales (msg & data rates may apply, reply STOP to cancel)", M)
cb("en", "Count me in for the VIP email list!", M)
cb("en", "We'd love to send you the occasional email about exclusive discounts, events and competitions. You can unsubscribe at any time.", M)
cb("en", "Email me deals", M)
cb("en", "Yes, I'd like to hear from Harrow & Vale by post, phone and email about products I might like.", M)
opt("en", "Tick this box if you would prefer not to receive marketing emails from us.", M)
opt("en", "If you do NOT wish to be contacted by telephone about special offers, please tick here", M)
rd("en", "Would you like to receive our newsletter?", "Yes please", M)
rd("en", "How often should we email you about offers?", "Daily deals", M)
bun("en", "By placing your order you agree to our Terms and to receive promotional emails from Copperleaf.", M)
cb("en", "Receive offers from our hand-picked partners (sent by us, we never pass on your details)", M)
cb("en", "Post me the autumn lookbook and catalogue", M)
cb("en", "Get 10% off your next order when you join our mailing list", M)
cb("en", "Text me restock drops and promos", M)
cb("en", "Weekly newsletter (includes sponsored picks)", M)
cb("en", "I consent to recieve marketing communications via email and SMS", M)
cb("en", "Marketing emails", M)
rd("en", "Stay in touch?", "Email + SMS", M)
bun("en", "I have read the privacy policy and I'm happy to get news and offers by email.", M)

# ------------------------------------------------------------- data_sharing
D = "data_sharing"
cb("de", "Ich willige ein, dass meine Kontaktdaten an ausgewählte Partnerunternehmen zu Werbezwecken weitergegeben werden.", D)
cb("de", "Datenweitergabe an Konzerngesellschaften", D)
cb("de", "Meine E-Mail-Adresse darf in verschlüsselter (gehashter) Form an Werbenetzwerke übermittelt werden, um mir dort passende Anzeigen zu zeigen.", D)
cb("de", "Name und Anschrift an den Förderverein Warenfreunde e. V. für dessen Spendenaufrufe übermitteln", D)
cb("de", "Einverstanden, dass meine Lieferdaten an Kooperationspartner für deren Kundenbefragungen gehen", D)
opt("de", "Ich widerspreche der Weitergabe meiner Daten an Dritte (bitte ankreuzen)", D)
opt("de", "Falls Sie nicht möchten, dass wir Ihre Adresse an Partner vermieten, setzen Sie hier ein Häkchen.", D)
rd("de", "Dürfen wir Ihre Daten mit unseren Partnern teilen?", "Ja, gerne", D)
bun("de", "Mit Absenden der Bestellung stimme ich den AGB sowie der Weitergabe meiner Daten an Werbepartner zu.", D)
cb("de", "Meine Daten dürfen an die Partnerbetriebe der Alpenbonus-Gruppe weitergegeben werden", D)
cb("de", "Ich bin einverstanden, dass meine Adresse an Drittfirmen für Werbemassnahmen bekanntgegeben wird.", D)
cb("de", "Telefonnummer an den Hersteller weiterleiten, damit dieser mich direkt zu Aktionen anrufen kann", D)
cb("de", "Kaufhistorie mit Facebook & Google abgleichen lassen", D)
cb("de", "Datenaustausch mit Partnern", D)
cb("de", "Bestelldaten an das Marktforschungsinstitut Quantum Panel übermitteln", D)
rd("de", "Weitergabe an Partnershops", "Erlaubt", D)
cb("de", "Ich bin einverstanden das meine Daten an Dritte weitergeben werden", D)
cb("en", "Share my details with trusted third parties so they can contact me", D)
cb("en", "Allow us to sell or share my personal information", D)
cb("en", "Pass my email address to our group companies (Northgate Retail Ltd and its subsidiaries)", D)
cb("en", "I agree that Brightwell may upload my hashed email to advertising platforms so I see relevant ads there", D)
opt("en", "Tick here if you do not want your name and address shared with other carefully chosen organisations.", D)
opt("en", "Check this box to opt out of the sale of your personal information", D)
rd("en", "Can we share your details with our partners?", "Yes", D)
bun("en", "I accept the Terms of Sale and consent to my data being shared with our marketing partners.", D)
cb("en", "Partner data sharing", D)
cb("en", "Let the brand reach out – share my email with Kestrel Outdoor", D)
cb("en", "Share purchase data with ad networks", D)
cb("en", "Allow transfer of my data to affiliates in the US for marketing purposes", D)
cb("en", "Help our partners improve their service: send them my order and delivery details", D)
cb("en", "Include my contact info in co-op mailing list rentals", D)
rd("en", "Third-party sharing", "Allow", D)
cb("en", "Share my info w/ the sponsors of this giveaway", D)
cb("en", "I'm happy for my details to be passed on to the charity we're supporting this month", D)

# ------------------------------------------------------------- credit_check
C = "credit_check"
cb("de", "Ich willige ein, dass eine Bonitätsprüfung durch die SCHUFA Holding AG durchgeführt wird.", C)
cb("de", "Bonitätsprüfung", C)
cb("de", "SCHUFA-Auskunft einholen", C)
cb("de", "Ich bin damit einverstanden, dass Daten über die Begründung und nicht vertragsgemäße Abwicklung dieses Vertrags an Wirtschaftsauskunfteien gemeldet werden.", C)
cb("de", "Abfrage beim KSV1870 und bei der CRIF zur Prüfung meiner Kreditwürdigkeit zustimmen", C)
cb("de", "Einwilligung zur Bonitätsabfrage bei der ZEK und bei Intrum", C)
opt("de", "Ich widerspreche der Bonitätsprüfung (Häkchen setzen)", C)
rd("de", "Kauf auf Rechnung – dürfen wir Ihre Bonität prüfen?", "Ja, prüfen", C)
bun("de", "Ich akzeptiere die AGB und die Prüfung meiner Kreditwürdigkeit durch Creditreform.", C)
cb("de", "Identitäts- und Bonitätsprüfung über infoscore zulassen", C)
cb("de", "Meine Zahlungserfahrungen dürfen an eine Auskunftei gemeldet werden", C)
cb("de", "Bonitätsprüfug per Schufa einverstanden", C)
rd("de", "Darf eine Kreditauskunft eingeholt werden?", "Ja", C)
cb("en", "I consent to a credit check with Experian", C)
cb("en", "Run a soft credit search so we can show you pay-later options", C)
cb("en", "We may share information about how you run your account with credit reference agencies such as Equifax and TransUnion", C)
cb("en", "Credit check", C)
opt("en", "Tick if you do NOT agree to a hard credit search", C)
rd("en", "Check my eligibility for store credit?", "Yes, run the check", C)
bun("en", "By completing this order I agree to the Terms and authorize a credit inquiry.", C)
cb("en", "I authorize Vantage Pay to obtain my consumer credit report", C)
cb("en", "Allow a credit bureau pull for financing pre-approval", C)
cb("en", "Report my repayment history to credit reference agencies", C)
cb("en", "Check my creditworthiness", C)
cb("en", "Yes, do a quick credit score check (won't affect your score)", C)

# ---------------------------------------------------------- personalization
P = "personalization"
cb("de", "Personalisierte Empfehlungen anhand meines Surfverhaltens", P)
cb("de", "Mein Klickverhalten darf ausgewertet werden, um die Startseite für mich zu personalisieren.", P)
cb("de", "Personalisierte Werbung", P)
cb("de", "Interessenbasierte Anzeigen auf anderen Websites zeigen", P)
cb("de", "Profilbildung zu Werbezwecken zulassen", P)
opt("de", "Ich möchte keine auf mich zugeschnittenen Produktvorschläge (bitte ankreuzen)", P)
rd("de", "Wie soll Ihr Shop aussehen?", "Persönlich – auf Basis meiner bisherigen Käufe", P)
bun("de", "Ich stimme den Nutzungsbedingungen und der Auswertung meines Nutzungsverhaltens für personalisierte Inhalte zu.", P)
cb("de", "Mein Einkaufsverhalten darf für individuelle Produktvorschläge analysiert werden", P)
cb("de", "Massgeschneiderte Empfehlungen aufgrund meiner Suchanfragen", P)
cb("de", "Für Sie ausgewählt: Vorschläge aus Ihrem Verlauf anzeigen", P)
cb("de", "Nutzungsprofil anlegen", P)
rd("de", "Werbung auf dieser Seite", "Auf mich zugeschnitten", P)
cb("en", "Personalised recommendations", P)
cb("en", "Use my browsing history to tailor the products I see", P)
cb("en", "Show me ads based on my interests across the web", P)
cb("en", "Allow profiling of my purchases to build a personalised shopper profile", P)
opt("en", "Tick to opt out of interest-based advertising", P)
rd("en", "How should we choose what to show you?", "Based on my activity", P)
bun("en", "I agree to the Terms of Use, including personalisation of content based on my viewing habits.", P)
cb("en", "Persnalised picks for you", P)
cb("en", "Tailored ads", P)
cb("en", "Let StyleMatch AI learn from my clicks to curate my feed", P)
cb("en", "Personalize my homepage using my order history", P)
cb("en", "Use my location and past searches to personalize results", P)
rd("en", "Ad experience", "Personalized", P)

# ----------------------------------------------------------------- tracking
T = "tracking"
cb("de", "Statistik", T)
cb("de", "Marketing-Cookies", T)
cb("de", "Analyse-Cookies (Google Analytics, Hotjar)", T)
cb("de", "Ich bin einverstanden, dass Öffnungen und Klicks in unseren E-Mails gemessen werden.", T)
cb("de", "Reichweitenmessung", T)
cb("de", "Tracking durch Drittanbieter (Meta Pixel, TikTok Pixel)", T)
opt("de", "Analyse-Cookies ablehnen", T)
rd("de", "Cookie-Einstellungen", "Alle akzeptieren", T)
cb("de", "Komfort & Statistik: Wir erfassen anonymisiert, wie Sie unseren Shop nutzen.", T)
cb("de", "Webanalyse (Matomo)", T)
cb("de", "Cookies für Reichweitenmessung und Werbeerfolgskontrolle", T)
cb("de", "Sitzungsaufzeichnung zur Verbesserung der Nutzerfreundlichkeit", T)
cb("de", "Conversion-Tracking", T)
cb("en", "Analytics", T)
cb("en", "Performance cookies", T)
cb("en", "Targeting & advertising cookies", T)
cb("en", "Allow us to track email opens and link clicks", T)
cb("en", "Measurement (Google Analytics 4, Mixpanel)", T)
opt("en", "Disable analytics cookies", T)
rd("en", "Cookie preferences", "Accept all cookies", T)
cb("en", "Heatmaps & session replay", T)
cb("en", "Third-party tracking pixels", T)
cb("en", "Statistics cookies help us understand how visitors interact with the site by collecting information anonymously.", T)
cb("en", "Advertising cookies (Criteo, The Trade Desk)", T)
rd("en", "Open & click tracking in our emails", "Allowed", T)
cb("en", "Cross-site tracking", T)

# --------------------------------------------------------------- paid_addon
A = "paid_addon"
cb("de", "Geschenkverpackung + 3,95 €", A)
cb("de", "Transportversicherung für nur 2,49 EUR", A)
cb("de", "Garantieverlängerung auf 3 Jahre (€ 49,99)", A)
cb("de", "Ja, ich runde meinen Einkaufsbetrag für ein gemeinnütziges Projekt auf.", A)
cb("de", "CO₂-neutral versenden (+0,89 €)", A)
cb("de", "Express-Bearbeitung – Ihr Paket verlässt heute noch das Lager (4,90 EUR)", A)
rd("de", "Versandart", "Express (1–2 Werktage) 9,90 €", A)
rd("de", "Schutzbrief für Ihr Smartphone", "24 Monate Rundum-Schutz – 79 €", A)
cb("de", "Montageservice zum Aufpreis von 59,– €", A)
cb("de", "1 € spenden an die Kinderhilfe Sonnenstrahl", A)
cb("de", "Zustellung am Samstag +€ 6,–", A)
cb("de", "Altgeräte-Entsorgung CHF 25.–", A)
cb("de", "Aufrunden auf den nächsten Franken zugunsten der Bergbauernhilfe", A)
cb("de", "Diebstahl- und Bruchschutz (monatlich 3,99 €, kündbar)", A)
opt("de", "Ich verzichte auf den Käuferschutz Plus (1,50 €)", A)
bun("de", "Ich akzeptiere die AGB inkl. der kostenpflichtigen Versandversicherung (1,99 €).", A)
cb("de", "Premium-Verpackung 2,50", A)
cb("en", "Gift wrap +£3", A)
cb("en", "Add 2-year accidental damage cover for £39.99", A)
cb("en", "Shipping protection ($2.98) – covers lost, stolen or damaged packages", A)
cb("en", "Round up to donate to the Ocean Friends Trust", A)
cb("en", "Priority processing – $4.95", A)
rd("en", "Protect your purchase", "£6.49 – 3-year cover", A)
rd("en", "Delivery speed", "Next Day – $12.99", A)
cb("en", "Offset the carbon of this delivery for 75p", A)
cb("en", "Extended warranty (3 yrs) - 29.99 USD", A)
cb("en", "Add a $1 donation to the Feed the Block food bank", A)
opt("en", "I don't want product care coverage", A)
bun("en", "I agree to the Terms & Conditions and to adding Order Guard (£1.49) to my basket.", A)
cb("en", "Assembly service: £45", A)
cb("en", "Premium gift box upgrade (+$7)", A)
cb("en", "Add installation by a certified technician - $89", A)
cb("en", "Tip your driver $3", A)
cb("en", "Skip-the-queue handling fee £2.50", A)

# ------------------------------------------------------------- subscription
S = "subscription"
cb("de", "Spar-Abo: alle 4 Wochen automatisch liefern und 10 % sparen", S)
cb("de", "30 Tage Premium gratis testen – danach 9,99 €/Monat", S)
cb("de", "Der Vertrag verlängert sich automatisch um 12 Monate, wenn er nicht 4 Wochen vorher gekündigt wird", S)
cb("de", "Kostenloses Probeheft der Zeitschrift „Wohnglück“ – geht anschließend in ein Jahresabo über", S)
rd("de", "Kaufart", "Im Abo (monatlich) – 15 % günstiger", S)
rd("de", "Lieferrhythmus im Spar-Abo", "Alle 2 Wochen", S)
opt("de", "Bitte NICHT automatisch verlängern (ankreuzen)", S)
bun("de", "Ich akzeptiere die AGB und starte meine Gratis-Mitgliedschaft, die nach 14 Tagen kostenpflichtig wird.", S)
cb("de", "Jahreskarte automatisch verlängern (€ 59,– pro Jahr)", S)
cb("de", "Kaffeekapseln im Abo: monatlich liefern, jederzeit pausierbar", S)
cb("de", "Versandflatrate 3 Monate gratis, danach 24,90 € jährlich", S)
cb("de", "Automatische Nachbestellung aktivieren", S)
rd("de", "Wie oft möchten Sie Tierfutter erhalten?", "Monatlich (Abo)", S)
cb("en", "Subscribe & save 15% — delivered every month", S)
cb("en", "Start my free 7-day trial of Plus (then $12.99/mo, cancel anytime)", S)
cb("en", "Auto-renew my plan each year", S)
cb("en", "Add a 6-issue subscription to Gardeners' Gazette for £1 — then £19.99 every 6 issues", S)
rd("en", "Purchase option", "Subscribe & save 10%", S)
rd("en", "Autoship frequency", "Every 30 days", S)
opt("en", "Tick if you don't want your membership to renew automatically", S)
bun("en", "I agree to the Terms and to a recurring monthly charge after my free trial ends.", S)
cb("en", "Autoship", S)
cb("en", "Make this a recurring order", S)
cb("en", "Try DeliveryPass free for 30 days, then £7.99 a month", S)
cb("en", "Keep my refills coming - automatic replenishment every 60 days", S)
rd("en", "Your razor kit", "Starter kit + refills every 2 months", S)

# ------------------------------------------------------------------ account
K = "account"
cb("de", "Kundenkonto anlegen", K)
cb("de", "Mit meinen Angaben automatisch ein Kundenkonto erstellen", K)
cb("de", "Mitglied im Vorteilsclub werden", K)
cb("de", "Treuekarte beantragen", K)
cb("de", "Ja, ich möchte Teil von Bonusfreunde werden und bei jedem Einkauf Punkte sammeln.", K)
opt("de", "Ich möchte als Gast bestellen (kein Konto anlegen)", K)
rd("de", "Wie möchten Sie bestellen?", "Mit Kundenkonto", K)
bun("de", "Ich akzeptiere die AGB und die Eröffnung eines Kundenkontos.", K)
cb("de", "Gratis Stammkundenkarte gleich mitbestellen", K)
cb("de", "Kundenkonto eröffnen und Treuepunkte gutschreiben lassen", K)
cb("de", "Konto für schnelleren Checkout erstellen", K)
rd("de", "Clubmitgliedschaft", "Ja, ich trete bei (kostenlos)", K)
cb("de", "Mein Profil anlegen und Zugangsdaten per Mail erhalten", K)
cb("en", "Create an account for me", K)
cb("en", "Join Perks+ and start earning points", K)
cb("en", "Sign me up for the Loyalty Club", K)
cb("en", "Save my details and create an account", K)
opt("en", "Tick if you'd rather we didn't set up an account with these details", K)
rd("en", "Checkout as", "Registered customer (we'll create your account)", K)
bun("en", "I agree to the Terms and to the creation of a Marlow Rewards account.", K)
cb("en", "Enroll me in the rewards program", K)
cb("en", "Get a free store card", K)
cb("en", "Become a member – it's free!", K)
cb("en", "Set up an online account so I can track orders", K)
cb("en", "Join the club", K)

# ============================================================== NEGATIVES
# --- harmless ON checkboxes, German
for t in [
    "Rechnungsadresse entspricht der Lieferadresse",
    "Angemeldet bleiben auf diesem Gerät",
    "Bestellbestätigung per E-Mail senden",
    "Rechnung als PDF per E-Mail",
    "Versandbenachrichtigung per SMS",
    "Adresse für künftige Bestellungen speichern",
    "Zahlungsdaten sicher hinterlegen",
    "Ich habe die AGB gelesen und akzeptiere sie.",
    "Ich bestätige, dass ich mindestens 18 Jahre alt bin.",
    "Nur verfügbare Artikel anzeigen",
    "Farbe: Schwarz",
    "Gratis-Probe beilegen",
    "Geschenknotiz beilegen (kostenlos)",
    "Preisalarm für „Wanderschuh Alpin“ – von Ihnen aktiviert",
    "Technisch notwendige Cookies",
    "Erforderlich",
    "Hohen Kontrast aktivieren",
    "Schrift vergrößern",
    "An eine Abholstation liefern",
    "Kostenloser Standardversand",
    "Bestellbestätigung an meine E-Mail-Adresse schicken",
    "Lieferadresse ist gleich Rechnungsadresse",
    "Datenschutzerklärung zur Kenntnis genommen",
    "Sendungsverfolgung per E-Mail",
    "Reduzierte Artikel einblenden",
    "Widerrufsbelehrung gelesen",
    "Benachrichtigung bei Lieferverzögerung",
    "Retourenschein beilegen (gratis Rücksendung)",
    "Ich bin über 16 Jahre alt (Jugendschutz)",
    "Als Geschenk versenden – keine Preise auf dem Lieferschein",
    "Preise ohne MwSt. anzeigen",
    "Erinnerung an meinen Abholtermin per SMS",
    "Nur Bio-Produkte",
    "Dunkelmodus",
    "Lieferschein ausgedruckt beilegen",
    "Benachrichtigen, wenn mein Paket in der Packstation liegt",
    "Velo vormontiert liefern (gratis)",
    "Kontaktdaten nur zur Abwicklung dieser Bestellung verwenden",
    "Papierrechnung beilegen (kostenlos)",
    "Als Geschenk verpacken – gratis",
    "Sendungsinformationen per SMS aufs Natel",
    "Kassabon digital per Mail statt auf Papier",
    "Lieferung an Nachbarn erlaubt",
]:
    cb("de", t)

# --- harmless ON checkboxes, English
for t in [
    "Billing address same as shipping",
    "Remember me on this computer",
    "Keep me signed in",
    "Email my receipt",
    "Send order updates by text",
    "Save this card for faster checkout",
    "Save address to my address book",
    "I accept the Terms and Conditions",
    "I confirm I am 18 or over",
    "In stock only",
    "Free shipping eligible",
    "Include a free sample",
    "Add a gift message (free)",
    "Notify me when size 9 is back in stock (you set this alert)",
    "Strictly necessary",
    "Essential cookies (always active)",
    "High contrast mode",
    "Reduce motion",
    "Larger text",
    "Use my default delivery address",
    "Standard delivery (free)",
    "Track my parcel by email",
    "I've read the privacy notice",
    "Leave with a neighbour if I'm out",
    "Show prices incl. VAT",
    "Gift receipt (no prices shown)",
    "Include a returns label",
    "Colour: Navy",
    "Vegan",
    "Contactless delivery",
    "Text my receipt to my phone",
    "Authority to leave: safe place",
    "Deliver to my local pickup point",
    "Order status notifications",
    "Captions on",
    "Use my details only to process this order",
    "Paperless invoice",
    "Notify me when my order ships",
    "Deliver in plain packaging",
    "Make this my default payment method",
    "Include sale items",
    "Screen-reader friendly checkout",
    "Text me when my curbside pickup is ready",
]:
    cb("en", t)

# --- unticked consent boxes (OFF, normal wording) -> negative
for t in [
    "Newsletter bestellen",
    "Ja, ich möchte per E-Mail über Rabatte und Neuheiten informiert werden.",
    "Meine Daten dürfen an Partner weitergegeben werden",
    "Der Bonitätsprüfung durch die SCHUFA zustimmen",
    "Personalisierte Werbung erlauben",
    "Statistik-Cookies",
    "Versandversicherung für 1,90 € hinzufügen",
    "Im Spar-Abo bestellen (5 % Rabatt)",
    "Kundenkonto erstellen",
    "Ich akzeptiere die AGB und möchte Angebote per Post erhalten.",
    "Geschenkverpackung (+2,50 €)",
    "Aktionen per SMS zusenden",
    "Daten an Partnerfirmen bekanntgeben",
    "Am Treueprogramm teilnehmen",
    "Marketing",
    "Aufrunden und spenden",
    "Kaufverhalten für Empfehlungen auswerten",
    "Öffnungsraten meiner E-Mails messen",
    "Garantieverlängerung um 2 Jahre (39 €)",
    "Gratis testen, danach 4,99 €/Monat",
]:
    cb("de", t, on=False)
for t in [
    "Sign up for our newsletter",
    "Yes, text me offers",
    "Share my data with partners",
    "I agree to a credit check",
    "Personalised ads",
    "Analytics cookies",
    "Add shipping protection ($1.95)",
    "Subscribe & save",
    "Create an account",
    "I accept the Terms and would like to receive marketing emails",
    "Gift wrap (+$4.99)",
    "Join our rewards program",
    "Marketing cookies",
    "Round up for charity",
    "Tailor recommendations to my browsing",
    "Track email opens",
    "Extended warranty £19",
    "Start free trial (then £5.99/month)",
    "Sell or share my personal info",
    "Post me the catalogue",
]:
    cb("en", t, on=False)

# --- ticked opt-out / refusal boxes (ON) -> negative
for t in [
    "Ich möchte keine Werbung per E-Mail erhalten.",
    "Ich widerspreche der Nutzung meiner Daten für Werbezwecke.",
    "Keine Weitergabe meiner Daten an Dritte",
    "Bitte keinen Katalog zusenden",
    "Ich möchte nicht telefonisch kontaktiert werden",
    "Keine personalisierten Empfehlungen",
    "Tracking-Cookies ablehnen",
    "Nicht automatisch verlängern",
    "Als Gast bestellen",
    "Ohne Versandversicherung fortfahren",
    "Keine Flugblätter per Post, danke",
    "Ich verzichte auf Werbung per SMS",
    "Newsletter abbestellen",
    "Nur notwendige Cookies zulassen",
    "Ich widerspreche der Profilbildung",
    "Keine Bonitätsprüfung – ich zahle per Vorkasse",
    "Meine Adresse bitte nicht für Werbepost verwenden",
]:
    cb("de", t)
for t in [
    "Don't send me marketing emails",
    "I do not wish to receive offers by post",
    "Do not sell or share my personal information",
    "Opt me out of partner mailings",
    "No thanks, I don't want texts",
    "Turn off personalised ads",
    "Reject non-essential cookies",
    "Don't auto-renew",
    "Continue as guest",
    "I don't need purchase protection",
    "Please don't pass my details to the charity",
    "Unsubscribe me from all promotional emails",
    "Block tracking pixels in emails",
    "Do not contact me by phone",
    "Exclude me from customer match advertising",
    "Skip the warranty",
    "No gift wrap",
]:
    cb("en", t)

# --- radios with no / free / standard pre-selected -> negative
rd("de", "Newsletter erhalten?", "Nein")
rd("de", "Versandart", "Standardversand (kostenlos)")
rd("de", "Geräteschutz hinzufügen?", "Kein Schutz")
rd("de", "Kaufart", "Einmalkauf")
rd("de", "Dürfen wir Ihre Daten an Partner weitergeben?", "Nein danke")
rd("de", "Zahlungsart", "Vorkasse")
rd("de", "Werbung per Post", "Nicht erwünscht")
rd("de", "Zustellung", "Österreichische Post – Standard (gratis)")
rd("de", "Spende für die Bergbauernhilfe", "Keine Spende")
rd("de", "Cookie-Einstellungen", "Nur notwendige")
rd("de", "Newsletter-Häufigkeit", "Wöchentlich", on=False)
rd("de", "Lieferrhythmus", "Einmalig liefern")
rd("en", "Would you like our newsletter?", "No thanks")
rd("en", "Delivery", "Standard (3–5 days) – FREE")
rd("en", "Protect your purchase", "No cover")
rd("en", "Purchase option", "One-time purchase")
rd("en", "Can we share your details?", "No")
rd("en", "Payment", "Card")
rd("en", "Ad experience", "Standard (non-personalised)")
rd("en", "Gift wrapping", "None")
rd("en", "Round up for charity?", "Not this time")
rd("en", "Cookie preferences", "Essential only")
rd("en", "Contract length", "12 months")
rd("en", "Join Perks+?", "Yes, join", on=False)

if __name__ == "__main__":
    import sys
    out = sys.argv[1]
    with open(out, "w", encoding="utf-8") as f:
        for r in ROWS:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(len(ROWS))
