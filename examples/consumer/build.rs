fn main() -> Result<(), mdschema::Error> {
    mdschema::Config::new().schemas_dir("schemas").emit_rerun_if_changed(true).generate()?;
    Ok(())
}
