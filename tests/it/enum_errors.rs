//! The shared `ParseEnumError` of closed and integer enums: generated only when an enum can
//! fail to parse, and renamed rather than clashing with a doc that takes its name.

fn render(docs: &[(&str, &str)], config: &str) -> Vec<mdschema::RenderedFile> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mdschema.toml");
    std::fs::write(&file, config).unwrap();
    let mut mdschema = mdschema::Config::new();
    mdschema.schemas_dir(dir.path()).config_file(&file);
    let docs = docs.iter().map(|(path, text)| (path.to_string(), text.to_string()));
    let loaded = mdschema.load_texts(docs).unwrap();
    let files = mdschema.render(&loaded).unwrap();
    for file in &files {
        assert!(syn::parse_file(&file.contents).is_ok(), "{}", file.contents);
    }
    files
}

fn text<'a>(files: &'a [mdschema::RenderedFile], path: &str) -> &'a str {
    &files.iter().find(|f| f.path == path).unwrap_or_else(|| panic!("no {path}")).contents
}

const COLOR: &str = "# Color\n\n## Values\n\n| Name | Value |\n| - | - |\n| `RED` | red |\n";
const TAKER: &str = "# ParseEnumError\n\n## Fields\n\n| Field | Type | Required | Description | Example |\n| - | - | - | - | - |\n| `id` | *String* | :heavy_check_mark: | | |\n";

#[test]
fn open_string_enums_need_no_error_type() {
    let files = render(&[("components/Color.md", COLOR)], "");
    assert!(!text(&files, "mod.rs").contains("ParseEnumError"));
    assert!(text(&files, "components/color.rs").contains("type Err = ::core::convert::Infallible"));
}

#[test]
fn a_closed_enum_gets_the_error_type_and_a_doc_keeps_its_name() {
    let files = render(&[("components/Color.md", COLOR), ("ParseEnumError.md", TAKER)], "open_enums = false\n");
    let root = text(&files, "mod.rs");
    assert!(root.contains("pub struct ParseEnumError2 {"), "{root}");
    assert!(text(&files, "parse_enum_error.rs").contains("pub struct ParseEnumError {"));
    let color = text(&files, "components/color.rs");
    assert!(color.contains("type Err = super::ParseEnumError2;"), "{color}");
    assert!(color.contains("enum_name: \"Color\""), "{color}");
}
