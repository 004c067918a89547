//! `data/briefing.schema.json` (for curators' editors) agrees with the Rust
//! types and the validator: same fields, same required ones, same vocabularies.

use briefing::model::*;
use serde_json::{json, Value};
use std::collections::BTreeSet;

const SCHEMA: &str = include_str!("../data/briefing.schema.json");
const MINIMAL: &str = include_str!("fixtures/minimal.json");

fn schema() -> Value {
    serde_json::from_str(SCHEMA).unwrap()
}

/// The minimal fixture with every optional field filled in.
fn full() -> Value {
    let mut v: Value = serde_json::from_str(MINIMAL).unwrap();
    let set = |v: &mut Value, pointer: &str, key: &str, value: Value| {
        v.pointer_mut(pointer)
            .unwrap()
            .as_object_mut()
            .unwrap()
            .insert(key.into(), value);
    };
    set(&mut v, "", "$schema", json!("./briefing.schema.json"));
    set(&mut v, "/meta", "subtitle", json!("Sub"));
    set(&mut v, "/meta", "key_points", json!(["One"]));
    set(&mut v, "/meta", "handling", json!("UNCLASSIFIED"));
    set(&mut v, "/actors/0", "aliases", json!(["Alicia"]));
    set(&mut v, "/actors/0", "note", json!("Note"));
    set(&mut v, "/actors/0", "anonymous", json!(true));
    for (key, value) in [("title", "T"), ("author", "A"), ("note", "N")] {
        set(&mut v, "/sources/0", key, json!(value));
    }
    set(
        &mut v,
        "/sources/0",
        "inferred",
        json!([{"kind": "chain_from_context", "reason": "Why"}]),
    );
    set(&mut v, "/events/0", "secret", json!(true));
    set(
        &mut v,
        "/events/0/date",
        "inferred",
        json!([{"kind": "year_from_context", "reason": "Why"}]),
    );
    set(&mut v, "/events/0", "note", json!("Why"));
    set(&mut v, "/events/0/participants/0", "note", json!("Why"));
    set(&mut v, "/claims/0", "note", json!("Why"));
    set(&mut v, "/claims/0/stances/0", "note", json!("Why"));
    set(
        &mut v,
        "/claims/0/stances/0",
        "on_behalf_of",
        json!("alice"),
    );
    set(&mut v, "/claims/0/stances/0", "event", json!("call"));
    // Bob speaks for Alice, so every party acknowledges the call: "confirmed"
    // by rule, and an override would be refused as unneeded. Another status
    // needs the override to load.
    set(&mut v, "/claims/0", "status", json!("alleged"));
    set(
        &mut v,
        "/claims/0",
        "status_override",
        json!({"reason": "Curator's judgement"}),
    );
    v
}

/// Where each schema definition sits in the full sample.
const PLACES: &[(&str, &str)] = &[
    ("meta", "/meta"),
    ("actor", "/actors/0"),
    ("source", "/sources/0"),
    ("event", "/events/0"),
    ("channel", "/events/0/channel"),
    ("participant", "/events/0/participants/0"),
    ("claim", "/claims/0"),
    ("stance", "/claims/0/stances/0"),
    ("status_override", "/claims/0/status_override"),
    ("inference", "/sources/0/inferred/0"),
];

fn def<'a>(schema: &'a Value, name: &str) -> &'a Value {
    if name.is_empty() {
        schema
    } else {
        &schema["$defs"][name]
    }
}

fn keys(value: &Value) -> BTreeSet<String> {
    value.as_object().unwrap().keys().cloned().collect()
}

fn strings(value: &Value) -> BTreeSet<String> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn schema_properties_are_the_fields_of_the_types() {
    let schema = schema();
    let full = full();
    // Through serde: the derived types accept the sample, and write back the same fields.
    let typed: Briefing = serde_json::from_value(full.clone()).unwrap();
    let written = serde_json::to_value(&typed).unwrap();
    assert_eq!(written, full, "serde types and sample agree");
    for (name, pointer) in PLACES.iter().chain([&("", "")]) {
        let at = written.pointer(pointer).unwrap();
        assert_eq!(
            keys(at),
            keys(&def(&schema, name)["properties"]),
            "fields of {name:?}"
        );
    }
    let date = DateSpec {
        precision: Precision::Range,
        value: "2025-10-01".into(),
        part: Some(MonthPart::Late),
        end: Some("2025-10-02".into()),
        weekday: Some(Weekday::Monday),
        inferred: vec![Inference {
            kind: InferenceKind::DateFromContext,
            reason: "Why".into(),
        }],
    };
    assert_eq!(
        keys(&serde_json::to_value(date).unwrap()),
        keys(&def(&schema, "date")["properties"])
    );
}

#[test]
fn schema_required_fields_are_the_ones_the_validator_requires() {
    let schema = schema();
    let mut places: Vec<(&str, &str)> = PLACES.to_vec();
    places.push(("", ""));
    places.push(("date", "/events/0/date"));
    for (name, pointer) in places {
        let mut required = strings(&def(&schema, name)["required"]);
        // The date's "value" is required unless the precision is "undated"
        // (the schema's if/then/else); the sample's dates have a precision.
        if let Some(more) = def(&schema, name).get("else") {
            required.extend(strings(&more["required"]));
        }
        let present = keys(full().pointer(pointer).unwrap());
        for key in present {
            let mut v = full();
            v.pointer_mut(pointer)
                .unwrap()
                .as_object_mut()
                .unwrap()
                .remove(&key);
            let missing = match load(&v.to_string()) {
                Ok(_) => false,
                Err(problems) => problems
                    .iter()
                    .any(|p| p.message.contains("required but missing") && p.path.ends_with(&key)),
            };
            assert_eq!(
                missing,
                required.contains(&key),
                "{name:?}.{key}: schema says required={}, validator says {missing}",
                required.contains(&key)
            );
        }
    }
}

fn enum_keys<T: Vocab>() -> BTreeSet<String> {
    T::ALL.iter().map(|v| v.key().to_string()).collect()
}

#[test]
fn schema_enums_are_the_vocabularies() {
    let schema = schema();
    let check = |name: &str, keys: BTreeSet<String>| {
        assert_eq!(strings(&def(&schema, name)["enum"]), keys, "enum {name}");
    };
    check("actor_kind", enum_keys::<ActorKind>());
    check("role", enum_keys::<Role>());
    check("track", enum_keys::<Track>());
    check("modality", enum_keys::<Modality>());
    check("event_status", enum_keys::<EventStatus>());
    check("claim_status", enum_keys::<ClaimStatus>());
    check("stance_kind", enum_keys::<StanceKind>());
    check("speech", enum_keys::<Speech>());
    check("precision", enum_keys::<Precision>());
    check("month_part", enum_keys::<MonthPart>());
    check("weekday", enum_keys::<Weekday>());
    check("inference_kind", enum_keys::<InferenceKind>());
}

#[test]
fn the_validator_and_serde_read_the_bundled_dataset_alike() {
    let by_serde: Briefing = serde_json::from_str(BUNDLED).unwrap();
    assert_eq!(load(BUNDLED).unwrap(), by_serde);
}

#[test]
fn an_undated_date_has_no_value_in_the_schema_and_the_validator() {
    let schema = schema();
    let date = def(&schema, "date");
    assert_eq!(date["if"]["properties"]["precision"]["const"], "undated");
    assert_eq!(
        strings(&date["else"]["required"]),
        ["value".to_string()].into()
    );
    let mut v = full();
    *v.pointer_mut("/events/0/date").unwrap() = json!({"precision": "undated"});
    load(&v.to_string()).expect("an undated event loads");
    *v.pointer_mut("/events/0/date").unwrap() = json!({"precision": "undated", "value": "2025-10"});
    let problems = load(&v.to_string()).unwrap_err();
    assert!(
        problems
            .iter()
            .any(|p| p.path == "events[0].date.value" && p.message.contains("has no")),
        "{problems:#?}"
    );
}
