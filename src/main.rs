//! The `mdschema` command: a thin layer over [`mdschema::Config`].

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "mdschema", version, about = "Generate Rust serde models from SDK markdown model docs")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generate the models (writes only files that changed).
    #[command(after_help = "Example:\n  mdschema generate schemas --out generated")]
    Generate {
        /// The folder of docs.
        #[arg(default_value = "schemas")]
        schemas: PathBuf,
        /// The output folder.
        #[arg(long, default_value = "generated")]
        out: PathBuf,
    },
    /// Check that the output folder is up to date; writes nothing. Exit 1 with a diff when stale.
    #[command(after_help = "Example:\n  mdschema check schemas --out generated")]
    Check {
        /// The folder of docs.
        #[arg(default_value = "schemas")]
        schemas: PathBuf,
        /// The output folder.
        #[arg(long, default_value = "generated")]
        out: PathBuf,
    },
    /// Print the schema IR as JSON.
    #[command(after_help = "Example:\n  mdschema ir schemas > schema.json")]
    Ir {
        /// The folder of docs.
        #[arg(default_value = "schemas")]
        schemas: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("{error}");
            ExitCode::from(2)
        }
    }
}

fn print_warnings(warnings: &[mdschema::Diagnostic]) {
    for warning in warnings {
        eprintln!("warning: {warning}");
    }
}

fn run(command: Command) -> Result<ExitCode, mdschema::Error> {
    match command {
        Command::Generate { schemas, out } => {
            let started = std::time::Instant::now();
            let report = mdschema::Config::new().schemas_dir(schemas).out_dir(out).generate()?;
            print_warnings(&report.warnings);
            let c = &report.changes;
            eprintln!(
                "generated {} models from {} docs in {} ms: {} written, {} unchanged, {} removed",
                report.models,
                report.docs,
                started.elapsed().as_millis(),
                c.written.len(),
                c.unchanged.len(),
                c.removed.len()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Check { schemas, out } => {
            let report = mdschema::Config::new().schemas_dir(schemas).out_dir(&out).check()?;
            print_warnings(&report.warnings);
            if report.changes.is_up_to_date() {
                eprintln!("{} is up to date ({} files)", out.display(), report.changes.unchanged.len());
                Ok(ExitCode::SUCCESS)
            } else {
                print!("{}", report.changes.diff);
                eprintln!(
                    "{} is stale: {} files would be written, {} removed; run `mdschema generate`",
                    out.display(),
                    report.changes.written.len(),
                    report.changes.removed.len()
                );
                Ok(ExitCode::from(1))
            }
        }
        Command::Ir { schemas } => {
            let loaded = mdschema::Config::new().schemas_dir(schemas).load()?;
            print_warnings(&loaded.warnings);
            let json = serde_json::to_string_pretty(&loaded.schema).expect("the IR always serializes");
            println!("{json}");
            Ok(ExitCode::SUCCESS)
        }
    }
}
