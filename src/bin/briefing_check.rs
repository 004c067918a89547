//! Checks a briefing dataset and prints every problem with its place and reason.
//!
//! Usage: `cargo run --bin briefing-check -- data/briefing.json [more.json...]`
//! Exits 0 when every file is valid, 1 when any has problems, 2 on usage errors.

use std::process::ExitCode;

fn main() -> ExitCode {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() || paths.iter().any(|p| p == "-h" || p == "--help") {
        eprintln!("usage: briefing-check FILE.json [FILE.json...]");
        return ExitCode::from(2);
    }
    let mut failed = false;
    for path in &paths {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) => {
                eprintln!("{path}: cannot read: {e}");
                failed = true;
                continue;
            }
        };
        match briefing::model::load(&text) {
            Ok(b) => println!(
                "{path}: ok ({} events, {} claims, {} actors, {} sources)",
                b.events.len(),
                b.claims.len(),
                b.actors.len(),
                b.sources.len()
            ),
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
