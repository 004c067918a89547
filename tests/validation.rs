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
    let problems = problems_after(|v| {
        at(v, "/events/0")
            .as_object_mut()
            .unwrap()
            .remove("summary");
    });
    assert_problem(&problems, "events[0].summary", "required but missing");
}

#[test]
fn wrong_types_are_named() {
    let problems = problems_after(|v| set(v, "/actors/1", "aliases", json!("Bobby")));
    assert_problem(
        &problems,
        "actors[1].aliases",
        "expected an array, found a string",
    );
    let problems = problems_after(|v| set(v, "/events/0", "secret", json!("yes")));
    assert_problem(&problems, "events[0].secret", "expected true or false");
    let problems = problems_after(|v| *at(v, "/meta/title") = json!(7));
    assert_problem(&problems, "meta.title", "expected text, found a number");
}

#[test]
fn unknown_fields_are_reported_with_the_allowed_ones() {
    let problems = problems_after(|v| set(v, "/claims/0", "verdict", json!("true")));
    assert_problem(
        &problems,
        "claims[0].verdict",
        "unknown field (allowed here: id, text, status",
    );
}

#[test]
fn empty_required_text_is_rejected() {
    let problems = problems_after(|v| *at(v, "/claims/0/stances/0/quote") = json!("   "));
    assert_problem(&problems, "claims[0].stances[0].quote", "must not be empty");
}

#[test]
fn unknown_enum_values_list_the_allowed_ones() {
    let problems = problems_after(|v| *at(v, "/claims/0/status") = json!("rumoured"));
    assert_problem(
        &problems,
        "claims[0].status",
        "unknown claim status \"rumoured\" (allowed: confirmed, partially_confirmed, alleged, disputed, denied, unverified or retracted)",
    );
    let problems = problems_after(|v| *at(v, "/events/0/channel/modality") = json!("pigeon"));
    assert_problem(
        &problems,
        "events[0].channel.modality",
        "unknown modality \"pigeon\"",
    );
}

#[test]
fn duplicate_ids_are_reported() {
    let problems = problems_after(|v| *at(v, "/actors/1/id") = json!("alice"));
    assert_problem(
        &problems,
        "actors[1].id",
        "duplicate id \"alice\" (also actors[0])",
    );
}

#[test]
fn ids_must_be_url_safe() {
    let problems = problems_after(|v| *at(v, "/events/0/id") = json!("The Call"));
    assert_problem(
        &problems,
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
    let problems = problems_after(|v| *at(v, "/events/0/date/value") = json!("Oct 2025"));
    assert_problem(&problems, "events[0].date.value", "is not a date");
    let problems = problems_after(|v| *at(v, "/meta/as_of") = json!("2025-02-30"));
    assert_problem(&problems, "meta.as_of", "not a day of the calendar");
    let problems = problems_after(|v| *at(v, "/sources/0/published") = json!("2025-11"));
    assert_problem(&problems, "sources[0].published", "must be a full day");
}

#[test]
fn ranges_that_end_before_they_start_are_rejected() {
    let problems = problems_after(|v| {
        *at(v, "/events/0/date") =
            json!({"precision": "range", "value": "2025-10-20", "end": "2025-10-10"});
    });
    assert_problem(
        &problems,
        "events[0].date.end",
        "ends (2025-10-10) before it starts (2025-10-20)",
    );
    let ok = problems_after(|v| {
        *at(v, "/events/0/date") =
            json!({"precision": "range", "value": "2025-10-10", "end": "2025-10-20"});
    });
    assert!(ok.is_empty(), "{ok:#?}");
}

#[test]
fn precision_that_contradicts_the_date_is_rejected() {
    let problems = problems_after(|v| *at(v, "/events/0/date/value") = json!("2025-10-14"));
    assert_problem(
        &problems,
        "events[0].date.value",
        "precision \"month\" needs a month (YYYY-MM)",
    );
    let problems = problems_after(|v| {
        *at(v, "/events/0/date") = json!({"precision": "part_of_month", "value": "2025-10"});
    });
    assert_problem(&problems, "events[0].date.part", "needs \"part\"");
    let problems = problems_after(|v| {
        *at(v, "/claims/0/stances/0/date") =
            json!({"precision": "day", "value": "2025-10-29", "weekday": "friday"});
    });
    assert_problem(
        &problems,
        "claims[0].stances[0].date.weekday",
        "was a Wednesday, not a Friday",
    );
    let ok = problems_after(|v| {
        *at(v, "/events/0/date") =
            json!({"precision": "part_of_month", "value": "2025-10", "part": "late"});
    });
    assert!(ok.is_empty(), "{ok:#?}");
}

#[test]
fn urls_must_be_http_or_https() {
    for bad in [
        "javascript:alert(1)",
        "ftp://example.org/x",
        "//example.org",
        "https://",
    ] {
        let problems = problems_after(|v| *at(v, "/sources/0/url") = json!(bad));
        assert_problem(&problems, "sources[0].url", "is not an http(s) URL");
    }
    let ok = problems_after(|v| *at(v, "/sources/0/url") = json!("http://example.org/a?b=c"));
    assert!(ok.is_empty(), "{ok:#?}");
}

#[test]
fn required_lists_may_not_be_empty() {
    let problems = problems_after(|v| *at(v, "/claims/0/stances") = json!([]));
    assert_problem(&problems, "claims[0].stances", "at least one entry");
    let problems = problems_after(|v| *at(v, "/events/0/sources") = json!([]));
    assert_problem(&problems, "events[0].sources", "at least one entry");
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
