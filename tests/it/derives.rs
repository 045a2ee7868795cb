//! `Eq` and `Hash` are derived exactly where every field or member type has them, across
//! references and cycles of models, and with the config's map type.

use std::collections::BTreeMap;

fn doc(title: &str, rows: &[(&str, &str)]) -> (String, String) {
    let mut text = format!(
        "# {title}\n\n## Fields\n\n| Field | Type | Required | Description | Example |\n| - | - | - | - | - |\n"
    );
    for (field, ty) in rows {
        text.push_str(&format!("| `{field}` | {ty} | :heavy_minus_sign: | | |\n"));
    }
    (format!("components/{title}.md"), text)
}

fn link(title: &str) -> String {
    format!("[Optional\\<{title}>](../../models/components/{title}.md)")
}

fn docs() -> Vec<(String, String)> {
    vec![
        doc("Leaf", &[("name", "*Optional\\<String>*"), ("count", "*Optional\\<Long>*")]),
        doc("Measured", &[("weight", "*Optional\\<Double>*")]),
        doc("Anything", &[("extra", "*Object*")]),
        // A cycle of models holding only strings keeps both traits.
        doc("Ping", &[("pong", &link("Pong")), ("name", "*Optional\\<String>*")]),
        doc("Pong", &[("ping", "List\\<[Ping](../../models/components/Ping.md)>")]),
        // A float anywhere in a cycle takes them from every model of it.
        doc("Tick", &[("tock", &link("Tock"))]),
        doc("Tock", &[("tick", &link("Tick")), ("at", "*Optional\\<Float>*")]),
        doc("HoldsMeasured", &[("measured", &link("Measured"))]),
        doc("Counts", &[("counts", "Map\\<String, *Long*>")]),
    ]
}

/// Every generated file of [`docs`] under the config `config_text`, parsed.
fn generated(config_text: Option<&str>) -> Vec<syn::File> {
    let dir = tempfile::tempdir().unwrap();
    let mut config = mdschema::Config::new();
    config.schemas_dir(dir.path());
    if let Some(text) = config_text {
        let file = dir.path().join("mdschema.toml");
        std::fs::write(&file, text).unwrap();
        config.config_file(&file);
    }
    let loaded = config.load_texts(docs()).unwrap();
    config.render(&loaded).unwrap().iter().map(|file| syn::parse_file(&file.contents).unwrap()).collect()
}

/// The derive list of each generated type, by type name.
fn derives(config_text: Option<&str>) -> BTreeMap<String, String> {
    let mut found = BTreeMap::new();
    for item in generated(config_text).into_iter().flat_map(|file| file.items) {
        if let syn::Item::Struct(item) = item {
            let derive = item.attrs.iter().find(|a| a.path().is_ident("derive")).unwrap();
            let list = derive.meta.require_list().unwrap().tokens.to_string();
            found.insert(item.ident.to_string(), list);
        }
    }
    found
}

fn has(list: &str, name: &str) -> bool {
    list.split(',').any(|d| d.trim() == name)
}

#[test]
fn eq_and_hash_follow_every_field_type() {
    let found = derives(None);
    let table = [
        ("Leaf", true, true),
        ("Measured", false, false),
        ("Anything", false, false),
        ("Ping", true, true),
        ("Pong", true, true),
        ("Tick", false, false),
        ("Tock", false, false),
        ("HoldsMeasured", false, false),
        ("Counts", true, true),
    ];
    for (name, eq, hash) in table {
        let list = &found[name];
        assert_eq!((has(list, "Eq"), has(list, "Hash")), (eq, hash), "{name}: {list}");
    }
}

#[test]
fn a_hash_map_gives_eq_without_hash_and_an_unknown_map_neither() {
    let hash_map = derives(Some("map_type = \"::std::collections::HashMap\"\n"));
    assert!(has(&hash_map["Counts"], "Eq") && !has(&hash_map["Counts"], "Hash"), "{}", hash_map["Counts"]);
    assert!(has(&hash_map["Leaf"], "Hash"));
    let other = derives(Some("map_type = \"indexmap::IndexMap\"\n"));
    assert!(!has(&other["Counts"], "Eq"), "{}", other["Counts"]);
}

#[test]
fn kept_unknown_keys_and_user_types_take_them_away() {
    let kept = derives(Some("keep_unknown_fields = true\n"));
    assert!(!has(&kept["Leaf"], "Eq"), "{}", kept["Leaf"]);
    let typed = derives(Some("[field_types]\n\"components/Leaf.name\" = \"my::Name\"\n"));
    assert!(!has(&typed["Leaf"], "Eq"), "{}", typed["Leaf"]);
    assert!(has(&typed["Ping"], "Eq"));
}

/// `Serialize` and `Deserialize` are written out (an `impl_serde!` call) unless
/// `serde_impls = "derive"` says otherwise, for every model or some, or serde's derives are
/// needed (a flattened map of unknown keys). Exactly one of the two, never both, and never
/// one trait of each. Nothing else switches: a serde attribute or derive of the config's
/// where impls are written out is an error at its place.
#[test]
fn serde_traits_are_derived_only_where_the_derives_are_needed() {
    let leaf = "[models.\"components/Leaf.md\"]\nserde_impls = \"derive\"\n";
    let cases = [
        (None, "Leaf", false),
        (Some("keep_unknown_fields = true\n".to_string()), "Leaf", true),
        (Some("serde_impls = \"derive\"\n".to_string()), "Leaf", true),
        (Some("serde_impls = \"derive\"\n".to_string()), "Ping", true),
        (Some("serde_impls = \"compact\"\n".to_string()), "Leaf", false),
        (Some(format!("{leaf}attributes = [\"#[serde(deny_unknown_fields)]\"]\n")), "Leaf", true),
        (Some(format!("{leaf}attributes = [\"#[serde(deny_unknown_fields)]\"]\n")), "Ping", false),
        (Some(format!("{leaf}derives = [\"::serde::Deserialize\"]\n")), "Leaf", true),
        (Some(format!("{leaf}derives = [\"serde::Serialize\"]\n")), "Leaf", true),
        (Some("[models.\"components/Leaf.md\"]\nderives = [\"PartialOrd\"]\n".to_string()), "Leaf", false),
    ];
    for (config, name, derived) in cases {
        let config = config.as_deref();
        let found = derives(config);
        let written = written_out(config);
        for trait_name in ["Serialize", "Deserialize"] {
            let derives_it = found[name].split(',').any(|d| d.rsplit("::").next().unwrap().trim() == trait_name);
            assert_eq!(derives_it, derived, "{config:?} {name} {trait_name}: {}", found[name]);
        }
        assert_eq!(written.iter().any(|w| w == name), !derived, "{config:?} {name}: written out for {written:?}");
    }
}

/// The types whose serde impls an `impl_serde!` call writes out.
fn written_out(config_text: Option<&str>) -> Vec<String> {
    let mut found = Vec::new();
    for item in generated(config_text).into_iter().flat_map(|file| file.items) {
        if let syn::Item::Macro(call) = item
            && call.mac.path.segments.last().is_some_and(|s| s.ident == "impl_serde")
        {
            found.push(call.mac.tokens.into_iter().next().unwrap().to_string());
        }
    }
    found
}

/// In compact mode a serde attribute or derive from the config could only break the output
/// (a second impl, an attribute nothing reads): an error at its place that says what to set.
#[test]
fn serde_extras_of_the_config_need_serde_impls_derive() {
    for (text, underlined) in [
        ("attributes = [\"#[serde(deny_unknown_fields)]\"]\n", "\"#[serde(deny_unknown_fields)]\""),
        ("derives = [\"::serde::Serialize\"]\n", "\"::serde::Serialize\""),
        ("[models.\"components/Leaf.md\"]\nattributes = [\"#[serde(default)]\"]\n", "\"#[serde(default)]\""),
        (
            "serde_impls = \"derive\"\n[models.\"x\"]\nserde_impls = \"compact\"\nderives = [\"Deserialize\"]\n",
            "\"Deserialize\"",
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("mdschema.toml");
        std::fs::write(&file, text).unwrap();
        let error = mdschema::Config::new().schemas_dir(dir.path()).config_file(&file).load().unwrap_err().to_string();
        assert!(error.contains("serde_impls = \"compact\"` writes structs' serde impls out"), "{text}: {error}");
        assert!(error.contains(underlined) && error.contains("^^^"), "{text}: {error}");
        assert!(error.contains("set `serde_impls = \"derive\"`"), "{error}");
    }
    // The same settings in derive mode are fine.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mdschema.toml");
    std::fs::write(&file, "serde_impls = \"derive\"\nattributes = [\"#[serde(deny_unknown_fields)]\"]\n").unwrap();
    mdschema::Config::new().schemas_dir(dir.path()).config_file(&file).load_texts(docs()).unwrap();
}
