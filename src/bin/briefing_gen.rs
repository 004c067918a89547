//! Writes a deterministic synthetic briefing for benchmarks and scale tests.
//!
//! Usage: `briefing-gen --events N [--seed S] [--out FILE] [--pretty]`
//!
//! A thin wrapper: the data comes from `briefing::gen` (see there).

use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (mut events, mut seed, mut out, mut pretty) = (1000usize, 7u64, None, false);
    let mut i = 0;
    while i < args.len() {
        let value = args.get(i + 1).map(String::as_str);
        match (args[i].as_str(), value) {
            ("--events", Some(v)) if v.parse::<usize>().is_ok_and(|n| n > 0) => {
                events = v.parse().unwrap()
            }
            ("--seed", Some(v)) if v.parse::<u64>().is_ok() => seed = v.parse().unwrap(),
            ("--out", Some(v)) => out = Some(v.to_string()),
            ("--pretty", _) => {
                pretty = true;
                i += 1;
                continue;
            }
            _ => {
                eprintln!("usage: briefing-gen --events N [--seed S] [--out FILE] [--pretty]\n(N > 0; without --out the JSON goes to stdout)");
                return ExitCode::from(2);
            }
        }
        i += 2;
    }

    let started = std::time::Instant::now();
    // The guarantee benchmarks rely on: the app's own validator accepts it.
    let (briefing, text) = match briefing::gen::json(events, seed, pretty) {
        Ok(generated) => generated,
        Err(problems) => {
            eprintln!("briefing-gen: generated data is invalid (a generator bug):");
            for p in problems.iter().take(20) {
                eprintln!("  {p}");
            }
            return ExitCode::FAILURE;
        }
    };
    let written = match &out {
        Some(path) => {
            let path = std::path::Path::new(path);
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                let _ = std::fs::create_dir_all(dir);
            }
            std::fs::write(path, &text)
        }
        None => std::io::stdout().write_all(text.as_bytes()),
    };
    if let Err(e) = written {
        eprintln!("briefing-gen: cannot write: {e}");
        return ExitCode::FAILURE;
    }
    eprintln!(
        "briefing-gen: {} events, {} claims, {} actors, {} sources, {} bytes, seed {seed} ({} ms)",
        briefing.events.len(),
        briefing.claims.len(),
        briefing.actors.len(),
        briefing.sources.len(),
        text.len(),
        started.elapsed().as_millis()
    );
    ExitCode::SUCCESS
}
