//! The `mdschema` command: a thin layer over [`mdschema::Config`].

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

// The system allocator was a third of a fresh run's samples (many small strings and
// token trees); the command picks its own, the library leaves the choice to its users.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "mdschema",
    version,
    about = "Generate Rust serde models from the markdown model docs that SDK generators publish",
    after_help = "Examples:\n  mdschema generate schemas --out generated\n  mdschema generate java/models typescript/models python/models --out generated\n  mdschema check\n  mdschema ir schemas > schema.json\n\nExit codes: 0 ok, 1 `check` found stale output, 2 an error (every problem is listed)."
)]
struct Cli {
    /// Print nothing but errors.
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// Also list every file written, removed or out of date.
    #[arg(long, short, global = true)]
    verbose: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Args)]
struct Inputs {
    /// The folder of docs [default: the config's `sources`, else `schemas`]; several folders
    /// (one API's docs in several dialects) are merged, the first giving the layout.
    schemas: Vec<PathBuf>,
    /// With several folders: make their conflicts errors (for CI) instead of warnings.
    #[arg(long)]
    deny_conflicts: bool,
    /// Generate every doc that can be read: one that cannot becomes an any-JSON type, its
    /// problems warnings (`unreadable-doc`), and the exit code 0.
    #[arg(long)]
    keep_going: bool,
    /// The config file [default: SCHEMAS/mdschema.toml, if present].
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// A folder of templates; a file named like a built-in template replaces it.
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
    /// The doc dialect (default: decided per doc, or the config's `dialect`).
    #[arg(long, value_parser = clap::builder::PossibleValuesParser::new(mdschema::dialect_names()))]
    dialect: Option<String>,
}

#[derive(Subcommand)]
enum Command {
    /// Generate the models; writes only files whose content changed and removes files it
    /// wrote earlier whose doc is gone.
    #[command(
        after_help = "Examples:\n  mdschema generate\n  mdschema generate docs/models --out src/models --config mdschema.toml"
    )]
    Generate {
        #[command(flatten)]
        inputs: Inputs,
        /// The output folder.
        #[arg(long, default_value = "generated")]
        out: PathBuf,
        /// Write the whole tree as nested inline modules in this one file of the output
        /// folder (for build scripts: `include!(concat!(env!("OUT_DIR"), "/models.rs"))`).
        #[arg(long, value_name = "NAME")]
        single_file: Option<String>,
    },
    /// Check that the output folder is up to date; writes nothing. Exits 1 with a unified
    /// diff on stdout when it is stale.
    #[command(after_help = "Examples:\n  mdschema check\n  mdschema check docs/models --out src/models")]
    Check {
        #[command(flatten)]
        inputs: Inputs,
        /// The output folder.
        #[arg(long, default_value = "generated")]
        out: PathBuf,
        /// Write the whole tree as nested inline modules in this one file of the output
        /// folder (for build scripts: `include!(concat!(env!("OUT_DIR"), "/models.rs"))`).
        #[arg(long, value_name = "NAME")]
        single_file: Option<String>,
    },
    /// Write the schema as one JSON Schema document (draft 2020-12): every model under
    /// `$defs`, keyed by its module path.
    #[command(after_help = "Examples:\n  mdschema schema\n  mdschema schema docs/models --out schema.json")]
    Schema {
        #[command(flatten)]
        inputs: Inputs,
        /// The file to write [default: standard output].
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Print the schema IR (the contract between the reading and generating stages) as JSON.
    #[command(after_help = "Examples:\n  mdschema ir\n  mdschema ir docs/models > schema.json")]
    Ir {
        #[command(flatten)]
        inputs: Inputs,
    },
}

/// Where messages go and how they look.
struct Ui {
    quiet: bool,
    verbose: bool,
    styled: bool,
}

impl Ui {
    fn warnings(&self, warnings: &[mdschema::Diagnostic]) {
        if !self.quiet {
            for block in mdschema::render_warnings(warnings, self.verbose, self.styled) {
                eprintln!("{block}");
            }
        }
    }

    fn note(&self, message: &str) {
        if !self.quiet {
            eprintln!("{message}");
        }
    }

    fn files(&self, label: &str, files: &[String]) {
        if self.verbose {
            for file in files {
                eprintln!("  {label} {file}");
            }
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let ui = Ui { quiet: cli.quiet, verbose: cli.verbose, styled: std::io::stderr().is_terminal() && !no_color };
    match run(cli.command, &ui) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("{}", error.render(ui.styled));
            ExitCode::from(2)
        }
    }
}

fn config(inputs: Inputs) -> mdschema::Config {
    let mut config = mdschema::Config::new();
    if !inputs.schemas.is_empty() {
        config.schemas_dirs(inputs.schemas);
    }
    config.deny_conflicts(inputs.deny_conflicts);
    if inputs.keep_going {
        config.keep_going(true);
    }
    if let Some(file) = inputs.config {
        config.config_file(file);
    }
    if let Some(dir) = inputs.templates {
        config.templates_dir(dir);
    }
    if let Some(dialect) = inputs.dialect {
        config.dialect(dialect);
    }
    config
}

fn run(command: Command, ui: &Ui) -> Result<ExitCode, mdschema::Error> {
    match command {
        Command::Generate { inputs, out, single_file } => {
            let started = std::time::Instant::now();
            let mut config = config(inputs);
            if let Some(name) = single_file {
                config.single_file(name);
            }
            let report = config.out_dir(out).generate()?;
            ui.warnings(&report.warnings);
            let c = &report.changes;
            ui.files("wrote", &c.written);
            ui.files("removed", &c.removed);
            ui.note(&format!(
                "generated {} models from {} docs in {} ms: {} written, {} unchanged, {} removed{}",
                report.models,
                report.docs,
                started.elapsed().as_millis(),
                c.written.len(),
                c.unchanged.len(),
                c.removed.len(),
                if report.reused { " (no input changed)" } else { "" }
            ));
            Ok(ExitCode::SUCCESS)
        }
        Command::Check { inputs, out, single_file } => {
            let mut config = config(inputs);
            if let Some(name) = single_file {
                config.single_file(name);
            }
            let report = config.out_dir(&out).check()?;
            ui.warnings(&report.warnings);
            let c = &report.changes;
            if c.is_up_to_date() {
                ui.note(&format!("{} is up to date ({} files)", out.display(), c.unchanged.len()));
                return Ok(ExitCode::SUCCESS);
            }
            print!("{}", c.diff);
            ui.files("stale", &c.written);
            ui.files("would remove", &c.removed);
            ui.note(&format!(
                "{} is stale: {} files would be written, {} removed{}; run `mdschema generate`",
                out.display(),
                c.written.len(),
                c.removed.len(),
                if c.manifest_changed { ", the manifest rewritten" } else { "" }
            ));
            Ok(ExitCode::from(1))
        }
        Command::Schema { inputs, out } => {
            let config = config(inputs);
            let loaded = config.load()?;
            ui.warnings(&loaded.warnings);
            let text = config.json_schema(&loaded)?;
            match out {
                Some(path) => std::fs::write(&path, text).map_err(|e| mdschema::Error::io(&path, e))?,
                None => print!("{text}"),
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Ir { inputs } => {
            let loaded = config(inputs).load()?;
            ui.warnings(&loaded.warnings);
            let json =
                serde_json::to_string_pretty(&loaded.schema).expect("the IR is plain data and always serializes");
            println!("{json}");
            Ok(ExitCode::SUCCESS)
        }
    }
}
