//! Broken and hostile docs, case by case: each either generates code that parses or fails
//! with a located error, never a panic, a hang or a stack overflow.

use std::path::Path;

/// Docs by path in the schemas folder.
type Files = Vec<(&'static str, Vec<u8>)>;

/// What a case must give.
enum Expect {
    /// Generation succeeds.
    Ok,
    /// Generation fails with a message containing this text.
    Error(&'static str),
}

fn run(files: &[(&str, Vec<u8>)]) -> Result<Vec<mdschema::RenderedFile>, String> {
    let dir = tempfile::tempdir().unwrap();
    let schemas = dir.path().join("schemas");
    for (path, bytes) in files {
        let path = schemas.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    let mut config = mdschema::Config::new();
    config.schemas_dir(&schemas);
    let loaded = config.load().map_err(|e| e.to_string())?;
    config.render(&loaded).map_err(|e| e.to_string())
}

const FIELDS: &str = "## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n";

fn doc(title: &str, rows: &str) -> Vec<u8> {
    format!("# {title}\n\n{FIELDS}{rows}").into_bytes()
}

#[test]
fn broken_docs() {
    let deep_type =
        format!("| `a` | {}*String*{} | :heavy_check_mark: | |\n", "List\\<".repeat(5000), ">".repeat(5000));
    let many_rows: String =
        (0..5000).map(|i| format!("| `f{i}` | *String* | :heavy_minus_sign: | Row {i}. |\n")).collect();
    let cases: Vec<(&str, Files, Expect)> = vec![
        ("empty file", vec![("A.md", vec![])], Expect::Error("A.md:1:1: the doc has no `# Title` heading")),
        ("only a BOM", vec![("A.md", b"\xef\xbb\xbf".to_vec())], Expect::Error("no `# Title`")),
        ("title only", vec![("A.md", b"# A\n".to_vec())], Expect::Ok),
        ("invalid UTF-8", vec![("A.md", b"# A\n\xff\xfe".to_vec())], Expect::Error("A.md: the doc is not valid UTF-8")),
        (
            "table without the columns",
            vec![("A.md", b"# A\n\n## Fields\n\n| X | Y |\n| - | - |\n| 1 | 2 |\n".to_vec())],
            Expect::Error("the table has no Field, Type, Required column"),
        ),
        ("ragged row", vec![("A.md", doc("A", "| `a` | *String* |\n"))], Expect::Error("the Required column is empty")),
        (
            "table in a code block",
            vec![(
                "A.md",
                format!("# A\n\n{FIELDS}\n```\n| `x` | *Nope* | :heavy_check_mark: | |\n```\n").into_bytes(),
            )],
            Expect::Ok,
        ),
        (
            "CRLF",
            vec![(
                "A.md",
                doc("A", "| `a` | *String* | :heavy_check_mark: | x |\n")
                    .iter()
                    .flat_map(|&b| if b == b'\n' { vec![b'\r', b'\n'] } else { vec![b] })
                    .collect(),
            )],
            Expect::Ok,
        ),
        (
            "types nested 5000 deep",
            vec![("A.md", doc("A", &deep_type))],
            Expect::Error("types nest deeper than 64 levels"),
        ),
        (
            "blockquotes nested 50000 deep",
            vec![("A.md", format!("# A\n\n{}x\n", ">".repeat(50_000)).into_bytes())],
            Expect::Ok,
        ),
        (
            "lists nested 2000 deep",
            vec![(
                "A.md",
                format!("# A\n\n{}", (0..2_000).map(|i| format!("{}- x\n", "  ".repeat(i))).collect::<String>())
                    .into_bytes(),
            )],
            Expect::Ok,
        ),
        ("5000 rows", vec![("A.md", doc("A", &many_rows))], Expect::Ok),
        (
            "a huge description",
            vec![("A.md", format!("# A\n\n{}\n\n{FIELDS}", "word ".repeat(500_000)).into_bytes())],
            Expect::Ok,
        ),
        (
            "a doc over the size limit",
            vec![("A.md", vec![b'#'; 17 * 1024 * 1024])],
            Expect::Error("docs over 16777216 bytes are refused"),
        ),
        (
            "duplicate field",
            vec![(
                "A.md",
                doc("A", "| `a` | *String* | :heavy_check_mark: | |\n| `a` | *String* | :heavy_check_mark: | |\n"),
            )],
            Expect::Error("field `a` is listed twice"),
        ),
        (
            "duplicate enum value",
            vec![("A.md", b"# A\n\n## Values\n\n| Name | Value |\n| - | - |\n| `X` | x |\n| `Y` | x |\n".to_vec())],
            Expect::Error("the value `x` is listed twice"),
        ),
        (
            "fields and values",
            vec![("A.md", format!("# A\n\n{FIELDS}\n## Values\n\n| Name | Value |\n| - | - |\n").into_bytes())],
            Expect::Error("either `## Fields` or `## Values`"),
        ),
        (
            "a link out of the folder",
            vec![("A.md", doc("A", "| `a` | [B](../../../../etc/passwd.md) | :heavy_check_mark: | |\n"))],
            Expect::Error("the link `../../../../etc/passwd.md` names no doc"),
        ),
        (
            "an external link as a type",
            vec![("A.md", doc("A", "| `a` | [B](https://example.com/B.md#x) | :heavy_check_mark: | |\n"))],
            Expect::Error("unknown type `B`"),
        ),
        (
            "two titles mapping to one name",
            vec![("x/A.md", b"# Foo\n".to_vec()), ("x/B.md", b"# foo\n".to_vec())],
            Expect::Ok,
        ),
        ("a folder named like a keyword", vec![("type/self/A.md", b"# A\n".to_vec())], Expect::Ok),
    ];
    for (name, files, expect) in cases {
        let result = run(&files);
        match (expect, result) {
            (Expect::Ok, Ok(rendered)) => {
                for file in rendered {
                    assert!(syn::parse_file(&file.contents).is_ok(), "{name}: {}", file.contents);
                }
            }
            (Expect::Error(text), Err(error)) => assert!(error.contains(text), "{name}: expected `{text}` in\n{error}"),
            (Expect::Ok, Err(error)) => panic!("{name}: unexpected error\n{error}"),
            (Expect::Error(text), Ok(_)) => panic!("{name}: expected an error with `{text}`"),
        }
    }
}

#[test]
fn colliding_titles_get_distinct_types_and_files() {
    let rendered = run(&[("x/A.md", b"# Foo\n".to_vec()), ("x/B.md", b"# foo\n".to_vec())]).unwrap();
    let paths: Vec<&str> = rendered.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(paths, ["mod.rs", "x/foo.rs", "x/foo2.rs", "x/mod.rs"]);
    assert!(rendered[1].contents.contains("pub struct Foo("));
    assert!(rendered[2].contents.contains("pub struct Foo2("));
}

#[test]
fn keyword_folders_become_modules_that_compile_in_paths() {
    let rendered = run(&[("type/self/A.md", b"# A\n".to_vec())]).unwrap();
    let paths: Vec<&str> = rendered.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(paths, ["mod.rs", "type_/mod.rs", "type_/self_/a.rs", "type_/self_/mod.rs"]);
    assert!(Path::new(&rendered[1].path).starts_with("type_"));
}

/// Every fuzz seed (`fuzz/corpus/doc_parser`), read as the fuzz target reads it (a set of
/// docs split at NUL bytes): located errors or generated code that parses, never a panic.
#[test]
fn every_fuzz_seed_generates_or_fails_cleanly() {
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/doc_parser");
    let mut count = 0;
    for entry in std::fs::read_dir(&seeds).unwrap().flatten() {
        let data = std::fs::read(entry.path()).unwrap();
        let docs: Vec<(String, String)> = data
            .split(|&b| b == 0)
            .take(8)
            .enumerate()
            .map(|(i, bytes)| (format!("things/D{i}.md"), String::from_utf8_lossy(bytes).into_owned()))
            .collect();
        let mut config = mdschema::Config::new();
        config.schemas_dir("/nonexistent/schemas");
        if let Ok(loaded) = config.load_texts(docs)
            && let Err(mdschema::Error::Template(message)) = config.render(&loaded)
        {
            panic!("{}: code that does not parse: {message}", entry.path().display());
        }
        count += 1;
    }
    assert!(count >= 24, "{count} seeds: are the seeds committed (fuzz/.gitignore)?");
}
