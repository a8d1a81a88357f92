//! `haken`: the command line. See `haken --help` and README.md.

use haken::breach::BreachEngine;
use haken::consent::scan_tree;
use haken::permissions::{scan_permissions, PermissionEngine};
use haken::policy::page::PageText;
use haken::policy::ClaimEngine;
use haken::reader::decode::decode_html;
use haken::reader::html::HtmlTree;
use haken::{ConsentEngine, Finding, Lang};
use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "\
haken — what's the catch? Finds pre-ticked consent boxes in saved shop pages, what
privacy policies really say, app permissions a shop does not need, and what a breach
notice leaves out.

Usage:
  haken scan [--lang en|de] PATH...           scan .html files (folders are searched for
                                              *.html, *.htm); permission listings and
                                              group-chat links are reported, policy pages
                                              get claims too
  haken claims [--lines] [--lang en|de] [FILE|-]
                                              privacy-policy text (an .html FILE is read as
                                              its text); - or no FILE reads stdin
  haken breach [--lang en|de] [FILE|-]        a breach notice (an e-mail or page, text or
                                              HTML): the GDPR Art. 34 checklist
  haken --help | --version

scan prints one JSON object per file and line: {\"file\": PATH, \"findings\": [...]}.
claims prints {\"findings\": [...]}; with --lines one {\"line\": N, \"findings\": [...]} per
input line. breach prints {\"notice\": BOOL, \"lang\", \"sentences\", \"findings\": [...]}, one
finding per element with its \"status\" (present, vague, missing). Spans are UTF-8 byte offsets into the text read (for .html: its extracted text).
--lang sets the language the text is read in (default: guessed per sentence); messages follow it.
Exit status: 0 every input was read; 1 some could not be (named on stderr); 2 wrong usage.";

/// Pages larger than this are refused rather than parsed (a clear message, exit 1).
const MAX_PAGE_BYTES: u64 = 256 * 1024 * 1024;

#[derive(Serialize)]
struct FileReport<'a> {
    file: &'a str,
    findings: &'a [Finding],
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("haken: {message}\n\n{USAGE}");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        None => usage_error("missing command"),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Some("-V" | "--version") => {
            println!("haken {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Some("scan") => scan_command(&args[1..]),
        Some("claims") => claims_command(&args[1..]),
        Some("breach") => breach_command(&args[1..]),
        Some(other) => usage_error(&format!("unknown command {other:?}")),
    }
}

/// The value of `--lang`, or the usage message that says what is wrong with it.
fn lang_value(value: Option<&str>) -> Result<Lang, String> {
    let value = value.ok_or_else(|| format!("--lang needs a value: {}", Lang::all_ids()))?;
    Lang::from_tag(value)
        .ok_or_else(|| format!("unsupported language {value:?}: use {}", Lang::all_ids()))
}

fn claim_engine() -> Option<ClaimEngine> {
    ClaimEngine::new()
        .map_err(|e| eprintln!("haken: internal error in the embedded claim rules: {e}"))
        .ok()
}

/// Reads FILE or stdin (at most [`MAX_PAGE_BYTES`]); `what` names the command for a folder.
fn read_input(source: Option<&str>, what: &str) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let mut bytes = Vec::new();
    match source {
        None | Some("-") => std::io::stdin()
            .take(MAX_PAGE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map(|_| ())
            .map_err(|e| format!("stdin: cannot read: {}", plain_io_error(&e)))?,
        Some(path) => {
            let file = std::fs::File::open(path)
                .map_err(|e| format!("{path}: cannot read: {}", plain_io_error(&e)))?;
            if file.metadata().is_ok_and(|m| m.is_dir()) {
                return Err(format!("{path}: is a folder; {what} reads one text file"));
            }
            file.take(MAX_PAGE_BYTES + 1)
                .read_to_end(&mut bytes)
                .map_err(|e| format!("{path}: cannot read: {}", plain_io_error(&e)))?;
        }
    }
    if bytes.len() as u64 > MAX_PAGE_BYTES {
        return Err(format!(
            "{}: over {} MB; not analysed",
            source.unwrap_or("stdin"),
            MAX_PAGE_BYTES / (1024 * 1024)
        ));
    }
    Ok(bytes)
}

/// Whether FILE names an HTML page by its extension.
fn is_html_name(source: Option<&str>) -> bool {
    source.is_some_and(|p| {
        let p = p.to_ascii_lowercase();
        p.ends_with(".html") || p.ends_with(".htm")
    })
}

/// The text of an HTML page's bytes (decoded from BOM, `<meta charset>`, UTF-8 or
/// Windows-1252; binary data is refused).
fn html_text(name: &str, bytes: &[u8]) -> Result<String, String> {
    let (text, _) = decode_html(bytes).map_err(|e| format!("{name}: {e}"))?;
    let tree = HtmlTree::parse(&text);
    note_bounds(name, &tree);
    Ok(PageText::from_html(tree.html()).text)
}

/// Plain text from bytes: UTF-8 (a BOM is fine), UTF-16 with BOM, else Windows-1252 (said on
/// stderr).
fn plain_text(name: &str, bytes: Vec<u8>) -> String {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(&bytes) {
        return encoding
            .decode_without_bom_handling(&bytes[bom..])
            .0
            .into_owned();
    }
    match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("haken: {name}: not UTF-8; read as Windows-1252");
            encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(e.as_bytes())
                .0
                .into_owned()
        }
    }
}

/// Reads policy text from FILE or stdin: UTF-8 (with or without BOM), UTF-16 with BOM, else
/// Windows-1252 (said on stderr). An `.html`/`.htm` FILE is read as the text of its page.
fn read_policy(source: Option<&str>) -> Result<String, String> {
    let bytes = read_input(source, "claims")?;
    let name = source.unwrap_or("stdin");
    if is_html_name(source) {
        return html_text(name, &bytes);
    }
    Ok(plain_text(name, bytes))
}

/// Reads a notice (an e-mail or a page) from FILE or stdin: HTML when the name ends in
/// `.html`/`.htm` or the input starts with markup, else text; binary data is refused.
fn read_notice(source: Option<&str>) -> Result<String, String> {
    let bytes = read_input(source, "breach")?;
    let name = source.unwrap_or("stdin");
    // decode_html knows a BOM first, then refuses binary data: the same check for text.
    if encoding_rs::Encoding::for_bom(&bytes).is_none() && decode_html(&bytes).is_err() {
        return Err(format!("{name}: binary data, not a text or an HTML page"));
    }
    if is_html_name(source) || starts_with_markup(&bytes) {
        return html_text(name, &bytes);
    }
    Ok(plain_text(name, bytes))
}

/// Whether the input opens with an HTML document or element (an e-mail saved as HTML).
fn starts_with_markup(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    [
        "<!doctype html",
        "<html",
        "<head",
        "<body",
        "<table",
        "<div",
        "<p>",
        "<p ",
        "<meta",
    ]
    .iter()
    .any(|tag| head.starts_with(tag))
}

fn breach_command(args: &[String]) -> ExitCode {
    let mut lang = None;
    let mut source: Option<&str> = None;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--lang" => match lang_value(iter.next().map(String::as_str)) {
                Ok(l) => lang = Some(l),
                Err(message) => return usage_error(&message),
            },
            flag if flag.starts_with("--lang=") => match lang_value(Some(&flag[7..])) {
                Ok(l) => lang = Some(l),
                Err(message) => return usage_error(&message),
            },
            flag if flag.starts_with('-') && flag.len() > 1 => {
                return usage_error(&format!("unknown option {flag:?}"))
            }
            path if source.is_none() => source = Some(path),
            _ => return usage_error("breach reads one FILE (or - for stdin)"),
        }
    }
    let text = match read_notice(source) {
        Ok(t) => t,
        Err(message) => {
            eprintln!("haken: {message}");
            return ExitCode::from(1);
        }
    };
    let engine = match BreachEngine::new() {
        Ok(e) => e,
        Err(e) => {
            eprintln!("haken: internal error in the embedded breach rules: {e}");
            return ExitCode::from(70);
        }
    };
    let report = engine.check(&text, lang, lang);
    let line = serde_json::to_string(&report).unwrap_or_else(|_| "{}".into());
    let _ = writeln!(std::io::stdout().lock(), "{line}");
    ExitCode::SUCCESS
}

#[derive(Serialize)]
struct ClaimsReport<'a> {
    findings: &'a [Finding],
}

#[derive(Serialize)]
struct LineReport<'a> {
    line: usize,
    findings: &'a [Finding],
}

fn claims_command(args: &[String]) -> ExitCode {
    let mut lines = false;
    let mut lang = None;
    let mut source: Option<&str> = None;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--lines" => lines = true,
            "--lang" => match lang_value(iter.next().map(String::as_str)) {
                Ok(l) => lang = Some(l),
                Err(message) => return usage_error(&message),
            },
            flag if flag.starts_with("--lang=") => match lang_value(Some(&flag[7..])) {
                Ok(l) => lang = Some(l),
                Err(message) => return usage_error(&message),
            },
            flag if flag.starts_with('-') && flag.len() > 1 => {
                return usage_error(&format!("unknown option {flag:?}"))
            }
            path if source.is_none() => source = Some(path),
            _ => return usage_error("claims reads one FILE (or - for stdin)"),
        }
    }
    let text = match read_policy(source) {
        Ok(t) => t,
        Err(message) => {
            eprintln!("haken: {message}");
            return ExitCode::from(1);
        }
    };
    let Some(engine) = claim_engine() else {
        return ExitCode::from(70);
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if !lines {
        let analysis = engine.analyze(&text, lang, lang);
        let line = serde_json::to_string(&ClaimsReport {
            findings: &analysis.findings,
        })
        .unwrap_or_else(|_| "{}".into());
        let _ = writeln!(out, "{line}");
        return ExitCode::SUCCESS;
    }
    // Every input line is one text; "a\n" is one line, "a\n\nb" three.
    let body = text.strip_suffix('\n').unwrap_or(&text);
    if body.is_empty() && text.is_empty() {
        return ExitCode::SUCCESS;
    }
    for (n, line) in body.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let analysis = engine.analyze(line, lang, lang);
        let report = LineReport {
            line: n + 1,
            findings: &analysis.findings,
        };
        let json = serde_json::to_string(&report).unwrap_or_else(|_| "{}".into());
        if writeln!(out, "{json}").is_err() {
            break;
        }
    }
    ExitCode::SUCCESS
}

fn scan_command(args: &[String]) -> ExitCode {
    let mut lang = None;
    let mut paths = Vec::new();
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--lang" => match lang_value(iter.next().map(String::as_str)) {
                Ok(l) => lang = Some(l),
                Err(message) => return usage_error(&message),
            },
            "--" => paths.extend(iter.by_ref().cloned()),
            flag if flag.starts_with("--lang=") => match lang_value(Some(&flag[7..])) {
                Ok(l) => lang = Some(l),
                Err(message) => return usage_error(&message),
            },
            flag if flag.starts_with('-') && flag.len() > 1 => {
                return usage_error(&format!("unknown option {flag:?}"))
            }
            path => paths.push(path.to_string()),
        }
    }
    if paths.is_empty() {
        return usage_error("scan needs at least one PATH");
    }
    let engine = match ConsentEngine::new() {
        Ok(e) => e,
        Err(e) => {
            eprintln!("haken: internal error in the embedded rules: {e}");
            return ExitCode::from(70);
        }
    };
    let Some(claims) = claim_engine() else {
        return ExitCode::from(70);
    };
    let permissions = match PermissionEngine::new() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("haken: internal error in the embedded permission rules: {e}");
            return ExitCode::from(70);
        }
    };
    let engines = Engines {
        consent: &engine,
        claims: &claims,
        permissions: &permissions,
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut failed = false;
    for path in &paths {
        for file in expand(Path::new(path), &mut failed) {
            match scan_file(&engines, &file, lang) {
                Ok(findings) => {
                    let name = file.to_string_lossy();
                    let report = FileReport {
                        file: &name,
                        findings: &findings,
                    };
                    let line = serde_json::to_string(&report).unwrap_or_else(|_| "{}".into());
                    if writeln!(out, "{line}").is_err() {
                        // The reader went away (e.g. `| head`): stop quietly.
                        return ExitCode::from(if failed { 1 } else { 0 });
                    }
                }
                Err(message) => {
                    eprintln!("haken: {}: {message}", file.display());
                    failed = true;
                }
            }
        }
    }
    ExitCode::from(if failed { 1 } else { 0 })
}

/// A file stays itself; a folder becomes its `*.html`/`*.htm` files (recursively, sorted).
fn expand(path: &Path, failed: &mut bool) -> Vec<PathBuf> {
    match std::fs::metadata(path) {
        Err(e) => {
            eprintln!(
                "haken: {}: cannot read: {}",
                path.display(),
                plain_io_error(&e)
            );
            *failed = true;
            Vec::new()
        }
        Ok(meta) if meta.is_dir() => {
            let mut files = Vec::new();
            collect_html(path, &mut files, failed);
            files.sort();
            if files.is_empty() {
                eprintln!("haken: {}: folder holds no .html files", path.display());
                *failed = true;
            }
            files
        }
        Ok(_) => vec![path.to_path_buf()],
    }
}

fn collect_html(dir: &Path, files: &mut Vec<PathBuf>, failed: &mut bool) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            eprintln!(
                "haken: {}: cannot list folder: {}",
                dir.display(),
                plain_io_error(&e)
            );
            *failed = true;
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            collect_html(&path, files, failed);
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"))
        {
            files.push(path);
        }
    }
}

fn plain_io_error(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// Every engine `scan` applies to a page.
struct Engines<'a> {
    consent: &'a ConsentEngine,
    claims: &'a ClaimEngine,
    permissions: &'a PermissionEngine,
}

/// Consent findings, then permission listings and invitations, then (on a privacy-policy page)
/// the policy's claims.
fn scan_file(engines: &Engines, file: &Path, lang: Option<Lang>) -> Result<Vec<Finding>, String> {
    let meta =
        std::fs::metadata(file).map_err(|e| format!("cannot read: {}", plain_io_error(&e)))?;
    if meta.is_dir() {
        return Err("is a folder".into());
    }
    if meta.len() > MAX_PAGE_BYTES {
        return Err(format!(
            "page is {} MB; pages over {} MB are not scanned",
            meta.len() / (1024 * 1024),
            MAX_PAGE_BYTES / (1024 * 1024)
        ));
    }
    let bytes = std::fs::read(file).map_err(|e| format!("cannot read: {}", plain_io_error(&e)))?;
    let (text, _encoding) = decode_html(&bytes).map_err(|e| e.to_string())?;
    let tree = HtmlTree::parse(&text);
    note_bounds(&file.to_string_lossy(), &tree);
    let mut findings = scan_tree(&tree, engines.consent, lang).findings;
    findings.extend(scan_permissions(&tree, engines.permissions, lang).findings);
    let page = PageText::from_html(tree.html());
    let path = file.to_string_lossy();
    if engines
        .claims
        .pages()
        .is_policy_page(&path, &page.title, &page.headings)
    {
        findings.extend(engines.claims.analyze(&page.text, lang, lang).findings);
    }
    Ok(findings)
}

/// Says on stderr what a hostile page lost before parsing: nesting deeper than a browser keeps
/// (content read one level up) and attributes beyond the bound on one tag (see
/// `haken::reader::nesting`).
fn note_bounds(name: &str, tree: &HtmlTree) {
    use haken::reader::nesting::{MAX_ATTRIBUTES, MAX_DEPTH};
    let flattened = tree.flattened();
    if flattened > 0 {
        eprintln!(
            "haken: note: {name}: {flattened} elements nested deeper than {MAX_DEPTH} levels \
             were flattened (their content is still read), as browsers do"
        );
    }
    let dropped = tree.attributes_dropped();
    if dropped > 0 {
        eprintln!(
            "haken: note: {name}: {dropped} attributes beyond the first {MAX_ATTRIBUTES} of \
             one element were not read"
        );
    }
}
