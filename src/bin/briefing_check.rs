//! Checks a briefing dataset and prints every problem with its place and reason.
//!
//! Usage: `cargo run --bin briefing-check -- [--report] data/briefing.json [more.json...]`
//! With `--report`, a valid file is followed by the curator's report: each
//! claim's status, the rule that allows it (or the override) and its stances,
//! then every inference. `--pack OUT` (one file) also writes its compact
//! form, what a page reads fastest (`model::pack`), once the file passes.
//! A pack given as FILE is checked as the page reads it. Exits 0 when every
//! file is valid, 1 when any has problems, 2 on usage errors.

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let report = args.iter().any(|a| a == "--report");
    args.retain(|a| a != "--report");
    let pack_to = match args.iter().position(|a| a == "--pack") {
        Some(at) if at + 1 < args.len() => {
            let out = args.remove(at + 1);
            args.remove(at);
            Some(out)
        }
        Some(_) => Some(String::new()),
        None => None,
    };
    if args.is_empty()
        || pack_to
            .as_ref()
            .is_some_and(|out| out.is_empty() || args.len() != 1)
        || args
            .iter()
            .any(|p| p == "-h" || p == "--help" || p.starts_with("--"))
    {
        eprintln!("usage: briefing-check [--report] FILE.json [FILE.json...]\n       briefing-check [--report] --pack OUT.pack FILE.json\n(FILE may also be a pack, checked as the page reads it)");
        return ExitCode::from(2);
    }
    let mut failed = false;
    for path in &args {
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) => {
                eprintln!("{path}: cannot read: {e}");
                failed = true;
                continue;
            }
        };
        // The page accepts look-alike names; a curator should not.
        let read = if briefing::model::pack::is_pack(&bytes) {
            briefing::model::pack::read_bytes(&bytes)
        } else {
            briefing::model::load_bytes(&bytes)
        };
        let checked = read.and_then(|b| {
            let lookalikes = briefing::model::lookalike::lookalike_actors(&b);
            if lookalikes.is_empty() {
                Ok(b)
            } else {
                Err(lookalikes)
            }
        });
        match checked {
            Ok(b) => {
                let inferences = briefing::model::report::inferences(&b);
                println!(
                    "{path}: ok ({} events, {} claims, {} actors, {} sources; {} inference(s) marked{})",
                    b.events.len(),
                    b.claims.len(),
                    b.actors.len(),
                    b.sources.len(),
                    inferences.len(),
                    if report || inferences.is_empty() {
                        ""
                    } else {
                        ", listed by --report"
                    }
                );
                let overrides = b.claims.iter().filter(|c| c.status_override.is_some());
                for claim in overrides {
                    println!(
                        "  note: claims[{}] keeps \"{}\" by the curator's override",
                        claim.id,
                        briefing::model::Vocab::key(claim.status)
                    );
                }
                if let Some(out) = &pack_to {
                    let written = briefing::model::pack::write(&b)
                        .map_err(|e| e.to_string())
                        .and_then(|pack| {
                            std::fs::write(out, &pack).map_err(|e| e.to_string())?;
                            Ok(pack.len())
                        });
                    match written {
                        Ok(n) => println!(
                            "{out}: written, {} (the JSON: {})",
                            briefing::model::decode::size_words(n as u64),
                            briefing::model::decode::size_words(bytes.len() as u64)
                        ),
                        Err(e) => {
                            eprintln!("{out}: cannot write: {e}");
                            failed = true;
                        }
                    }
                }
                if report {
                    println!("\n{}", briefing::model::report::report(&b));
                }
            }
            Err(problems) => {
                failed = true;
                println!("{path}: {} problem(s)", problems.len());
                for problem in problems {
                    println!("  {problem}");
                }
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
