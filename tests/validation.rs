//! Every validation rule, with a dataset that breaks it and one that passes.
//! Each failing case asserts the path of the field at fault and the reason.

use briefing::model::{load, Problem};
use serde_json::{json, Value};

const MINIMAL: &str = include_str!("fixtures/minimal.json");

fn minimal() -> Value {
    serde_json::from_str(MINIMAL).unwrap()
}

/// Problems after applying `edit` to the minimal dataset.
fn problems_after(edit: impl FnOnce(&mut Value)) -> Vec<Problem> {
    let mut value = minimal();
    edit(&mut value);
    match load(&value.to_string()) {
        Ok(_) => Vec::new(),
        Err(problems) => problems,
    }
}

fn at<'a>(value: &'a mut Value, pointer: &str) -> &'a mut Value {
    value
        .pointer_mut(pointer)
        .unwrap_or_else(|| panic!("no {pointer} in the fixture"))
}

fn set(value: &mut Value, pointer: &str, key: &str, new: Value) {
    at(value, pointer)
        .as_object_mut()
        .unwrap()
        .insert(key.into(), new);
}

/// An edit that puts `new` at `pointer`.
fn put(pointer: &str, new: Value) -> impl FnOnce(&mut Value) + '_ {
    move |v| *at(v, pointer) = new
}

/// An edit that sets the field `key` of the object at `pointer`.
fn field<'k>(pointer: &'k str, key: &'k str, new: Value) -> impl FnOnce(&mut Value) + 'k {
    move |v| set(v, pointer, key, new)
}

/// The minimal dataset with `edit` applied is refused, with a problem at
/// `path` whose message contains `reason`.
#[track_caller]
fn rejects(edit: impl FnOnce(&mut Value), path: &str, reason: &str) {
    assert_problem(&problems_after(edit), path, reason);
}

/// The minimal dataset with `edit` applied passes.
#[track_caller]
fn accepts(edit: impl FnOnce(&mut Value)) {
    let problems = problems_after(edit);
    assert!(problems.is_empty(), "{problems:#?}");
}

#[track_caller]
fn assert_problem(problems: &[Problem], path: &str, reason: &str) {
    assert!(
        problems
            .iter()
            .any(|p| p.path == path && p.message.contains(reason)),
        "expected a problem at {path} containing {reason:?}, got: {problems:#?}"
    );
}

#[test]
fn the_minimal_dataset_passes() {
    let briefing = load(MINIMAL).expect("minimal fixture is valid");
    assert_eq!(briefing.events.len(), 1);
}

#[test]
fn syntax_errors_give_line_and_column() {
    let broken = MINIMAL.replacen("\"Tests\",", "\"Tests\"", 1);
    let problems = load(&broken).unwrap_err();
    assert_eq!(problems.len(), 1);
    // The missing comma ends line 5; the parser stumbles on line 6.
    assert_eq!(problems[0].line, Some(6));
    assert!(problems[0].column.is_some());
    assert!(
        problems[0].message.contains("not valid JSON"),
        "{}",
        problems[0].message
    );
    assert!(problems[0].to_string().starts_with("line 6, column"));
}

#[test]
fn missing_required_fields_are_named() {
    rejects(
        |v| {
            at(v, "/events/0")
                .as_object_mut()
                .unwrap()
                .remove("summary");
        },
        "events[0].summary",
        "required but missing",
    );
}

#[test]
fn wrong_types_are_named() {
    rejects(
        field("/actors/1", "aliases", json!("Bobby")),
        "actors[1].aliases",
        "expected an array, found a string",
    );
    rejects(
        field("/events/0", "secret", json!("yes")),
        "events[0].secret",
        "expected true or false",
    );
    rejects(
        put("/meta/title", json!(7)),
        "meta.title",
        "expected text, found a number",
    );
}

#[test]
fn unknown_fields_are_reported_with_the_allowed_ones() {
    rejects(
        field("/claims/0", "verdict", json!("true")),
        "claims[0].verdict",
        "unknown field (allowed here: id, text, status",
    );
}

#[test]
fn empty_required_text_is_rejected() {
    rejects(
        put("/claims/0/stances/0/quote", json!("   ")),
        "claims[0].stances[0].quote",
        "must not be empty",
    );
}

#[test]
fn unknown_enum_values_list_the_allowed_ones() {
    rejects(
        put("/claims/0/status", json!("rumoured")),
        "claims[0].status",
        "unknown claim status \"rumoured\" (allowed: confirmed, partially_confirmed, alleged, disputed, denied, unverified or retracted)",
    );
    rejects(
        put("/events/0/channel/modality", json!("pigeon")),
        "events[0].channel.modality",
        "unknown modality \"pigeon\"",
    );
}

#[test]
fn duplicate_ids_are_reported() {
    rejects(
        put("/actors/1/id", json!("alice")),
        "actors[1].id",
        "duplicate id \"alice\" (also actors[0])",
    );
}

#[test]
fn ids_must_be_url_safe() {
    rejects(
        put("/events/0/id", json!("The Call")),
        "events[0].id",
        "lowercase letters, digits and hyphens",
    );
}

#[test]
fn references_to_missing_actors_sources_and_events_are_reported() {
    let problems = problems_after(|v| {
        *at(v, "/events/0/participants/1/actor") = json!("carol");
        *at(v, "/events/0/sources/0") = json!("gazette");
        *at(v, "/claims/0/events/0") = json!("meeting");
        *at(v, "/claims/0/stances/0/actor") = json!("dave");
        *at(v, "/claims/0/stances/0/source") = json!("radio");
    });
    assert_problem(
        &problems,
        "events[0].participants[1].actor",
        "actor \"carol\", which is not in the dataset",
    );
    assert_problem(&problems, "events[0].sources[0]", "source \"gazette\"");
    assert_problem(&problems, "claims[0].events[0]", "event \"meeting\"");
    assert_problem(&problems, "claims[0].stances[0].actor", "actor \"dave\"");
    assert_problem(&problems, "claims[0].stances[0].source", "source \"radio\"");
    assert_eq!(problems.len(), 5, "every problem at once: {problems:#?}");
}

#[test]
fn dates_that_do_not_parse_are_rejected() {
    rejects(
        put("/events/0/date/value", json!("Oct 2025")),
        "events[0].date.value",
        "is not a date",
    );
    rejects(
        put("/meta/as_of", json!("2025-02-30")),
        "meta.as_of",
        "not a day of the calendar",
    );
    rejects(
        put("/sources/0/published", json!("2025-11")),
        "sources[0].published",
        "must be a full day",
    );
}

#[test]
fn ranges_that_end_before_they_start_are_rejected() {
    let range = |value: &str, end: &str| {
        put(
            "/events/0/date",
            json!({"precision": "range", "value": value, "end": end}),
        )
    };
    rejects(
        range("2025-10-20", "2025-10-10"),
        "events[0].date.end",
        "ends (2025-10-10) before it starts (2025-10-20)",
    );
    accepts(range("2025-10-10", "2025-10-20"));
}

#[test]
fn precision_that_contradicts_the_date_is_rejected() {
    rejects(
        put("/events/0/date/value", json!("2025-10-14")),
        "events[0].date.value",
        "precision \"month\" needs a month (YYYY-MM)",
    );
    rejects(
        put(
            "/events/0/date",
            json!({"precision": "part_of_month", "value": "2025-10"}),
        ),
        "events[0].date.part",
        "needs \"part\"",
    );
    rejects(
        put(
            "/claims/0/stances/0/date",
            json!({"precision": "day", "value": "2025-10-29", "weekday": "friday"}),
        ),
        "claims[0].stances[0].date.weekday",
        "was a Wednesday, not a Friday",
    );
    accepts(put(
        "/events/0/date",
        json!({"precision": "part_of_month", "value": "2025-10", "part": "late"}),
    ));
}

#[test]
fn urls_must_be_http_or_https() {
    for bad in [
        "javascript:alert(1)",
        "ftp://example.org/x",
        "//example.org",
        "https://",
    ] {
        rejects(
            put("/sources/0/url", json!(bad)),
            "sources[0].url",
            "is not an http(s) URL",
        );
    }
    accepts(put("/sources/0/url", json!("http://example.org/a?b=c")));
}

#[test]
fn required_lists_may_not_be_empty() {
    rejects(
        put("/claims/0/stances", json!([])),
        "claims[0].stances",
        "at least one entry",
    );
    rejects(
        put("/events/0/sources", json!([])),
        "events[0].sources",
        "at least one entry",
    );
}

#[test]
fn every_problem_is_reported_at_once() {
    let problems = problems_after(|v| {
        *at(v, "/meta/title") = json!("");
        *at(v, "/actors/0/kind") = json!("spy");
        *at(v, "/events/0/date/value") = json!("2025-13");
        *at(v, "/sources/0/url") = json!("data:text/html,x");
    });
    assert_eq!(problems.len(), 4, "{problems:#?}");
}

#[test]
fn a_non_object_root_is_a_clear_error() {
    let problems = load("[1, 2]").unwrap_err();
    assert_eq!(
        problems[0].to_string(),
        "the file: expected an object, found an array"
    );
}

// ---------------------------------------------------------------------------
// Status rules (src/model/rules.rs): every status, the override, and the
// message a curator reads.
// ---------------------------------------------------------------------------

/// The minimal dataset with two outsiders (Carol, Dave), a second source
/// with another origin and one repeating the first's, and the claim's
/// stances replaced by `stances` and its status by `status`.
fn with_stances(status: &str, stances: Value) -> Value {
    let mut v = minimal();
    let actors = at(&mut v, "/actors").as_array_mut().unwrap();
    actors.push(json!({"id": "carol", "name": "Carol", "role": "Reporter", "affiliation": "C-land", "kind": "media"}));
    actors.push(json!({"id": "dave", "name": "Dave", "role": "Reporter", "affiliation": "D-land", "kind": "media"}));
    actors.push(json!({"id": "source-x", "name": "An official (unnamed)", "role": "Official", "affiliation": "B-land", "kind": "government_official", "anonymous": true}));
    let sources = at(&mut v, "/sources").as_array_mut().unwrap();
    sources.push(json!({"id": "radio", "outlet": "Radio", "chain": ["Agency"], "language": "en"}));
    sources
        .push(json!({"id": "gazette", "outlet": "Gazette", "chain": ["Wire"], "language": "en"}));
    *at(&mut v, "/claims/0/status") = json!(status);
    *at(&mut v, "/claims/0/stances") = stances;
    v
}

fn stance(actor: &str, kind: &str, source: &str) -> Value {
    json!({"actor": actor, "kind": kind, "date": {"precision": "month", "value": "2025-10"},
           "quote": "Words.", "speech": "reported", "source": source})
}

fn status_problems(status: &str, stances: Value) -> Vec<Problem> {
    match load(&with_stances(status, stances).to_string()) {
        Ok(_) => Vec::new(),
        Err(problems) => problems,
    }
}

#[track_caller]
fn allowed(status: &str, stances: Value) {
    let problems = status_problems(status, stances);
    assert!(
        problems.is_empty(),
        "{status} should be allowed: {problems:#?}"
    );
}

#[track_caller]
fn refused(status: &str, stances: Value, because: &str) {
    let problems = status_problems(status, stances);
    assert_problem(&problems, "claims[0].status", because);
    assert_problem(&problems, "claims[0].status", "claim \"they-spoke\"");
    assert_problem(&problems, "claims[0].status", &format!("is \"{status}\""));
}

#[test]
fn confirmed_needs_every_party_or_two_independent_origins() {
    let both = json!([
        stance("alice", "confirms", "paper"),
        stance("bob", "confirms", "paper")
    ]);
    allowed("confirmed", both);
    refused(
        "confirmed",
        json!([stance("bob", "confirms", "paper")]),
        "Alice does not acknowledge it on record",
    );
    // Two outsiders through different origins corroborate...
    allowed(
        "confirmed",
        json!([
            stance("carol", "asserts", "paper"),
            stance("dave", "asserts", "radio")
        ]),
    );
    // ...but two outlets repeating one origin (Wire) are one source.
    refused(
        "confirmed",
        json!([
            stance("carol", "asserts", "paper"),
            stance("dave", "asserts", "gazette")
        ]),
        "not of independent origin (origins: Wire)",
    );
    // So is one actor heard through two origins.
    refused(
        "confirmed",
        json!([
            stance("carol", "asserts", "paper"),
            stance("carol", "asserts", "radio")
        ]),
        "not of independent origin",
    );
    // A party's denial rules it out.
    refused(
        "confirmed",
        json!([
            stance("carol", "asserts", "paper"),
            stance("dave", "asserts", "radio"),
            stance("bob", "denies", "paper")
        ]),
        "Bob rejects it on record as a party",
    );
}

#[test]
fn partially_confirmed_needs_one_party_on_record() {
    allowed(
        "partially_confirmed",
        json!([stance("bob", "confirms", "paper")]),
    );
    // An unnamed source is never on record.
    refused(
        "partially_confirmed",
        json!([stance("source-x", "confirms", "paper")]),
        "no party acknowledges it on record",
    );
    // Someone speaking for a party speaks as the party.
    let mut for_bob = stance("carol", "confirms", "paper");
    for_bob["on_behalf_of"] = json!("bob");
    allowed("partially_confirmed", json!([for_bob]));
}

#[test]
fn alleged_is_asserted_by_non_parties_or_unnamed_sources_only() {
    allowed("alleged", json!([stance("carol", "asserts", "paper")]));
    allowed("alleged", json!([stance("source-x", "asserts", "paper")]));
    refused(
        "alleged",
        json!([stance("bob", "confirms", "paper")]),
        "Bob acknowledges it on record as a party",
    );
    refused(
        "alleged",
        json!([
            stance("carol", "asserts", "paper"),
            stance("dave", "asserts", "radio")
        ]),
        "it is corroborated",
    );
    refused(
        "alleged",
        json!([stance("carol", "declines_to_comment", "paper")]),
        "nobody asserts it",
    );
}

#[test]
fn disputed_and_denied_follow_who_denies_and_who_asserts_on_record() {
    let both = json!([
        stance("carol", "asserts", "paper"),
        stance("bob", "denies", "paper")
    ]);
    allowed("disputed", both.clone());
    allowed("denied", both);
    // "fake" is a denial too.
    allowed(
        "denied",
        json!([stance("bob", "disputes_authenticity", "paper")]),
    );
    refused(
        "disputed",
        json!([stance("bob", "denies", "paper")]),
        "nobody asserts it on record",
    );
    refused(
        "denied",
        json!([
            stance("alice", "confirms", "paper"),
            stance("bob", "denies", "paper")
        ]),
        "Alice acknowledges it on record as a party",
    );
    // An outsider's denial is not a party's.
    refused(
        "denied",
        json!([stance("carol", "denies", "paper")]),
        "no party denies it on record",
    );
    allowed("unverified", json!([stance("carol", "denies", "paper")]));
}

#[test]
fn unverified_and_retracted() {
    allowed(
        "unverified",
        json!([stance("bob", "declines_to_comment", "paper")]),
    );
    allowed("unverified", json!([stance("bob", "downplays", "paper")]));
    refused(
        "unverified",
        json!([stance("bob", "denies", "paper")]),
        "Bob rejects it on record",
    );
    allowed(
        "retracted",
        json!([
            stance("carol", "asserts", "paper"),
            stance("carol", "retracts", "paper")
        ]),
    );
    refused(
        "retracted",
        json!([
            stance("carol", "asserts", "paper"),
            stance("dave", "retracts", "radio")
        ]),
        "nobody who asserted it withdraws it",
    );
}

#[test]
fn an_override_keeps_a_status_with_a_reason_and_only_when_needed() {
    let mut v = with_stances("confirmed", json!([stance("bob", "confirms", "paper")]));
    let refused = load(&v.to_string()).unwrap_err();
    assert!(
        refused[0].message.contains("add \"status_override\""),
        "{refused:#?}"
    );
    set(
        &mut v,
        "/claims/0",
        "status_override",
        json!({"reason": "Alice's office confirmed off the record."}),
    );
    let b = load(&v.to_string()).expect("the override keeps it");
    assert_eq!(
        b.claims[0].status_override.as_ref().unwrap().reason,
        "Alice's office confirmed off the record."
    );
    set(
        &mut v,
        "/claims/0",
        "status_override",
        json!({"reason": " "}),
    );
    assert_problem(
        &load(&v.to_string()).unwrap_err(),
        "claims[0].status_override.reason",
        "must not be empty",
    );
    set(&mut v, "/claims/0", "status_override", json!({}));
    assert_problem(
        &load(&v.to_string()).unwrap_err(),
        "claims[0].status_override.reason",
        "required but missing",
    );
    // Not needed where the rules allow the status anyway.
    rejects(
        field(
            "/claims/0",
            "status_override",
            json!({"reason": "Because."}),
        ),
        "claims[0].status_override",
        "is not needed",
    );
}

#[test]
fn the_rule_names_what_the_status_needs() {
    let problems = status_problems("alleged", json!([stance("bob", "confirms", "paper")]));
    assert_eq!(problems.len(), 1, "{problems:#?}");
    let message = &problems[0].message;
    assert!(
        message.contains(briefing::model::rules::rule(
            briefing::model::ClaimStatus::Alleged
        )),
        "{message}"
    );
    assert!(
        message.contains("Allowed: partially_confirmed"),
        "{message}"
    );
}

// ---------------------------------------------------------------------------
// Stance events, inferred markers, undated dates
// ---------------------------------------------------------------------------

#[test]
fn a_stance_names_an_event_it_was_made_in() {
    accepts(field("/claims/0/stances/0", "event", json!("call")));
    rejects(
        field("/claims/0/stances/0", "event", json!("briefing")),
        "claims[0].stances[0].event",
        "event \"briefing\", which is not in the dataset",
    );
    rejects(
        |v| {
            *at(v, "/events/0/participants") = json!([{"actor": "alice", "role": "speaker"}]);
            set(v, "/claims/0/stances/0", "event", json!("call"));
        },
        "claims[0].stances[0].event",
        "\"bob\" is not a participant of event \"call\"",
    );
    rejects(
        field("/claims/0/stances/0", "on_behalf_of", json!("zed")),
        "claims[0].stances[0].on_behalf_of",
        "actor \"zed\"",
    );
    rejects(
        field("/claims/0/stances/0", "on_behalf_of", json!("bob")),
        "claims[0].stances[0].on_behalf_of",
        "own actor",
    );
}

#[test]
fn inferred_markers_fit_where_they_sit() {
    let marker = |kind: &str| json!([{"kind": kind, "reason": "Why."}]);
    accepts(|v| {
        set(v, "/events/0/date", "inferred", marker("year_from_context"));
        set(v, "/sources/0", "inferred", marker("chain_from_context"));
        *at(v, "/claims/0/stances/0/date") = json!({"precision": "day", "value": "2025-10-29",
            "weekday": "wednesday", "inferred": [{"kind": "day_from_weekday", "reason": "Why."},
            {"kind": "weekday_from_context", "reason": "Why."}]});
    });
    for (kind, reason) in [
        ("day_from_weekday", "needs precision \"day\""),
        ("weekday_from_context", "needs the \"weekday\""),
        ("chain_from_context", "does not belong on a date"),
    ] {
        rejects(
            field("/events/0/date", "inferred", marker(kind)),
            "events[0].date.inferred[0].kind",
            reason,
        );
    }
    rejects(
        field("/sources/0", "inferred", marker("year_from_context")),
        "sources[0].inferred[0].kind",
        "does not belong on a source",
    );
    rejects(
        field(
            "/sources/0",
            "inferred",
            json!([{"kind": "chain_from_context"}]),
        ),
        "sources[0].inferred[0].reason",
        "required but missing",
    );
    rejects(
        field("/sources/0", "inferred", marker("guess")),
        "sources[0].inferred[0].kind",
        "unknown inference kind \"guess\"",
    );
}

#[test]
fn undated_dates_have_nothing_but_their_precision() {
    accepts(put("/events/0/date", json!({"precision": "undated"})));
    for (key, value) in [
        ("value", json!("2025-10")),
        ("weekday", json!("monday")),
        ("end", json!("2025-10-02")),
    ] {
        rejects(
            put(
                "/events/0/date",
                json!({"precision": "undated", key: value}),
            ),
            &format!("events[0].date.{key}"),
            "an \"undated\" date has no",
        );
    }
    rejects(
        put(
            "/events/0/date",
            json!({"precision": "undated", "inferred": [{"kind": "year_from_context", "reason": "Why."}]}),
        ),
        "events[0].date.inferred[0].kind",
        "nothing inferred",
    );
    // Without "undated", a date still needs its value.
    rejects(
        |v| {
            at(v, "/events/0/date")
                .as_object_mut()
                .unwrap()
                .remove("value");
        },
        "events[0].date.value",
        "required but missing",
    );
}
