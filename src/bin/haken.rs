//! `haken`: the command line. See `haken --help` and README.md.

use haken::reader::decode::decode_html;
use haken::reader::html::HtmlTree;
use haken::reader::scan_tree;
use haken::{Engine, Finding, Lang};
use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "\
haken — what's the catch? Finds pre-ticked consent boxes in saved shop pages.

Usage:
  haken scan [--lang en|de] PATH...   scan .html files (folders are searched for *.html, *.htm)
  haken claims [--lines] [FILE|-]     privacy-policy analysis (not built yet)
  haken --help | --version

scan prints one JSON object per file and line: {\"file\": PATH, \"findings\": [...]}.
Exit status: 0 every file was read; 1 some could not be (named on stderr); 2 wrong usage.";

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
        Some("claims") => {
            eprintln!("haken: 'claims' (privacy-policy analysis) is reserved and not built yet");
            ExitCode::from(2)
        }
        Some(other) => usage_error(&format!("unknown command {other:?}")),
    }
}

fn scan_command(args: &[String]) -> ExitCode {
    let mut lang = None;
    let mut paths = Vec::new();
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--lang" => {
                let Some(value) = iter.next() else {
                    return usage_error(&format!("--lang needs a value: {}", Lang::all_ids()));
                };
                match Lang::from_tag(value) {
                    Some(l) => lang = Some(l),
                    None => {
                        return usage_error(&format!(
                            "unsupported language {value:?}: use {}",
                            Lang::all_ids()
                        ))
                    }
                }
            }
            "--" => paths.extend(iter.by_ref().cloned()),
            flag if flag.starts_with("--lang=") => match Lang::from_tag(&flag[7..]) {
                Some(l) => lang = Some(l),
                None => {
                    return usage_error(&format!(
                        "unsupported language {:?}: use {}",
                        &flag[7..],
                        Lang::all_ids()
                    ))
                }
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
    let engine = match Engine::new() {
        Ok(e) => e,
        Err(e) => {
            eprintln!("haken: internal error in the embedded rules: {e}");
            return ExitCode::from(70);
        }
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut failed = false;
    for path in &paths {
        for file in expand(Path::new(path), &mut failed) {
            match scan_file(&engine, &file, lang) {
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

fn scan_file(engine: &Engine, file: &Path, lang: Option<Lang>) -> Result<Vec<Finding>, String> {
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
    Ok(scan_tree(&tree, engine, lang).findings)
}
