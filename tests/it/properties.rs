//! Property tests over random docs built from the nasty character classes: quotes,
//! backslashes, `*/`, `"]`, `#[...]`, `<br/>`, NUL and control characters, bidi overrides,
//! emoji and non-Latin letters.
//!
//! * Any text at all: mdschema never panics; it reports located errors or emits code that
//!   `syn` parses.
//! * Well-formed docs with nasty content, in every dialect's type spellings: mdschema emits
//!   exactly one struct per doc whose fields carry exactly the docs' JSON keys, in order.
//! * A sample of such docs compiles under `deny(warnings)`.
//! * Sets of 2–8 docs in one of the five doc dialects whose fields link to each other (by
//!   link or by title), to missing docs and to broken docs, in every link spelling an SDK
//!   uses: exactly the planted problems are reported, each once,
//!   located in its doc; otherwise code that parses. Never a panic.

use std::path::Path;

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config as RunnerConfig, RngAlgorithm, TestRng, TestRunner};
use syn::LitStr;

use crate::common;

const PIECES: &[&str] = &[
    "a",
    "Z",
    "q",
    "_",
    "1",
    " ",
    "\"",
    "\\",
    "*/",
    "/*",
    "\"]",
    "#[x]",
    "#",
    "[",
    "]",
    "(",
    ")",
    "<",
    ">",
    "!",
    "$",
    "@",
    ".",
    "-",
    "`",
    "~",
    "|",
    "\0",
    "\u{7}",
    "\u{1b}[31m",
    "\u{202e}",
    "\u{2066}",
    "é",
    "名",
    "🎉",
    "\t",
    ":",
    "<br/>",
    "'",
    "{",
    "}",
    ";",
    "fn",
    "type",
    "self",
    "Self",
];

fn nasty(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..max).prop_map(|pieces| pieces.concat())
}

/// Text as a doc writer puts it into a table cell: `|` escaped, line breaks as `<br/>`.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\n', '\r'], "<br/>")
}

/// A field name the markdown can carry verbatim in a code span.
fn field_name() -> impl Strategy<Value = String> {
    nasty(8)
        .prop_map(|name| name.replace(['`', '\\', '|', '~', '\t'], "x").trim().to_string())
        .prop_filter("a name", |name| !name.is_empty())
}

/// One doc dialect's spellings, for generated docs: Java, TypeScript, Python, Go, C#.
struct Spelling {
    /// Type cells of scalars, lists, maps and dates.
    scalars: &'static [&'static str],
    /// A type cell naming a model no dialect knows.
    unknown: &'static str,
    /// A type cell referring to the doc titled `name` at `url`, in shape `shape` (0..5).
    link: fn(name: &str, url: &str, shape: usize) -> String,
}

const SPELLINGS: &[Spelling] = &[
    Spelling {
        scalars: &[
            "*String*",
            "*Optional\\<Long>*",
            "*JsonNullable\\<Double>*",
            "*boolean*",
            "List\\<*String*>",
            "Map\\<String, *Object*>",
            "[OffsetDateTime](https://docs.oracle.com/javase/8/docs/api/java/time/OffsetDateTime.html)",
            "[LocalDate](https://docs.oracle.com/javase/8/docs/api/java/time/LocalDate.html)",
            "byte[]",
        ],
        unknown: "*Frobnicate\\<Q>*",
        link: |name, url, shape| match shape {
            0 => format!("[{name}]({url})"),
            1 => format!("[Optional\\<{name}>]({url})"),
            2 => format!("List\\<[{name}]({url})>"),
            3 => format!("Map\\<String, [{name}]({url})>"),
            _ => format!("[JsonNullable\\<{name}>]({url})"),
        },
    },
    Spelling {
        scalars: &[
            "*string*",
            "*number*",
            "*boolean*",
            "*any*",
            "*string*[]",
            "*number*[][]",
            "Record<string, *any*>",
            "Record<string, *number*>[]",
            "[Date](https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/Date)",
            "[RFCDate](../../types/rfcdate.md)",
            "*\"simple\"*",
            "*Uint8Array*",
            "*true*",
            "*2*",
            "[AxiosResponse](https://axios-http.com/docs/res_schema)",
        ],
        unknown: "*Frobnicate*",
        link: |name, url, shape| match shape {
            0 => format!("[components.{name}]({url})"),
            1 => format!("[components.{name}]({url})[]"),
            2 => format!("Record<string, [components.{name}]({url})>"),
            3 => format!("*components.{name}*"),
            _ => format!("*operations.{name}*[]"),
        },
    },
    Spelling {
        scalars: &[
            "*str*",
            "*Optional[int]*",
            "*OptionalNullable[float]*",
            "*Nullable[str]*",
            "*bool*",
            "List[*str*]",
            "List[*Nullable[str]*]",
            "Dict[str, *Any*]",
            "List[Dict[str, *Any*]]",
            "Dict[str, *str*\\|*int*\\|*float*\\|*bool*]",
            "[date](https://docs.python.org/3/library/datetime.html#date-objects)",
            "*Literal[\"x\"]*",
            "*Decimal*",
            "*Optional[Literal[False]]*",
            "*Literal[True]*",
            "*Nullable[Literal[-1]]*",
            "*Literal[\"a\", \"b\"]*",
            "[requests.Response](https://requests.readthedocs.io/en/latest/api/#requests.Response)",
        ],
        unknown: "*Frobnicate*",
        link: |name, url, shape| match shape {
            0 => format!("[models.{name}]({url})"),
            1 => format!("[Optional[models.{name}]]({url})"),
            2 => format!("List[[Nullable[models.{name}]]({url})]"),
            3 => format!("Dict[str, [models.{name}]({url})]"),
            _ => format!("*models.{name}*"),
        },
    },
    Spelling {
        scalars: &[
            "`*string`",
            "`int64`",
            "`*float64`",
            "`bool`",
            "**string*",
            "[]`string`",
            "[]`*string`",
            "map[string]`any`",
            "map[string]*interface{}*",
            "[time.Time](https://pkg.go.dev/time#Time)",
            "[*types.Date](../../types/date.md)",
            "*[]byte*",
            "[*big.Int](https://pkg.go.dev/math/big#Int)",
        ],
        unknown: "`Frobnicate`",
        link: |name, url, shape| match shape {
            0 => format!("[components.{name}]({url})"),
            1 => format!("[*components.{name}]({url})"),
            2 => format!("[][*components.{name}]({url})"),
            3 => format!("map[string][components.{name}]({url})"),
            _ => format!("`*components.{name}`"),
        },
    },
    Spelling {
        scalars: &[
            "*string*",
            "*long*",
            "*double*",
            "*bool*",
            "*object*",
            "*decimal*",
            "List<*string*>",
            "List<*long*>",
            "Dictionary<String, *object*>",
            "Dictionary<String, Dictionary<String, *object*>>",
            "[DateTime](https://learn.microsoft.com/en-us/dotnet/api/system.datetime?view=net-5.0)",
        ],
        unknown: "*Frobnicate*",
        link: |name, url, shape| match shape {
            0 => format!("[{name}]({url})"),
            1 => format!("List<[{name}]({url})>"),
            2 => format!("Dictionary<String, [{name}]({url})>"),
            3 => format!("[Models.Components.{name}]({url})"),
            _ => format!("Dictionary<String, List<[{name}]({url})>>"),
        },
    },
];

#[derive(Debug, Clone)]
struct Row {
    name: String,
    ty: &'static str,
    required: bool,
    description: String,
    example: String,
}

#[derive(Debug, Clone)]
struct Doc {
    title: String,
    description: String,
    rows: Vec<Row>,
}

impl Doc {
    fn markdown(&self) -> String {
        let mut text = format!("# {}\n\n{}\n\n## Fields\n\n", self.title, self.description);
        text.push_str("| Field | Type | Required | Description | Example |\n| --- | --- | --- | --- | --- |\n");
        for row in &self.rows {
            let required = if row.required { ":heavy_check_mark:" } else { ":heavy_minus_sign:" };
            let (description, example) = (cell(&row.description), cell(&row.example));
            text.push_str(&format!("| `{}` | {} | {required} | {description} | {example} |\n", row.name, row.ty));
        }
        text
    }
}

fn well_formed_doc() -> impl Strategy<Value = Doc> {
    // One dialect per doc, as SDKs write them.
    let row = |spelling: &'static Spelling| {
        (field_name(), prop::sample::select(spelling.scalars), any::<bool>(), nasty(12), nasty(8))
            .prop_map(|(name, ty, required, description, example)| Row { name, ty, required, description, example })
    };
    let rows = (0..SPELLINGS.len()).prop_flat_map(move |d| prop::collection::vec(row(&SPELLINGS[d]), 0..6));
    let title = nasty(8).prop_map(|t| {
        let t = t.replace(['#', '\\', '`', '~', '\n', '\r', '|', '<', '['], "q");
        format!("T{}", t.trim())
    });
    let description = nasty(20).prop_map(|d| d.replace(['\n', '\r', '#', '|', '<', '['], " ").trim().to_string());
    (title, description, rows).prop_map(|(title, description, rows)| {
        let mut seen = std::collections::HashSet::new();
        let rows = rows.into_iter().filter(|r| seen.insert(r.name.clone())).collect();
        Doc { title, description: format!("D {description}"), rows }
    })
}

fn write_doc(schemas: &Path, name: &str, text: &str) {
    std::fs::create_dir_all(schemas.join("things")).unwrap();
    std::fs::write(schemas.join("things").join(name), text).unwrap();
}

/// The JSON key of each field of the struct in `file`, from `rename` or the field's name.
fn struct_wire_names(file: &syn::File) -> Vec<Vec<String>> {
    file.items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Struct(s) => Some(s),
            _ => None,
        })
        .map(|s| {
            if let Some(keys) = written_out_keys(file, &s.ident) {
                return keys;
            }
            s.fields
                .iter()
                .map(|field| {
                    let mut rename = None;
                    for attr in field.attrs.iter().filter(|a| a.path().is_ident("serde")) {
                        attr.parse_nested_meta(|meta| {
                            if meta.input.peek(syn::Token![=]) {
                                let value: LitStr = meta.value()?.parse()?;
                                if meta.path.is_ident("rename") {
                                    rename = Some(value.value());
                                }
                            }
                            Ok(())
                        })
                        .unwrap();
                    }
                    let ident = field.ident.as_ref().unwrap().to_string();
                    rename.unwrap_or_else(|| ident.trim_start_matches("r#").to_string())
                })
                .collect()
        })
        .collect()
}

/// The JSON keys an `impl_serde!` call gives the fields of `name`, when there is one:
/// `[#attrs] Name as "Name" in path; presence field = "key", …`.
fn written_out_keys(file: &syn::File, name: &syn::Ident) -> Option<Vec<String>> {
    use syn::parse::ParseStream;
    let read = |input: ParseStream| {
        input.call(syn::Attribute::parse_outer)?;
        let ident: syn::Ident = input.parse()?;
        input.parse::<syn::Token![as]>()?;
        input.parse::<LitStr>()?;
        input.parse::<syn::Token![in]>()?;
        input.call(syn::Path::parse_mod_style)?;
        input.parse::<syn::Token![;]>()?;
        let mut keys = Vec::new();
        while !input.is_empty() {
            input.parse::<syn::Ident>()?;
            input.parse::<syn::Ident>()?;
            input.parse::<syn::Token![=]>()?;
            keys.push(input.parse::<LitStr>()?.value());
            input.parse::<syn::Token![,]>()?;
        }
        Ok((ident, keys))
    };
    file.items.iter().find_map(|item| match item {
        syn::Item::Macro(m) if m.mac.path.segments.last().unwrap().ident == "impl_serde" => {
            let (ident, keys) = m.mac.parse_body_with(read).unwrap();
            (ident == *name).then_some(keys)
        }
        _ => None,
    })
}

/// A field's type in a doc set: a scalar (an index into the dialect's), a link to doc
/// `target` (which may not exist) in some shape and url spelling, or a type no dialect knows.
#[derive(Debug, Clone)]
enum SetType {
    Scalar(usize),
    Link { target: usize, shape: usize, spelling: usize },
    Unknown,
}

/// One doc of a set: its fields' types, or a doc with no title at all.
#[derive(Debug, Clone)]
enum SetDoc {
    Fields(Vec<SetType>),
    Untitled(String),
}

/// A set of docs in one dialect (an index into [`SPELLINGS`]).
#[derive(Debug, Clone)]
struct DocSet {
    dialect: usize,
    docs: Vec<SetDoc>,
}

const SET_SIZE: std::ops::Range<usize> = 2..9;

fn set_type() -> impl Strategy<Value = SetType> {
    prop_oneof![
        6 => (0..64usize).prop_map(SetType::Scalar),
        // Mostly the first two docs (always there); up to 9, where docs past the set's size
        // are missing.
        6 => (prop_oneof![4 => 0..2usize, 1 => 0..10usize], 0..5usize, 0..4usize).prop_map(|(target, shape, spelling)| SetType::Link {
            target,
            shape,
            spelling
        }),
        1 => Just(SetType::Unknown),
    ]
}

fn doc_set() -> impl Strategy<Value = DocSet> {
    let doc = prop_oneof![
        12 => prop::collection::vec(set_type(), 0..5).prop_map(SetDoc::Fields),
        1 => nasty(30).prop_map(|t| SetDoc::Untitled(t.replace('#', ""))),
    ];
    (0..SPELLINGS.len(), prop::collection::vec(doc, SET_SIZE)).prop_map(|(dialect, docs)| DocSet { dialect, docs })
}

impl SetType {
    fn cell(&self, spelling: &Spelling) -> String {
        match self {
            SetType::Scalar(i) => spelling.scalars[i % spelling.scalars.len()].to_string(),
            SetType::Unknown => spelling.unknown.to_string(),
            SetType::Link { target, shape, spelling: url } => {
                let url = match url {
                    0 => format!("D{target}.md"),
                    1 => format!("../things/D{target}.md"),
                    2 => format!("../../models/things/D{target}.md"),
                    _ => format!("./D{target}.md#anchor"),
                };
                (spelling.link)(&format!("D{target}"), &url, *shape)
            }
        }
    }

    /// Whether the cell names its target by title rather than by a link.
    fn by_title(&self, spelling: &Spelling) -> bool {
        matches!(self, SetType::Link { .. }) && !self.cell(spelling).contains("](")
    }
}

/// The docs of a set as `(path, text)`, with the problems they plant: unknown types and
/// untitled docs (in their doc), links to docs past the set (in the linking doc).
/// `(path, what)`: a problem a doc of a set must report.
type Planted = Vec<(String, &'static str)>;

fn set_docs(set: &DocSet) -> (Vec<(String, String)>, Planted) {
    let spelling = &SPELLINGS[set.dialect];
    let mut docs = Vec::new();
    let mut planted = Vec::new();
    // Without one readable Type cell in the whole set, a doc of unknown types cannot tell its
    // dialect: that is its one problem, instead of each cell's.
    let evidence = set
        .docs
        .iter()
        .any(|d| matches!(d, SetDoc::Fields(types) if types.iter().any(|t| !matches!(t, SetType::Unknown))));
    let table = |types: &[SetType]| {
        let mut text = String::from("## Fields\n\n| Field | Type | Required | Description |\n| - | - | - | - |\n");
        for (n, ty) in types.iter().enumerate() {
            text.push_str(&format!("| `f{n}` | {} | :heavy_check_mark: | x |\n", ty.cell(spelling)));
        }
        text
    };
    for (i, doc) in set.docs.iter().enumerate() {
        let path = format!("things/D{i}.md");
        let text = match doc {
            SetDoc::Untitled(text) => {
                planted.push((path.clone(), "has no `# Title`"));
                text.clone()
            }
            SetDoc::Fields(types) if !evidence && !types.is_empty() => {
                planted.push((path.clone(), "cannot tell which SDK"));
                format!("# D{i}\n\n{}", table(types))
            }
            SetDoc::Fields(types) => {
                for ty in types {
                    match ty {
                        SetType::Unknown => planted.push((path.clone(), "unknown type `Frobnicate`")),
                        // A path names a missing doc; a title also names no untitled doc.
                        SetType::Link { target, .. }
                            if *target >= set.docs.len()
                                || ty.by_title(spelling) && matches!(set.docs[*target], SetDoc::Untitled(_)) =>
                        {
                            planted.push((path.clone(), "names no"))
                        }
                        _ => {}
                    }
                }
                format!("# D{i}\n\n{}", table(types))
            }
        };
        docs.push((path, text));
    }
    (docs, planted)
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(512)
}

proptest! {
    // 512 cases each in CI; `PROPTEST_CASES=100000` for a longer hunt.
    #![proptest_config(common::proptest_config(cases(), "proptest-regressions/properties.txt"))]

    #[test]
    fn any_text_gives_located_errors_or_code_that_parses(text in nasty(200), with_table in any::<bool>()) {
        let dir = tempfile::tempdir().unwrap();
        let schemas = dir.path().join("schemas");
        let text = if with_table { format!("# X{text}\n\n## Fields\n\n| Field | Type | Required |\n| - | - | - |\n| {text} |") } else { text };
        write_doc(&schemas, "Doc.md", &text);
        let mut config = mdschema::Config::new();
        config.schemas_dir(&schemas);
        match config.load() {
            Err(mdschema::Error::Input(diagnostics)) => {
                prop_assert!(!diagnostics.is_empty());
                for d in &diagnostics {
                    prop_assert!(d.path.ends_with("Doc.md"), "{}", d);
                    let shown = d.to_string();
                    prop_assert!(!shown.contains('\u{1b}'), "an escape sequence reached the terminal: {shown:?}");
                }
            }
            Err(other) => prop_assert!(false, "not an input error: {other}"),
            Ok(loaded) => {
                for file in config.render(&loaded).unwrap() {
                    prop_assert!(syn::parse_file(&file.contents).is_ok(), "{}", file.contents);
                }
            }
        }
    }

    #[test]
    fn sets_of_linked_docs_report_exactly_their_problems(set in doc_set()) {
        let (docs, planted) = set_docs(&set);
        let mut config = mdschema::Config::new();
        config.schemas_dir("/nonexistent/schemas");
        match config.load_texts(docs.clone()) {
            Err(mdschema::Error::Input(diagnostics)) => {
                let mut found: Vec<(String, &str)> = Vec::new();
                for d in &diagnostics {
                    let shown = d.to_string();
                    prop_assert!(!shown.contains('\u{1b}'), "an escape sequence reached the terminal: {shown:?}");
                    let doc = docs.iter().find(|(path, _)| d.path.ends_with(path.as_str()));
                    prop_assert!(doc.is_some(), "{shown} is not located in a doc of the set");
                    let what = ["has no `# Title`", "unknown type `Frobnicate`", "names no", "cannot tell which SDK"]
                        .into_iter()
                        .find(|w| d.message.contains(w))
                        .ok_or_else(|| TestCaseError::fail(format!("unplanted problem: {shown}")))?;
                    found.push((doc.unwrap().0.clone(), what));
                }
                let mut planted = planted.clone();
                planted.sort();
                found.sort();
                prop_assert_eq!(found, planted);
            }
            Err(other) => prop_assert!(false, "not an input error: {other}"),
            Ok(loaded) => {
                prop_assert!(planted.is_empty(), "planted problems were not reported: {planted:?}");
                for file in config.render(&loaded).map_err(|e| TestCaseError::fail(e.to_string()))? {
                    prop_assert!(syn::parse_file(&file.contents).is_ok(), "{}", file.contents);
                }
            }
        }
    }

    #[test]
    fn nasty_content_keeps_every_json_key(doc in well_formed_doc()) {
        let dir = tempfile::tempdir().unwrap();
        let schemas = dir.path().join("schemas");
        write_doc(&schemas, "Doc.md", &doc.markdown());
        let mut config = mdschema::Config::new();
        config.schemas_dir(&schemas);
        let loaded = config.load().map_err(|e| TestCaseError::fail(format!("{e}\n{}", doc.markdown())))?;
        let files = config.render(&loaded).unwrap();
        let model = files.iter().find(|f| f.path != "mod.rs" && f.path != "things/mod.rs").unwrap();
        let syntax = syn::parse_file(&model.contents).unwrap();
        // HTTP plumbing (a raw response) is not JSON and gets no field.
        let json_rows: Vec<&Row> = doc.rows.iter().filter(|r| !r.ty.contains("Response]")).collect();
        let expected: Vec<String> = json_rows.iter().map(|r| r.name.clone()).collect();
        prop_assert_eq!(struct_wire_names(&syntax), vec![expected], "{}", model.contents);
        // One struct (with its `new`, when it has required fields, and its serde impls
        // written out);
        // const fields add one single-value enum each.
        let structs = syntax.items.iter().filter(|i| matches!(i, syn::Item::Struct(_))).count();
        let written_out_impls = syntax
            .items
            .iter()
            .filter(|i| matches!(i, syn::Item::Macro(m) if m.mac.path.segments.last().unwrap().ident == "impl_serde"))
            .count();
        let others = syntax
            .items
            .iter()
            .filter(|i| !matches!(i, syn::Item::Struct(_) | syn::Item::Enum(_) | syn::Item::Impl(_) | syn::Item::Macro(_)))
            .count();
        // A struct without fields keeps serde's derive.
        let written_out = usize::from(!json_rows.is_empty());
        prop_assert_eq!((structs, written_out_impls, others), (1, written_out, 0), "{}", model.contents);
    }
}

/// Generates a sample of well-formed nasty docs, the hostile fixture and the dialect
/// fixtures into one crate, builds it under `deny(warnings)` and documents it under
/// rustdoc's lints as errors.
#[test]
fn a_sample_of_nasty_docs_compiles() {
    let dir = tempfile::tempdir().unwrap();
    let schemas = dir.path().join("schemas");
    let mut runner =
        TestRunner::new_with_rng(RunnerConfig::default(), TestRng::deterministic_rng(RngAlgorithm::ChaCha));
    let strategy = well_formed_doc();
    for i in 0..40 {
        let doc = strategy.new_tree(&mut runner).unwrap().current();
        write_doc(&schemas, &format!("Doc{i}.md"), &doc.markdown());
    }
    // The hostile fixture's docs go in too, so that rustdoc sees them.
    copy_tree(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile/schemas"), &schemas.join("hostile"));
    let krate = Path::new(env!("CARGO_TARGET_TMPDIR")).join("nasty-sample");
    let _ = std::fs::remove_dir_all(krate.join("models"));
    mdschema::Config::new().schemas_dir(&schemas).out_dir(krate.join("models")).generate().unwrap();
    let mut lib = String::from("#![deny(warnings)]\n\npub mod models {\n    include!(\"../models/mod.rs\");\n}\n");
    // The dialect fixtures too (code blocks and long lists in descriptions), each its own module.
    for dialect in ["typescript", "python", "go", "csharp"] {
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(dialect).join("schemas");
        let _ = std::fs::remove_dir_all(krate.join(dialect));
        mdschema::Config::new().schemas_dir(&fixture).out_dir(krate.join(dialect)).generate().unwrap();
        lib.push_str(&format!("pub mod {dialect} {{\n    include!(\"../{dialect}/mod.rs\");\n}}\n"));
    }
    common::write_crate(&krate, "nasty-sample", &[("src/lib.rs", &lib)]);
    common::cargo(&krate, &["build", "--quiet"]);
    common::cargo(&krate, &["doc", "--no-deps", "--quiet"]);
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            copy_tree(&path, &to.join(entry.file_name()));
        } else if path.extension().is_some_and(|e| e == "md") {
            std::fs::copy(&path, to.join(entry.file_name())).unwrap();
        }
    }
}
