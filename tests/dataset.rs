//! The bundled dataset: valid, traceable to the seed texts, and never more
//! exact about dates than its sources.

mod common;

use briefing::model::{
    load, Briefing, ClaimStatus, DateSpec, InferenceKind, Modality, Precision, Source, Speech,
    Vocab, BUNDLED,
};
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
            let source = b.sources.iter().find(|s| *s.id == *stance.source).unwrap();
            assert!(!source.chain_text().is_empty());
            assert!(b.actors.iter().any(|a| *a.id == *stance.actor));
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
    let source = |id: &str| b.sources.iter().find(|s| &*s.id == id).unwrap();
    for event in &b.events {
        if event.sources.iter().all(|id| undated(source(id))) {
            assert_not_exact(&event.date, &event.id);
        }
        if event.date.weekday.is_some() && event.date.precision == Precision::Day
            || event.date.precision == Precision::Range
        {
            assert!(
                !event.date.inferred.is_empty(),
                "{}: a derived date needs an inferred marker saying why",
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
    let event = |id: &str| b.events.iter().find(|e| &*e.id == id).unwrap();
    for (id, shown) in [
        ("witkoff-ushakov-call", "October 2025"),
        ("ushakov-dmitriev-call", "late October 2025"),
        (
            "peskov-leak-undermines-peace",
            "a Wednesday, October 2025 or later",
        ),
        ("white-house-denies-back-channel", "Thursday, 27 July 2023"),
    ] {
        assert_eq!(event(id).date.display(), shown, "{id}");
    }
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
        used_actors.extend(e.participants.iter().map(|p| p.actor.as_ref()));
        used_sources.extend(e.sources.iter().map(|s| s.as_ref()));
    }
    for c in &b.claims {
        used_actors.extend(c.stances.iter().map(|s| s.actor.as_ref()));
        used_sources.extend(c.stances.iter().map(|s| s.source.as_ref()));
    }
    for a in &b.actors {
        assert!(used_actors.contains(&*a.id), "actor {} is never used", a.id);
    }
    for s in &b.sources {
        assert!(
            used_sources.contains(&*s.id),
            "source {} is never used",
            s.id
        );
    }
    let ushakov = b.actors.iter().find(|a| &*a.id == "yuriy-ushakov").unwrap();
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
    let tass = b
        .sources
        .iter()
        .find(|s| &*s.id == "tasr-dpa-tass")
        .unwrap();
    assert_eq!(tass.chain_text(), "TASR, citing DPA, citing TASS");
    assert_eq!(tass.origin(), "TASS");
}

fn has(date: &DateSpec, kind: InferenceKind) -> bool {
    date.inferred
        .iter()
        .any(|i| i.kind == kind && !i.reason.trim().is_empty())
}

/// Every date in the dataset, with where it is.
fn dates(b: &Briefing) -> Vec<(String, &DateSpec, &str)> {
    let mut all: Vec<(String, &DateSpec, &str)> = Vec::new();
    for e in &b.events {
        all.push((e.id.to_string(), &e.date, ""));
    }
    for c in &b.claims {
        for (i, s) in c.stances.iter().enumerate() {
            all.push((format!("{}.stances[{i}]", c.id), &s.date, s.quote.as_str()));
        }
    }
    all
}

#[test]
fn every_2025_date_says_its_year_is_inferred() {
    let (b, _) = bundled();
    let mut seen = 0;
    for (place, date, _) in dates(&b) {
        if date.value.starts_with("2025") {
            seen += 1;
            assert!(
                has(date, InferenceKind::YearFromContext),
                "{place}: the 2025 article names no year, so {} needs a year_from_context marker",
                date.display()
            );
        }
    }
    assert!(seen > 20, "the 2025 material is dated ({seen})");
    for text in [&b.meta.summary, b.meta.subtitle.as_ref().unwrap()] {
        assert!(
            text.contains("inferred"),
            "says the year is inferred: {text}"
        );
    }
    // Claim texts that name the year say it is inferred.
    for c in &b.claims {
        if c.text.contains("2025") {
            assert!(c.text.contains("inferred"), "{}: {}", c.id, c.text);
        }
    }
}

#[test]
fn every_derived_day_and_borrowed_weekday_is_marked() {
    let (b, _) = bundled();
    for (place, date, quote) in dates(&b) {
        if date.precision == Precision::Day && date.weekday.is_some() {
            assert!(
                has(date, InferenceKind::DayFromWeekday),
                "{place}: a day derived from a weekday needs day_from_weekday"
            );
        }
        // A stance's weekday that its own quote does not name came from a
        // neighbouring sentence.
        if let Some(weekday) = date.weekday {
            if !quote.is_empty() && !quote.contains(weekday.label()) {
                assert!(
                    has(date, InferenceKind::WeekdayFromContext),
                    "{place}: “{}” is not in the quote, so the weekday needs weekday_from_context",
                    weekday.label()
                );
            }
        }
    }
}

#[test]
fn inferred_source_chains_are_marked() {
    let (b, _) = bundled();
    let source = |id: &str| b.sources.iter().find(|s| &*s.id == id).unwrap();
    // A quote that names its origin, or points back to it ("the report said"),
    // states its chain; any other chain of more than one outlet is inferred and
    // says so, naming the origin it infers.
    let points_back = [
        "the report said",
        "reportedly said",
        "the former official added",
    ];
    let mut inferred = 0;
    for c in &b.claims {
        for s in &c.stances {
            let src = source(&s.source);
            let origin = src.origin().split(" (").next().unwrap();
            // A direct quote is the speaker's words alone; its sentence carries
            // the attribution (“he declared according to the TASS agency”).
            let stated = s.speech == Speech::Direct
                || s.quote.contains(origin)
                || points_back.iter().any(|p| s.quote.contains(p));
            if src.chain.len() > 1 && !stated {
                inferred += 1;
                assert!(
                    src.inferred
                        .iter()
                        .any(|i| i.kind == InferenceKind::ChainFromContext
                            && i.reason.contains(origin)),
                    "{}: “{}” does not name {origin}, so its chain must be marked inferred",
                    c.id,
                    s.quote
                );
            }
        }
    }
    assert!(
        inferred >= 5,
        "the BBC and Bloomberg sentences ({inferred})"
    );
    // TASR names DPA only once: every TASR chain marks the DPA link.
    for s in b.sources.iter().filter(|s| s.outlet == "TASR") {
        assert!(
            s.inferred.iter().any(|i| i.reason.contains("DPA")),
            "{}",
            s.id
        );
    }
}

#[test]
fn the_undated_channels_are_found_by_the_messaging_app_modality() {
    let (b, _) = bundled();
    let whatsapp: Vec<_> = b
        .events
        .iter()
        .filter(|e| e.channel.modality == Modality::MessagingApp)
        .collect();
    assert_eq!(whatsapp.len(), 1);
    assert!(whatsapp[0].date.is_undated());
    assert_eq!(whatsapp[0].date.display(), "date not given");
    let line = b
        .events
        .iter()
        .find(|e| &*e.id == "secure-telephone-line")
        .unwrap();
    assert!(line.date.is_undated());
    assert!(line.summary.contains("leaks almost never occur"));
}

#[test]
fn statuses_follow_the_rules_and_no_override_lacks_a_reason() {
    let (b, _) = bundled();
    for c in &b.claims {
        let verdict = briefing::model::rules::judge(&b, c);
        match &c.status_override {
            Some(o) => assert!(!o.reason.trim().is_empty(), "{}", c.id),
            None => assert!(
                verdict.allows(c.status),
                "{}: {}",
                c.id,
                verdict.judgement(c.status).because
            ),
        }
    }
    let status = |id: &str| b.claims.iter().find(|c| c.id == id).unwrap().status;
    // The rows of issue 11.
    assert_eq!(
        status("former-officials-held-track-1-5-talks"),
        ClaimStatus::Denied
    );
    assert_eq!(
        status("ushakov-dmitriev-discussed-plan"),
        ClaimStatus::Denied
    );
    assert_eq!(
        status("negotiations-ongoing"),
        ClaimStatus::PartiallyConfirmed
    );
}

#[test]
fn every_stance_made_in_an_event_names_it() {
    let (b, _) = bundled();
    for (id, actor) in [
        ("dmitriev-calls-quotes-fake", "kirill-dmitriev"),
        ("ushakov-tells-tass", "yuriy-ushakov"),
        ("peskov-confirms-negotiations", "dmitry-peskov"),
        ("zakharova-calls-reports-misinformation", "maria-zakharova"),
        ("white-house-denies-back-channel", "adrienne-watson"),
        ("trump-defends-witkoff", "donald-trump"),
    ] {
        let made: Vec<_> = b
            .claims
            .iter()
            .flat_map(|c| &c.stances)
            .filter(|s| s.event.as_deref() == Some(id))
            .collect();
        assert!(!made.is_empty(), "{id} has its stances");
        assert!(made.iter().all(|s| &*s.actor == actor), "{id}");
    }
    // Every statement event holds the stances made in it.
    for e in &b.events {
        if e.channel.modality == Modality::PublicStatement {
            assert!(
                b.claims
                    .iter()
                    .flat_map(|c| &c.stances)
                    .any(|s| s.event.as_deref() == Some(&*e.id)),
                "statement {} has no stance made in it",
                e.id
            );
        }
    }
}

#[test]
fn no_title_states_as_fact_what_its_claims_mark_doubtful() {
    let (b, _) = bundled();
    let title = |id: &str| {
        b.events
            .iter()
            .find(|e| &*e.id == id)
            .unwrap()
            .title
            .clone()
    };
    assert!(title("ushakov-dmitriev-call").contains("according to Bloomberg"));
    assert!(title("talks-former-us-officials-moscow").contains("reportedly"));
    assert!(!title("bloomberg-publishes-recordings").contains("publishes recordings"));
    let bloomberg = b.actors.iter().find(|a| &*a.id == "bloomberg").unwrap();
    assert!(!bloomberg.role.contains("published the recordings"));
    assert!(!b.meta.summary.contains("played the leak down"));
    assert!(!b.meta.summary.contains("written statement"));
    for id in ["moscow-times", "bloomberg", "axios"] {
        let actor = b.actors.iter().find(|a| &*a.id == id).unwrap();
        assert_ne!(
            actor.kind.key(),
            "independent_media",
            "{id}: the sources do not say so"
        );
    }
    assert!(b.actors.iter().any(|a| &*a.id == "ukraine"));
}

#[test]
fn any_status_the_stances_do_not_allow_fails_with_the_claim_and_the_rule() {
    let (b, _) = bundled();
    let value: serde_json::Value = serde_json::from_str(BUNDLED).unwrap();
    let mut tried = 0;
    for (i, claim) in b.claims.iter().enumerate() {
        let verdict = briefing::model::rules::judge(&b, claim);
        for status in ClaimStatus::ALL {
            if verdict.allows(*status) {
                continue;
            }
            tried += 1;
            let mut copy = value.clone();
            copy["claims"][i]["status"] = serde_json::json!(status.key());
            let problems = load(&copy.to_string()).expect_err("a disallowed status fails");
            let wanted = format!("claim \"{}\" is \"{}\"", claim.id, status.key());
            assert!(
                problems
                    .iter()
                    .any(|p| p.path == format!("claims[{i}].status")
                        && p.message.contains(&wanted)
                        && p.message.contains(briefing::model::rules::rule(*status))),
                "{wanted}: {problems:#?}"
            );
        }
    }
    assert!(tried > 60, "{tried} disallowed statuses tried");
}

#[test]
fn the_checker_fails_on_a_disallowed_status_and_reports_a_valid_file() {
    let dir = std::env::temp_dir().join(format!("briefing-check-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.json");
    let pretty = include_str!("../data/briefing.json");
    let text = pretty.replacen(
        "\"status\": \"denied\",\n      \"events\": [\n        \"talks-former-us-officials-moscow\"",
        "\"status\": \"alleged\",\n      \"events\": [\n        \"talks-former-us-officials-moscow\"",
        1,
    );
    assert_ne!(text, pretty, "the edit applies");
    std::fs::write(&bad, text).unwrap();
    let run = |args: &[&std::ffi::OsStr]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_briefing-check"))
            .args(args)
            .output()
            .unwrap()
    };
    let out = run(&[bad.as_os_str()]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("claim \"former-officials-held-track-1-5-talks\" is \"alleged\"")
            && stdout.contains("The rule for \"alleged\"")
            && stdout.contains("Maria Zakharova rejects it on record as a party"),
        "{stdout}"
    );
    let good = concat!(env!("CARGO_MANIFEST_DIR"), "/data/briefing.json");
    let out = run(&["--report".as_ref(), good.as_ref()]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    let (b, _) = bundled();
    for claim in &b.claims {
        assert!(
            stdout.contains(&format!("\n{}\n", claim.id)),
            "{} in the report",
            claim.id
        );
    }
    assert!(stdout.contains("status: denied (allowed by rule: denied on record by a party"));
    assert!(stdout.contains("Maria Zakharova denies (for Sergey Lavrov) [party, on record"));
    let inferences = briefing::model::report::inferences(&b).len();
    assert!(stdout.contains(&format!("Inferences ({inferences})")));
    assert!(stdout.contains(
        "source chain inferred, not stated — Only the sentence before is attributed to the BBC"
    ));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_checker_writes_a_pack_only_of_a_valid_file_and_checks_packs() {
    let dir = std::env::temp_dir().join(format!("briefing-pack-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let run = |args: &[&std::ffi::OsStr]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_briefing-check"))
            .args(args)
            .output()
            .unwrap()
    };
    let good = concat!(env!("CARGO_MANIFEST_DIR"), "/data/briefing.json");
    let pack = dir.join("briefing.pack");
    let out = run(&["--pack".as_ref(), pack.as_os_str(), good.as_ref()]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    // "…/briefing.pack: written, 38 KB (the JSON: 77 KB)"
    assert!(
        stdout.contains("briefing.pack: written, ") && stdout.contains(" KB (the JSON: "),
        "{stdout}"
    );
    let (b, _) = bundled();
    let bytes = std::fs::read(&pack).unwrap();
    assert_eq!(briefing::model::pack::read_bytes(&bytes), Ok(b));
    // A pack is checked as the page reads it.
    let out = run(&[pack.as_os_str()]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("ok (21 events"));
    std::fs::write(&pack, &bytes[..bytes.len() / 2]).unwrap();
    let out = run(&[pack.as_os_str()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("the file is cut off"));
    // A file with a problem is reported, and no pack is written.
    let bad = dir.join("bad.json");
    std::fs::write(
        &bad,
        include_str!("../data/briefing.json").replacen("\"confirmed\"", "\"rumoured\"", 1),
    )
    .unwrap();
    let unwritten = dir.join("bad.pack");
    let out = run(&["--pack".as_ref(), unwritten.as_os_str(), bad.as_os_str()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!unwritten.exists());
    // One file at a time.
    let out = run(&[
        "--pack".as_ref(),
        unwritten.as_os_str(),
        good.as_ref(),
        good.as_ref(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn print_notes_list_each_inference_once_and_cover_every_mark() {
    let (b, _) = bundled();
    let notes = briefing::model::report::inference_notes(&b);
    let all = briefing::model::report::inferences(&b);
    assert!(notes.len() < all.len(), "repeated reasons print once");
    for marked in &all {
        let i = marked.inference;
        let n = notes
            .iter()
            .filter(|x| x.kind == i.kind && x.reason == i.reason)
            .count();
        assert_eq!(n, 1, "{} has exactly one note", marked.place);
    }
}
