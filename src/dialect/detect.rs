//! Which dialect each doc is written in, decided from its Type column: the dialect that
//! reads the most of its Type cells wins. Docs that name no typed field (enums, unions),
//! ties between dialects that read a doc equally well, and docs no dialect reads take the
//! folder's majority (else the whole set's). A doc no dialect reads, in a set that says
//! nothing either, is an error that says what to set.

use std::collections::HashMap;

use rayon::prelude::*;

use super::{DIALECTS, Dialect, Family};
use crate::diag::Diagnostic;
use crate::markdown::DocTables;
use crate::source::{SourceFile, Span};

/// The dialect of every doc, in order; `forced` skips detection. A doc whose Type column
/// no dialect reads is an error at its first field.
pub fn detect(
    docs: &[(&SourceFile, &DocTables)],
    forced: Option<&'static dyn Dialect>,
    custom: &(dyn Fn(&str) -> bool + Sync),
) -> Vec<Result<&'static dyn Dialect, Diagnostic>> {
    if let Some(dialect) = forced {
        return docs.iter().map(|_| Ok(dialect)).collect();
    }
    // Each doc's vote is its own; only the tally needs them all.
    let votes: Vec<Vote> = docs.par_iter().map(|(_, tables)| vote(tables, custom)).collect();
    let mut majority: HashMap<&str, HashMap<usize, usize>> = HashMap::new();
    // A doc that only one dialect reads best counts ten times a doc that several read
    // equally well (a doc of links and strings reads in every dialect).
    for ((file, _), vote) in docs.iter().zip(&votes) {
        if let Vote::Read(candidates) = vote {
            let weight = if candidates.len() == 1 { 10 } else { 1 };
            for &candidate in candidates {
                *majority.entry(folder(file)).or_default().entry(candidate).or_default() += weight;
            }
        }
    }
    let overall = tally(majority.values().flat_map(|m| m.iter().map(|(&d, &n)| (d, n))));
    docs.iter()
        .zip(votes)
        .map(|((file, _), vote)| {
            let folder_choice = majority.get(folder(file)).and_then(|m| tally(m.iter().map(|(&d, &n)| (d, n))));
            let preferred = folder_choice.or(overall);
            match vote {
                Vote::Read(candidates) => {
                    let chosen = preferred.filter(|p| candidates.contains(p)).unwrap_or(candidates[0]);
                    Ok(DIALECTS[chosen])
                }
                Vote::NoTypes(family) => Ok(DIALECTS[of_family(preferred, family)]),
                // Other docs tell the dialect: this one's cells are then reported as its errors.
                Vote::Unreadable(..) if preferred.is_some() => Ok(DIALECTS[preferred.unwrap_or(0)]),
                Vote::Unreadable(span, cell) => {
                    let shown: String = cell.chars().take(40).collect();
                    let ellipsis = if shown.len() < cell.len() { "…" } else { "" };
                    let default = DIALECTS[0];
                    let first_problem = super::parse_type(default, &cell, custom).err().map_or(String::new(), |e| {
                        format!("; read as {} docs (the default), its first problem is: {}", default.name(), e.message)
                    });
                    Err(Diagnostic::at(
                        file,
                        span,
                        format!("no doc dialect reads this doc's Type column (first cell `{shown}{ellipsis}`), so mdschema cannot tell which SDK's docs these are"),
                    )
                    .with_help(format!(
                        "set `dialect = \"java\"` in mdschema.toml (or pass `--dialect`); the dialects are {}{first_problem}",
                        super::names().join(", ")
                    )))
                }
            }
        })
        .collect()
}

/// What a doc's Type column says about its dialect.
enum Vote {
    /// These dialects (indexes into [`DIALECTS`], best first) read the most cells.
    Read(Vec<usize>),
    /// The doc has no typed field.
    NoTypes(Option<Family>),
    /// No dialect reads any of its cells; the first cell and where it is.
    Unreadable(Span, String),
}

/// `preferred` if it is of `family` (when the doc's skeleton says one), else the family's
/// first dialect.
fn of_family(preferred: Option<usize>, family: Option<Family>) -> usize {
    let fits = |i: usize| family.is_none_or(|f| DIALECTS[i].family() == f);
    match preferred.filter(|&i| fits(i)) {
        Some(i) => i,
        None => (0..DIALECTS.len()).find(|&i| fits(i)).unwrap_or(0),
    }
}

fn vote(tables: &DocTables, custom: &dyn Fn(&str) -> bool) -> Vote {
    let family = Family::of(tables);
    if family == Some(Family::OpenApiGenerator) {
        return openapi_vote(tables, custom);
    }
    // Speakeasy's docs, or docs whose skeleton says neither (Java's union docs: a title).
    let speakeasy = |i: &usize| DIALECTS[*i].family() == Family::Speakeasy;
    if let Some(values) = tables.sections.iter().find(|s| s.heading.text.eq_ignore_ascii_case("Values")) {
        // Enum values written other than as a table (TypeScript's code block) name their
        // dialect: the ones that read them that way.
        if values.tables.is_empty() {
            let readers: Vec<usize> =
                (0..DIALECTS.len()).filter(speakeasy).filter(|&i| DIALECTS[i].enum_values(values).is_some()).collect();
            if !readers.is_empty() {
                return Vote::Read(readers);
            }
        }
    }
    if let Some(union) = tables.sections.iter().find(|s| s.heading.text.eq_ignore_ascii_case("Supported Types")) {
        // A union's members name their dialect: the ones that find and read the most.
        let title = tables.title.as_ref().map_or("", |t| t.text);
        let scores: Vec<usize> = DIALECTS
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let members =
                    if speakeasy(&i) { d.union_members(union, title).unwrap_or_default() } else { Vec::new() };
                members.iter().filter(|m| super::parse_type(*d, &m.text, custom).is_ok()).count()
            })
            .collect();
        let best = scores.iter().copied().max().unwrap_or(0);
        if best > 0 {
            return Vote::Read((0..DIALECTS.len()).filter(|&i| scores[i] == best).collect());
        }
    }
    let cells = type_cells(tables, "Fields");
    let Some(first) = cells.first() else { return Vote::NoTypes(family) };
    // The syntax is the same in every dialect: parse each cell once, then ask each dialect
    // whether it gives the tree a meaning.
    let trees: Vec<_> = cells.iter().filter_map(|(cell, _)| super::syntax::parse(cell, "").ok()).collect();
    let scores: Vec<usize> = DIALECTS
        .iter()
        .enumerate()
        .map(
            |(i, d)| if speakeasy(&i) { trees.iter().filter(|tree| super::reads(*d, tree, custom)).count() } else { 0 },
        )
        .collect();
    let best = scores.iter().copied().max().unwrap_or(0);
    if best == 0 {
        return Vote::Unreadable(first.1, first.0.to_string());
    }
    Vote::Read((0..DIALECTS.len()).filter(|&i| scores[i] == best).collect())
}

/// An openapi-generator doc's vote: the family's dialects that read the most Type cells of
/// its `## Properties` table, narrowed to those that claim the doc by a mark of their own
/// (Ruby's `Vendor::` title, Go's `## Methods`) when any does.
fn openapi_vote(tables: &DocTables, custom: &dyn Fn(&str) -> bool) -> Vote {
    let family: Vec<usize> =
        (0..DIALECTS.len()).filter(|&i| DIALECTS[i].family() == Family::OpenApiGenerator).collect();
    let claimants: Vec<usize> = family.iter().copied().filter(|&i| DIALECTS[i].claims(tables)).collect();
    let cells = type_cells(tables, "Properties");
    let readers: Vec<usize> = if cells.is_empty() {
        family.clone()
    } else {
        let scores: Vec<(usize, usize)> = family
            .iter()
            .map(|&i| {
                (i, cells.iter().filter(|(cell, _)| super::parse_type(DIALECTS[i], cell, custom).is_ok()).count())
            })
            .collect();
        let best = scores.iter().map(|(_, n)| *n).max().unwrap_or(0);
        if best == 0 {
            let (cell, span) = cells[0];
            return Vote::Unreadable(span, cell.to_string());
        }
        scores.into_iter().filter(|(_, n)| *n == best).map(|(i, _)| i).collect()
    };
    let claimed: Vec<usize> = readers.iter().copied().filter(|i| claimants.contains(i)).collect();
    match (claimed.is_empty(), cells.is_empty()) {
        (false, _) => Vote::Read(claimed),
        (true, true) => Vote::NoTypes(Some(Family::OpenApiGenerator)),
        (true, false) => Vote::Read(readers),
    }
}

/// The Type cells of the doc's `## <section>` table.
fn type_cells<'a>(tables: &'a DocTables<'a>, section: &str) -> Vec<(&'a str, Span)> {
    let Some(table) =
        tables.sections.iter().find(|s| s.heading.text.eq_ignore_ascii_case(section)).and_then(|s| s.tables.first())
    else {
        return Vec::new();
    };
    let Some(column) = table.header.iter().position(|h| h.text.eq_ignore_ascii_case("Type")) else {
        return Vec::new();
    };
    table.rows.iter().filter_map(|row| row.cells.get(column)).map(|c| (c.text.as_ref(), c.span)).collect()
}

/// The dialect with the most votes; ties go to the earlier dialect.
fn tally(votes: impl Iterator<Item = (usize, usize)>) -> Option<usize> {
    let mut totals = vec![0; DIALECTS.len()];
    for (dialect, n) in votes {
        totals[dialect] += n;
    }
    let best = totals.iter().copied().max().filter(|&n| n > 0)?;
    totals.iter().position(|&n| n == best)
}

fn folder(file: &SourceFile) -> &str {
    file.rel_path.rsplit_once('/').map_or("", |(folder, _)| folder)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detect_docs(docs: &[(&str, &str)]) -> Vec<Result<&'static str, String>> {
        let files: Vec<SourceFile> =
            docs.iter().map(|(path, text)| SourceFile::new(*path, *path, text.to_string())).collect();
        let tables: Vec<DocTables> = files.iter().map(|f| crate::markdown::parse(&f.text)).collect();
        let pairs: Vec<(&SourceFile, &DocTables)> = files.iter().zip(&tables).collect();
        detect(&pairs, None, &|_| false).into_iter().map(|r| r.map(|d| d.name()).map_err(|e| e.message)).collect()
    }

    fn doc(types: &[&str]) -> String {
        let mut text = "# T\n\n## Fields\n\n| Field | Type | Required |\n| - | - | - |\n".to_string();
        for ty in types {
            text.push_str(&format!("| `f` | {ty} | :heavy_check_mark: |\n"));
        }
        text
    }

    #[test]
    fn each_dialect_is_told_by_its_type_column() {
        let cases: &[(&[&str], &str)] = &[
            (&["*Optional\\<String>*", "*JsonNullable\\<Long>*"], "java"),
            (&["*String*"], "java"),
            (&["*string*", "[components.M](m.md)[]", "Record<string, *any*>"], "typescript"),
            (&["*number*"], "typescript"),
            (&["*Optional[str]*", "[OptionalNullable[models.M]](../models/m.md)"], "python"),
            (&["*str*"], "python"),
            (&["`*string`", "[*components.M](m.md)"], "go"),
            (&["`int64`"], "go"),
            (&["Dictionary<String, *object*>", "*long*"], "csharp"),
            (&["*object*"], "csharp"),
        ];
        for (types, expected) in cases {
            assert_eq!(detect_docs(&[("a/T.md", &doc(types))]), [Ok(*expected)], "{types:?}");
        }
    }

    #[test]
    fn untyped_and_tied_docs_take_the_folders_majority() {
        let enum_doc = "# E\n\n## Values\n\n| Name | Value |\n| - | - |\n| `A` | a |\n";
        let ts_enum = "# E\n\n## Values\n\n```typescript\n\"a\" | \"b\"\n```\n";
        let docs = [
            ("c/A.md", doc(&["`*string`"])),
            ("c/B.md", doc(&["`int64`", "[][components.M](m.md)"])),
            // `[M](m.md)` alone reads in every dialect: the folder says Go.
            ("c/C.md", doc(&["[M](m.md)"])),
            ("c/E.md", enum_doc.to_string()),
            ("t/E.md", ts_enum.to_string()),
        ];
        let docs: Vec<(&str, &str)> = docs.iter().map(|(p, t)| (*p, t.as_str())).collect();
        let chosen = detect_docs(&docs);
        assert_eq!(chosen, [Ok("go"), Ok("go"), Ok("go"), Ok("go"), Ok("typescript")]);
    }

    #[test]
    fn union_docs_are_told_by_their_members() {
        let union = |member: &str| format!("# U\n\n## Supported Types\n\n{member}\n");
        let cases = [
            ("### `Dict[str, models.M]`\n\n```python\nvalue: Dict[str, models.M] = /* values here */\n```", "python"),
            ("### `{ [k: string]: any }`\n\n```typescript\nconst value: { [k: string]: any } = {};\n```", "typescript"),
            ("### \n\n```go\nu := components.CreateUStr(string{/* values here */})\n```", "go"),
        ];
        for (member, expected) in cases {
            assert_eq!(detect_docs(&[("a/U.md", &union(member))]), [Ok(expected)], "{member}");
        }
        // C# names members only, and `Integer` is also a Java type: the folder decides.
        let csharp = union("### Integer\n\n```csharp\nU.CreateInteger(/* values here */);\n```");
        let docs = [("c/T.md", doc(&["*long*", "List<*string*>"])), ("c/U.md", csharp)];
        let docs: Vec<(&str, &str)> = docs.iter().map(|(p, t)| (*p, t.as_str())).collect();
        assert_eq!(detect_docs(&docs), [Ok("csharp"), Ok("csharp")]);
    }

    #[test]
    fn a_doc_no_dialect_reads_is_an_error_saying_what_to_set() {
        let chosen = detect_docs(&[("a/T.md", &doc(&["%%%", "*Frob*"]))]);
        let message = chosen[0].as_ref().unwrap_err();
        assert!(message.contains("no doc dialect reads this doc's Type column (first cell `%%%`)"), "{message}");
    }
}
