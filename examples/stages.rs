//! Times each pipeline stage over a schemas folder: `cargo run --release --example stages -- DIR`.
fn main() {
    let dir = std::env::args().nth(1).expect("usage: stages SCHEMAS_DIR");
    let config_dir = std::env::temp_dir().join("mdschema-stages");
    std::fs::create_dir_all(&config_dir).unwrap();
    let config_file = config_dir.join("mdschema.toml");
    std::fs::write(&config_file, "wire_case = \"snake_case\"\nexclude = []\n").unwrap();
    let out = std::env::temp_dir().join("mdschema-stages-out");
    let _ = std::fs::remove_dir_all(&out);
    let mut config = mdschema::Config::new();
    config.schemas_dir(&dir).config_file(&config_file).out_dir(&out);
    let t = std::time::Instant::now();
    let loaded = config.load().unwrap();
    eprintln!("load (read, parse, IR, resolve): {:?}", t.elapsed());
    let t = std::time::Instant::now();
    let files = config.render(&loaded).unwrap();
    eprintln!("view + render + format ({} files): {:?}", files.len(), t.elapsed());
    let t = std::time::Instant::now();
    let mut n = 0;
    for f in &files {
        n += syn::parse_file(&f.contents).unwrap().items.len();
    }
    eprintln!("syn parse alone (sequential): {:?} ({n} items)", t.elapsed());
    let t = std::time::Instant::now();
    for f in &files {
        let _ = prettyplease::unparse(&syn::parse_file(&f.contents).unwrap());
    }
    eprintln!("syn + prettyplease (sequential): {:?}", t.elapsed());
    let t = std::time::Instant::now();
    let report = config.generate().unwrap();
    eprintln!("generate into a fresh folder ({} files written): {:?}", report.changes.written.len(), t.elapsed());
    let t = std::time::Instant::now();
    let report = config.generate().unwrap();
    eprintln!("generate over unchanged output ({} unchanged): {:?}", report.changes.unchanged.len(), t.elapsed());
}
