//! Doc text: turns a doc's description or example into doc-comment lines that rustdoc and
//! clippy accept and that cannot become code.
//!
//! A doc comment is markdown, and markdown in a doc comment can run: a fenced or indented
//! code block is a doctest. So fences and indentation are neutralised, HTML-looking text is
//! escaped (`<token>`), bare URLs become autolinks, and examples go into code spans or
//! `text` blocks. The lines become `///` comments, and [`visible`] leaves no character in
//! them that ends a comment, so no text can leave its comment.

/// Spells out the characters rustc refuses in comments (bidirectional overrides, which can
/// make code read differently from how it compiles) and control characters.
pub fn visible(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for c in line.chars() {
        match c {
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}' => {
                out.push_str(&format!("U+{:04X}", c as u32))
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Doc-comment lines for a description: paragraphs separated by empty lines, and lines
/// that start with a bullet (`- `, `* `, `+ `, `• `) or a number (`1. `) kept as the items
/// of a markdown list.
pub fn description(text: &str) -> Vec<String> {
    let mut lines = Vec::new();
    // The kind of list the previous line was an item of (bullets `-`, numbers `.`).
    let mut list: Option<char> = None;
    for paragraph in split_breaks(text) {
        let item = list_item(&paragraph);
        let kind = item.as_ref().and_then(|(marker, _)| marker.chars().last());
        if !lines.is_empty() && (kind.is_none() || kind != list) {
            lines.push(String::new());
        }
        list = kind;
        lines.push(match item {
            Some((marker, rest)) => format!("{marker} {}", escape_line(rest)),
            None => escape_line(&paragraph),
        });
    }
    lines
}

/// A list item's marker as rustdoc will print it, and its text.
fn list_item(line: &str) -> Option<(String, &str)> {
    for bullet in ["- ", "* ", "+ ", "• "] {
        if let Some(rest) = line.strip_prefix(bullet) {
            return Some(("-".to_string(), rest.trim_start()));
        }
    }
    // Numbers as lists write them (`1. `), up to three digits (`2024. ` is prose).
    let digits = ordered_list_marker(line).filter(|d| *d <= 3)?;
    let rest = line[digits..].strip_prefix(". ")?;
    Some((format!("{}.", &line[..digits]), rest.trim_start()))
}

/// Doc-comment lines for an example value: a JSON object or array pretty-printed in a
/// `json` block (which rustdoc shows but never runs), other multi-line text in a `text`
/// block, anything else in a code span.
pub fn example(text: &str) -> Vec<String> {
    let value = breaks_to_newlines(&crate::markdown::unescape(text));
    if let Some(pretty) = pretty_json(&value) {
        return block("json", &pretty);
    }
    let lines: Vec<&str> = value.lines().collect();
    if lines.len() <= 1 {
        let value = lines.first().map_or("", |l| l.trim());
        return vec![format!("Example: {}", code_span(value))];
    }
    block("text", &value)
}

/// `text` in a fenced block longer than any run of backticks in it.
fn block(language: &str, text: &str) -> Vec<String> {
    let fence = "`".repeat(longest_run(text, '`').max(2) + 1);
    let mut out = vec!["Example:".to_string(), String::new(), format!("{fence}{language}")];
    out.extend(text.lines().map(|l| l.trim_end().chars().map(|c| if c.is_control() { ' ' } else { c }).collect()));
    out.push(fence);
    out
}

/// A JSON object or array, re-indented with its keys in the doc's order; `None` when the
/// text is not one.
fn pretty_json(text: &str) -> Option<String> {
    let text = text.trim();
    if !text.starts_with(['{', '[']) {
        return None;
    }
    let mut reader = serde_json::Deserializer::from_str(text);
    let mut pretty = Vec::new();
    serde_transcode::transcode(&mut reader, &mut serde_json::Serializer::pretty(&mut pretty)).ok()?;
    reader.end().ok()?;
    String::from_utf8(pretty).ok()
}

const BREAK_TAGS: [&str; 6] = ["<br/>", "<br />", "<br>", "<BR/>", "<BR />", "<BR>"];

/// `a<br/>b` → `a\nb`: the docs write line breaks in table cells as `<br/>` tags.
fn breaks_to_newlines(text: &str) -> String {
    // Most cells hold no tag: one scan instead of six searches and copies.
    if !text.contains('<') {
        return text.to_string();
    }
    BREAK_TAGS.iter().fold(text.to_string(), |t, tag| t.replace(tag, "\n"))
}

/// Splits on `<br/>` tags and newlines into trimmed, non-empty paragraphs.
fn split_breaks(text: &str) -> Vec<String> {
    let text = breaks_to_newlines(text);
    text.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect()
}

/// Escapes one paragraph line so that rustdoc renders it as text.
fn escape_line(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len() + 8);
    let mut i = 0;
    if matches!(chars.first(), Some('#' | '>' | '-' | '+' | '=' | '|' | '~')) {
        out.push('\\');
    }
    // `1. x` would be a list item: the backslash goes before the `.`, where it is an escape.
    if let Some(digits) = ordered_list_marker(line) {
        out.extend(&chars[..digits]);
        out.push('\\');
        i = digits;
    }
    while i < chars.len() {
        let c = chars[i];
        match c {
            '`' => {
                let run = run_length(&chars, i, '`');
                match find_closing_run(&chars, i + run, run) {
                    Some(close) => {
                        out.extend(&chars[i..close + run]);
                        i = close + run;
                    }
                    None => {
                        for _ in 0..run {
                            out.push_str("\\`");
                        }
                        i += run;
                    }
                }
                continue;
            }
            '[' => {
                if let Some(end) = link_end(&chars, i) {
                    out.extend(&chars[i..end]);
                    i = end;
                    continue;
                }
                out.push_str("\\[");
            }
            ']' => out.push_str("\\]"),
            '<' => out.push_str("\\<"),
            '>' => out.push_str("\\>"),
            '\\' if i + 1 == chars.len() => out.push_str("\\\\"),
            'h' if starts_url(&chars[i..]) && !after_link_open(&chars, i) => {
                let end = (i..chars.len())
                    .find(|&j| chars[j].is_whitespace() || matches!(chars[j], '<' | '>' | '"' | '`'))
                    .unwrap_or(chars.len());
                let end = trim_url_punctuation(&chars, i, end);
                out.push('<');
                out.extend(&chars[i..end]);
                out.push('>');
                i = end;
                continue;
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
        i += 1;
    }
    out
}

/// The number of digits of an ordered list marker (`12.` or `3)` then a space or the end)
/// that the line starts with.
fn ordered_list_marker(line: &str) -> Option<usize> {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let mut after = line[digits..].chars();
    let marker = digits > 0 && matches!(after.next(), Some('.' | ')')) && after.next().is_none_or(|c| c == ' ');
    marker.then_some(digits)
}

fn run_length(chars: &[char], at: usize, c: char) -> usize {
    chars[at..].iter().take_while(|&&x| x == c).count()
}

fn longest_run(text: &str, c: char) -> usize {
    text.split(|x| x != c).map(str::len).max().unwrap_or(0)
}

fn find_closing_run(chars: &[char], from: usize, run: usize) -> Option<usize> {
    let mut i = from;
    while i < chars.len() {
        if chars[i] == '`' {
            let len = run_length(chars, i, '`');
            if len == run {
                return Some(i);
            }
            i += len;
        } else {
            i += 1;
        }
    }
    None
}

/// The end of an inline link `[text](destination)` starting at `at`, when the destination
/// is a URL or path rustdoc will not mistake for an item path.
fn link_end(chars: &[char], at: usize) -> Option<usize> {
    let close = (at + 1..chars.len()).find(|&j| chars[j] == ']')?;
    if chars[at + 1..close].iter().any(|&c| matches!(c, '[' | '<' | '>' | '`')) || chars.get(close + 1) != Some(&'(') {
        return None;
    }
    let end = (close + 2..chars.len()).find(|&j| chars[j] == ')')?;
    let destination: String = chars[close + 2..end].iter().collect();
    let safe = !destination.is_empty()
        && !destination.contains(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '(' | '`'))
        && (destination.contains("://") || destination.starts_with(['#', '/']) || destination.contains('/'));
    safe.then_some(end + 1)
}

fn starts_url(chars: &[char]) -> bool {
    let head: String = chars.iter().take(8).collect();
    head.starts_with("http://") || head.starts_with("https://")
}

fn after_link_open(chars: &[char], at: usize) -> bool {
    at >= 2 && chars[at - 1] == '(' && chars[at - 2] == ']'
}

fn trim_url_punctuation(chars: &[char], start: usize, mut end: usize) -> usize {
    while end > start && matches!(chars[end - 1], '.' | ',' | ';' | ':' | ')' | '!' | '?' | '\'') {
        end -= 1;
    }
    end
}

/// A code span holding `value` verbatim, whatever backticks it contains.
pub fn code_span(value: &str) -> String {
    if value.is_empty() {
        return "(empty)".to_string();
    }
    let fence = "`".repeat(longest_run(value, '`') + 1);
    let pad = if value.starts_with('`') || value.ends_with('`') { " " } else { "" };
    let value: String = value.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    format!("{fence}{pad}{value}{pad}{fence}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions() {
        let cases: &[(&str, &[&str])] = &[
            ("Access token", &["Access token"]),
            ("a<br/>b<br /><br />c", &["a", "", "b", "", "c"]),
            ("Bearer <token> here", &["Bearer \\<token\\> here"]),
            ("see `a<b>` and `unclosed", &["see `a<b>` and \\`unclosed"]),
            (
                "[Connection state flow](#section/Connection-state)",
                &["[Connection state flow](#section/Connection-state)"],
            ),
            ("[docs](https://x.io/a) ok", &["[docs](https://x.io/a) ok"]),
            ("use line_items[].tax_type", &["use line_items\\[\\].tax_type"]),
            ("[Foo](Foo) intra", &["\\[Foo\\](Foo) intra"]),
            ("visit https://x.io/a.", &["visit <https://x.io/a>."]),
            ("```rust", &["\\`\\`\\`rust"]),
            ("    indented code", &["indented code"]),
            ("# Heading", &["\\# Heading"]),
            ("1. item", &["1. item"]),
            ("2024.5 rate", &["2024.5 rate"]),
            ("1234. not a list", &["1234\\. not a list"]),
            ("3) also", &["3\\) also"]),
            ("- item<br/>lazy", &["- item", "", "lazy"]),
            ("-1 means none", &["\\-1 means none"]),
            (
                "Types:<br/>- `a` one<br/>* # two<br/><br/>1. first<br/>2. [x]<br/>after",
                &["Types:", "", "- `a` one", "- \\# two", "", "1. first", "2. \\[x\\]", "", "after"],
            ),
            ("ends in \\", &["ends in \\\\"]),
            ("tab\tand\u{1b}esc", &["tab and esc"]),
            ("*/ \"]#[x] */", &["*/ \"\\]#\\[x\\] */"]),
        ];
        for (text, lines) in cases {
            assert_eq!(description(text), *lines, "{text}");
        }
    }

    #[test]
    fn bidi_and_control_characters_become_visible() {
        assert_eq!(visible("a\u{202e}b\u{2066}c\u{0}d"), "aU+202EbU+2066c d");
    }

    #[test]
    fn examples() {
        let cases: &[(&str, &[&str])] = &[
            ("3600", &["Example: `3600`"]),
            ("a`b", &["Example: ``a`b``"]),
            ("`x`", &["Example: `` `x` ``"]),
            ("Bearer <token>", &["Example: `Bearer <token>`"]),
            ("a\\|b", &["Example: `a|b`"]),
            (
                "{<br/>\"b\": 1, \"a\": [1,<br/>2]<br/>}",
                &["Example:", "", "```json", "{", "  \"b\": 1,", "  \"a\": [", "    1,", "    2", "  ]", "}", "```"],
            ),
            ("{\"s\": \"```\"}", &["Example:", "", "````json", "{", "  \"s\": \"```\"", "}", "````"]),
            ("{<br/>not json<br/>}", &["Example:", "", "```text", "{", "not json", "}", "```"]),
            ("[1, 2] trailing", &["Example: `[1, 2] trailing`"]),
            ("{}", &["Example:", "", "```json", "{}", "```"]),
        ];
        for (text, lines) in cases {
            assert_eq!(example(text), *lines, "{text}");
        }
    }
}
