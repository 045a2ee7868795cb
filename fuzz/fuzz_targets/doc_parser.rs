//! Feeds arbitrary bytes to the doc reader: markdown, the Java type grammar, lowering,
//! resolution and rendering. Any panic is a bug; errors are fine.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mdschema::config::Rules;
use mdschema::source::SourceFile;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let rules = Rules::default();
    let file = SourceFile::new("things/Doc.md", "things/Doc.md", text.to_string());
    let lowered = mdschema::lower::lower(&file, &rules);
    for warning in &lowered.warnings {
        let _ = warning.to_string();
    }
    let model = match lowered.model {
        Ok(model) => model,
        Err(errors) => {
            for error in errors {
                let _ = error.to_string();
            }
            return;
        }
    };
    let ids = std::iter::once(model.id.clone()).collect();
    let files = std::iter::once((file.rel_path.as_str(), &file)).collect();
    match mdschema::resolve::resolve(vec![model], &ids, &files) {
        Ok(schema) => {
            let templates = mdschema::render::Templates::load(None).unwrap();
            let views = mdschema::view::build(&schema, &rules);
            // Code that does not parse is a bug too: render() parses it with syn.
            templates.render_all(&views).expect("generated code parses");
        }
        Err(errors) => {
            for error in errors {
                let _ = error.to_string();
            }
        }
    }
});
