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

/// `Serialize` and `Deserialize` are written out (an `impl_serde!` call) unless serde's
/// derives are needed: a flattened map of unknown keys, serde attributes or a serde derive
/// from the config. Exactly one of the two, never both, and never one trait of each.
#[test]
fn serde_traits_are_derived_only_where_the_derives_are_needed() {
    let leaf = "[models.\"components/Leaf.md\"]\n";
    let cases = [
        (None, "Leaf", false),
        (Some("keep_unknown_fields = true\n".to_string()), "Leaf", true),
        (Some(format!("{leaf}attributes = [\"#[serde(deny_unknown_fields)]\"]\n")), "Leaf", true),
        (Some(format!("{leaf}attributes = [\"#[serde(deny_unknown_fields)]\"]\n")), "Ping", false),
        (Some(format!("{leaf}derives = [\"::serde::Deserialize\"]\n")), "Leaf", true),
        (Some(format!("{leaf}derives = [\"serde::Serialize\"]\n")), "Leaf", true),
        (Some(format!("{leaf}derives = [\"PartialOrd\"]\n")), "Leaf", false),
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
