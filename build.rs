//! Compiles `rules/*.toml` into Rust values in `OUT_DIR/rule_specs.rs`.
//!
//! Every file is read with the crate's own schema (`src/rules/spec.rs`), so an unknown field,
//! an unknown rule type or a TOML syntax error fails the build with the file and the rule id.
//! The crate (and its wasm build) then embeds plain values and needs no parser at run time;
//! regex and consistency checks run in `rules::load` and its tests.

#[path = "src/rules/spec.rs"]
#[allow(dead_code)]
pub mod spec;

#[path = "src/policy/spec.rs"]
#[allow(dead_code)]
mod claim_spec;
/// Lets `claim_spec` name `crate::rules::spec` as it does inside the crate.
mod rules {
    pub use super::spec;
}

#[path = "src/breach/spec.rs"]
#[allow(dead_code)]
mod breach_spec;

#[path = "src/permissions/spec.rs"]
#[allow(dead_code)]
mod permission_spec;

use claim_spec::{ClaimCategoryFile, ClaimRuleFile};
use permission_spec::PermissionFile;
use spec::{CategoryFile, LanguageFile, RuleSpec, Texts};
use std::fmt::Write as _;
use std::{env, fs, path::Path};

fn text(t: &Texts) -> String {
    let pairs: Vec<String> =
        t.0.iter()
            .map(|(k, v)| format!("({k:?}.to_string(), {v:?}.to_string())"))
            .collect();
    format!("Texts(BTreeMap::from([{}]))", pairs.join(", "))
}

fn languages(l: &LanguageFile) -> String {
    let mut out = format!(
        "LanguageFile {{ fallback: {:?}.into(), language: vec![",
        l.fallback
    );
    for lang in &l.language {
        let words: Vec<String> = lang
            .function_words
            .iter()
            .map(|w| format!("{w:?}.into()"))
            .collect();
        let _ = write!(
            out,
            "LanguageSpec {{ id: {:?}.into(), name: {:?}.into(), function_words: vec![{}] }},",
            lang.id,
            lang.name,
            words.join(", ")
        );
    }
    out.push_str("] }");
    out
}

fn opt_static(o: &Option<String>) -> String {
    match o {
        Some(s) => format!("Some({s:?})"),
        None => "None".into(),
    }
}

/// A consent rule as Rust source. Its `source` is checked here and stays in the rule file:
/// nothing reads it at run time, and the wasm module would carry it to every frame.
fn rule(r: &RuleSpec) -> String {
    assert!(
        r.source.trim().len() >= 8,
        "rule {}: source missing: name the law, ruling or real case behind the rule",
        r.id
    );
    format!(
        "StaticRule {{ id: {:?}, rule_type: RuleType::{:?}, lang: {:?}, pattern: {:?}, \
         category: {}, severity: {}, context: {}, unless: {}, controls: &[{}], in_description: {} }}",
        r.id,
        r.rule_type,
        r.lang,
        r.pattern,
        opt_enum(&r.category, "ConsentCategory"),
        opt_enum(&r.severity, "Severity"),
        opt_static(&r.context),
        opt_static(&r.unless),
        r.controls.as_ref().map_or(String::new(), |c| {
            let kinds: Vec<String> = c.iter().map(|k| format!("ControlKind::{k:?}")).collect();
            kinds.join(", ")
        }),
        r.in_description,
    )
}

fn categories(c: &CategoryFile) -> String {
    let mut out = String::from("CategoryFile { category: vec![");
    for cat in &c.category {
        let _ = write!(
            out,
            "CategorySpec {{ id: ConsentCategory::{:?}, severity: Severity::{:?}, label: {}, message: {} }},",
            cat.id,
            cat.severity,
            text(&cat.label),
            text(&cat.message)
        );
    }
    out.push_str("], prefix: BTreeMap::from([");
    for (k, v) in &c.prefix {
        let _ = write!(out, "({k:?}.to_string(), {}),", text(v));
    }
    out.push_str("]), flag_sentence: BTreeMap::from([");
    for (k, v) in &c.flag_sentence {
        let _ = write!(out, "({k:?}.to_string(), {}),", text(v));
    }
    out.push_str("]), rule_word: ");
    out.push_str(&text(&c.rule_word));
    out.push_str(" }");
    out
}

/// The `*.toml` files directly in `dir`, sorted by name.
fn toml_files(dir: &str) -> Vec<std::path::PathBuf> {
    let mut paths: Vec<_> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{dir}/ folder: {e}"))
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    paths
}

/// `Type::A, Type::B` for a list of enum values, as Rust source.
fn enum_list<T: std::fmt::Debug>(items: &[T], ty: &str) -> String {
    items
        .iter()
        .map(|v| format!("{ty}::{v:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `Some(Type::Variant)` or `None`, for an optional enum value.
fn opt_enum<T: std::fmt::Debug>(o: &Option<T>, ty: &str) -> String {
    o.as_ref()
        .map_or("None".into(), |v| format!("Some({ty}::{v:?})"))
}

/// `rules/policy/`: `categories.toml` (owned value) and one rule file per language (static).
/// `rules/policy/page-text.json`: which elements a policy reader skips and which start blocks.
fn page_text() -> String {
    let path = "rules/policy/page-text.json";
    let source = fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let value: serde_json::Value =
        serde_json::from_str(&source).unwrap_or_else(|e| panic!("{path}: {e}"));
    let list = |key: &str| -> String {
        let names: Vec<String> = value[key]
            .as_array()
            .unwrap_or_else(|| panic!("{path}: {key:?} must be a list"))
            .iter()
            .map(|v| {
                let name = v
                    .as_str()
                    .unwrap_or_else(|| panic!("{path}: {key:?} holds names"));
                assert!(
                    !name.is_empty() && name == name.to_ascii_lowercase(),
                    "{path}: {name:?} must be a lower-case element name"
                );
                format!("{name:?}")
            })
            .collect();
        names.join(", ")
    };
    format!(
        "/// Elements a policy reader leaves out (`rules/policy/page-text.json`).\n\
         pub const PAGE_SKIP: &[&str] = &[{}];\n\
         /// Elements that start a block (`rules/policy/page-text.json`).\n\
         pub const PAGE_BLOCKS: &[&str] = &[{}];\n",
        list("skip"),
        list("blocks")
    )
}

fn claims() -> String {
    println!("cargo:rerun-if-changed=rules/policy");
    println!("cargo:rerun-if-changed=src/policy/spec.rs");
    let mut files = String::new();
    let mut categories = None;
    for path in &toml_files("rules/policy") {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let source = fs::read_to_string(path).expect("readable rule file");
        let fail = |e: &dyn std::fmt::Display| -> ! { panic!("rules/policy/{name}: {e}") };
        let value: serde_json::Value = toml::from_str(&source).unwrap_or_else(|e| fail(&e));
        if name == "categories.toml" {
            let c: ClaimCategoryFile = serde_json::from_value(value).unwrap_or_else(|e| fail(&e));
            categories = Some(claim_categories(&c));
            continue;
        }
        let file: ClaimRuleFile = serde_json::from_value(value).unwrap_or_else(|e| fail(&e));
        let lang = name.trim_end_matches(".toml");
        let _ = write!(
            files,
            "StaticClaimFile {{ file: {name:?}, lang: {lang:?}, clause_words: &{:?}, qualifier: {:?}, rules: &[",
            file.clause_words,
            claim_spec::expand_macros(&file.qualifier, &file.macros).unwrap_or_else(|e| fail(&e)),
        );
        for r in &file.rule {
            if r.lang != lang {
                fail(&format!(
                    "rule {}: lang {:?} in a file for {lang:?}",
                    r.id, r.lang
                ));
            }
            let expand = |p: &str| {
                claim_spec::expand_macros(p, &file.macros)
                    .unwrap_or_else(|e| fail(&format!("rule {}: {e}", r.id)))
            };
            let _ = write!(
                files,
                "StaticClaimRule {{ id: {:?}, category: ClaimCategory::{:?}, pattern: {:?}, unless: {}, \
                 requires: {}, severity: {}, scope: {}, source: {:?} }},",
                r.id,
                r.category,
                expand(&r.pattern),
                opt_static(&r.unless.as_deref().map(expand)),
                opt_static(&r.requires.as_deref().map(expand)),
                opt_enum(&r.severity, "Severity"),
                opt_enum(&r.scope, "PromiseScope"),
                r.source,
            );
        }
        files.push_str("] },");
    }
    let categories = categories.expect("rules/policy/categories.toml is required");
    format!(
        "/// The claim rule files (one per language), generated by build.rs.\n\
         pub static CLAIM_FILES: &[StaticClaimFile] = &[{files}];\n\
         /// `rules/policy/categories.toml`, generated by build.rs.\n\
         pub fn claim_categories() -> ClaimCategoryFile {{\n{categories}\n}}\n"
    )
}

fn claim_categories(c: &ClaimCategoryFile) -> String {
    let mut out = String::from("ClaimCategoryFile { category: vec![");
    for cat in &c.category {
        let _ = write!(
            out,
            "ClaimCategorySpec {{ id: ClaimCategory::{:?}, severity: Severity::{:?}, label: {}, message: {}, breaks: vec![{}], contradiction: {}, subsumes: vec![{}] }},",
            cat.id,
            cat.severity,
            text(&cat.label),
            text(&cat.message),
            enum_list(&cat.breaks, "PromiseScope"),
            cat.contradiction.as_ref().map_or("None".into(), |t| format!("Some({})", text(t))),
            enum_list(&cat.subsumes, "ClaimCategory"),
        );
    }
    let p = &c.page;
    let _ = write!(
        out,
        "], page: PolicyPageSpec {{ url: {:?}.into(), title: {:?}.into(), link: {:?}.into(), source: {:?}.into() }} }}",
        p.url, p.title, p.link, p.source
    );
    out
}

/// `rules/breach/`: `categories.toml` (owned value) and one rule file per language (static).
fn breach() -> String {
    println!("cargo:rerun-if-changed=rules/breach");
    println!("cargo:rerun-if-changed=src/breach/spec.rs");
    let mut files = String::new();
    let mut categories = None;
    for path in &toml_files("rules/breach") {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let source = fs::read_to_string(path).expect("readable rule file");
        let fail = |e: &dyn std::fmt::Display| -> ! { panic!("rules/breach/{name}: {e}") };
        let value: serde_json::Value = toml::from_str(&source).unwrap_or_else(|e| fail(&e));
        if name == "categories.toml" {
            let c: breach_spec::BreachCategoryFile =
                serde_json::from_value(value).unwrap_or_else(|e| fail(&e));
            let mut out = String::from("BreachCategoryFile { element: vec![");
            for e in &c.element {
                let _ = write!(
                    out,
                    "BreachElementSpec {{ id: BreachElement::{:?}, label: {}, present: {}, vague: {}, missing: {}, severity: Severity::{:?}, source: {:?}.into() }},",
                    e.id,
                    text(&e.label),
                    text(&e.present),
                    text(&e.vague),
                    text(&e.missing),
                    e.severity,
                    e.source,
                );
            }
            let n = &c.notice;
            let _ = write!(
                out,
                "], notice: NoticeSpec {{ min_signals: {}, min_elements: {}, placeholder: {:?}.into(), max_placeholders: {}, max_standing_per_signal: {}, model_alone: {:?}, model_with_signal: {:?}, source: {:?}.into() }} }}",
                n.min_signals, n.min_elements, n.placeholder, n.max_placeholders, n.max_standing_per_signal, n.model_alone, n.model_with_signal, n.source
            );
            categories = Some(out);
            continue;
        }
        let file: breach_spec::BreachRuleFile =
            serde_json::from_value(value).unwrap_or_else(|e| fail(&e));
        let lang = name.trim_end_matches(".toml");
        // A file-level pattern with its macros expanded, as static data.
        let expanded = |p: &Option<String>, what: &str| {
            opt_static(&p.as_deref().map(|p| {
                claim_spec::expand_macros(p, &file.macros)
                    .unwrap_or_else(|e| fail(&format!("{what}: {e}")))
            }))
        };
        let _ = write!(
            files,
            "StaticBreachFile {{ file: {name:?}, lang: {lang:?}, aside: {}, own: {}, standing: {}, rules: &[",
            expanded(&file.aside, "aside"),
            expanded(&file.own, "own"),
            expanded(&file.standing, "standing"),
        );
        for r in &file.rule {
            if r.lang != lang {
                fail(&format!(
                    "rule {}: lang {:?} in a file for {lang:?}",
                    r.id, r.lang
                ));
            }
            let notice = r.element == breach_spec::BreachElement::Notice;
            if notice == r.status.is_some() {
                fail(&format!(
                    "rule {}: element rules need a status (present or vague), notice rules none",
                    r.id
                ));
            }
            if r.tells_nature && !notice {
                fail(&format!("rule {}: only notice rules tell the nature", r.id));
            }
            if r.status == Some(breach_spec::Status::Missing) {
                fail(&format!(
                    "rule {}: status missing is what no rule finds",
                    r.id
                ));
            }
            if r.source.trim().is_empty() {
                fail(&format!("rule {}: needs a source", r.id));
            }
            let expand = |p: &str| {
                claim_spec::expand_macros(p, &file.macros)
                    .unwrap_or_else(|e| fail(&format!("rule {}: {e}", r.id)))
            };
            let _ = write!(
                files,
                "StaticBreachRule {{ id: {:?}, element: BreachElement::{:?}, status: {}, pattern: {:?}, \
                 unless: {}, requires: {}, tells_nature: {}, source: {:?} }},",
                r.id,
                r.element,
                opt_enum(&r.status, "Status"),
                expand(&r.pattern),
                opt_static(&r.unless.as_deref().map(expand)),
                opt_static(&r.requires.as_deref().map(expand)),
                r.tells_nature,
                r.source,
            );
        }
        files.push_str("] },");
    }
    let categories = categories.expect("rules/breach/categories.toml is required");
    format!(
        "/// The breach rule files (one per language), generated by build.rs.\n\
         pub static BREACH_FILES: &[StaticBreachFile] = &[{files}];\n\
         /// `rules/breach/categories.toml`, generated by build.rs.\n\
         pub fn breach_categories() -> BreachCategoryFile {{\n{categories}\n}}\n"
    )
}

/// `rules/permissions/`: every file merged (in name order) into one `PermissionFile` value.
fn permissions() -> String {
    println!("cargo:rerun-if-changed=rules/permissions");
    println!("cargo:rerun-if-changed=src/permissions/spec.rs");
    let mut merged = PermissionFile::default();
    for path in &toml_files("rules/permissions") {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let source = fs::read_to_string(path).expect("readable rule file");
        let fail = |e: &dyn std::fmt::Display| -> ! { panic!("rules/permissions/{name}: {e}") };
        let value: serde_json::Value = toml::from_str(&source).unwrap_or_else(|e| fail(&e));
        let file: PermissionFile = serde_json::from_value(value).unwrap_or_else(|e| fail(&e));
        merged.category.extend(file.category);
        merged.section.extend(file.section);
        merged.permission.extend(file.permission);
        merged.prompt.extend(file.prompt);
        merged.invite.extend(file.invite);
    }
    // Every rule names its source in the files; the runtime does not need it, so the
    // embedded form leaves it out (smaller wasm).
    let mut runtime = merged.clone();
    for p in &mut runtime.permission {
        if p.source.trim().is_empty() {
            panic!("rules/permissions: permission {} has no source", p.id);
        }
        p.source.clear();
    }
    for x in &mut runtime.section {
        x.source.clear();
    }
    for x in &mut runtime.prompt {
        x.source.clear();
    }
    for x in &mut runtime.invite {
        x.source.clear();
    }
    let data = runtime
        .encode()
        .unwrap_or_else(|e| panic!("rules/permissions: {e}"));
    format!(
        "/// `rules/permissions/*.toml` merged, in the compact form of `PermissionFile::encode`\n\
         /// (generated by build.rs).\n\
         pub const PERMISSION_DATA: &str = {data:?};\n\
         /// `rules/permissions/*.toml` merged.\n\
         pub fn permission_file() -> PermissionFile {{\n\
             PermissionFile::decode(PERMISSION_DATA).expect(\"build.rs encodes what decode reads\")\n\
         }}\n"
    )
}

fn main() {
    println!("cargo:rerun-if-changed=rules");
    println!("cargo:rerun-if-changed=src/rules/spec.rs");
    let mut files = String::new();
    let mut category_file = None;
    let mut language_file = None;
    let mut paths = toml_files("rules/consent");
    paths.push(Path::new("rules/languages.toml").to_path_buf());
    for path in &paths {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let source = fs::read_to_string(path).expect("readable rule file");
        let value: serde_json::Value = match toml::from_str(&source) {
            Ok(v) => v,
            Err(e) => panic!("rule file {name} does not parse: {e}"),
        };
        if name == "languages.toml" {
            match spec::parse_languages(value) {
                Ok(l) => language_file = Some(languages(&l)),
                Err(e) => panic!("{e}"),
            }
            continue;
        }
        if name == "categories.toml" {
            match spec::parse_categories(value) {
                Ok(c) => category_file = Some(categories(&c)),
                Err(e) => panic!("{e}"),
            }
            continue;
        }
        let rules = match spec::parse_rules(&name, value) {
            Ok(r) => r,
            Err(e) => panic!("{e}"),
        };
        let _ = write!(files, "({name:?}, &[");
        for r in &rules {
            files.push_str(&rule(r));
            files.push(',');
        }
        files.push_str("]),");
    }
    let category_file = category_file.expect("rules/consent/categories.toml is required");
    let language_file = language_file.expect("rules/languages.toml is required");
    let code = format!(
        "/// The embedded rule files (sorted by name), generated by build.rs.\n\
         pub static RULE_FILES: &[(&str, &[StaticRule])] = &[{files}];\n\
         /// `categories.toml`, generated by build.rs.\n\
         pub fn categories() -> CategoryFile {{\n{category_file}\n}}\n\
         /// `languages.toml`, generated by build.rs.\n\
         pub fn languages() -> LanguageFile {{\n{language_file}\n}}\n"
    );
    let out_dir = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    fs::write(Path::new(&out_dir).join("rule_specs.rs"), code).expect("write OUT_DIR");
    fs::write(
        Path::new(&out_dir).join("claim_specs.rs"),
        claims() + &page_text(),
    )
    .expect("write OUT_DIR");
    fs::write(Path::new(&out_dir).join("breach_specs.rs"), breach()).expect("write OUT_DIR");
    fs::write(
        Path::new(&out_dir).join("permission_specs.rs"),
        permissions(),
    )
    .expect("write OUT_DIR");
}
