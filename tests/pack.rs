//! The compact form (`model::pack`): what `briefing-check --pack` writes and
//! the page reads. It reads back as the very briefing it was written from,
//! is smaller than the JSON, and refuses a broken or hostile pack at its
//! first problem, in words, with the place. (The property tests hold it to
//! `load` on thousands of edited and damaged datasets.)

mod common;

use briefing::model::{load, pack, Briefing, Problem, BUNDLED};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn minimal() -> Briefing {
    common::valid("minimal.json", &fixture("minimal.json"))
}

/// The one problem a pack is refused with.
fn refused(bytes: &[u8]) -> Problem {
    let mut problems = pack::read_bytes(bytes).expect_err("the pack must be refused");
    assert_eq!(problems.len(), 1, "{problems:?}");
    problems.remove(0)
}

#[test]
fn a_pack_reads_back_as_the_briefing_it_was_written_from() {
    for (what, text, smaller) in [
        ("the bundled briefing", BUNDLED.to_string(), true),
        ("minimal.json", fixture("minimal.json"), true),
        // Mostly long text, which is as long in either form.
        ("hostile.json", fixture("hostile.json"), false),
        (
            "2,000 generated events",
            briefing::gen::json(2_000, 7, false).unwrap().1,
            true,
        ),
    ] {
        let b = common::valid(what, &text);
        let bytes = pack::write(&b).unwrap();
        assert!(pack::is_pack(&bytes));
        assert_eq!(pack::read_bytes(&bytes).as_ref(), Ok(&b), "{what}");
        // In parts of any size, as the page copies them in.
        for size in [1, 7, 4096] {
            let mut parts = bytes.chunks(size);
            let read = pack::read(|buf| parts.next().map(|p| buf.extend_from_slice(p)).is_some());
            assert_eq!(read.as_ref(), Ok(&b), "{what} in parts of {size} bytes");
        }
        // No keys, no punctuation, references as positions.
        assert!(
            !smaller || bytes.len() * 10 < text.len() * 7,
            "{what}: the pack is {} bytes, the JSON {}",
            bytes.len(),
            text.len()
        );
    }
}

#[test]
fn json_is_never_taken_for_a_pack() {
    assert!(!pack::is_pack(BUNDLED.as_bytes()));
    assert!(!pack::is_pack(b""));
    let p = refused(BUNDLED.as_bytes());
    assert!(p.message.contains("not a briefing pack"), "{p}");
}

#[test]
fn a_cut_or_lengthened_pack_is_refused_in_words() {
    let bytes = pack::write(&minimal()).unwrap();
    for cut in (0..bytes.len()).step_by(3) {
        let p = refused(&bytes[..cut]);
        assert!(
            p.message.contains("cut off") || p.message.contains("not a briefing pack"),
            "cut at {cut}: {p}"
        );
    }
    let mut longer = bytes.clone();
    longer.push(0);
    assert!(refused(&longer)
        .message
        .contains("goes on after its last claim"));
}

#[test]
fn another_layout_is_refused_with_what_to_do() {
    let mut bytes = pack::write(&minimal()).unwrap();
    bytes[pack::MAGIC.len()] = 2;
    let p = refused(&bytes);
    assert!(
        p.message.contains("layout 2") && p.message.contains("--pack"),
        "{p}"
    );
}

#[test]
fn counts_lengths_and_positions_are_bounded() {
    let bytes = pack::write(&minimal()).unwrap();
    let find = |needle: &[u8]| {
        bytes
            .windows(needle.len())
            .position(|w| w == needle)
            .unwrap()
    };
    // The actors' count stands before the first actor's id ("alice").
    let actors = find(b"\x05alice") - 1;
    assert_eq!(bytes[actors], 2);
    let with = |at: usize, replace: usize, by: &[u8]| {
        let mut b = bytes[..at].to_vec();
        b.extend_from_slice(by);
        b.extend_from_slice(&bytes[at + replace..]);
        b
    };
    // A million actors, announced by three bytes: refused before reading on.
    let p = refused(&with(actors, 1, &[0xc0, 0x84, 0x3d]));
    assert_eq!(p.path, "actors");
    assert!(
        p.message.contains("1000000 entries, more than the 200000"),
        "{p}"
    );
    // A number longer than 64 bits.
    let p = refused(&with(actors, 1, &[0xff; 11]));
    assert!(p.message.contains("too large"), "{p}");
    // A name of 4 GB announced.
    let name = find(b"\x05Alice");
    let p = refused(&with(name, 1, &[0x80, 0x80, 0x80, 0x80, 0x10]));
    assert_eq!(p.path, "actors[0].name");
    assert!(p.message.contains("more than the 1000 characters"), "{p}");
    // The first participant names actor 9 of 2.
    let participant = find(b"\x0fAlice calls Bob") + 16;
    let event_bytes = &bytes[participant..];
    // precision, value (new shared text), part, end, weekday, inferred,
    // status, track, modality, secret, count: then the first position.
    let date_len = 1 + 1 + 1 + 1 + 7 + 1 + 1 + 1 + 1;
    let at = participant + date_len + 4 + 1;
    assert_eq!(event_bytes[date_len + 4], 2, "the participants' count");
    let p = refused(&with(at, 1, &[9]));
    assert_eq!(p.path, "events[0].participants[0].actor");
    assert!(
        p.message
            .contains("holds 9, which is no position among the 2 entries"),
        "{p}"
    );
}

#[test]
fn what_load_refuses_in_a_value_a_pack_refuses_too() {
    type Edit = fn(&mut Briefing);
    let cases: [(&str, Edit, &str, &str); 6] = [
        (
            "a script URL",
            |b| b.sources[0].url = Some("javascript:alert(1)".into()),
            "sources[0].url",
            "not an http(s) URL",
        ),
        (
            "a direction override in a name",
            |b| b.actors[0].name = "Ali\u{202e}ce".into(),
            "actors[0].name",
            "text-direction",
        ),
        (
            "a blank title",
            |b| b.events[0].title = "  ".into(),
            "events[0].title",
            "must not be empty",
        ),
        (
            "an id with capitals",
            |b| b.claims[0].id = "They-Spoke".into(),
            "claims[0].id",
            "not an id",
        ),
        (
            "a stance on behalf of its own actor",
            |b| b.claims[0].stances[0].on_behalf_of = Some(b.claims[0].stances[0].actor.clone()),
            "claims[0].stances[0].on_behalf_of",
            "own actor",
        ),
        (
            "a day that does not exist",
            |b| b.claims[0].stances[1].date.value = "2025-02-30".into(),
            "claims[0].stances[1].date.value",
            "",
        ),
    ];
    for (what, edit, path, words) in cases {
        let mut b = minimal();
        edit(&mut b);
        assert!(
            load(&serde_json::to_string(&b).unwrap()).is_err(),
            "{what}: load accepts it"
        );
        let p = refused(&pack::write(&b).unwrap());
        assert_eq!(p.path, path, "{what}: {p}");
        assert!(p.message.contains(words), "{what}: {p}");
    }
    // A status its stances do not allow: every such claim is listed.
    let mut b = minimal();
    b.claims[0].status = briefing::model::ClaimStatus::Denied;
    let problems = pack::read_bytes(&pack::write(&b).unwrap()).unwrap_err();
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].path, "claims[0].status");
    assert!(problems[0]
        .message
        .contains("which its stances do not allow"));
    // A reference to nothing cannot be written.
    let mut b = minimal();
    b.events[0].sources[0] = "nowhere".into();
    assert!(pack::write(&b).unwrap_err().contains("\"nowhere\""));
}

/// A date is checked once per distinct date (by its shared texts and its
/// fields), never taken for another date that shares its text: the same
/// day with another weekday, or as another precision, is still refused.
#[test]
fn a_date_that_shares_its_text_with_a_valid_one_is_still_checked() {
    use briefing::model::{Precision, Weekday};
    type Edit = fn(&mut DateSpec);
    use briefing::model::DateSpec;
    let cases: [(&str, Edit, &str); 2] = [
        (
            "another weekday",
            |d| d.weekday = Some(Weekday::Monday),
            "claims[0].stances[1].date.weekday",
        ),
        (
            "another precision",
            |d| d.precision = Precision::Month,
            "claims[0].stances[1].date.value",
        ),
    ];
    for (what, edit, path) in cases {
        let mut b = minimal();
        let day = DateSpec {
            weekday: Some(Weekday::Wednesday),
            ..DateSpec::new(Precision::Day, "2025-10-08")
        };
        b.claims[0].stances[0].date = day.clone();
        let mut other = day;
        edit(&mut other);
        b.claims[0].stances[1].date = other;
        let p = refused(&pack::write(&b).unwrap());
        assert_eq!(p.path, path, "{what}: {p}");
        // Both valid: read back as written.
        b.claims[0].stances[1].date = b.claims[0].stances[0].date.clone();
        assert_eq!(pack::read_bytes(&pack::write(&b).unwrap()), Ok(b), "{what}");
    }
}

#[test]
fn a_number_that_does_not_fit_is_refused_not_cut() {
    // The version, 1, written as ten bytes whose last holds more than the
    // 64th bit: 1 + 2^64, which a reader that drops the lost bits reads as 1.
    let mut bytes = pack::MAGIC.to_vec();
    bytes.extend_from_slice(&[0x81, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x02]);
    bytes.extend_from_slice(&pack::write(&minimal()).unwrap()[pack::MAGIC.len() + 1..]);
    assert!(refused(&bytes).message.contains("too large"));
}

#[test]
fn parts_that_bring_nothing_end_the_file() {
    let bytes = pack::write(&minimal()).unwrap();
    // The whole pack, then empty parts for ever: read, and the reading ends.
    let mut given = false;
    let read = pack::read(|buf| {
        if !given {
            buf.extend_from_slice(&bytes);
            given = true;
        }
        true
    });
    assert_eq!(read, Ok(minimal()));
    // Half of it, then empty parts for ever: cut off, and the reading ends.
    let mut given = false;
    let problems = pack::read(|buf| {
        if !given {
            buf.extend_from_slice(&bytes[..bytes.len() / 2]);
            given = true;
        }
        true
    })
    .unwrap_err();
    assert!(problems[0].message.contains("cut off"));
}

#[test]
fn a_problem_in_a_list_names_its_entry() {
    type Edit = fn(&mut Briefing);
    let cases: [(Edit, &str); 4] = [
        (
            |b| b.actors[1].aliases = vec!["Bobby".into(), "Bo\u{200b}b".into()],
            "actors[1].aliases[1]",
        ),
        (
            |b| b.sources[0].chain.push(" ".into()),
            "sources[0].chain[1]",
        ),
        (
            |b| {
                b.sources[0].inferred = vec![briefing::model::Inference {
                    kind: briefing::model::InferenceKind::ChainFromContext,
                    reason: "\t".into(),
                }]
            },
            "sources[0].inferred[0].reason",
        ),
        (
            |b| {
                b.claims[0].stances[1].date.inferred = vec![briefing::model::Inference {
                    kind: briefing::model::InferenceKind::WeekdayFromContext,
                    reason: "The report says Thursday".into(),
                }]
            },
            "claims[0].stances[1].date.inferred[0].kind",
        ),
    ];
    for (edit, path) in cases {
        let mut b = minimal();
        edit(&mut b);
        let json = load(&serde_json::to_string(&b).unwrap()).unwrap_err();
        assert_eq!(json[0].path, path, "load names it so");
        assert_eq!(refused(&pack::write(&b).unwrap()).path, path);
    }
}

/// The page bundles `data/briefing.pack`: it must be the pack of
/// `data/briefing.json` as it stands, or the page shows other data than the
/// file curators edit and the checker passes.
#[test]
fn the_bundled_pack_is_the_bundled_json_packed() {
    let json = load(briefing::model::BUNDLED).expect("data/briefing.json is valid");
    let packed = pack::write(&json).unwrap();
    assert!(
        packed == briefing::model::BUNDLED_PACK,
        "data/briefing.pack is not the pack of data/briefing.json: run `make pack`"
    );
    assert_eq!(
        pack::read_bytes(briefing::model::BUNDLED_PACK).unwrap(),
        json
    );
}
