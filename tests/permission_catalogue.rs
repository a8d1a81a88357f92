//! The catalogue against the Android permission list in `tests/data/permissions/` (AOSP,
//! API 36, Apache-2.0, see its NOTICE): every dangerous permission is known by its constant and by the label
//! a store shows, and judged as more than ordinary unless a shop needs it.

use haken::permissions::PermissionEngine;
use haken::rules::spec::Severity;
use std::path::Path;

fn android_list(path: &str) -> String {
    let full = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/permissions")
        .join(path);
    std::fs::read_to_string(&full)
        .unwrap_or_else(|e| panic!("{} is part of the checkout: {e}", full.display()))
}

/// Splits one CSV line with optional double-quoted fields.
fn csv_fields(line: &str) -> Vec<String> {
    let (mut fields, mut field, mut quoted) = (Vec::new(), String::new(), false);
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => fields.push(std::mem::take(&mut field)),
            c => field.push(c),
        }
    }
    fields.push(field);
    fields
}

#[test]
fn every_dangerous_android_permission_is_known_by_name_and_label() {
    let engine = PermissionEngine::new().unwrap();
    let csv = android_list("dangerous_permissions_api36.csv");
    let mut checked = 0;
    for line in csv.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let fields = csv_fields(line);
        let name = &fields[0];
        let label = fields
            .get(3)
            .map(String::as_str)
            .unwrap_or("")
            .replace("u2011", "\u{2011}");
        let by_name = engine.judge(name, "");
        assert!(by_name.entry.is_some(), "{name} is not in the catalogue");
        if !label.is_empty() {
            let by_label = engine.judge(&label, "");
            assert!(
                by_label.entry.is_some(),
                "{name}: label {label:?} is not known"
            );
            assert_eq!(
                by_label.category, by_name.category,
                "{name}: name and label disagree"
            );
        }
        checked += 1;
    }
    assert_eq!(checked, 50, "the API 36 list has 50 dangerous permissions");
    for (name, severity) in [
        ("android.permission.READ_CONTACTS", Severity::High),
        ("android.permission.READ_SMS", Severity::High),
        ("android.permission.READ_CALL_LOG", Severity::High),
        ("android.permission.RECORD_AUDIO", Severity::High),
        (
            "android.permission.ACCESS_BACKGROUND_LOCATION",
            Severity::High,
        ),
        ("android.permission.CAMERA", Severity::Info),
        ("android.permission.POST_NOTIFICATIONS", Severity::Info),
        ("android.permission.ACCESS_COARSE_LOCATION", Severity::Info),
    ] {
        assert_eq!(engine.judge(name, "").severity, severity, "{name}");
    }
}

#[test]
fn common_normal_permissions_are_known_and_ordinary() {
    let engine = PermissionEngine::new().unwrap();
    let jsonl = android_list("aosp_permissions_api36.jsonl");
    let wanted = [
        "android.permission.INTERNET",
        "android.permission.ACCESS_NETWORK_STATE",
        "android.permission.ACCESS_WIFI_STATE",
        "android.permission.VIBRATE",
        "android.permission.WAKE_LOCK",
        "android.permission.RECEIVE_BOOT_COMPLETED",
        "android.permission.FOREGROUND_SERVICE",
        "android.permission.USE_BIOMETRIC",
    ];
    for line in jsonl.lines() {
        let record: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
        let name = record["name"].as_str().unwrap_or_default();
        if !wanted.contains(&name) {
            continue;
        }
        let label = record["label"].as_str().unwrap_or_default();
        for text in [name, label] {
            let j = engine.judge(text, "");
            assert!(j.entry.is_some(), "{name}: {text:?} is not known");
            assert_eq!(j.severity, Severity::Info, "{name}: {text:?} is ordinary");
        }
    }
}
