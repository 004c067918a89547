//! The synthetic dataset generator (`briefing-gen`): its output validates, is
//! reproducible from its seed, and uses the whole vocabulary of the data
//! model, so benchmarks exercise every code path the curated data does.
//!
//! The tests call the library (`briefing::gen`) that the `briefing-gen`
//! binary wraps; one test runs the binary itself for its command line.

mod common;

use briefing::model::{Briefing, Precision, Vocab};
use std::collections::HashSet;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

/// What `briefing-gen --events N --seed S` writes: compact JSON, which
/// `gen::json` has already run through the validator.
fn generate(events: usize, seed: u64) -> Vec<u8> {
    let (_, text) = briefing::gen::json(events, seed, false).unwrap_or_else(|problems| {
        panic!(
            "generated data: {} problem(s), the first: {}",
            problems.len(),
            problems[0]
        )
    });
    text.into_bytes()
}

/// Read back through the app's validator: what the benchmarks get.
fn parse(bytes: &[u8]) -> Briefing {
    common::valid("generated data", std::str::from_utf8(bytes).unwrap())
}

/// Every value of a vocabulary appears among `seen`.
fn covers<T: Vocab + std::fmt::Debug>(seen: impl IntoIterator<Item = T>) {
    let seen: Vec<T> = seen.into_iter().collect();
    let missing: Vec<&T> = T::ALL.iter().filter(|v| !seen.contains(v)).collect();
    assert!(missing.is_empty(), "{} never used: {missing:?}", T::NAME);
}

#[test]
fn a_thousand_events_validate_with_no_problems() {
    let b = parse(&generate(1000, 7));
    assert_eq!(b.events.len(), 1000);
    assert_eq!(b.actors.len(), 20, "events / 50, at least 10");
    assert!(
        (700..=900).contains(&b.claims.len()),
        "about 0.8 claims per event"
    );
}

#[test]
fn the_same_seed_gives_the_same_bytes() {
    assert!(generate(1000, 7) == generate(1000, 7));
}

#[test]
fn different_seeds_give_different_data() {
    assert!(generate(1000, 7) != generate(1000, 8));
}

#[test]
fn the_whole_vocabulary_is_used() {
    let b = parse(&generate(1000, 7));
    covers(b.actors.iter().map(|a| a.kind));
    covers(b.events.iter().map(|e| e.date.precision));
    covers(b.events.iter().map(|e| e.status));
    covers(b.events.iter().filter_map(|e| e.channel.track));
    covers(b.events.iter().map(|e| e.channel.modality));
    covers(
        b.events
            .iter()
            .flat_map(|e| e.participants.iter().map(|p| p.role)),
    );
    covers(b.claims.iter().map(|c| c.status));
    let stances = || b.claims.iter().flat_map(|c| &c.stances);
    covers(stances().map(|s| s.kind));
    covers(stances().map(|s| s.speech));

    // Aliases: accented transliterations and Cyrillic.
    let aliases: Vec<&str> = b
        .actors
        .iter()
        .flat_map(|a| a.aliases.iter().map(String::as_str))
        .collect();
    assert!(
        aliases
            .iter()
            .any(|a| a.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c))),
        "a Cyrillic alias"
    );
    assert!(
        aliases.iter().any(|a| a
            .chars()
            .any(|c| c.is_alphabetic() && !c.is_ascii() && c < '\u{0400}')),
        "an accented alias"
    );
    assert!(b
        .actors
        .iter()
        .all(|a| !a.role.is_empty() && !a.affiliation.is_empty()));

    // Sources: chains of one to three outlets, some with links and days.
    let chains: HashSet<usize> = b.sources.iter().map(|s| s.chain.len()).collect();
    assert_eq!(chains, HashSet::from([1, 2, 3]));
    assert!(b
        .sources
        .iter()
        .any(|s| s.url.as_deref().is_some_and(|u| u.starts_with("https://"))));
    assert!(b
        .sources
        .iter()
        .any(|s| s.url.as_deref().is_some_and(|u| u.starts_with("http://"))));
    assert!(b.sources.iter().any(|s| s.url.is_none()));
    assert!(
        b.sources.iter().any(|s| s.published.is_some())
            && b.sources.iter().any(|s| s.published.is_none())
    );

    // Events: weekday-only "not before" dates, secrets, 1 to 4 participants.
    assert!(b
        .events
        .iter()
        .any(|e| e.date.precision == Precision::NotBefore && e.date.weekday.is_some()));
    assert!(b
        .events
        .iter()
        .any(|e| e.date.precision == Precision::Day && e.date.weekday.is_some()));
    assert!(b.events.iter().any(|e| e.secret) && b.events.iter().any(|e| !e.secret));
    let sizes: HashSet<usize> = b.events.iter().map(|e| e.participants.len()).collect();
    assert_eq!(sizes, HashSet::from([1, 2, 3, 4]));

    // Claims: about one or two events, one to three stances, quotes short and long.
    let linked: HashSet<usize> = b.claims.iter().map(|c| c.events.len()).collect();
    assert_eq!(linked, HashSet::from([1, 2]));
    let stance_counts: HashSet<usize> = b.claims.iter().map(|c| c.stances.len()).collect();
    assert_eq!(stance_counts, HashSet::from([1, 2, 3]));
    let lengths: Vec<usize> = stances().map(|s| s.quote.chars().count()).collect();
    assert!(lengths.iter().any(|&n| n < 40) && lengths.iter().any(|&n| n > 300));

    // Ids: ^[a-z0-9][a-z0-9-]*$ and unique within each collection.
    let is_id = |id: &str| {
        id.bytes()
            .next()
            .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            && id
                .bytes()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-')
    };
    for ids in [
        b.actors.iter().map(|a| &*a.id).collect::<Vec<_>>(),
        b.sources.iter().map(|s| &*s.id).collect(),
        b.events.iter().map(|e| &*e.id).collect(),
        b.claims.iter().map(|c| &*c.id).collect(),
    ] {
        assert!(
            ids.iter().all(|id| is_id(id)),
            "bad id among {:?}",
            &ids[..3]
        );
        assert_eq!(
            ids.iter().collect::<HashSet<_>>().len(),
            ids.len(),
            "duplicate ids"
        );
    }
}

#[test]
fn the_binary_writes_what_the_library_generates() {
    static RUNS: AtomicUsize = AtomicUsize::new(0);
    let out = std::env::temp_dir().join(format!(
        "briefing-gen-test-{}-{}.json",
        std::process::id(),
        RUNS.fetch_add(1, Ordering::Relaxed)
    ));
    let result = Command::new(env!("CARGO_BIN_EXE_briefing-gen"))
        .args(["--events", "40", "--seed", "5", "--out"])
        .arg(&out)
        .output()
        .expect("briefing-gen runs");
    let bytes = std::fs::read(&out);
    let _ = std::fs::remove_file(&out);
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    assert_eq!(bytes.expect("it wrote its file"), generate(40, 5));

    let usage = Command::new(env!("CARGO_BIN_EXE_briefing-gen"))
        .args(["--events", "0"])
        .output()
        .expect("briefing-gen runs");
    assert_eq!(usage.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&usage.stderr).starts_with("usage: briefing-gen"));
}

#[test]
fn generated_actors_never_read_alike() {
    // The checker refuses distinct actors whose names read the same; the
    // generator's name lists are short, so repeats come early.
    for seed in [1, 7] {
        let b = briefing::gen::generate(2000, seed);
        let alike = briefing::model::lookalike::lookalike_actors(&b);
        assert!(
            alike.is_empty(),
            "seed {seed}: {} look-alike names, first: {}",
            alike.len(),
            alike[0]
        );
    }
}
