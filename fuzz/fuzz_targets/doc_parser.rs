//! Feeds arbitrary bytes to the doc reader as a *set* of linked docs: the input is split at
//! NUL bytes into up to 8 docs, `things/D0.md` … `things/D7.md`, so links between them
//! (`[D1](D1.md)`, to missing and to broken members) exercise resolution, cycle boxing and
//! rendering over partial model sets. Any panic is a bug; located errors are fine; code
//! that does not parse is a bug too (rendering checks it with syn).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let docs: Vec<(String, String)> = data
        .split(|&b| b == 0)
        .take(8)
        .enumerate()
        .map(|(i, bytes)| (format!("things/D{i}.md"), String::from_utf8_lossy(bytes).into_owned()))
        .collect();
    let mut config = mdschema::Config::new();
    config.schemas_dir("/nonexistent/schemas");
    match config.load_texts(docs) {
        Ok(loaded) => {
            for warning in &loaded.warnings {
                let _ = warning.to_string();
            }
            match config.render(&loaded) {
                Ok(_) => {}
                Err(mdschema::Error::Template(message)) => panic!("generated code does not parse: {message}"),
                Err(error) => {
                    let _ = error.to_string();
                }
            }
        }
        Err(error) => {
            let _ = error.to_string();
        }
    }
});
