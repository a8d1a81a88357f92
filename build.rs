//! Converts the rule files in `rules/*.toml` into JSON in `OUT_DIR`, so the crate (and its wasm
//! build) embeds rules without a TOML parser. A syntax error fails the build with the file and
//! line; rule-level checks (types, ids, regexes) run in `rules::load` and its tests.

use std::{env, fs, path::Path};

fn main() {
    let out_dir = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    println!("cargo:rerun-if-changed=rules");
    let mut names: Vec<_> = fs::read_dir("rules")
        .expect("rules/ folder")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    names.sort();
    let mut index = String::from("/// Rule files, as (file name, JSON text), sorted by name.\n");
    index.push_str("pub const RULE_FILES: &[(&str, &str)] = &[\n");
    for path in &names {
        let text = fs::read_to_string(path).expect("readable rule file");
        let value: toml::Value = match toml::from_str(&text) {
            Ok(v) => v,
            Err(e) => panic!("rule file {} does not parse: {e}", path.display()),
        };
        let json = serde_json::to_string(&value).expect("TOML values are JSON values");
        let file = path.file_name().unwrap().to_string_lossy().to_string();
        let target = Path::new(&out_dir).join(format!("{file}.json"));
        fs::write(&target, json).expect("write OUT_DIR");
        index.push_str(&format!(
            "    ({file:?}, include_str!(concat!(env!(\"OUT_DIR\"), \"/{file}.json\"))),\n"
        ));
    }
    index.push_str("];\n");
    fs::write(Path::new(&out_dir).join("rule_files.rs"), index).expect("write OUT_DIR");
}
