//! The reading views' logic on the bundled dataset: card order, claims of a
//! view, "who says what", citations, CSV and JSON downloads, counted words.

use briefing::model::{
    load, Briefing, Channel, ClaimStatus, Day, Inference, InferenceKind, Modality, Source,
    StatusOverride, Track, Vocab, BUNDLED,
};
use briefing::query::{Facet, Index, ViewState};
use briefing::report;

fn setup() -> (Briefing, Index) {
    let b = load(BUNDLED).unwrap();
    let index = Index::new(&b);
    (b, index)
}

fn with(facet: Facet, keys: &[&str]) -> ViewState {
    let mut state = ViewState::default();
    for key in keys {
        state.set(facet, key, true);
    }
    state
}

fn claim_ids(b: &Briefing, claims: impl IntoIterator<Item = usize>) -> Vec<String> {
    claims.into_iter().map(|c| b.claims[c].id.clone()).collect()
}

#[test]
fn counted_words_agree_with_their_number() {
    assert_eq!(report::count(1, "event", "events"), "1 event");
    assert_eq!(report::count(0, "event", "events"), "0 events");
    assert_eq!(report::count(17, "event", "events"), "17 events");
    assert_eq!(report::count(12_500, "event", "events"), "12,500 events");
    for (n, text) in [
        (0, "0"),
        (999, "999"),
        (1000, "1,000"),
        (100_000, "100,000"),
        (1_234_567, "1,234,567"),
    ] {
        assert_eq!(report::grouped(n), text);
    }
    // The noun alone, beside a number shown apart (the filters' counts).
    assert_eq!(report::noun(1, "event", "events"), "event");
    assert_eq!(report::noun(0, "event", "events"), "events");
}

#[test]
fn the_active_filters_read_in_words() {
    let (_, index) = setup();
    assert!(report::filter_words(&index, &ViewState::default()).is_empty());
    let mut state = with(Facet::Actor, &["yuriy-ushakov", "kirill-dmitriev"]);
    state.set(Facet::Status, "denied", true);
    // A key the data does not have reads as itself.
    state.set(Facet::Channel, "carrier_pigeon", true);
    state.search = "  call ".into();
    state.from = Day::parse("2025-10-01");
    assert_eq!(
        report::filter_words(&index, &state),
        [
            ("Actor", "Kirill Dmitriev or Yuriy Ushakov".to_string()),
            ("Channel", "carrier_pigeon".to_string()),
            ("Claim status", "denied".to_string()),
            ("Search", "“call”".to_string()),
            ("Date range", "1 October 2025 to the end".to_string()),
        ]
    );
    state = ViewState {
        to: Day::parse("2023-07-28"),
        ..ViewState::default()
    };
    assert_eq!(
        report::filter_words(&index, &state),
        [("Date range", "the beginning to 28 July 2023".to_string())]
    );
}

#[test]
fn sources_channels_and_the_as_of_date_read_in_words() {
    let mut source = Source {
        id: "s".into(),
        outlet: "TASR".into(),
        chain: vec!["DPA".into(), "TASS".into()],
        title: Some("Talks".into()),
        author: Some("A. Author".into()),
        published: Some("2023-07-28".into()),
        language: "en".into(),
        url: None,
        note: None,
        inferred: Vec::new(),
    };
    assert_eq!(
        report::source_line(&source),
        "TASR, citing DPA, citing TASS — “Talks”, by A. Author — published 2023-07-28"
    );
    (source.chain, source.title, source.author, source.published) = (vec![], None, None, None);
    assert_eq!(
        report::source_line(&source),
        "TASR — publication date not given"
    );
    let mut channel = Channel {
        track: Some(Track::Track1_5),
        modality: Modality::PhoneCall,
    };
    assert_eq!(report::channel_words(&channel), "Phone call · Track 1.5");
    channel = Channel {
        track: None,
        modality: Modality::Publication,
    };
    assert_eq!(report::channel_words(&channel), "Publication");
    assert_eq!(report::as_of_words("2025-11-01"), "1 November 2025");
    assert_eq!(report::as_of_words("autumn 2025"), "autumn 2025");
}

#[test]
fn inferences_and_the_curators_judgement_read_in_words() {
    let why = |kind, reason: &str| Inference {
        kind,
        reason: reason.into(),
    };
    let inferred = [
        why(InferenceKind::DayFromWeekday, "Said “on Wednesday”."),
        why(InferenceKind::ChainFromContext, "The wire is named later."),
    ];
    assert_eq!(
        report::inference_words(&inferred[0]),
        "Day derived from a weekday and the publication date: Said “on Wednesday”."
    );
    assert_eq!(
        report::inferences_words(&inferred),
        "Day derived from a weekday and the publication date: Said “on Wednesday”. \
         · Source chain inferred, not stated: The wire is named later."
    );
    assert_eq!(report::inferences_words(&[]), "");
    let (b, _) = setup();
    let mut claim = b.claims[0].clone();
    claim.status_override = None;
    assert_eq!(report::judgement_words(&claim), None);
    claim.status = ClaimStatus::Confirmed;
    claim.status_override = Some(StatusOverride {
        reason: "Confirmed off the record.".into(),
    });
    assert_eq!(
        report::judgement_words(&claim).as_deref(),
        Some("“confirmed” is kept against the status rules. Confirmed off the record.")
    );
}

#[test]
fn the_embed_code_frames_this_view_and_loads_the_host_script_beside_it() {
    assert_eq!(
        report::embed_code(
            "https://wiki.example/briefing/index.html",
            "The \"back channel\"",
            "?status=denied&embed=1"
        ),
        "<iframe src=\"https://wiki.example/briefing/index.html?status=denied&amp;embed=1\" \
         title=\"The &quot;back channel&quot;\" data-briefing-viewer width=\"100%\" height=\"600\" \
         style=\"border:0;display:block\" loading=\"lazy\"></iframe>\n\
         <script src=\"https://wiki.example/briefing/embed-host.js\" async></script>"
    );
    let bare = report::embed_code("https://wiki.example/", "T", "?embed=1");
    assert!(
        bare.contains("src=\"https://wiki.example/?embed=1\""),
        "{bare}"
    );
    assert!(
        bare.contains("src=\"https://wiki.example/embed-host.js\""),
        "{bare}"
    );
}

#[test]
fn a_download_is_named_after_the_title() {
    assert_eq!(
        report::file_stem("Witkoff–Ushakov calls: 2025"),
        "witkoff-ushakov-calls-2025"
    );
    assert_eq!(report::file_stem("  Ušakov's   line "), "ušakov-s-line");
    assert_eq!(report::file_stem("— ? —"), "briefing");
}

#[test]
fn a_card_puts_the_claims_matching_the_filters_first() {
    let (b, index) = setup();
    let bloomberg = index.position_of("bloomberg-publishes-recordings").unwrap();
    let plain = report::card_claims(&b, &index, bloomberg, &ViewState::default());
    assert!(
        plain.iter().all(|&(_, m)| !m),
        "no filter, nothing is singled out"
    );
    assert_eq!(
        plain.iter().map(|&(c, _)| c).collect::<Vec<_>>(),
        index.claims[bloomberg],
        "no filter: the data's order"
    );
    let denied = report::card_claims(&b, &index, bloomberg, &with(Facet::Status, &["denied"]));
    assert_eq!(b.claims[denied[0].0].id, "ushakov-dmitriev-discussed-plan");
    assert!(denied[0].1 && denied[1..].iter().all(|&(_, m)| !m));
    // A stance kind with an actor: Dmitriev disputes authenticity.
    let mut state = with(Facet::Stance, &["disputes_authenticity"]);
    state.set(Facet::Actor, "kirill-dmitriev", true);
    let disputes = report::card_claims(&b, &index, bloomberg, &state);
    assert_eq!(
        b.claims[disputes[0].0].id,
        "ushakov-dmitriev-discussed-plan"
    );
    assert_eq!(
        disputes.len(),
        index.claims[bloomberg].len(),
        "nothing is dropped"
    );
}

#[test]
fn the_stance_filter_finds_every_denial() {
    let (b, index) = setup();
    let state = with(Facet::Stance, &["denies"]);
    let outcome = index.query(&state);
    assert!(!outcome.matches.is_empty());
    let claims = report::view_claims(&b, &index, &outcome.matches, &state);
    let mut speakers: Vec<&str> = claims
        .iter()
        .flat_map(|&c| {
            report::view_stances(&b, c, &state)
                .into_iter()
                .map(move |s| (c, s))
        })
        .map(|(c, s)| {
            let stance = &b.claims[c].stances[s];
            assert_eq!(stance.kind.key(), "denies");
            stance.actor.as_ref()
        })
        .collect();
    speakers.sort();
    speakers.dedup();
    assert_eq!(speakers, ["adrienne-watson", "maria-zakharova"]);
    // Every denial in the data is in the view.
    let all = b
        .claims
        .iter()
        .flat_map(|c| &c.stances)
        .filter(|s| s.kind.key() == "denies")
        .count();
    let shown: usize = claims
        .iter()
        .map(|&c| report::view_stances(&b, c, &state).len())
        .sum();
    assert_eq!(shown, all);
}

#[test]
fn who_says_what_has_one_row_per_claim_and_a_column_per_speaker() {
    let (b, index) = setup();
    let all = index.query(&ViewState::default());
    let table = report::who_says_what(&b, &index, &all.matches, &ViewState::default(), 1000, None);
    assert_eq!(table.rows.len(), b.claims.len(), "each claim once");
    assert_eq!(
        (table.claims, table.speakers),
        (b.claims.len(), table.actors.len())
    );
    let stances: usize = table.rows.iter().flat_map(|r| &r.cells).map(Vec::len).sum();
    assert_eq!(
        stances,
        b.claims.iter().map(|c| c.stances.len()).sum::<usize>()
    );
    for row in &table.rows {
        assert_eq!(row.cells.len(), table.actors.len());
        for (a, cell) in row.cells.iter().enumerate() {
            for &s in cell {
                assert_eq!(*b.claims[row.claim].stances[s].actor, *table.actors[a]);
            }
        }
    }
    // Filtered to denials: two speakers, each cell says "denies".
    let state = with(Facet::Stance, &["denies"]);
    let outcome = index.query(&state);
    let denials = report::who_says_what(&b, &index, &outcome.matches, &state, 1000, None);
    assert_eq!(denials.actors.len(), 2);
    for row in &denials.rows {
        for cell in row.cells.iter().filter(|c| !c.is_empty()) {
            assert_eq!(report::cell_words(&b, row.claim, cell), "denies");
        }
    }
    let claims = claim_ids(&b, denials.rows.iter().map(|r| r.claim));
    assert!(claims.contains(&"us-government-sought-back-channel".to_string()));
    assert!(claims.contains(&"former-officials-held-track-1-5-talks".to_string()));
}

/// A claim wanted beyond the rows asked for (a link to it) comes after
/// them, alone; one within them, or not in the view, changes nothing.
#[test]
fn who_says_what_adds_a_wanted_claim_beyond_the_rows_shown() {
    let b = briefing::gen::generate(2_000, 5);
    let index = briefing::query::Index::new(&b);
    let all = index.query(&ViewState::default());
    let view = report::view_claims(&b, &index, &all.matches, &ViewState::default());
    assert!(view.len() > 100, "{} claims", view.len());
    let table = |rows, wanted| {
        report::who_says_what(
            &b,
            &index,
            &all.matches,
            &ViewState::default(),
            rows,
            wanted,
        )
    };
    let claims = |t: &report::Table| t.rows.iter().map(|r| r.claim).collect::<Vec<_>>();
    let beyond = table(30, Some(view[77]));
    assert!(beyond.followed);
    assert_eq!(claims(&beyond), [&view[..30], &[view[77]]].concat());
    for (rows, wanted) in [
        (30, Some(view[29])),
        (30, Some(view[0])),
        (30, None),
        (100, Some(view[77])),
    ] {
        let t = table(rows, wanted);
        assert!(!t.followed, "{rows} {wanted:?}");
        assert_eq!(claims(&t), view[..rows]);
    }
    // A claim the view does not hold is not added.
    if let Some(c) = (0..b.claims.len()).find(|c| !view.contains(c)) {
        assert!(!table(30, Some(c)).followed);
    }
}

/// A large view shows the rows asked for and the most outspoken speakers,
/// and says how many there are in all (8,000 claims by 200 speakers took
/// 48 s to show at 10,000 events).
#[test]
fn who_says_what_shows_a_bounded_table_and_counts_the_rest() {
    let b = briefing::gen::generate(2_000, 5);
    let index = briefing::query::Index::new(&b);
    let all = index.query(&ViewState::default());
    let table = report::who_says_what(&b, &index, &all.matches, &ViewState::default(), 50, None);
    assert_eq!(table.rows.len(), 50);
    assert_eq!(table.actors.len(), report::WHO_COLUMNS);
    assert!(
        table.claims > 50 && table.speakers > report::WHO_COLUMNS,
        "{} {}",
        table.claims,
        table.speakers
    );
    // The columns are the speakers with the most stances in the view.
    let mut stances: std::collections::HashMap<&str, usize> = Default::default();
    for claim in &b.claims {
        for s in &claim.stances {
            *stances.entry(&*s.actor).or_default() += 1;
        }
    }
    let least_shown = table
        .actors
        .iter()
        .map(|a| stances[a.as_str()])
        .min()
        .unwrap();
    let hidden = stances
        .iter()
        .filter(|(a, _)| !table.actors.iter().any(|x| x == *a))
        .map(|(_, &n)| n)
        .max()
        .unwrap();
    assert!(least_shown >= hidden, "{least_shown} < {hidden}");
    for row in &table.rows {
        assert_eq!(row.cells.len(), report::WHO_COLUMNS);
    }
}

#[test]
fn a_citation_is_one_line_with_quote_speaker_date_and_chain() {
    let (b, index) = setup();
    let c = b
        .claims
        .iter()
        .position(|c| c.id == "leak-meant-to-undermine-peace")
        .unwrap();
    let s = b.claims[c]
        .stances
        .iter()
        .position(|s| &*s.actor == "dmitry-peskov")
        .unwrap();
    let line = report::citation(&b, &index, c, s);
    assert!(!line.contains('\n'), "{line}");
    assert!(
        line.starts_with('“') || line.contains("(reported speech)"),
        "{line}"
    );
    assert!(line.contains("— Dmitry Peskov, "), "{line}");
    assert!(
        line.contains(&b.claims[c].stances[s].date.display()),
        "{line}"
    );
    assert!(line.contains("citing"), "the source chain: {line}");
}

#[test]
fn the_csv_has_a_row_per_stance_and_quotes_its_fields() {
    let (b, index) = setup();
    let all = index.query(&ViewState::default());
    let csv = report::csv(&b, &index, &all.matches, &ViewState::default());
    let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines[0], report::CSV_HEADER.join(","));
    let stances: usize = b.claims.iter().map(|c| c.stances.len()).sum();
    // Quoted fields hold no line breaks (quotes are put on one line).
    assert_eq!(lines.len() - 1, stances);
    assert!(csv.contains("\"\"") || !csv.contains('"') || csv.contains(",\""));
    let phone = with(Facet::Channel, &["phone_call"]);
    let outcome = index.query(&phone);
    let phone_csv = report::csv(&b, &index, &outcome.matches, &phone);
    assert!(phone_csv.lines().count() < lines.len());
    assert!(
        phone_csv.contains("Witkoff and Ushakov spoke by phone"),
        "{phone_csv}"
    );
    // Each row names the event the stance was made in: Ushakov's TASS remarks.
    assert!(phone_csv.contains("Ushakov tells TASS the conversations were not for publication"));
}

#[test]
fn every_downloaded_view_passes_the_checker() {
    let (b, index) = setup();
    let mut views = vec![ViewState::default()];
    for facet in Facet::ALL {
        for option in index.options(facet) {
            views.push(with(facet, &[option.key.as_str()]));
        }
    }
    for state in views {
        let matches = index.query(&state).matches;
        let part = report::subset(&b, &index, &matches);
        assert!(part.events.len() >= matches.len());
        for &p in &matches {
            assert!(part
                .events
                .iter()
                .any(|e| e.id == b.events[index.order[p]].id));
        }
        let json = report::to_json(&part);
        match load(&json) {
            Ok(back) => assert_eq!(back, part),
            Err(problems) => panic!("{state:?}: {problems:?}"),
        }
    }
}

#[test]
fn a_planned_event_says_it_was_announced() {
    let (b, index) = setup();
    let planned = index.position_of("witkoff-putin-moscow-planned").unwrap();
    let words = report::planned_words(&b, &index, planned).unwrap();
    assert!(words.starts_with("Planned: announced "), "{words}");
    let call = index.position_of("witkoff-ushakov-call").unwrap();
    assert_eq!(report::planned_words(&b, &index, call), None);
}

#[test]
fn the_hand_written_json_is_what_serde_writes() {
    let (b, _) = setup();
    let mine: serde_json::Value = serde_json::from_str(&report::to_json(&b)).unwrap();
    assert_eq!(mine, serde_json::to_value(&b).unwrap());
    // And on generated data, whose shapes vary more.
    for seed in [1, 2, 3] {
        let g = briefing::gen::generate(200, seed);
        let mine: serde_json::Value = serde_json::from_str(&report::to_json(&g)).unwrap();
        assert_eq!(mine, serde_json::to_value(&g).unwrap(), "seed {seed}");
    }
}
