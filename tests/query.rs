//! The filter engine and URL state, on the bundled dataset.

mod common;

use briefing::model::{load, Briefing, ClaimStatus, Day};
use briefing::query::finder::{self, ActorFinder, SHOWN_ACTORS};
use briefing::query::fold::fold;
use briefing::query::{Facet, Filter, IdSet, Index, ViewState, SECRET_KEY};
use common::{bundled, Rng};
use serde_json::json;
use std::collections::BTreeSet;

fn ids(b: &Briefing, index: &Index, state: &ViewState) -> Vec<String> {
    index
        .query(state)
        .matches
        .iter()
        .map(|&p| b.events[index.order[p]].id.to_string())
        .collect()
}

fn with(facet: Facet, keys: &[&str]) -> ViewState {
    let mut state = ViewState::default();
    for key in keys {
        state.set(facet, key, true);
    }
    state
}

/// A deliberately simple filter, to check the bitset engine against.
fn naive(b: &Briefing, state: &ViewState) -> BTreeSet<String> {
    // Each word, plus every name of an actor one of whose names has a word
    // beginning with it.
    let words: Vec<Vec<String>> = fold(&state.search)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut alternatives = vec![w.to_string()];
            for a in &b.actors {
                let names: Vec<String> = std::iter::once(&a.name)
                    .chain(&a.aliases)
                    .map(|n| fold(n))
                    .collect();
                if w.chars().count() >= 3
                    && names.iter().any(|n| n.split(' ').any(|t| t.starts_with(w)))
                {
                    alternatives.extend(names);
                }
            }
            alternatives
        })
        .collect();
    b.events
        .iter()
        .filter(|e| {
            let claims: Vec<_> = b
                .claims
                .iter()
                .filter(|c| {
                    c.events.iter().any(|id| **id == *e.id)
                        || c.stances.iter().any(|s| s.event.as_deref() == Some(&*e.id))
                })
                .collect();
            let mut actors: BTreeSet<&str> =
                e.participants.iter().map(|p| p.actor.as_ref()).collect();
            actors.extend(
                claims
                    .iter()
                    .flat_map(|c| c.stances.iter().map(|s| s.actor.as_ref())),
            );
            let mut text = format!("{} {}", e.title, e.summary);
            for a in b.actors.iter().filter(|a| actors.contains(&*a.id)) {
                text += &format!(" {} {}", a.name, a.aliases.join(" "));
            }
            for c in &claims {
                text += &format!(
                    " {} {}",
                    c.text,
                    c.stances
                        .iter()
                        .map(|s| s.quote.as_str())
                        .collect::<Vec<_>>()
                        .join(" ")
                );
            }
            let text = fold(&text);
            let channel_keys: Vec<&str> = e
                .channel
                .track
                .map(briefing::model::Vocab::key)
                .into_iter()
                .chain([briefing::model::Vocab::key(e.channel.modality)])
                .chain(e.secret.then_some(SECRET_KEY))
                .collect();
            let (start, end) = e.date.bounds().unwrap().ordinals();
            (state.actors.is_empty() || state.actors.iter().any(|a| actors.contains(a.as_str())))
                && (state.channels.is_empty()
                    || channel_keys.iter().any(|k| state.channels.contains(k)))
                && (state.statuses.is_empty()
                    || claims.iter().any(|c| {
                        state
                            .statuses
                            .contains(briefing::model::Vocab::key(c.status))
                    }))
                // A stance counts where it was made: its own event, or, when the
                // data names none, the events of its claim.
                && (state.stances.is_empty()
                    || claims.iter().any(|c| {
                        c.stances.iter().any(|s| {
                            state.stances.contains(briefing::model::Vocab::key(s.kind))
                                && match &s.event {
                                    Some(made) => **made == *e.id,
                                    None => c.events.iter().any(|id| **id == *e.id),
                                }
                        })
                    }))
                && words.iter().all(|alts| {
                    // The typed word begins a token; a name it calls up stands whole.
                    let tokens: Vec<&str> = text.split(' ').collect();
                    tokens.iter().any(|t| t.starts_with(alts[0].as_str()))
                        || alts[1..]
                            .iter()
                            .any(|name| name.split(' ').all(|w| tokens.contains(&w)))
                })
                && state.from.is_none_or(|f| end >= f.ordinal())
                && state.to.is_none_or(|t| start <= t.ordinal())
        })
        .map(|e| e.id.to_string())
        .collect()
}

fn random_state(index: &Index, rng: &mut Rng) -> ViewState {
    let mut state = ViewState::default();
    for facet in Facet::ALL {
        let options = index.options(facet);
        if options.is_empty() {
            continue;
        }
        for _ in 0..rng.below(3) {
            state.set(facet, &options[rng.below(options.len())].key, true);
        }
    }
    state.search = [
        "",
        "",
        "",
        "usakov",
        "peskov leak",
        "Moscow",
        "fake",
        "ушаков",
        "zzz",
    ][rng.below(9)]
    .into();
    if rng.below(3) == 0 {
        state.from = Day::new(2023, 7, 1 + rng.below(28) as u32);
    }
    if rng.below(3) == 0 {
        state.to = Day::new(2025, 1 + rng.below(12) as u32, 1);
    }
    state
}

#[test]
fn the_engine_agrees_with_a_naive_filter_on_random_states() {
    let (b, index) = bundled();
    let mut rng = Rng::new(0x5eed);
    for _ in 0..500 {
        let state = random_state(&index, &mut rng);
        let fast: BTreeSet<String> = ids(&b, &index, &state).into_iter().collect();
        assert_eq!(fast, naive(&b, &state), "state {state:?}");
    }
}

/// A synthetic dataset from the benchmark's generator (seeded, validated).
fn generated(events: usize, seed: u64) -> Briefing {
    let (_, text) = briefing::gen::json(events, seed, false).expect("generated data validates");
    load(&text).unwrap()
}

#[test]
fn the_engine_agrees_with_a_naive_filter_on_random_datasets() {
    for seed in [1, 2, 3] {
        // Small enough for the deliberately simple filter to stay quick in debug builds.
        let b = generated(150, seed);
        let index = Index::new(&b);
        let mut rng = Rng::new(seed * 7919 + 1);
        for _ in 0..40 {
            let mut state = random_state(&index, &mut rng);
            // Words the generator writes, so searches also find something.
            if rng.below(2) == 0 {
                state.search =
                    ["ceasefire", "moscow", "call", "sanctions", "kyiv"][rng.below(5)].into();
            }
            let fast: BTreeSet<String> = ids(&b, &index, &state).into_iter().collect();
            assert_eq!(fast, naive(&b, &state), "seed {seed}, state {state:?}");
            let outcome = index.query(&state);
            for (option, &count) in index
                .options(Facet::Status)
                .iter()
                .zip(&outcome.status_counts)
            {
                if state.statuses.contains(&option.key) {
                    continue;
                }
                let mut chosen = state.clone();
                chosen.set(Facet::Status, &option.key, true);
                assert_eq!(
                    count,
                    naive(&b, &chosen).len(),
                    "seed {seed}: count of {}",
                    option.key
                );
            }
        }
    }
}

#[test]
fn a_search_index_built_later_in_slices_answers_as_one_built_at_once() {
    for seed in [4, 5] {
        let b = std::sync::Arc::new(generated(300, seed));
        let at_once = Index::new(&b);
        let mut rng = Rng::new(seed);
        let states: Vec<ViewState> = (0..30)
            .map(|i| {
                let mut state = random_state(&at_once, &mut rng);
                if i % 2 == 0 {
                    state.search =
                        ["ceasefire", "mos", "c", "sanctions kyiv", "usakov"][rng.below(5)].into();
                }
                state
            })
            .collect();
        // Slices of one position, of a few, and none (the first search builds the rest).
        let filters_only = ViewState {
            search: String::new(),
            ..states[1].clone()
        };
        for slice in [1usize, 2, 0] {
            let later = Index::deferred(b.clone());
            let mut budget = slice;
            let mut slices = 0;
            if slice > 0 {
                // `more` is asked every 64 positions: `slice` times 64 positions a call.
                while !later.build_search(&mut || {
                    let more = budget > 0;
                    budget = budget.saturating_sub(1);
                    more
                }) {
                    budget = slice;
                    slices += 1;
                    // Filters answer while the search index is still being built.
                    assert_eq!(
                        later.query(&filters_only),
                        at_once.query(&filters_only),
                        "seed {seed}"
                    );
                }
                assert!(slices > 0, "seed {seed}: built in more than one slice");
                assert!(later.build_search(&mut || false), "stays built");
            }
            for state in &states {
                assert_eq!(
                    later.query(state),
                    at_once.query(state),
                    "seed {seed}, slice {slice}, {state:?}"
                );
            }
        }
    }
}

#[test]
fn each_event_knows_the_distinct_statuses_of_its_claims_in_vocabulary_order() {
    let mut datasets = vec![bundled().0];
    datasets.extend([1, 2].map(|seed| generated(150, seed)));
    for b in &datasets {
        let index = Index::new(b);
        let mut with_several = 0;
        for p in 0..index.len() {
            // What the event card once worked out itself: a set of its claims' statuses.
            let naive: BTreeSet<ClaimStatus> = index.claims[p]
                .iter()
                .map(|&c| b.claims[c].status)
                .collect();
            let statuses = index.claim_statuses(p);
            assert_eq!(statuses, naive.into_iter().collect::<Vec<_>>(), "{p}");
            with_several += usize::from(statuses.len() > 1);
        }
        assert!(with_several > 0, "some event has claims of two statuses");
    }
}

/// The minimal dataset with `n` more actors, each in a call with Alice; the
/// eighth is "Jurij Ušakov".
fn many_actors(n: usize) -> Briefing {
    let mut v: serde_json::Value =
        serde_json::from_str(include_str!("fixtures/minimal.json")).unwrap();
    for i in 0..n {
        let name = match i {
            7 => "Jurij Ušakov".to_string(),
            _ => format!("Actor {i}"),
        };
        let actor = json!({"id": format!("a{i}"), "name": name, "role": "Envoy",
            "affiliation": "C-land", "kind": "government_official"});
        let call = json!({"id": format!("e{i}"), "title": "A call",
            "date": {"precision": "month", "value": "2025-10"}, "status": "happened",
            "channel": {"modality": "phone_call"}, "summary": "A call.", "sources": ["paper"],
            "participants": [{"actor": "alice", "role": "initiator"},
                             {"actor": format!("a{i}"), "role": "recipient"}]});
        v["actors"].as_array_mut().unwrap().push(actor);
        v["events"].as_array_mut().unwrap().push(call);
    }
    common::valid("many actors", &v.to_string())
}

#[test]
fn the_long_actor_list_keeps_the_ticked_and_finds_the_others_by_folded_name() {
    let (_, small) = bundled();
    assert!(
        !finder::is_long(&small),
        "the bundled actors are all listed"
    );
    let b = many_actors(100);
    let index = Index::new(&b);
    assert!(finder::is_long(&index));
    let finder = ActorFinder::new(&index);
    let none = IdSet::new();
    // Nothing typed: the most involved, in the options' order.
    let first: Vec<usize> = (0..SHOWN_ACTORS).collect();
    assert_eq!(finder.shown(&index, &none, ""), first);
    // A ticked actor already listed stays where it is: the list is unchanged.
    let listed: IdSet = [index.actors[5].key.clone()].into_iter().collect();
    assert_eq!(finder.shown(&index, &listed, ""), first);
    // Ticked actors beyond the list come first and stay whatever is typed.
    let (last, middle) = (index.actors.len() - 1, SHOWN_ACTORS + 3);
    let ticked: IdSet = [last, middle]
        .iter()
        .map(|&i| index.actors[i].key.clone())
        .collect();
    let shown = finder.shown(&index, &ticked, "");
    assert_eq!(shown[..2], [middle, last]);
    assert_eq!(shown[2..], first[..]);
    assert_eq!(
        finder.shown(&index, &ticked, "no such name"),
        [middle, last]
    );
    // Found by what is typed, a ticked actor is listed once, in its place.
    let name = index.actors[middle].label.clone();
    let alone = finder.shown(&index, &none, &name);
    assert!(
        alone.contains(&middle) && !alone.contains(&last),
        "{alone:?}"
    );
    let mut expected = vec![last];
    expected.extend(&alone);
    assert_eq!(finder.shown(&index, &ticked, &name), expected);
    // What is typed matches folded names: case and diacritics aside.
    let found = finder.shown(&index, &none, "USAKOV");
    assert_eq!(found.len(), 1);
    assert_eq!(index.actors[found[0]].key, "a7");
    let typed = finder.shown(&index, &none, "actor 1");
    assert_eq!(typed.len(), 11, "Actor 1 and Actor 10 to 19");
}

#[test]
fn every_option_count_equals_the_results_of_choosing_it() {
    let (_, index) = bundled();
    let mut rng = Rng::new(42);
    for _ in 0..200 {
        let state = random_state(&index, &mut rng);
        let outcome = index.query(&state);
        for facet in Facet::ALL {
            let counts = outcome.counts(facet);
            for (option, &count) in index.options(facet).iter().zip(counts) {
                if state.selected(facet).contains(&option.key) {
                    continue;
                }
                let mut chosen = state.clone();
                chosen.set(facet, &option.key, true);
                assert_eq!(
                    count,
                    index.query(&chosen).matches.len(),
                    "{} in {state:?}",
                    option.key
                );
            }
        }
    }
}

#[test]
fn results_are_in_date_order() {
    let (b, index) = bundled();
    let keys: Vec<_> = index
        .order
        .iter()
        .map(|&e| b.events[e].date.sort_key())
        .collect();
    assert!(keys.windows(2).all(|w| w[0] <= w[1]));
    let first = &b.events[index.order[0]];
    assert_eq!(
        &*first.id, "talks-former-us-officials-moscow",
        "'26 July 2023 or earlier' sorts first"
    );
    let position = |id: &str| index.position_of(id).unwrap();
    assert!(position("ushakov-dmitriev-call") < position("bloomberg-publishes-recordings"));
    assert_eq!(
        &*index.group[position("witkoff-ushakov-call")],
        "October 2025"
    );
    assert_eq!(
        &*index.group[position("peskov-leak-undermines-peace")],
        "October 2025 or later"
    );
}

#[test]
fn or_within_a_filter_and_across_filters() {
    let (b, index) = bundled();
    let dmitriev = ids(&b, &index, &with(Facet::Actor, &["kirill-dmitriev"]));
    let watson = ids(&b, &index, &with(Facet::Actor, &["adrienne-watson"]));
    let either = ids(
        &b,
        &index,
        &with(Facet::Actor, &["kirill-dmitriev", "adrienne-watson"]),
    );
    assert_eq!(either.len(), dmitriev.len() + watson.len());
    let mut phone_and_dmitriev = with(Facet::Actor, &["kirill-dmitriev"]);
    phone_and_dmitriev.set(Facet::Channel, "phone_call", true);
    assert_eq!(
        ids(&b, &index, &phone_and_dmitriev),
        vec!["ushakov-dmitriev-call"]
    );
}

#[test]
fn an_actor_matches_events_they_take_part_in_or_speak_about() {
    let (b, index) = bundled();
    let found = ids(&b, &index, &with(Facet::Actor, &["maria-zakharova"]));
    assert!(found.contains(&"zakharova-calls-reports-misinformation".to_string()));
    // Zakharova denies a claim about the talks, so the talks event involves her too.
    assert!(found.contains(&"talks-former-us-officials-moscow".to_string()));
}

#[test]
fn search_ignores_case_and_accents_and_knows_aliases() {
    let (b, index) = bundled();
    let search = |q: &str| {
        let state = ViewState {
            search: q.into(),
            ..Default::default()
        };
        ids(&b, &index, &state)
    };
    let by_actor = ids(&b, &index, &with(Facet::Actor, &["yuriy-ushakov"]));
    for q in ["usakov", "UŠAKOV", "Ushakov", "Ушаков", "yuri"] {
        let found = search(q);
        for id in &by_actor {
            assert!(found.contains(id), "{q:?} should find {id}");
        }
    }
    assert!(search("qqqq").is_empty());
    assert_eq!(
        search("warmongers desperate"),
        search("desperate warmongers")
    );
    assert!(search("whatsapp").contains(&"ushakov-wiretapping".to_string()));
    // An alias also finds text that uses another spelling of the same actor.
    assert_eq!(search("usakov"), search("Ushakov"));
    assert_eq!(search("ушаков"), search("ushakov"));
}

#[test]
fn an_alias_finds_text_about_an_actor_involved_in_no_event() {
    // The names folded for alias expansion are made with the search index,
    // for every actor, not only for those the events involve. An alias of
    // punctuation alone folds to nothing: it must not match every event.
    let mut data: serde_json::Value = serde_json::from_str(briefing::model::BUNDLED).unwrap();
    data["actors"].as_array_mut().unwrap().push(json!({
        "id": "ivan-testov", "name": "Ivan Testov", "aliases": ["Иван Тестов", "—"],
        "role": "Observer", "affiliation": "Nowhere", "kind": "private_citizen"
    }));
    let event = &mut data["events"][3];
    event["summary"] = json!("Ivan Testov was seen nearby.");
    let id = event["id"].as_str().unwrap().to_string();
    let b = std::sync::Arc::new(common::valid("with Ivan Testov", &data.to_string()));
    let state = ViewState {
        search: "тестов".into(),
        ..Default::default()
    };
    for index in [Index::new(&b), Index::deferred(b.clone())] {
        let found: Vec<&str> = index
            .query(&state)
            .matches
            .iter()
            .map(|&p| &*b.events[index.order[p]].id)
            .collect();
        assert_eq!(found, [id.as_str()]);
    }
}

#[test]
fn a_date_range_keeps_events_that_may_fall_in_it() {
    let (b, index) = bundled();
    let state = ViewState {
        from: Day::new(2023, 7, 27),
        to: Day::new(2023, 7, 27),
        ..Default::default()
    };
    let found = ids(&b, &index, &state);
    assert!(found.contains(&"white-house-denies-back-channel".to_string()));
    assert!(
        found.contains(&"us-media-report-back-channels".to_string()),
        "July 2023 overlaps"
    );
    assert!(
        !found.contains(&"moscow-times-report".to_string()),
        "26 July is outside"
    );
    assert!(!found.contains(&"witkoff-ushakov-call".to_string()));
}

#[test]
fn an_empty_result_names_the_filters_that_exclude_everything() {
    let (_, index) = bundled();
    let mut state = with(Facet::Actor, &["adrienne-watson"]);
    state.set(Facet::Status, "partially_confirmed", true);
    assert!(index.query(&state).matches.is_empty());
    let relaxed = index.without_each(&state);
    assert_eq!(relaxed.len(), 2);
    assert!(relaxed
        .iter()
        .all(|(filter, count)| *count > 0 && matches!(filter, Filter::Facet(_))));
}

#[test]
fn the_url_round_trips_every_part_of_the_view() {
    let (_, index) = bundled();
    let mut state = with(Facet::Actor, &["yuriy-ushakov", "steve-witkoff"]);
    state.set(Facet::Channel, "phone_call", true);
    state.set(Facet::Status, "partially_confirmed", true);
    state.search = "Ušakov & “fake” 100%".into();
    state.from = Day::new(2025, 10, 1);
    state.to = Day::new(2025, 12, 31);
    state.set(Facet::Stance, "denies", true);
    state.open = [
        "witkoff-ushakov-call".to_string(),
        "ushakov-tells-tass".to_string(),
    ]
    .into();
    state.tab = briefing::query::Tab::Claims;
    state.data = Some("datasets/other file.json".into());
    state.embed = true;
    let query = state.to_query();
    assert!(query.starts_with("?q=U%C5%A1akov%20%26"), "{query}");
    let (back, notices) = ViewState::from_query(&query, &index);
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(back, state);
    assert_eq!(ViewState::default().to_query(), "");
}

#[test]
fn bad_link_parameters_are_ignored_with_a_notice() {
    let (_, index) = bundled();
    let (state, notices) = ViewState::from_query(
        "?actor=yuriy-ushakov,nobody&status=true&from=2025-13-01&event=nope&utm_source=x&q=%E2%28&channel=phone_call&channel=publication",
        &index,
    );
    assert_eq!(
        state.actors.iter().collect::<Vec<_>>(),
        vec!["yuriy-ushakov"]
    );
    assert!(state.statuses.is_empty() && state.from.is_none() && state.open.is_empty());
    assert_eq!(
        state.channels.iter().collect::<Vec<_>>(),
        vec!["phone_call"]
    );
    let all = notices.join("\n");
    for expected in [
        "actor “nobody”",
        "claim status “true”",
        "from=“2025-13-01”",
        "event “nope”",
        "“utm_source”",
        "not correctly encoded",
        "second “channel”",
    ] {
        assert!(
            all.contains(expected),
            "missing notice {expected:?} in:\n{all}"
        );
    }
    let (_, notices) = ViewState::from_query("?from=2025-12-01&to=2025-01-01", &index);
    assert_eq!(
        notices,
        vec!["Ignored the date range: it ends before it starts."]
    );
}

#[test]
fn only_datasets_on_the_same_site_are_accepted() {
    use briefing::query::state::{check_data_url, data_param, without_data};
    for ok in [
        "other.json",
        "datasets/other.json",
        "../shared/x.json",
        "/abs/path.json",
        "x.json?v=2",
        "my file.json",
    ] {
        assert_eq!(check_data_url(ok), Ok(ok.to_string()), "{ok}");
    }
    for bad in [
        "https://evil.example/x.json",
        "//evil.example/x.json",
        "javascript:alert(1)",
        "data:application/json,{}",
        "\\\\evil.example\\x.json",
        "http:x.json",
        "",
        "a:b/x.json",
        "x\u{0}.json",
    ] {
        let err = check_data_url(bad).unwrap_err();
        assert!(
            err.starts_with("Refused to load the dataset"),
            "{bad}: {err}"
        );
    }
    assert_eq!(
        data_param("?embed=1&data=sets%2Fa.json"),
        Some(Ok("sets/a.json".into()))
    );
    assert!(matches!(
        data_param("?data=https%3A%2F%2Fx.org%2Fa.json"),
        Some(Err(_))
    ));
    assert_eq!(data_param("?q=data"), None);
    // After a dataset fails, the address keeps the view but not the file.
    for (query, view) in [
        ("?data=x.json&status=denied", "?status=denied"),
        (
            "?status=denied&data=x.json&data&q=data",
            "?status=denied&q=data",
        ),
        ("?data=x.json", ""),
        ("", ""),
        ("?&&embed=1&", "?embed=1"),
    ] {
        assert_eq!(without_data(query), view, "{query}");
    }
    // Whatever `data_param` reads as the dataset goes: the key is decoded alike.
    for (query, view) in [
        ("?d%61ta=x.json&status=denied", "?status=denied"),
        ("?%64%61%74%61=x.json", ""),
        ("?data%20=x.json&q=a", "?data%20=x.json&q=a"),
        ("?%zz=1&data=x.json", "?%zz=1"),
    ] {
        assert_eq!(without_data(query), view, "{query}");
        assert_eq!(data_param(view), None, "{query}: no dataset left");
    }
}

#[test]
fn a_click_toggles_an_option_or_shows_only_some_actors() {
    let mut state = with(Facet::Status, &["denied"]);
    state.set(Facet::Actor, "vladimir-putin", true);
    state.toggle(Facet::Actor, "yuriy-ushakov");
    state.toggle(Facet::Actor, "vladimir-putin");
    assert_eq!(state.actors, IdSet::from(["yuriy-ushakov".to_string()]));
    state.only_actors(["steve-witkoff".to_string(), "kirill-dmitriev".to_string()]);
    assert_eq!(
        state.actors,
        IdSet::from(["kirill-dmitriev".to_string(), "steve-witkoff".to_string()])
    );
    assert_eq!(
        state.statuses,
        IdSet::from(["denied".to_string()]),
        "the other filters stay"
    );
}

#[test]
fn embed_mode_is_a_link_parameter() {
    let (_, index) = bundled();
    let (state, notices) = ViewState::from_query("?embed=1&status=denied", &index);
    assert!(state.embed && notices.is_empty());
    assert!(state.to_query().ends_with("&embed=1"));
    let (_, notices) = ViewState::from_query("?embed=yes", &index);
    assert_eq!(notices.len(), 1);
}

/// An alias is called up by the start of one of its words, never by a
/// fragment from its middle: "ress" (inside "Presse") must not bring in
/// every event of DPA, whose alias is "Deutsche Presse-Agentur".
#[test]
fn aliases_are_called_up_by_word_starts_only() {
    let (b, index) = bundled();
    let search = |q: &str| {
        ids(
            &b,
            &index,
            &ViewState {
                search: q.into(),
                ..Default::default()
            },
        )
    };
    let dpa = ids(&b, &index, &with(Facet::Actor, &["dpa"]));
    assert!(!dpa.is_empty());
    for fragment in ["ress", "resse", "utsche", "gentur"] {
        assert_eq!(
            index.alternatives(fragment),
            vec![fragment.to_string()],
            "{fragment}"
        );
        let found = search(fragment);
        assert!(
            dpa.iter().all(|id| !found.contains(id)),
            "{fragment:?} must not find DPA's events: {found:?}"
        );
    }
    // The start of a word of the alias still calls up DPA's other names.
    for start in ["presse", "deutsche", "agentur", "pres"] {
        assert!(
            index.alternatives(start).contains(&"dpa".to_string()),
            "{start}"
        );
        let found = search(start);
        assert!(dpa.iter().all(|id| found.contains(id)), "{start:?}");
    }
}
