//! The `haken` command line, as a user runs it: output format, exit codes, and bad input
//! (missing files, folders without HTML, binary and non-UTF-8 files, huge and deeply nested
//! pages, malformed markup). Never a panic; the other files are still scanned.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn haken(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_haken"))
        .args(args)
        .output()
        .expect("haken runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

fn no_panic(o: &Output) {
    assert!(!stderr(o).contains("panicked"), "panic: {}", stderr(o));
}

/// A fresh temporary folder for one test.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("haken-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write");
    path.to_string_lossy().to_string()
}

fn lines(o: &Output) -> Vec<serde_json::Value> {
    stdout(o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

const NEWSLETTER: &str = r#"<html lang="de"><label><input type="checkbox" checked> Ja, ich möchte den Newsletter erhalten</label></html>"#;

#[test]
fn usage_errors_exit_2() {
    for args in [
        &[][..],
        &["frobnicate"],
        &["scan"],
        &["scan", "--lang", "fr", "x.html"],
        &["scan", "--lang"],
        &["scan", "--colour", "x.html"],
    ] {
        let o = haken(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains("Usage"), "{args:?} should print usage");
        no_panic(&o);
    }
}

#[test]
fn help_and_version() {
    assert!(stdout(&haken(&["--help"])).contains("haken scan"));
    assert!(stdout(&haken(&["--version"])).starts_with("haken "));
}

#[test]
fn claims_reads_a_policy_file_and_links_the_broken_promise() {
    let dir = temp_dir("claims");
    let file = dir.join("policy.txt");
    std::fs::write(
        &file,
        "We will never share your personal information with third parties.\n\n\
         If we go bankrupt, our customer database may be sold to the buyer of our assets.\n",
    )
    .unwrap();
    let o = haken(&["claims", file.to_str().unwrap()]);
    no_panic(&o);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let report: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    let first = &report["findings"][0];
    assert_eq!(first["kind"], "policy_contradiction", "{report}");
    assert!(first["related"][0]["evidence"]
        .as_str()
        .unwrap()
        .starts_with("We will never share"));
    let span = &first["span"];
    let text = std::fs::read_to_string(&file).unwrap();
    let (start, end) = (
        span["start"].as_u64().unwrap() as usize,
        span["end"].as_u64().unwrap() as usize,
    );
    assert!(text[start..end].starts_with("If we go bankrupt"));
}

#[test]
fn claims_lines_prints_exactly_one_line_per_input_line() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_haken"))
        .args(["claims", "--lines", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    let input = "Ihre Daten können an Werbepartner verkauft werden.\n\n\0 \u{202e}emoji 😀 &amp;\nno punctuation at all\n";
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    no_panic(&o);
    let lines: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4);
    for (n, line) in lines.iter().enumerate() {
        assert_eq!(line["line"], n + 1);
    }
    assert_eq!(lines[0]["findings"][0]["category"], "data_sale");
    assert_eq!(lines[1]["findings"].as_array().unwrap().len(), 0);
}

#[test]
fn claims_bad_input_gets_a_clear_message() {
    let o = haken(&["claims", "/no/such/policy.txt"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no such file"), "{}", stderr(&o));
    let o = haken(&["claims", "--lang", "fr", "x"]);
    assert_eq!(o.status.code(), Some(2));
    let dir = temp_dir("claims-latin1");
    let file = dir.join("latin1.txt");
    std::fs::write(
        &file,
        b"Wir geben Ihre Daten niemals an Dritte weiter. Gr\xfc\xdfe.",
    )
    .unwrap();
    let o = haken(&["claims", file.to_str().unwrap()]);
    no_panic(&o);
    assert_eq!(o.status.code(), Some(0));
    assert!(stderr(&o).contains("Windows-1252"), "{}", stderr(&o));
    assert!(stdout(&o).contains("never_share_promise"));
}

#[test]
fn scans_a_folder_of_fixtures_one_json_line_per_file() {
    let o = haken(&[
        "scan",
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures"),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = lines(&o);
    let pages = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures"))
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().join("page.html").is_file())
        .count();
    assert_eq!(out.len(), pages);
    for line in &out {
        assert!(line["file"].as_str().unwrap().ends_with("page.html"));
        for f in line["findings"].as_array().unwrap() {
            for key in [
                "kind", "category", "severity", "rule", "message", "evidence", "element", "span",
                "flags",
            ] {
                assert!(f.get(key).is_some(), "finding lacks {key}: {f}");
            }
        }
    }
}

#[test]
fn lang_option_sets_the_message_language() {
    let dir = temp_dir("lang");
    let page = write(&dir, "p.html", NEWSLETTER.as_bytes());
    let de = lines(&haken(&["scan", &page]));
    let en = lines(&haken(&["scan", "--lang", "en", &page]));
    assert!(de[0]["findings"][0]["message"]
        .as_str()
        .unwrap()
        .starts_with("Schon für Sie angekreuzt"));
    assert!(en[0]["findings"][0]["message"]
        .as_str()
        .unwrap()
        .starts_with("Already ticked for you"));
}

#[test]
fn missing_file_is_named_and_the_others_are_still_scanned() {
    let dir = temp_dir("missing");
    let good = write(&dir, "good.html", NEWSLETTER.as_bytes());
    let missing = dir.join("nope.html").to_string_lossy().to_string();
    let o = haken(&["scan", &missing, &good]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("nope.html") && stderr(&o).contains("no such file"),
        "{}",
        stderr(&o)
    );
    let out = lines(&o);
    assert_eq!(out.len(), 1);
    assert_eq!(out[0]["findings"].as_array().unwrap().len(), 1);
    no_panic(&o);
}

#[test]
fn folder_without_html_is_reported() {
    let dir = temp_dir("empty");
    write(&dir, "notes.txt", b"hello");
    let o = haken(&["scan", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no .html files"), "{}", stderr(&o));
}

#[test]
fn binary_file_is_refused_clearly() {
    let dir = temp_dir("binary");
    let png = write(
        &dir,
        "image.html",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10",
    );
    let good = write(&dir, "good.html", NEWSLETTER.as_bytes());
    let o = haken(&["scan", &png, &good]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("binary data"), "{}", stderr(&o));
    assert_eq!(lines(&o).len(), 1);
}

#[test]
fn latin1_page_is_decoded() {
    let dir = temp_dir("latin1");
    // "Ja, ich möchte den Newsletter" in windows-1252, without a charset declaration.
    let mut bytes = b"<html lang=de><label><input type=checkbox checked> Ja, ich m".to_vec();
    bytes.push(0xf6);
    bytes.extend_from_slice(b"chte den Newsletter erhalten</label>");
    let page = write(&dir, "latin1.html", &bytes);
    let o = haken(&["scan", &page]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = lines(&o);
    assert_eq!(
        out[0]["findings"][0]["evidence"],
        "Ja, ich möchte den Newsletter erhalten"
    );
}

#[test]
fn malformed_and_hostile_markup_is_read_as_text() {
    let dir = temp_dir("malformed");
    let page = write(
        &dir,
        "bad.html",
        br#"<html lang="en"><div><p><b><i>unclosed <table><tr><td><label><input type=checkbox checked>
            <script>alert(1)</script>&lt;img src=x onerror=alert(1)&gt; Send me offers by email</label>
            </td></p></div></span></html></html><!-- unterminated"#,
    );
    let o = haken(&["scan", &page]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let evidence = lines(&o)[0]["findings"][0]["evidence"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        evidence.contains("<img src=x onerror=alert(1)>") && evidence.contains("alert(1)"),
        "{evidence}"
    );
}

#[test]
fn deeply_nested_page_does_not_crash() {
    let dir = temp_dir("nested");
    let depth = 10_000;
    let mut page = String::from("<html lang=en><body>");
    page.push_str(&"<div>".repeat(depth));
    page.push_str("<label><input type=checkbox checked> Keep me updated with offers</label>");
    page.push_str(&"</div>".repeat(depth));
    let path = write(&dir, "deep.html", page.as_bytes());
    let o = haken(&["scan", &path]);
    no_panic(&o);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(lines(&o)[0]["findings"].as_array().unwrap().len(), 1);
}

#[test]
fn fifty_megabyte_page_is_scanned() {
    let dir = temp_dir("huge");
    let mut page = String::from("<html lang=de><body>");
    let block = "<div class=p><p>Artikel mit einer längeren Beschreibung, Größe M, Farbe Blau, 19,99 €</p></div>\n";
    while page.len() < 50 * 1024 * 1024 {
        page.push_str(block);
    }
    page.push_str(NEWSLETTER);
    let path = write(&dir, "huge.html", page.as_bytes());
    let o = haken(&["scan", &path]);
    no_panic(&o);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(lines(&o)[0]["findings"].as_array().unwrap().len(), 1);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn scan_reports_permission_listings_and_group_invitations() {
    let dir = temp_dir("permissions");
    let page = write(
        &dir,
        "app.html",
        "<html lang=\"de\"><body><h2>App-Berechtigungen</h2><ul><li>Kontakte lesen</li>\
         <li>voller Netzwerkzugriff</li><li>Flux-Kompensator kalibrieren</li></ul>\
         <p><a href=\"https://chat.whatsapp.com/AbCdEf123456\">Zur Gruppe</a></p></body></html>"
            .as_bytes(),
    );
    let out = haken(&["scan", &page]);
    no_panic(&out);
    assert!(out.status.success(), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    let got: Vec<String> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{}:{}:{}",
                f["kind"].as_str().unwrap(),
                f["category"].as_str().unwrap(),
                f["severity"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            "permission:contacts:high",
            "permission:network:info",
            "permission:other:info",
            "group_invite:whatsapp:medium"
        ]
    );
    assert!(report["findings"][0]["message"]
        .as_str()
        .unwrap()
        .contains("Adressbuch"));
    assert_eq!(
        report["findings"][2]["evidence"],
        "Flux-Kompensator kalibrieren"
    );
}

/// A page nesting its checkbox inside 200,000 `<div>`s is read in linear time (it took minutes
/// before the nesting bound), the box is still found, and stderr says what was flattened.
#[test]
fn deep_nesting_is_flattened_with_a_note_and_the_box_still_found() {
    let dir = temp_dir("deep");
    let file = dir.join("deep.html");
    let depth = 200_000;
    std::fs::write(
        &file,
        format!(
            "<html lang=\"en\"><body>{}<label><input type=checkbox checked> Send me offers by \
             email</label>{}</body></html>",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        ),
    )
    .unwrap();
    let o = haken(&["scan", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("\"category\":\"marketing\""),
        "{}",
        stdout(&o)
    );
    assert!(stderr(&o).contains("flattened"), "{}", stderr(&o));
}

/// Runs `haken` with `input` on stdin.
fn haken_stdin(args: &[&str], input: &[u8]) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_haken"))
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("haken runs");
    let mut stdin = child.stdin.take().expect("stdin");
    let input = input.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let out = child.wait_with_output().expect("haken ends");
    let _ = writer.join();
    out
}

const VAGUE_NOTICE: &str = "Dear customer,\n\nwe recently noticed a security incident. \
    Due to a technical error your name and e-mail address were visible to other shoppers. \
    The issue has been fixed.\n\nYour Shop team\n";

#[test]
fn breach_reads_a_notice_and_lists_every_element_with_its_status() {
    let dir = temp_dir("breach");
    let file = write(&dir, "notice.txt", VAGUE_NOTICE.as_bytes());
    let o = haken(&["breach", &file]);
    no_panic(&o);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let report = &lines(&o)[0];
    assert_eq!(report["notice"], true);
    assert_eq!(report["lang"], "en");
    let statuses: Vec<(String, String)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            assert_eq!(f["kind"], "breach_notice");
            (
                f["category"].as_str().unwrap().to_string(),
                f["status"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let expect = [
        ("breach_nature", "vague"),
        ("breach_data", "present"),
        ("breach_when", "vague"),
        ("breach_contact", "missing"),
        ("breach_consequences", "missing"),
        ("breach_measures", "vague"),
    ];
    assert_eq!(
        statuses,
        expect.map(|(c, s)| (c.to_string(), s.to_string()))
    );
    // The same notice as an HTML e-mail on stdin, with German messages.
    let html = format!(
        "<html><body><p>{}</p></body></html>",
        VAGUE_NOTICE.replace("\n\n", "</p><p>")
    );
    let o = haken_stdin(&["breach", "--lang", "en", "-"], html.as_bytes());
    no_panic(&o);
    assert_eq!(lines(&o)[0]["notice"], true, "{}", stdout(&o));
    let o = haken_stdin(&["breach", "--lang=de", "-"], b"Hallo");
    assert_eq!(lines(&o)[0]["notice"], false);
}

#[test]
fn breach_bad_input_gets_a_clear_message() {
    let o = haken(&["breach", "/no/such/notice.txt"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no such file"), "{}", stderr(&o));
    let dir = temp_dir("breach-bad");
    let o = haken(&["breach", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("is a folder"), "{}", stderr(&o));
    let png = write(&dir, "mail.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10");
    let o = haken(&["breach", &png]);
    no_panic(&o);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("binary data"), "{}", stderr(&o));
    let o = haken_stdin(&["breach"], b"\0\0\0\x01\x02\x03binary");
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("stdin: binary data"), "{}", stderr(&o));
    let o = haken(&["breach", "a.txt", "b.txt"]);
    assert_eq!(o.status.code(), Some(2));
    let o = haken(&["breach", "--lang", "fr", "a.txt"]);
    assert_eq!(o.status.code(), Some(2));
    // Windows-1252 text is read, with a note.
    let latin = write(
        &dir,
        "latin1.txt",
        b"Leider ist es zu einem Sicherheitsvorfall gekommen. Gr\xfc\xdfe.",
    );
    let o = haken(&["breach", &latin]);
    no_panic(&o);
    assert_eq!(o.status.code(), Some(0));
    assert!(stderr(&o).contains("Windows-1252"), "{}", stderr(&o));
}
