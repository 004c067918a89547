//! The bundled dataset: valid, traceable to the seed texts, and never more
//! exact about dates than its sources.

mod common;

use briefing::model::{DateSpec, Precision, Source, Vocab};
use common::bundled;
use std::collections::HashSet;

/// Folds whitespace and quotation marks only, as the issue allows.
fn normalise(text: &str) -> String {
    let quotes = ['"', '\'', '“', '”', '„', '‟', '‘', '’', '‚', '«', '»'];
    let mapped: String = text
        .chars()
        .map(|c| if quotes.contains(&c) { '"' } else { c })
        .collect();
    mapped.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn seeds() -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/seeds");
    let mut all = String::new();
    for entry in std::fs::read_dir(dir).expect("seed fixtures") {
        all.push_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap());
        all.push('\n');
    }
    normalise(&all)
}

#[test]
fn the_bundled_dataset_validates() {
    let (b, _) = bundled();
    assert!(b.events.len() >= 15, "both articles are curated");
    assert!(b.claims.len() >= 15);
}

#[test]
fn every_quote_appears_verbatim_in_the_seed_texts() {
    let seeds = seeds();
    let (b, _) = bundled();
    let mut missing = Vec::new();
    for claim in &b.claims {
        for stance in &claim.stances {
            if !seeds.contains(&normalise(&stance.quote)) {
                missing.push(format!("{}: {}", claim.id, stance.quote));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "quotes not found verbatim in the seeds:\n{}",
        missing.join("\n")
    );
}

#[test]
fn the_quote_check_can_fail() {
    // Guard against a normalisation so loose that anything matches.
    let seeds = seeds();
    assert!(!seeds.contains(&normalise("The United States has requested a back channel")));
    assert!(seeds.contains(&normalise("No one is allowed to publish it. No one")));
}

#[test]
fn every_claim_is_traceable_to_a_speaker_a_quote_and_a_source_chain() {
    let (b, _) = bundled();
    for claim in &b.claims {
        assert!(!claim.stances.is_empty(), "{} has no stance", claim.id);
        for stance in &claim.stances {
            let source = b.sources.iter().find(|s| s.id == stance.source).unwrap();
            assert!(!source.chain_text().is_empty());
            assert!(b.actors.iter().any(|a| a.id == stance.actor));
        }
    }
}

fn undated(source: &Source) -> bool {
    source.published.is_none()
}

/// Where every source lacks a publication date, a weekday cannot be turned into a day.
fn assert_not_exact(date: &DateSpec, what: &str) {
    assert!(
        !matches!(
            date.precision,
            Precision::Day | Precision::Week | Precision::Range
        ),
        "{what} is dated to {:?} ({}) but its sources carry no publication date",
        date.precision,
        date.display()
    );
}

#[test]
fn no_date_is_more_exact_than_its_sources() {
    let (b, _) = bundled();
    let source = |id: &str| b.sources.iter().find(|s| s.id == id).unwrap();
    for event in &b.events {
        if event.sources.iter().all(|id| undated(source(id))) {
            assert_not_exact(&event.date, &event.id);
        }
        if event.date.weekday.is_some() || event.date.precision == Precision::Range {
            assert!(
                event.note.is_some(),
                "{}: a derived date needs a note saying why",
                event.id
            );
        }
    }
    for claim in &b.claims {
        for stance in &claim.stances {
            if undated(source(&stance.source)) {
                assert_not_exact(&stance.date, &format!("a stance on {}", claim.id));
            }
        }
    }
}

#[test]
fn the_undated_2025_statements_read_as_the_source_allows() {
    let (b, _) = bundled();
    let event = |id: &str| b.events.iter().find(|e| e.id == id).unwrap();
    assert_eq!(event("witkoff-ushakov-call").date.display(), "October 2025");
    assert_eq!(
        event("ushakov-dmitriev-call").date.display(),
        "late October 2025"
    );
    assert_eq!(
        event("peskov-leak-undermines-peace").date.display(),
        "a Wednesday, October 2025 or later"
    );
    assert_eq!(
        event("white-house-denies-back-channel").date.display(),
        "Thursday, 27 July 2023"
    );
    assert_eq!(
        event("witkoff-putin-moscow-planned").status.label(),
        "planned"
    );
}

#[test]
fn every_actor_and_source_is_used_and_ushakov_is_found_by_any_spelling() {
    let (b, _) = bundled();
    let mut used_actors: HashSet<&str> = HashSet::new();
    let mut used_sources: HashSet<&str> = HashSet::new();
    for e in &b.events {
        used_actors.extend(e.participants.iter().map(|p| p.actor.as_str()));
        used_sources.extend(e.sources.iter().map(String::as_str));
    }
    for c in &b.claims {
        used_actors.extend(c.stances.iter().map(|s| s.actor.as_str()));
        used_sources.extend(c.stances.iter().map(|s| s.source.as_str()));
    }
    for a in &b.actors {
        assert!(
            used_actors.contains(a.id.as_str()),
            "actor {} is never used",
            a.id
        );
    }
    for s in &b.sources {
        assert!(
            used_sources.contains(s.id.as_str()),
            "source {} is never used",
            s.id
        );
    }
    let ushakov = b.actors.iter().find(|a| a.id == "yuriy-ushakov").unwrap();
    for spelling in ["Ushakov", "Ušakov", "Ушаков"] {
        assert!(
            ushakov.aliases.iter().any(|a| a == spelling),
            "missing alias {spelling}"
        );
    }
}

#[test]
fn source_chains_read_as_reported() {
    let (b, _) = bundled();
    let tass = b.sources.iter().find(|s| s.id == "tasr-dpa-tass").unwrap();
    assert_eq!(tass.chain_text(), "TASR, citing DPA, citing TASS");
    assert_eq!(tass.origin(), "TASS");
}
