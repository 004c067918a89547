//! Property tests (proptest) for the three parsers of untrusted text:
//!
//! - the URL state parser `ViewState::from_query` never panics, and whatever
//!   view it accepts round-trips through `to_query` exactly, with no notices;
//! - the dataset validator `model::load` never panics (arbitrary text,
//!   arbitrary JSON, the bundled dataset with random mutations), explains
//!   every rejection, and whatever it accepts round-trips through serde;
//!   the part-by-part reader (`model::Feed`) reads exactly what `load`
//!   accepts, in parts of any size, and gives up on everything else;
//! - the compact form (`model::pack`) accepts a dataset exactly when `load`
//!   accepts its JSON, reads it back as the same briefing, and refuses
//!   damaged bytes without panicking (or reads them as `load` would);
//! - search folding never panics and is idempotent.
//!
//! Case counts keep `cargo test --test properties` to about 10 s on two
//! cores (PROPTEST_CASES overrides them). Failures are not persisted to
//! regression files: the shrunk input is printed instead.

mod common;

use briefing::model::date::days_in_month;
use briefing::model::decode::{hidden_character, max_chars, NAME_FIELDS};
use briefing::model::{load, pack, Briefing, Day, Feed, BUNDLED};
use briefing::query::fold::fold;
use briefing::query::state::{check_data_url, data_param};
use briefing::query::{Facet, IdSet, Index, Tab, ViewState};
use proptest::collection::{btree_map, vec};
use proptest::prelude::*;
use proptest::sample::{select, subsequence, Index as Pick};
use proptest::test_runner::Config;
use serde_json::{Map, Number, Value};
use std::collections::BTreeSet;
use std::sync::OnceLock;

/// `cases` per property, unless PROPTEST_CASES asks for more (or fewer),
/// e.g. `PROPTEST_CASES=20000 cargo test --release --test properties`.
fn config(cases: u32) -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(cases);
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

/// The bundled dataset and its index, built once for all cases.
fn bundled() -> &'static (Briefing, Index) {
    common::bundled_once()
}

fn index() -> &'static Index {
    &bundled().1
}

fn option_keys(facet: Facet) -> Vec<String> {
    index()
        .options(facet)
        .iter()
        .map(|o| o.key.clone())
        .collect()
}

fn event_ids() -> Vec<String> {
    bundled()
        .0
        .events
        .iter()
        .map(|e| e.id.to_string())
        .collect()
}

// ---------------------------------------------------------------------------
// Strategies: text
// ---------------------------------------------------------------------------

/// Characters where text handling tends to break: ASCII, Latin-1 and
/// Latin Extended-A/B/Additional, combining marks, Greek, Cyrillic, Arabic,
/// Hebrew, bidi controls, zero-width characters, emoji, and any char.
fn tricky_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => proptest::char::range(' ', '~'),
        2 => proptest::char::range('\u{80}', '\u{24f}'),
        1 => proptest::char::range('\u{300}', '\u{36f}'),
        1 => proptest::char::range('\u{370}', '\u{3ff}'),
        1 => proptest::char::range('\u{400}', '\u{4ff}'),
        1 => proptest::char::range('\u{590}', '\u{6ff}'),
        1 => proptest::char::range('\u{1e00}', '\u{1eff}'),
        1 => proptest::char::range('\u{2000}', '\u{206f}'),
        1 => select(vec!['\u{feff}', '\u{200b}', '\u{200d}', '\u{202e}', '\u{1f600}', '\u{1f1fa}', '\u{0}']),
        1 => any::<char>(),
    ]
}

fn tricky_string(max: usize) -> impl Strategy<Value = String> {
    vec(tricky_char(), 0..max).prop_map(|cs| cs.into_iter().collect())
}

/// Short arbitrary text: any unicode, or the tricky characters above.
fn short_text() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), tricky_string(48)]
}

/// Arbitrary text: short, or a long run (up to about 40,000 chars).
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => short_text(),
        1 => (tricky_string(8), 1usize..5_000).prop_map(|(s, n)| s.repeat(n)),
    ]
}

/// Percent-encodes every byte, so arbitrary bytes (invalid UTF-8 included) reach the decoder.
fn percent_bytes() -> impl Strategy<Value = String> {
    vec(any::<u8>(), 0..24).prop_map(|bytes| bytes.iter().map(|b| format!("%{b:02X}")).collect())
}

/// A query-string key: the parameters the page knows, or anything else.
fn query_key() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => select(vec!["q", "actor", "channel", "status", "stance", "from", "to", "event", "view", "data", "embed"])
            .prop_map(String::from),
        1 => select(vec!["%71", "+q", "q+", "Q", "act%6Fr", "", "%", "%E2%80", "%zz"]).prop_map(String::from),
        1 => short_text(),
        1 => percent_bytes(),
    ]
}

/// A query-string value: valid choices, lists of them, dates, or junk.
fn query_value() -> impl Strategy<Value = String> {
    let valid: Vec<String> = Facet::ALL
        .iter()
        .flat_map(|&f| option_keys(f))
        .chain(event_ids())
        .chain(
            [
                "1",
                "0",
                "true",
                "false",
                "datasets/other.json",
                "claims",
                "who",
                "pictures",
            ]
            .map(String::from),
        )
        .collect();
    prop_oneof![
        4 => select(valid.clone()),
        2 => subsequence(valid, 0..6).prop_map(|v| v.join(",")),
        2 => (0u32..10_100, 0u32..14, 0u32..33).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
        2 => short_text(),
        2 => percent_bytes(),
        1 => select(vec!["", "%", "%2", "%%41", "+", "%20", "%09%0A", ",,", "a,,b", "%E2%82", "%C3%A9"]).prop_map(String::from),
    ]
}

/// Something shaped like a query string: pairs (keys repeat often), with
/// stray "&", "=" and an optional "?".
fn query_like() -> impl Strategy<Value = String> {
    let pair = prop_oneof![
        6 => (query_key(), query_value()).prop_map(|(k, v)| format!("{k}={v}")),
        1 => query_key(),
        1 => (query_key(), query_value(), query_value()).prop_map(|(k, a, b)| format!("{k}={a}={b}")),
        1 => select(vec!["", "=", "==", "&", "&&&", "?"]).prop_map(String::from),
    ];
    (any::<bool>(), vec(pair, 0..12))
        .prop_map(|(mark, pairs)| format!("{}{}", if mark { "?" } else { "" }, pairs.join("&")))
}

/// Any input at all for the URL parser.
fn any_query() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => query_like(),
        2 => any_text(),
        1 => "[&=?%,+a-z0-9]{0,400}",
        1 => (query_like(), 1usize..300).prop_map(|(q, n)| q.repeat(n)),
        1 => (query_key(), any_text()).prop_map(|(k, v)| format!("{k}={v}")),
    ]
}

// ---------------------------------------------------------------------------
// Strategies: valid views
// ---------------------------------------------------------------------------

fn day() -> impl Strategy<Value = Day> {
    (0i32..=9999, 1u32..=12, 1u32..=31)
        .prop_map(|(y, m, d)| Day::new(y, m, d.min(days_in_month(y, m))).expect("a real day"))
}

fn selection(facet: Facet) -> impl Strategy<Value = IdSet> {
    let keys = option_keys(facet);
    let n = keys.len();
    subsequence(keys, 0..=n).prop_map(|keys| keys.into_iter().collect())
}

/// Search text the page would keep: empty, or anything with a visible character.
fn search_text() -> impl Strategy<Value = String> {
    prop_oneof![
        1 => Just(String::new()),
        2 => select(vec!["usakov", "Ušakov", "Ушаков", "track 1.5", "“fake”", "a&b=c", "50%", "x+y", "  padded  "])
            .prop_map(String::from),
        4 => any_text().prop_filter("blank search text is not kept", |s| !s.trim().is_empty()),
    ]
}

/// A dataset address the page accepts (a relative URL on this site).
fn data_url() -> impl Strategy<Value = String> {
    prop_oneof![
        select(vec![
            "other.json",
            "datasets/other file.json",
            "../shared/x.json",
            "/abs/p.json",
            "x.json?v=2&w=3#frag",
            "a,b.json"
        ])
        .prop_map(String::from),
        any_text().prop_filter("only URLs the page accepts", |s| check_data_url(s).is_ok()),
    ]
}

fn valid_view() -> impl Strategy<Value = ViewState> {
    (
        selection(Facet::Actor),
        selection(Facet::Channel),
        selection(Facet::Status),
        selection(Facet::Stance),
        search_text(),
        (proptest::option::of(day()), proptest::option::of(day())),
        subsequence(event_ids(), 0..4).prop_map(|ids| ids.into_iter().collect()),
        select(Tab::ALL.to_vec()),
        proptest::option::of(data_url()),
        any::<bool>(),
    )
        .prop_map(
            |(actors, channels, statuses, stances, search, (from, to), open, tab, data, embed)| {
                // A range that ends before it starts is not a view the page keeps.
                let (from, to) = match (from, to) {
                    (Some(a), Some(b)) if a > b => (Some(b), Some(a)),
                    other => other,
                };
                ViewState {
                    actors,
                    channels,
                    statuses,
                    stances,
                    search,
                    from,
                    to,
                    open,
                    tab,
                    data,
                    embed,
                }
            },
        )
}

// ---------------------------------------------------------------------------
// Properties: URL state
// ---------------------------------------------------------------------------

proptest! {
    #![proptest_config(config(512))]

    /// Never panics; every notice says something; every accepted choice is real.
    #[test]
    fn from_query_never_panics(query in any_query()) {
        let index = index();
        let (state, notices) = ViewState::from_query(&query, index);
        prop_assert!(notices.iter().all(|n| !n.trim().is_empty()));
        for facet in Facet::ALL {
            for key in state.selected(facet) {
                prop_assert!(index.options(facet).iter().any(|o| &o.key == key), "{key}");
            }
        }
        for open in &state.open {
            prop_assert!(index.position_of(open).is_some());
        }
        if let (Some(from), Some(to)) = (state.from, state.to) {
            prop_assert!(from <= to);
        }
        if let Some(data) = &state.data {
            prop_assert!(check_data_url(data).is_ok());
        }
        // The page's own link for whatever it accepted is read back without complaint.
        let (_, again) = ViewState::from_query(&state.to_query(), index);
        prop_assert_eq!(again, Vec::<String>::new());
    }

    /// Whatever view the parser accepts, its link reads back as the same view.
    #[test]

    fn accepted_views_round_trip_exactly(query in any_query()) {
        let index = index();
        let (state, _) = ViewState::from_query(&query, index);
        let (back, notices) = ViewState::from_query(&state.to_query(), index);
        prop_assert_eq!(notices, Vec::<String>::new());
        prop_assert_eq!(back, state);
    }

    /// The same, once a blank search is taken as no search (what the page
    /// shows either way), so every other part of the round trip stays checked.
    #[test]
    fn accepted_views_round_trip_up_to_a_blank_search(query in any_query()) {
        let index = index();
        let (mut state, _) = ViewState::from_query(&query, index);
        if state.search.trim().is_empty() {
            state.search.clear();
        }
        let (back, notices) = ViewState::from_query(&state.to_query(), index);
        prop_assert_eq!(notices, Vec::<String>::new());
        prop_assert_eq!(back, state);
    }

    /// A dataset address is taken from the first `data` parameter by both
    /// `data_param` (read before the index exists) and `from_query`.
    #[test]

    fn data_param_agrees_with_from_query(query in any_query()) {
        let (state, _) = ViewState::from_query(&query, index());
        let early = data_param(&query);
        prop_assert_eq!(early.and_then(Result::ok), state.data);
    }
}

/// Megabyte-long links of the worst shapes: no panic, and a bounded answer.
#[test]
fn from_query_survives_huge_queries() {
    let index = index();
    let actor = &option_keys(Facet::Actor)[0];
    for query in [
        "&".repeat(1 << 20),
        "=".repeat(1 << 20),
        "%".repeat(1 << 20),
        "?".repeat(1 << 20),
        "a=b&".repeat(1 << 18),
        "q=q&".repeat(1 << 18),
        format!("q={}", "é".repeat(1 << 19)),
        format!("q={}", "%C3%A9".repeat(1 << 17)),
        format!("actor={}", format!("{actor},").repeat(1 << 15)),
        format!("actor={}", ",".repeat(1 << 20)),
        "\u{202e}\u{200b}\u{feff}=&".repeat(1 << 16),
    ] {
        let (state, notices) = ViewState::from_query(&query, index);
        let (back, again) = ViewState::from_query(&state.to_query(), index);
        assert!(again.is_empty() && back.actors == state.actors);
        // Notices quote at most 40 characters of what the link said.
        assert!(notices.iter().all(|n| n.chars().count() < 200));
    }
}

proptest! {
    #![proptest_config(config(512))]

    /// Any view built from real choices, event ids, kept search text, ordered
    /// dates, an accepted dataset address and the embed flag round-trips exactly.
    #[test]
    fn valid_views_round_trip_exactly(state in valid_view()) {
        let index = index();
        let query = state.to_query();
        let (back, notices) = ViewState::from_query(&query, index);
        prop_assert_eq!(notices, Vec::<String>::new(), "query: {}", query);
        prop_assert_eq!(back, state, "query: {}", query);
        // The link is plain ASCII: nothing for a mail client or a wiki to mangle.
        prop_assert!(query.is_ascii());
    }
}

// ---------------------------------------------------------------------------
// Strategies: datasets
// ---------------------------------------------------------------------------

/// Keys that occur in a dataset, so random objects reach deep into the decoder.
const FIELD_NAMES: &[&str] = &[
    "$schema",
    "meta",
    "title",
    "subtitle",
    "as_of",
    "compiled_by",
    "summary",
    "key_points",
    "handling",
    "actors",
    "id",
    "name",
    "aliases",
    "role",
    "affiliation",
    "kind",
    "note",
    "sources",
    "outlet",
    "chain",
    "author",
    "published",
    "language",
    "url",
    "events",
    "date",
    "precision",
    "value",
    "part",
    "end",
    "weekday",
    "status",
    "channel",
    "track",
    "modality",
    "secret",
    "participants",
    "actor",
    "claims",
    "text",
    "stances",
    "quote",
    "speech",
    "source",
];

/// Strings that occur in a dataset: ids, vocabulary keys, dates, URLs.
const FIELD_VALUES: &[&str] = &[
    "a",
    "alice",
    "x-1",
    "day",
    "week",
    "month",
    "part_of_month",
    "year",
    "range",
    "not_before",
    "not_after",
    "early",
    "mid",
    "late",
    "thursday",
    "2025-10-29",
    "2025-10",
    "2025",
    "2024-02-29",
    "2023-02-29",
    "0000-01-01",
    "9999-12-31",
    "happened",
    "phone_call",
    "track_1",
    "in_person",
    "confirmed",
    "denied",
    "asserts",
    "direct",
    "government_official",
    "https://example.org/",
    "javascript:alert(1)",
    "en",
    "",
    " ",
];

fn json_leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        1 => Just(Value::Null),
        1 => any::<bool>().prop_map(Value::Bool),
        1 => any::<i64>().prop_map(Value::from),
        1 => any::<f64>().prop_map(|f| Number::from_f64(f).map_or(Value::Null, Value::Number)),
        3 => select(FIELD_VALUES).prop_map(Value::from),
        2 => tricky_string(16).prop_map(Value::String),
    ]
}

fn json_key() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => select(FIELD_NAMES).prop_map(String::from),
        1 => tricky_string(8),
    ]
}

/// Any JSON value, at most 5 levels deep and about 200 nodes.
fn any_json() -> impl Strategy<Value = Value> {
    json_leaf().prop_recursive(5, 200, 8, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..8).prop_map(Value::Array),
            btree_map(json_key(), inner, 0..8)
                .prop_map(|m| Value::Object(m.into_iter().collect::<Map<String, Value>>())),
        ]
    })
}

/// An object with the dataset's top-level keys, each holding any JSON.
fn dataset_shaped_json() -> impl Strategy<Value = Value> {
    btree_map(
        select(&["$schema", "meta", "actors", "sources", "events", "claims"][..])
            .prop_map(String::from),
        any_json(),
        0..7,
    )
    .prop_map(|m| Value::Object(m.into_iter().collect()))
}

fn bundled_json() -> &'static Value {
    static VALUE: OnceLock<Value> = OnceLock::new();
    VALUE.get_or_init(|| serde_json::from_str(BUNDLED).unwrap())
}

/// JSON pointers to every node of `value` ("" is the root).
fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let escaped = k.replace('~', "~0").replace('/', "~1");
                pointers(v, format!("{at}/{escaped}"), out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                pointers(v, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
    out.push(at);
}

fn parent_and_last(pointer: &str) -> (&str, String) {
    let cut = pointer.rfind('/').expect("not the root");
    let last = pointer[cut + 1..].replace("~1", "/").replace("~0", "~");
    (&pointer[..cut], last)
}

#[derive(Debug, Clone)]
enum Mutation {
    /// Remove a member of an object.
    DeleteField(Pick),
    /// Replace any node (the root included) with another value.
    Replace(Pick, Value),
    /// Insert a copy of an array element right after it.
    DuplicateElement(Pick),
    /// Replace a free-text string (a title, a quote, a name...) with any
    /// text: mostly still valid, so the round trip gets exercised too.
    ReplaceText(Pick, String),
}

/// Fields whose text is free (not an id, a key, a date or a URL).
// Not here: "affiliation", "outlet" and "chain", which the status rules read
// (two sources are independent only with different origins and affiliations),
// so editing them can change which statuses a claim's stances allow.
const FREE_TEXT: &[&str] = &[
    "title",
    "subtitle",
    "compiled_by",
    "summary",
    "key_points",
    "handling",
    "name",
    "aliases",
    "role",
    "note",
    "author",
    "text",
    "quote",
];

/// The field a value at `pointer` belongs to: its key, or for an element of
/// a list the list's name. A root replaced by a list (an earlier mutation)
/// has no name: its elements belong to their index.
fn field_of(value: &Value, pointer: &str) -> String {
    let (parent, last) = parent_and_last(pointer);
    if !parent.is_empty() && value.pointer(parent).is_some_and(Value::is_array) {
        parent_and_last(parent).1
    } else {
        last
    }
}

fn is_free_text(value: &Value, pointer: &str) -> bool {
    if !value.pointer(pointer).is_some_and(Value::is_string) || pointer.is_empty() {
        return false;
    }
    let field = field_of(value, pointer);
    // `role` is free text for actors but a vocabulary key for participants.
    FREE_TEXT.contains(&field.as_str()) && !pointer.contains("/participants/")
}

/// A mutation may replace the whole dataset with a list of texts: its
/// elements belong to no field (this panicked once a run picked it).
#[test]
fn a_root_replaced_by_a_list_has_no_free_text() {
    let root = serde_json::json!(["a title"]);
    assert!(!is_free_text(&root, "/0"));
    let nested = serde_json::json!({"quotes": ["x"], "title": "y"});
    assert!(!is_free_text(&nested, "/quotes/0"));
    assert!(is_free_text(&nested, "/title"));
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        2 => any::<Pick>().prop_map(Mutation::DeleteField),
        3 => (any::<Pick>(), any_json()).prop_map(|(p, v)| Mutation::Replace(p, v)),
        2 => any::<Pick>().prop_map(Mutation::DuplicateElement),
        3 => (any::<Pick>(), any_text()).prop_map(|(p, t)| Mutation::ReplaceText(p, t)),
    ]
}

/// The pointers among `all` whose parent is an object (`Value::is_object`:
/// fields) or an array (`Value::is_array`: elements).
fn children_of<'p>(value: &Value, all: &'p [String], parent: fn(&Value) -> bool) -> Vec<&'p str> {
    all.iter()
        .map(String::as_str)
        .filter(|p| !p.is_empty() && value.pointer(parent_and_last(p).0).is_some_and(parent))
        .collect()
}

fn apply(value: &mut Value, mutation: &Mutation) {
    let mut all = Vec::new();
    pointers(value, String::new(), &mut all);
    match mutation {
        Mutation::DeleteField(pick) => {
            let fields = children_of(value, &all, Value::is_object);
            if fields.is_empty() {
                return;
            }
            let (parent, key) = parent_and_last(pick.get::<&str>(&fields));
            if let Some(Value::Object(map)) = value.pointer_mut(parent) {
                map.remove(&key);
            }
        }
        Mutation::Replace(pick, new) => {
            if let Some(node) = value.pointer_mut(pick.get::<String>(&all)) {
                *node = new.clone();
            }
        }
        Mutation::DuplicateElement(pick) => {
            let elements = children_of(value, &all, Value::is_array);
            if elements.is_empty() {
                return;
            }
            let (parent, i) = parent_and_last(pick.get::<&str>(&elements));
            let i: usize = i.parse().unwrap();
            if let Some(Value::Array(items)) = value.pointer_mut(parent) {
                let copy = items[i].clone();
                items.insert(i + 1, copy);
            }
        }
        Mutation::ReplaceText(pick, text) => {
            let texts: Vec<&str> = all
                .iter()
                .map(String::as_str)
                .filter(|p| is_free_text(value, p))
                .collect();
            // An earlier mutation may have replaced every text (or the
            // whole dataset) with a scalar: nothing left to edit.
            if texts.is_empty() {
                return;
            }
            let chosen = pick.get::<&str>(&texts).to_string();
            if let Some(node) = value.pointer_mut(&chosen) {
                *node = Value::String(text.clone());
            }
        }
    }
}

/// The bundled dataset after 1 to 4 random mutations, as (pretty or compact) text.
fn mutated_bundle() -> impl Strategy<Value = String> {
    (vec(mutation(), 1..5), any::<bool>()).prop_map(|(mutations, pretty)| {
        let mut value = bundled_json().clone();
        for m in &mutations {
            apply(&mut value, m);
        }
        if pretty {
            serde_json::to_string_pretty(&value).unwrap()
        } else {
            value.to_string()
        }
    })
}

/// The bundled dataset with 1 to 4 edits that keep its shape, so that serde
/// still reads it as a briefing and the checks behind it are what differs:
/// a string anywhere (an id, a reference, a vocabulary key, a date, a URL)
/// replaced by a value that occurs in datasets or another short string of
/// the bundle; a field removed; an element repeated; a flag flipped.
fn reshaped_bundle() -> impl Strategy<Value = String> {
    #[derive(Debug, Clone)]
    enum Edit {
        Text(Pick, Pick, u8),
        Mutation(Mutation),
        Flip(Pick),
    }
    let edit = prop_oneof![
        6 => (any::<Pick>(), any::<Pick>(), 0..3u8).prop_map(|(a, b, c)| Edit::Text(a, b, c)),
        1 => any::<Pick>().prop_map(|p| Edit::Mutation(Mutation::DeleteField(p))),
        1 => any::<Pick>().prop_map(|p| Edit::Mutation(Mutation::DuplicateElement(p))),
        1 => any::<Pick>().prop_map(Edit::Flip),
    ];
    vec(edit, 1..5).prop_map(|edits| {
        static SHORT: OnceLock<Vec<String>> = OnceLock::new();
        let short = SHORT.get_or_init(|| {
            let mut all = Vec::new();
            pointers(bundled_json(), String::new(), &mut all);
            let mut texts: BTreeSet<String> = all
                .iter()
                .filter_map(|p| bundled_json().pointer(p)?.as_str())
                .filter(|t| t.len() <= 40)
                .map(String::from)
                .collect();
            texts.extend(FIELD_VALUES.iter().map(|t| t.to_string()));
            texts.into_iter().collect()
        });
        let mut value = bundled_json().clone();
        for edit in edits {
            let mut all = Vec::new();
            pointers(&value, String::new(), &mut all);
            match edit {
                Edit::Text(at, with, source) => {
                    // A field first, then one of its places: rare fields
                    // (event, on_behalf_of) as likely as titles.
                    let mut by_field: std::collections::BTreeMap<String, Vec<&String>> =
                        Default::default();
                    for p in all
                        .iter()
                        .filter(|p| value.pointer(p).is_some_and(Value::is_string))
                    {
                        by_field.entry(field_of(&value, p)).or_default().push(p);
                    }
                    let fields: Vec<&Vec<&String>> = by_field.values().collect();
                    let places = fields[at.index(fields.len())];
                    let pointer = places[with.index(places.len())].to_string();
                    let new = match source {
                        // Another value of the same field: a reference to
                        // another entry, a status another claim has.
                        0 => value
                            .pointer(
                                places[(with.index(places.len() * 31) / 31 + 1) % places.len()],
                            )
                            .unwrap()
                            .as_str()
                            .unwrap()
                            .to_string(),
                        1 => with.get(short).clone(),
                        _ => select_field_value(with),
                    };
                    *value.pointer_mut(&pointer).unwrap() = Value::String(new);
                }
                Edit::Mutation(m) => apply(&mut value, &m),
                Edit::Flip(at) => {
                    let flags: Vec<&String> = all
                        .iter()
                        .filter(|p| value.pointer(p).is_some_and(Value::is_boolean))
                        .collect();
                    if !flags.is_empty() {
                        let pointer = at.get(&flags).to_string();
                        let node = value.pointer_mut(&pointer).unwrap();
                        *node = Value::Bool(!node.as_bool().unwrap());
                    }
                }
            }
        }
        value.to_string()
    })
}

fn select_field_value(pick: Pick) -> String {
    pick.get(FIELD_VALUES).to_string()
}

/// The bundled dataset with 1 to 6 free-text fields replaced by any
/// non-blank text (unicode, bidi and zero-width characters, long runs),
/// with the JSON path and field of each edit and its final text.
fn text_edited_bundle() -> impl Strategy<Value = (String, Vec<(String, String, String)>)> {
    let text = any_text().prop_filter("blank text is refused", |t| !t.trim().is_empty());
    vec((any::<Pick>(), text), 1..7).prop_map(|edits| {
        static TEXTS: OnceLock<Vec<String>> = OnceLock::new();
        let texts = TEXTS.get_or_init(|| {
            let mut all = Vec::new();
            pointers(bundled_json(), String::new(), &mut all);
            all.retain(|p| is_free_text(bundled_json(), p));
            all
        });
        let mut value = bundled_json().clone();
        let mut last = std::collections::BTreeMap::new();
        for (pick, text) in edits {
            let pointer = pick.get::<String>(texts);
            *value.pointer_mut(pointer).unwrap() = Value::String(text.clone());
            last.insert(pointer.clone(), text);
        }
        let edited = last
            .into_iter()
            .map(|(pointer, text)| {
                let field = field_of(&value, &pointer);
                (json_path(&pointer), field, text)
            })
            .collect();
        (value.to_string(), edited)
    })
}

/// "/actors/0/name" → "actors[0].name", as problems name places.
fn json_path(pointer: &str) -> String {
    let mut out = String::new();
    for part in pointer.split('/').skip(1) {
        if part.bytes().all(|b| b.is_ascii_digit()) {
            out.push_str(&format!("[{part}]"));
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(part);
        }
    }
    out
}

/// The bundled text cut at a random char boundary.
fn truncated_bundle() -> impl Strategy<Value = String> {
    any::<Pick>().prop_map(|pick| {
        let mut cut = pick.index(BUNDLED.len() + 1);
        while !BUNDLED.is_char_boundary(cut) {
            cut -= 1;
        }
        BUNDLED[..cut].to_string()
    })
}

/// `load` returns, explains every rejection, and round-trips what it accepts.
fn check_load(text: &str) -> Result<(), TestCaseError> {
    check_feed(text)?;
    check_pack(text)?;
    match load(text) {
        Err(problems) => {
            prop_assert!(!problems.is_empty(), "an Err with no problems");
            for p in &problems {
                prop_assert!(
                    !p.message.trim().is_empty(),
                    "a problem with no message: {:?}",
                    p
                );
                prop_assert!(!p.to_string().trim().is_empty());
            }
        }
        Ok(briefing) => {
            let again = serde_json::to_string(&briefing).unwrap();
            prop_assert_eq!(load(&again), Ok(briefing));
        }
    }
    Ok(())
}

/// Whatever serde reads of `text` as a briefing (far more than `load`
/// accepts: blank, over-long or hidden-character names, bad dates, ids,
/// URLs, references, statuses...) the pack reader accepts exactly when
/// `load` accepts its JSON, as the same briefing; a reference to nothing
/// cannot be packed, and `load` refuses it too.
fn check_pack(text: &str) -> Result<(), TestCaseError> {
    let Ok(b) = serde_json::from_str::<Briefing>(text) else {
        return Ok(());
    };
    let json = load(&serde_json::to_string(&b).unwrap());
    match pack::write(&b) {
        Err(why) => prop_assert!(json.is_err(), "packing failed ({}) but load accepts", why),
        Ok(bytes) => {
            let packed = pack::read_bytes(&bytes);
            if let Err(problems) = &packed {
                prop_assert!(
                    !problems.is_empty() && problems.iter().all(|p| !p.message.trim().is_empty())
                );
            }
            prop_assert_eq!(
                json.as_ref().ok(),
                packed.as_ref().ok(),
                "load: {:?}\npack: {:?}",
                json.as_ref().err().map(|p| &p[0]),
                packed.as_ref().err().map(|p| &p[0])
            );
        }
    }
    Ok(())
}

/// The bundled dataset's pack, once.
fn bundled_pack() -> &'static [u8] {
    static PACK: OnceLock<Vec<u8>> = OnceLock::new();
    PACK.get_or_init(|| pack::write(&bundled().0).unwrap())
}

/// The part-by-part reading never accepts what `load` refuses and never
/// reads a file otherwise, in parts of one byte, of a few, and of a size
/// unrelated to the text's structure. (It may give up on a file `load`
/// accepts, such as one with an escape in a top-level key: the page then
/// reads it whole.)
fn check_feed(text: &str) -> Result<(), TestCaseError> {
    let whole = load(text).ok();
    for size in [1, 3, 97, 4096] {
        let mut feed = Feed::new();
        let pushed = text.as_bytes().chunks(size).all(|part| feed.push(part));
        let fed = if pushed { feed.finish() } else { None };
        prop_assert!(fed.is_none() || fed == whole, "in parts of {} bytes", size);
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn load_survives_arbitrary_text(text in any_text()) {
        check_load(&text)?;
    }

    #[test]
    fn load_survives_arbitrary_json(value in prop_oneof![any_json(), dataset_shaped_json()]) {
        check_load(&value.to_string())?;
    }

    #[test]
    fn load_survives_truncations_of_the_bundled_dataset(text in truncated_bundle()) {
        check_load(&text)?;
        // Only the whole text is valid (and a cut that drops nothing but white space).
        if load(&text).is_ok() {
            prop_assert_eq!(text.trim_end(), BUNDLED.trim_end());
        }
    }
}

proptest! {
    #![proptest_config(config(512))]

    /// Bytes changed, inserted, removed or cut anywhere in a pack: refused in
    /// words, never a panic; whatever is still read is a briefing `load`
    /// accepts as it is.
    #[test]
    fn a_damaged_pack_is_refused_or_read_as_load_would(
        edits in vec((any::<Pick>(), any::<u8>(), 0..4u8), 1..5),
        cut in any::<Pick>(),
        cut_it in any::<bool>(),
        part in 1..5000usize,
    ) {
        let mut bytes = bundled_pack().to_vec();
        for (at, byte, how) in edits {
            let at = at.index(bytes.len());
            match how {
                0 => bytes.insert(at, byte),
                1 if bytes.len() > 1 => { bytes.remove(at); }
                _ => bytes[at] = byte,
            }
        }
        if cut_it {
            bytes.truncate(cut.index(bytes.len() + 1));
        }
        let whole = pack::read_bytes(&bytes);
        // Given in parts of any size, the same answer.
        let mut parts = bytes.chunks(part);
        let parted = pack::read(|buf| parts.next().map(|p| buf.extend_from_slice(p)).is_some());
        prop_assert_eq!(&whole, &parted);
        match whole {
            Err(problems) => {
                prop_assert!(!problems.is_empty());
                for p in &problems {
                    prop_assert!(!p.message.trim().is_empty(), "{:?}", p);
                }
            }
            Ok(b) => prop_assert_eq!(load(&serde_json::to_string(&b).unwrap()), Ok(b)),
        }
    }
}

// Each case here loads a whole dataset two or three times (about 10 ms in a
// debug build): fewer cases keep the run short.
proptest! {
    #![proptest_config(config(160))]

    #[test]
    fn load_survives_mutations_of_the_bundled_dataset(text in mutated_bundle()) {
        check_load(&text)?;
    }

    /// Edits that keep the shape (serde still reads a briefing), for the
    /// pack: it accepts exactly what `load` accepts.
    #[test]
    fn a_pack_accepts_what_load_accepts_after_any_reshaping(text in reshaped_bundle()) {
        check_pack(&text)?;
    }

    /// Free text takes any non-blank text within its field's length, names
    /// any that holds no control, direction or invisible character; what is
    /// accepted survives the round trip, and each refusal names its field.
    #[test]
    fn load_accepts_and_round_trips_any_free_text((text, edits) in text_edited_bundle()) {
        let refused: BTreeSet<&str> = edits
            .iter()
            .filter(|(_, field, text)| {
                text.chars().count() > max_chars(field)
                    || (NAME_FIELDS.contains(&field.as_str()) && hidden_character(text).is_some())
            })
            .map(|(path, _, _)| path.as_str())
            .collect();
        check_pack(&text)?;
        let briefing = load(&text);
        if refused.is_empty() {
            prop_assert!(briefing.is_ok(), "{:?}", briefing.err());
            let again = serde_json::to_string(&briefing.clone().unwrap()).unwrap();
            prop_assert_eq!(load(&again), briefing);
        } else {
            let problems = briefing.expect_err("refused text must be refused");
            let paths: BTreeSet<&str> = problems.iter().map(|p| p.path.as_str()).collect();
            prop_assert_eq!(paths, refused, "{:?}", problems);
        }
    }
}

#[test]
fn the_bundled_dataset_round_trips() {
    check_load(BUNDLED).unwrap();
    check_load(&serde_json::to_string_pretty(bundled_json()).unwrap()).unwrap();
}

#[test]
fn load_survives_deep_nesting() {
    for depth in [64, 127, 128, 129, 10_000, 100_000] {
        for (open, close) in [("[", "]"), ("{\"meta\":", "}")] {
            let text = format!("{}null{}", open.repeat(depth), close.repeat(depth));
            check_load(&text).unwrap();
        }
    }
}

// ---------------------------------------------------------------------------
// Properties: search folding
// ---------------------------------------------------------------------------

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn fold_never_panics(text in any_text()) {
        fold(&text);
    }

    #[test]

    fn fold_is_idempotent(text in any_text()) {
        let once = fold(&text);
        prop_assert_eq!(fold(&once), once);
    }

    /// Folded text is words separated by single spaces, with none at either end.
    #[test]

    fn fold_gives_single_spaced_words(text in any_text()) {
        let folded = fold(&text);
        prop_assert!(!folded.starts_with(' ') && !folded.ends_with(' '), "{:?}", folded);
        prop_assert!(!folded.contains("  "), "{:?}", folded);
    }
}

/// The shrunk counter-examples the properties once found (all fixed), kept
/// as plain regression checks that list every failure at once.
#[test]
fn counter_examples() {
    let index = index();
    let mut failures = Vec::new();
    // A blank search is accepted but not written back.
    for query in ["?q=%20", "q=+"] {
        let (state, _) = ViewState::from_query(query, index);
        let back = ViewState::from_query(&state.to_query(), index).0;
        if back != state {
            failures.push(format!(
                "{query:?}: read as {state:?}, its link reads back as {back:?}"
            ));
        }
    }
    // data_param and from_query disagree on which `data` parameter counts.
    for query in ["data=%80&data=x.json", "data&data=x.json"] {
        let (state, _) = ViewState::from_query(query, index);
        let early = data_param(query);
        if early.clone().and_then(Result::ok) != state.data {
            failures.push(format!(
                "{query:?}: data_param gives {early:?}, from_query {:?}",
                state.data
            ));
        }
    }
    // Folding is idempotent and leaves single spaces.
    for text in ["ẞ", "STRAẞE", "a \u{345}", "a \u{363} b", "Ά \u{345} ¹"] {
        let (once, twice) = (fold(text), fold(&fold(text)));
        if once != twice || once.ends_with(' ') || once.contains("  ") {
            failures.push(format!(
                "fold({text:?}) = {once:?}, fold of that = {twice:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// ---------------------------------------------------------------------------
// Properties: extreme shapes through decode and index, within a budget
// ---------------------------------------------------------------------------

/// The shapes that took the page down (issue 15), scaled by `n`.
#[derive(Debug, Clone, Copy)]
enum Shape {
    /// One contact among `n` actors, all of them participants.
    ManyParticipants,
    /// `n` actors with 100 aliases each.
    ManyAliases,
    /// Every text field at its limit (names 1,000, free text 1 MiB / n).
    LongFields,
    /// Source chains and claim event lists as long as allowed.
    DeepChains,
    /// `n` events, every field of each broken.
    ManyProblems,
}

fn extreme(shape: Shape, n: usize) -> String {
    // Alice and Bob become a0 and a1, the first two of the generated actors.
    let minimal = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/minimal.json"
    ))
    .unwrap()
    .replace("\"alice\"", "\"a0\"")
    .replace("\"bob\"", "\"a1\"");
    let mut v: Value = serde_json::from_str(&minimal).unwrap();
    let actor = |i: usize| serde_json::json!({ "id": format!("a{i}"), "name": format!("Actor {i}"), "role": "r", "affiliation": format!("Land {}", i % 50), "kind": "government_official" });
    match shape {
        Shape::ManyParticipants => {
            v["actors"] = Value::Array((0..n).map(actor).collect());
            v["events"][0]["participants"] = Value::Array(
                (0..n)
                    .map(|i| serde_json::json!({ "actor": format!("a{i}"), "role": "participant" }))
                    .collect(),
            );
            // Not every party confirms: the status rules want a curator's word.
            v["claims"][0]["status_override"] =
                serde_json::json!({ "reason": "A generated dataset." });
        }
        Shape::ManyAliases => {
            v["actors"] = Value::Array(
                (0..n)
                    .map(|i| {
                        let mut a = actor(i);
                        a["aliases"] = Value::Array(
                            (0..100)
                                .map(|j| Value::String(format!("Alias {i} {j}")))
                                .collect(),
                        );
                        a
                    })
                    .collect(),
            );
            v["events"][0]["participants"] = serde_json::json!([{ "actor": "a0", "role": "initiator" }, { "actor": "a1", "role": "recipient" }]);
        }
        Shape::LongFields => {
            let name = "N".repeat(1_000);
            v["actors"][0]["name"] = Value::String(name.clone());
            v["meta"]["title"] = Value::String(name.clone());
            v["events"][0]["title"] = Value::String(name);
            let long = "word ".repeat(1_048_576 / 5 / n.max(1));
            v["events"][0]["summary"] = Value::String(long.clone());
            v["claims"][0]["stances"][0]["quote"] = Value::String(long.clone());
            v["claims"][0]["text"] = Value::String(long);
        }
        Shape::DeepChains => {
            v["sources"][0]["chain"] = Value::Array(
                (0..100)
                    .map(|i| Value::String(format!("Wire {i}")))
                    .collect(),
            );
            let events: Vec<Value> = (0..n)
                .map(|i| {
                    let mut e = v["events"][0].clone();
                    e["id"] = Value::String(format!("e{i}"));
                    e
                })
                .collect();
            v["claims"][0]["events"] =
                Value::Array((0..n).map(|i| Value::String(format!("e{i}"))).collect());
            v["events"] = Value::Array(events);
        }
        Shape::ManyProblems => {
            let events: Vec<Value> = (0..n)
                .map(|i| serde_json::json!({ "id": format!("E{i}"), "title": "", "date": { "precision": "week", "value": "x" }, "status": 1, "channel": [], "participants": [{ "actor": "nobody" }], "summary": null, "sources": ["nowhere"], "extra": true }))
                .collect();
            v["events"] = Value::Array(events);
        }
    }
    v.to_string()
}

proptest! {
    #![proptest_config(config(10))]

    /// Decoding and indexing stay within a budget (linear costs, far under
    /// it) whatever the shape; searching and filtering too. The layouts are
    /// tested by their own module.
    #[test]
    fn extreme_shapes_decode_and_index_within_a_budget(
        shape in select(vec![Shape::ManyParticipants, Shape::ManyAliases, Shape::LongFields, Shape::DeepChains, Shape::ManyProblems]),
        n in 2usize..10_001,
        word in select(vec!["actor", "alias 9", "land", "word", "zzz", "a"]),
    ) {
        let text = extreme(shape, n);
        let started = std::time::Instant::now();
        let loaded = load(&text);
        match (&loaded, shape) {
            (Err(problems), Shape::ManyProblems) => prop_assert!(problems.len() >= 5 * n, "{}", problems.len()),
            (Ok(_), Shape::ManyProblems) => prop_assert!(false, "a broken file was accepted"),
            (Err(problems), _) => prop_assert!(false, "{shape:?} {n}: {:?}", &problems[..problems.len().min(3)]),
            (Ok(b), _) => {
                let index = Index::new(b);
                for facet in Facet::ALL {
                    if let Some(option) = index.options(facet).first() {
                        let mut state = ViewState { search: word.to_string(), ..Default::default() };
                        state.set(facet, &option.key.clone(), true);
                        let outcome = index.query(&state);
                        prop_assert!(outcome.matches.len() <= index.len());
                    }
                }
            }
        }
        let took = started.elapsed();
        prop_assert!(took.as_secs() < 30, "{shape:?} with n = {n}: {took:?}");
    }
}
