//! The hostile fixtures (written by `tests/fixtures/make_hostile.py`):
//! `hostile.json` is a valid dataset whose every free-text field carries
//! script and HTML payloads, with bidi, Cyrillic, emoji and zero-width text,
//! 10,000-character quotes and a 1 MiB summary; `hostile-urls.json` is the
//! same dataset with javascript:, data: and vbscript: source URLs, which the
//! validator must refuse, one problem per bad URL.

use briefing::model::load;
use serde_json::Value;

const PAYLOADS: [&str; 4] = [
    "<img src=x onerror=alert(1)>",
    "</script><script>alert(2)</script>",
    "<svg onload=alert(3)>",
    "\"><iframe src=javascript:alert(4)>",
];

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!("{path}: {e} (regenerate with `python3 tests/fixtures/make_hostile.py`)")
    })
}

/// Fields that hold ids, references, vocabulary keys, dates or URLs: not free text.
const NOT_FREE_TEXT: &[&str] = &[
    "$schema",
    "id",
    "actor",
    "source",
    "sources",
    "events",
    "kind",
    "role",
    "status",
    "track",
    "modality",
    "speech",
    "precision",
    "value",
    "part",
    "end",
    "weekday",
    "as_of",
    "published",
    "url",
];

/// Every string of free text in `value`, with its JSON path.
fn free_texts<'v>(value: &'v Value, path: &str, field: &str, out: &mut Vec<(String, &'v str)>) {
    match value {
        Value::String(s) => {
            // `role` is free text for actors, a vocabulary key for participants.
            let actor_role = field == "role" && path.starts_with("actors[");
            if actor_role || !NOT_FREE_TEXT.contains(&field) {
                out.push((path.to_string(), s));
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                free_texts(item, &format!("{path}[{i}]"), field, out);
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                let at = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                free_texts(item, &at, key, out);
            }
        }
        _ => {}
    }
}

#[test]
fn the_hostile_dataset_is_valid_and_round_trips() {
    let text = fixture("hostile.json");
    let briefing = load(&text).unwrap_or_else(|problems| {
        panic!(
            "hostile.json must pass the validator:\n{}",
            problems
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        )
    });
    let again = serde_json::to_string(&briefing).unwrap();
    assert_eq!(load(&again), Ok(briefing));
}

#[test]
fn the_hostile_dataset_is_as_hostile_as_it_says() {
    let text = fixture("hostile.json");
    let value: Value = serde_json::from_str(&text).unwrap();
    let mut texts = Vec::new();
    free_texts(&value, "", "", &mut texts);
    assert!(texts.len() > 100, "only {} free-text fields", texts.len());
    for (path, s) in &texts {
        for payload in PAYLOADS {
            assert!(s.contains(payload), "{path} lacks {payload:?}");
        }
    }
    let all: String = texts.iter().map(|(_, s)| *s).collect();
    for (what, c) in [
        ("Arabic", 'ي'),
        ("Hebrew", 'ו'),
        ("Cyrillic", 'Д'),
        ("right-to-left override", '\u{202e}'),
        ("zero-width space", '\u{200b}'),
        ("zero-width joiner", '\u{200d}'),
        ("zero-width no-break space", '\u{feff}'),
        ("emoji", '🕊'),
    ] {
        assert!(all.contains(c), "no {what} ({c:?}) in the fixture");
    }
    let summary = value["events"][0]["summary"].as_str().unwrap();
    assert_eq!(
        summary.len(),
        1024 * 1024,
        "the big summary is 1 MiB of UTF-8"
    );
    let quotes: Vec<usize> = value["claims"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["stances"].as_array().unwrap())
        .map(|s| s["quote"].as_str().unwrap().chars().count())
        .collect();
    assert!(
        !quotes.is_empty() && quotes.iter().all(|&n| n == 10_000),
        "{quotes:?}"
    );
}

#[test]
fn script_urls_are_refused_one_problem_each() {
    let text = fixture("hostile-urls.json");
    let value: Value = serde_json::from_str(&text).unwrap();
    let bad: Vec<(String, String)> = value["sources"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            let url = s["url"].as_str()?;
            (!url.starts_with("https://") && !url.starts_with("http://"))
                .then(|| (format!("sources[{i}].url"), url.to_string()))
        })
        .collect();
    let schemes: String = bad.iter().map(|(_, u)| u.to_lowercase()).collect();
    for scheme in ["javascript:", "data:", "vbscript:"] {
        assert!(schemes.contains(scheme), "the fixture has no {scheme} URL");
    }
    let problems = load(&text).expect_err("script URLs must be refused");
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    let expected: Vec<&str> = bad.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        paths, expected,
        "exactly one problem per bad URL: {problems:#?}"
    );
    for (problem, (_, url)) in problems.iter().zip(&bad) {
        assert_eq!(
            problem.message,
            format!("\"{url}\" is not an http(s) URL"),
            "{problem}"
        );
    }
}

// ---------------------------------------------------------------------------
// Issue 15: input that deceives, or that could freeze the page
// ---------------------------------------------------------------------------

fn minimal() -> String {
    fixture("minimal.json")
}

fn problems(text: &str) -> Vec<String> {
    load(text)
        .err()
        .unwrap_or_default()
        .iter()
        .map(ToString::to_string)
        .collect()
}

/// A reviewer reads the first "status", `serde_json::Value` keeps the last:
/// a key given twice is an error, with its path, at any depth.
#[test]
fn duplicate_keys_are_refused_with_their_path() {
    let text = minimal().replace(
        "\"status\": \"confirmed\"",
        "\"status\": \"confirmed\", \"status\": \"denied\"",
    );
    assert_eq!(
        problems(&text),
        ["claims[0].status: the key \"status\" appears more than once in this object: keep one (readers and reviewers could see different values)"]
    );
    let text = minimal()
        .replace(
            "\"title\": \"Minimal briefing\",",
            "\"title\": \"Minimal briefing\", \"title\": \"Other\",",
        )
        .replace(
            "\"role\": \"initiator\" }",
            "\"role\": \"initiator\", \"actor\": \"bob\" }",
        );
    let found = problems(&text);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(found[0].starts_with("meta.title: the key \"title\" appears more than once"));
    assert!(found[1].starts_with("events[0].participants[0].actor: the key \"actor\""));
    // Equal values twice are refused too: the file is still ambiguous to tools.
    let same = minimal().replace(
        "\"as_of\": \"2025-11-01\",",
        "\"as_of\": \"2025-11-01\", \"as_of\": \"2025-11-01\",",
    );
    assert!(problems(&same)[0].starts_with("meta.as_of: the key"));
    // Keys that only look alike are different keys (and unknown fields).
    let lookalike = minimal().replace(
        "\"summary\": \"One",
        "\"summ\u{430}ry\": \"x\", \"summary\": \"One",
    );
    assert!(
        problems(&lookalike)[0].contains("unknown field"),
        "{:?}",
        problems(&lookalike)
    );
}

/// The collections are read entry by entry while the file is parsed (no
/// tree of the whole file is held): what is said of them is what a tree
/// would give, in the same order, whatever order the file lists them in.
#[test]
fn collections_read_while_parsing_are_judged_as_a_whole_file_would_be() {
    let mut v: serde_json::Value = serde_json::from_str(&minimal()).unwrap();
    v["actors"][0]["kind"] = "emperor".into();
    v["claims"][0]["status"] = "true".into();
    let root = v.as_object().unwrap();
    // Claims first, actors last: problems still follow the data model's order.
    let mut reordered = String::from("{");
    for key in ["claims", "events", "meta", "sources", "actors"] {
        reordered.push_str(&format!("\"{key}\": {},", root[key]));
    }
    reordered.pop();
    reordered.push('}');
    let found = problems(&reordered);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(
        found[0].starts_with("actors[0].kind: unknown"),
        "{found:#?}"
    );
    assert!(
        found[1].starts_with("claims[0].status: unknown"),
        "{found:#?}"
    );

    // A collection given twice: the first is read, the second named.
    let events = root["events"].to_string();
    let twice = minimal().replacen(
        "\"events\":",
        &format!("\"events\": {events}, \"events\":"),
        1,
    );
    assert_eq!(
        problems(&twice),
        ["events: the key \"events\" appears more than once in this object: keep one (readers and reviewers could see different values)"]
    );
    // Not an array, or an empty one.
    let object = minimal().replacen("\"actors\":", "\"actors\": {}, \"was\":", 1);
    let found = problems(&object);
    assert!(
        found.contains(&"actors: expected an array, found an object".to_string()),
        "{found:#?}"
    );
    let empty = minimal().replacen("\"sources\":", "\"sources\": [], \"was\":", 1);
    let found = problems(&empty);
    assert!(
        found.contains(&"sources: must list at least one entry".to_string()),
        "{found:#?}"
    );
    // A syntax error deep inside a collection is still one problem with its place.
    let broken = minimal().replacen("\"role\": \"initiator\"", "\"role\" \"initiator\"", 1);
    let errs = load(&broken).unwrap_err();
    assert_eq!(errs.len(), 1);
    assert!(
        errs[0].line.is_some() && errs[0].message.contains("not valid JSON"),
        "{errs:?}"
    );
    // Many keys at the top level are found twice in linear time too.
    let mut wide = String::from("{");
    for i in 0..50_000 {
        wide.push_str(&format!("\"k{}\": 0,", i % 25_000));
    }
    wide.push_str("\"meta\": {}}");
    let found = problems(&wide);
    assert_eq!(
        found
            .iter()
            .filter(|p| p.contains("appears more than once"))
            .count(),
        25_000
    );
}

#[test]
fn many_duplicate_keys_are_found_in_linear_time() {
    // 200,000 keys, all "k": one problem each after the first, and no
    // quadratic rescanning (a budget far above the linear cost).
    let body: Vec<String> = (0..200_000).map(|i| format!("\"k\": {i}")).collect();
    let text = format!("{{\"meta\": {{{}}}}}", body.join(","));
    let started = std::time::Instant::now();
    let found = load(&text).unwrap_err();
    assert!(started.elapsed().as_secs() < 10, "{:?}", started.elapsed());
    assert_eq!(
        found
            .iter()
            .filter(|p| p.path == "meta.k" && p.message.contains("more than once"))
            .count(),
        199_999
    );
}

#[test]
fn text_that_is_not_utf8_is_refused_in_words() {
    let latin1: Vec<u8> = minimal()
        .replace("Alice calls Bob", "Alice appelle Bob \u{e9}t\u{e9}")
        .chars()
        .map(|c| c as u32 as u8)
        .collect();
    let found = briefing::model::load_bytes(&latin1).unwrap_err();
    assert_eq!(found.len(), 1);
    let sentence = found[0].to_string();
    assert!(
        sentence.starts_with("line 18, column 35: the file is not UTF-8 text (byte 0xE9"),
        "{sentence}"
    );
    assert!(sentence.contains("save it as UTF-8"), "{sentence}");
    // UTF-8 with a byte-order mark (Windows editors) is read.
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(minimal().as_bytes());
    assert!(briefing::model::load_bytes(&bom).is_ok());
    // UTF-16 is not UTF-8 either.
    let utf16: Vec<u8> = minimal()
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    assert!(
        briefing::model::load_bytes(&utf16).unwrap_err()[0]
            .message
            .contains("not UTF-8")
            || briefing::model::load_bytes(&utf16).unwrap_err()[0]
                .message
                .contains("not valid JSON")
    );
}

#[test]
fn files_over_the_size_limit_are_refused_before_parsing() {
    let big = vec![b' '; briefing::model::decode::MAX_BYTES + 1];
    let found = briefing::model::load_bytes(&big).unwrap_err();
    assert_eq!(
        found[0].to_string(),
        "the file: the file is 160 MB, more than the 160 MB this page reads; split it, or check that the link points at a dataset"
    );
}

#[test]
fn a_megabyte_title_and_other_overlong_fields_are_refused() {
    let long = "x".repeat(1_000_000);
    let text = minimal().replace("Alice calls Bob\"", &format!("{long}\""));
    assert_eq!(
        problems(&text),
        ["events[0].title: is 1000000 characters long, more than the 1000 allowed here (it is shown as a heading or a name; put long text in a summary or note)"]
    );
    let name = minimal().replace(
        "\"name\": \"Alice\"",
        &format!("\"name\": \"{}\"", "é".repeat(1_001)),
    );
    assert!(problems(&name)[0].starts_with("actors[0].name: is 1001 characters long"));
    // Exactly at the limit is fine.
    let at = minimal().replace(
        "\"name\": \"Alice\"",
        &format!("\"name\": \"{}\"", "é".repeat(1_000)),
    );
    assert!(load(&at).is_ok());
    let summary = minimal().replace(
        "\"summary\": \"Alice calls Bob.\"",
        &format!("\"summary\": \"{}\"", "y".repeat(1_048_577)),
    );
    assert!(problems(&summary)[0].starts_with(
        "events[0].summary: is 1048577 characters long, more than the 1048576 allowed here"
    ));
    let aliases: Vec<String> = (0..101).map(|i| format!("\"A{i}\"")).collect();
    let many = minimal().replace(
        "\"name\": \"Alice\",",
        &format!("\"name\": \"Alice\", \"aliases\": [{}],", aliases.join(",")),
    );
    assert_eq!(
        problems(&many),
        ["actors[0].aliases: has 101 entries, more than the 100 allowed here; only the first 100 were checked"]
    );
}

/// A right-to-left override reverses the text around it; a zero-width
/// space makes "Alice" and "Alice" two names. Neither is allowed in names,
/// aliases, outlets, chains, affiliations or authors; free text keeps them
/// (quotes are verbatim) and the page isolates it.
#[test]
fn control_direction_and_invisible_characters_are_refused_in_names() {
    let cases = [
        (
            "\"name\": \"Alice\"",
            "\"name\": \"Ali\u{202e}ce\"",
            "actors[0].name",
            "a text-direction control",
        ),
        (
            "\"name\": \"Alice\"",
            "\"name\": \"Alice\u{200b}\"",
            "actors[0].name",
            "an invisible character (U+200B",
        ),
        (
            "\"name\": \"Alice\"",
            "\"name\": \"\u{feff}Alice\"",
            "actors[0].name",
            "an invisible character (U+FEFF",
        ),
        (
            "\"name\": \"Alice\"",
            "\"name\": \"Al\u{200d}ice\"",
            "actors[0].name",
            "an invisible joiner",
        ),
        (
            "\"name\": \"Alice\"",
            "\"name\": \"Alice\\u0007\"",
            "actors[0].name",
            "a control character",
        ),
        (
            "\"name\": \"Alice\"",
            "\"name\": \"Alice\\n\"",
            "actors[0].name",
            "a control character",
        ),
        (
            "\"name\": \"Alice\"",
            "\"name\": \"Alice\u{2066}\"",
            "actors[0].name",
            "a text-direction control",
        ),
        (
            "\"name\": \"Alice\"",
            "\"name\": \"Alice\u{e0041}\"",
            "actors[0].name",
            "an invisible character (U+E0041",
        ),
        (
            "\"outlet\": \"The Paper\"",
            "\"outlet\": \"The \u{202e}repaP\"",
            "sources[0].outlet",
            "a text-direction control",
        ),
        (
            "\"chain\": [\"Wire\"]",
            "\"chain\": [\"Wi\u{2060}re\"]",
            "sources[0].chain[0]",
            "an invisible character (U+2060",
        ),
        (
            "\"affiliation\": \"A-land\"",
            "\"affiliation\": \"A-\u{ad}land\"",
            "actors[0].affiliation",
            "an invisible character (U+00AD",
        ),
    ];
    for (from, to, path, reason) in cases {
        let text = minimal().replacen(from, to, 1);
        assert_ne!(text, minimal(), "{from}");
        let found = problems(&text);
        assert_eq!(found.len(), 1, "{to}: {found:#?}");
        assert!(
            found[0].starts_with(&format!("{path}: contains {reason}")),
            "{to}: {}",
            found[0]
        );
        assert!(
            found[0].ends_with("names must be plain visible text"),
            "{}",
            found[0]
        );
    }
    // Joiners between letters of scripts that need them, and emoji, are fine.
    for ok in ["مح\u{200c}مد", "👩\u{200d}💻", "Ḿ\u{200d}Ḿ"] {
        let text = minimal().replacen("\"name\": \"Alice\"", &format!("\"name\": \"{ok}\""), 1);
        assert!(load(&text).is_ok(), "{ok:?}: {:?}", problems(&text));
    }
    // In free text they stay: a quote is verbatim.
    let quote = minimal().replace("We spoke.", "We \u{202e}spoke\u{200b}.");
    assert!(load(&quote).is_ok());
}

#[test]
fn the_hostile_names_are_refused_when_they_hide_characters() {
    // hostile.json keeps its overrides and zero-width text in free text;
    // moved into names they are refused, one problem per name.
    let mut value: Value = serde_json::from_str(&fixture("hostile.json")).unwrap();
    value["actors"][1]["name"] = Value::String("Steve \u{202e}סטיב ויטקוף Witkoff".into());
    value["actors"][4]["name"] = Value::String("\u{feff}Zero\u{200b}Width".into());
    value["sources"][4]["outlet"] = Value::String("Zero\u{200b}Press".into());
    let found: Vec<String> = load(&value.to_string())
        .unwrap_err()
        .iter()
        .map(|p| p.path.clone())
        .collect();
    assert_eq!(
        found,
        ["actors[1].name", "actors[4].name", "sources[4].outlet"]
    );
}

#[test]
fn the_checker_flags_look_alike_names_of_distinct_actors() {
    use briefing::model::lookalike::lookalike_actors;
    for twin in [
        "Alicе", /* Cyrillic е */
        "ALICE",
        "Alice ",
        "Аlice", /* Cyrillic А */
        "Al\u{0131}ce",
    ] {
        let text = minimal().replace("\"name\": \"Bob\"", &format!("\"name\": \"{twin}\""));
        let b = load(&text).unwrap_or_else(|p| panic!("{twin:?}: {p:?}"));
        let found = lookalike_actors(&b);
        assert_eq!(found.len(), 1, "{twin:?}");
        assert_eq!(found[0].path, "actors[1].name");
        assert!(
            found[0]
                .message
                .contains("reads like actors[0].name “Alice”, a different actor"),
            "{}",
            found[0].message
        );
    }
    // An alias of one actor that reads like another actor's name, too.
    let text = minimal().replace(
        "\"name\": \"Bob\",",
        "\"name\": \"Bob\", \"aliases\": [\"alice\"],",
    );
    assert_eq!(
        lookalike_actors(&load(&text).unwrap())[0].path,
        "actors[1].aliases[0]"
    );
    // One actor's own spellings may read alike; distinct names are fine.
    let own = minimal().replace(
        "\"name\": \"Alice\",",
        "\"name\": \"Alice\", \"aliases\": [\"ALICE\"],",
    );
    assert!(lookalike_actors(&load(&own).unwrap()).is_empty());
    let bundled = load(briefing::model::BUNDLED).unwrap();
    assert_eq!(lookalike_actors(&bundled), vec![]);
}

#[test]
fn the_checker_says_why_a_file_cannot_be_read() {
    let dir = std::env::temp_dir().join(format!("briefing-check-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let latin1 = dir.join("latin1.json");
    std::fs::write(&latin1, b"{\"meta\": \"caf\xe9\"}").unwrap();
    let twins = dir.join("twins.json");
    std::fs::write(
        &twins,
        minimal().replace("\"name\": \"Bob\"", "\"name\": \"Alicе\""),
    )
    .unwrap();
    let dups = dir.join("dups.json");
    std::fs::write(
        &dups,
        minimal().replace(
            "\"status\": \"confirmed\"",
            "\"status\": \"confirmed\", \"status\": \"denied\"",
        ),
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_briefing-check"))
        .args([&latin1, &twins, &dups])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success());
    assert!(
        text.contains("line 1, column 14: the file is not UTF-8 text"),
        "{text}"
    );
    assert!(
        text.contains("actors[1].name: “Alicе” reads like actors[0].name “Alice”"),
        "{text}"
    );
    assert!(
        text.contains("claims[0].status: the key \"status\" appears more than once"),
        "{text}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// Every date of 50,000 events is broken: each date's check used to scan
/// all problems found so far (quadratic: minutes); now it is linear.
#[test]
fn a_file_with_two_hundred_thousand_problems_is_checked_in_linear_time() {
    let mut value: Value = serde_json::from_str(&minimal()).unwrap();
    let event = value["events"][0].clone();
    let events: Vec<Value> = (0..50_000)
        .map(|i| {
            let mut e = event.clone();
            e["id"] = Value::String(format!("call-{i}"));
            e["date"] = serde_json::json!({ "precision": "month", "value": "2025-13", "part": "soon", "weekday": "someday" });
            e["status"] = Value::String("maybe".into());
            e["secret"] = Value::String("no".into());
            e
        })
        .collect();
    value["events"] = Value::Array(events);
    let text = value.to_string();
    let started = std::time::Instant::now();
    let found = load(&text).unwrap_err();
    let took = started.elapsed();
    assert!(found.len() >= 200_000, "{}", found.len());
    assert!(took.as_secs() < 20, "{took:?} for {} problems", found.len());
}

#[test]
fn a_name_of_accents_only_is_refused_and_a_link_of_a_page_of_text_too() {
    let text = minimal().replace("\"name\": \"Bob\"", "\"name\": \"\\u0301\\u0301 \\u0308\"");
    let found = problems(&text);
    assert_eq!(
        found,
        ["actors[1].name: has no visible letter (only accents or spaces): names must be plain visible text"]
    );
    // A name with accents on letters is fine.
    let text = minimal().replace("\"name\": \"Bob\"", "\"name\": \"Bo\\u0301b\"");
    assert!(load(&text).is_ok());
    // A data= link is a file name: 2,000 characters at most.
    use briefing::query::state::check_data_url;
    assert!(check_data_url(&format!("{}.json", "a".repeat(1_995))).is_ok());
    assert!(check_data_url(&format!("{}.json", "a".repeat(1_997))).is_err());
    // Spellings that must never pass as relative links.
    for bad in [
        " //host/x.json",
        "//host/x.json ",
        "\t//host/x.json",
        "/\n/host/x.json",
        "\\\\host/x.json",
        "/\\host/x.json",
        "http:host/x.json",
        "HTTPS://host/x.json",
        "data:,{}",
        "\u{0}//host",
    ] {
        assert!(check_data_url(bad).is_err(), "{bad:?}");
    }
}

/// One event with 20,000 participants whose ids differ only at their end,
/// and claims about it with 20,000 stances each: parties gathered without a
/// list searched per participant, stances checked against the parties and
/// the event they name without a scan each, independent support found
/// without comparing every pair, retractions without a search per stance.
/// Each of these was quadratic: a pack of a few hundred KB took from
/// seconds to minutes (a red-team pass, 2026-12-07); the same rules serve
/// `load`. Linear now: well under a second in a release build.
#[test]
fn claims_with_thousands_of_parties_or_stances_are_judged_in_linear_time() {
    use briefing::model::{pack, Actor, Participant, Stance, StanceKind};
    let mut b = load(&minimal()).unwrap();
    let prefix = "x".repeat(100);
    let template = b.actors[0].clone();
    b.actors = (0..20_000)
        .map(|i| Actor {
            id: format!("{prefix}-{i:05}").into(),
            // Two affiliations: supporting stances alternate between them.
            affiliation: format!("Land {}", i % 2),
            ..template.clone()
        })
        .collect();
    let event = &mut b.events[0];
    event.participants = b
        .actors
        .iter()
        .map(|a| Participant {
            actor: a.id.clone(),
            role: briefing::model::Role::Participant,
            note: None,
        })
        .collect();
    let template = b.claims[0].clone();
    let stance = template.stances[0].clone();
    let claim = |id: &str, stances: Vec<Stance>| briefing::model::Claim {
        id: id.into(),
        stances,
        ..template.clone()
    };
    let by = |i: usize, kind: StanceKind, made_in: bool| Stance {
        actor: b.actors[i].id.clone(),
        kind,
        event: made_in.then(|| b.events[0].id.clone()),
        ..stance.clone()
    };
    // Supporting stances of two actors of one origin: no independent pair.
    let asserted = (0..20_000)
        .map(|i| by(i % 2, StanceKind::Asserts, true))
        .collect();
    let retracted = (0..20_000)
        .map(|i| by(i, StanceKind::Retracts, false))
        .collect();
    let acknowledged = (0..20_000)
        .map(|i| by(19_999 - i, StanceKind::Confirms, true))
        .collect();
    b.claims = vec![
        claim("asserted", asserted),
        claim("retracted", retracted),
        claim("acknowledged", acknowledged),
    ];
    let bytes = pack::write(&b).unwrap();
    let started = std::time::Instant::now();
    let read = pack::read_bytes(&bytes);
    let took = started.elapsed();
    // Judged (each claim's curated status is refused or allowed), in time.
    let problems = read.expect_err("the curated statuses do not fit these stances");
    assert!(
        problems.iter().all(|p| p.path.ends_with(".status")),
        "{problems:?}"
    );
    // Each reason names a few parties and counts the rest: 20,000 names
    // made one sentence of 300 KB.
    for p in &problems {
        assert!(p.message.len() < 2_000, "{} bytes: {p}", p.message.len());
        assert!(p.message.contains(" others "), "{p}");
    }
    assert!(
        took.as_secs() < 10,
        "{took:?} for a pack of {} bytes",
        bytes.len()
    );
}

/// A claim is listed, with its stances, under every event it is about or
/// was made in, and its text is searched with each. A 3 MB file of one claim
/// about 6,000 events with 6,000 stances made 36 million entries (9 s and
/// 2 GB natively; a red-team probe, 2026-12-07), and a 7 MB file of one
/// quote of 100,000 words about 20,000 events 27 s of search index. Both
/// are refused in words, by `load` and by the pack's reader alike, before
/// anything is built; a claim about many events with few stances is not.
#[test]
fn claims_spread_over_thousands_of_events_are_refused_in_words() {
    use briefing::model::{pack, Event, Stance};
    let base = load(&minimal()).unwrap();
    let with = |events: usize, stances: usize, quote: &str, made_in: bool| {
        let mut b = base.clone();
        let template: Event = b.events[0].clone();
        b.events = (0..events)
            .map(|i| Event {
                id: format!("e{i}").into(),
                ..template.clone()
            })
            .collect();
        let stance: Stance = b.claims[0].stances[0].clone();
        let claim = &mut b.claims[0];
        claim.events = b.events.iter().map(|e| e.id.clone()).collect();
        claim.stances = (0..stances)
            .map(|i| Stance {
                quote: quote.to_string(),
                event: made_in.then(|| b.events[i % events].id.clone()),
                ..stance.clone()
            })
            .collect();
        claim.status_override = Some(briefing::model::StatusOverride {
            reason: "Judged by hand.".into(),
        });
        b
    };
    let refused = |b: &briefing::model::Briefing| {
        let json = serde_json::to_string(b).unwrap();
        let from_json = load(&json).expect_err("refused from JSON");
        let from_pack =
            pack::read_bytes(&pack::write(b).unwrap()).expect_err("refused from a pack");
        let said: Vec<String> = from_json.iter().map(ToString::to_string).collect();
        let said_pack: Vec<String> = from_pack.iter().map(ToString::to_string).collect();
        assert_eq!(said, said_pack, "the same words from either form");
        said
    };
    // Stances tied to no event are listed under each of the claim's.
    let said = refused(&with(6_000, 6_000, "We spoke.", false));
    assert_eq!(said.len(), 2, "entries and text: {said:?}");
    assert!(
        said[0].starts_with(
            "claims[0]: is about 6,000 events of 12,000 participants and has 6,000 stances"
        ) && said[0].contains("36,018,000 entries")
            && said[0].contains("more than the 4,000,000 the viewer can show"),
        "{}",
        said[0]
    );
    // Each tied to its own event: their actors are still involved in all.
    let said = refused(&with(2_001, 2_000, "We spoke.", true));
    assert!(said[0].contains("4,008,003 entries, more"), "{said:?}");
    // Just under the limit: read.
    load(&serde_json::to_string(&with(1_997, 2_000, "We spoke.", true)).unwrap())
        .expect("3,999,991 entries are within the limit");
    // A long quote about many events: more text than a file may hold.
    let quote = "word ".repeat(200_000);
    let said = refused(&with(200, 1, &quote, true));
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(
        said[0].starts_with("claims[0]: is about 200 events and holds 977 KB of text")
            && said[0].contains("more than the 160 MB a dataset may hold"),
        "{}",
        said[0]
    );
    // One event named 20,000 times: refused at the second mention (it made
    // each of 5,000 stances tied to no event 20,000 entries: 4.7 GB).
    let mut repeated = with(1, 2, "We spoke.", false);
    let again = repeated.claims[0].events[0].clone();
    repeated.claims[0].events = vec![again; 20_000];
    let said = refused(&repeated);
    assert_eq!(
        said,
        ["claims[0].events[1]: lists event \"e0\" a second time: a claim names each event it is about once"]
    );
    // Many claims about one event of many participants: each is judged
    // against them all (2,000 claims about an event of 20,000 took 21 s).
    let mut crowded = with(1, 1, "We spoke.", true);
    let actor = crowded.actors[0].clone();
    crowded.actors = (0..2_000)
        .map(|i| briefing::model::Actor {
            id: format!("a{i}").into(),
            ..actor.clone()
        })
        .collect();
    crowded.events[0].participants = crowded
        .actors
        .iter()
        .map(|a| briefing::model::Participant {
            actor: a.id.clone(),
            role: briefing::model::Role::Participant,
            note: None,
        })
        .collect();
    let claim = crowded.claims[0].clone();
    crowded.claims = (0..2_100)
        .map(|i| briefing::model::Claim {
            id: format!("c{i}"),
            stances: vec![briefing::model::Stance {
                actor: "a0".into(),
                ..claim.stances[0].clone()
            }],
            ..claim.clone()
        })
        .collect();
    let said = refused(&crowded);
    assert!(
        said[0].starts_with("claims[0]: is about 1 event of 2,000 participants and has 1 stance")
            && said[0].contains("4,204,200 entries (2,002 from this one)"),
        "{said:?}"
    );
    // An actor of long names and aliases in many events: its names are
    // searched with each (100 aliases of 1,000 characters in 20,000 events
    // took 10 s to index).
    let mut named = with(2_000, 2, "We spoke.", true);
    named.actors[0].aliases = (0..100)
        .map(|i| format!("{i} {}", "alias ".repeat(160)))
        .collect();
    named
        .events
        .iter_mut()
        .for_each(|e| e.participants[0].actor = named.actors[0].id.clone());
    let said = refused(&named);
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(
        said[0].starts_with(
            "actors[0]: is involved in 2,000 events and has 95 KB of names and aliases"
        ) && said[0].contains("more than the 160 MB a dataset may hold"),
        "{}",
        said[0]
    );
    // Many events, few stances, short text: an ordinary large claim.
    load(&serde_json::to_string(&with(20_000, 2, "We spoke.", true)).unwrap())
        .expect("a claim about 20,000 events with two stances is read");
}

/// An actor's events are held as a list when they are few, not as a bitset
/// of every event: 200,000 actors in a 100,000-event file each took 12.5 KB,
/// 2.5 GB in all (a red-team probe, 2026-12-07: beyond what a page's wasm
/// can hold). Counts are the same either way (`bits.rs` tests both forms).
#[test]
fn actors_in_few_of_many_events_hold_lists_not_bitsets() {
    use briefing::model::{Actor, Event, Participant, Role};
    use briefing::query::bits::Members;
    use briefing::query::index::Index;
    use briefing::query::state::{Facet, ViewState};
    let mut b = load(&minimal()).unwrap();
    let actor = b.actors[0].clone();
    let event = b.events[0].clone();
    b.actors.extend((0..4_000).map(|i| Actor {
        id: format!("a{i}").into(),
        name: format!("Actor {i}"),
        ..actor.clone()
    }));
    b.events.extend((0..8_000).map(|i| Event {
        id: format!("e{i}").into(),
        participants: vec![Participant {
            actor: format!("a{}", i % 4_000).into(),
            role: Role::Participant,
            note: None,
        }],
        ..event.clone()
    }));
    let b = load(&serde_json::to_string(&b).unwrap()).expect("valid");
    let index = Index::new(&b);
    let actors = index.options(Facet::Actor);
    let few = actors
        .iter()
        .filter(|o| matches!(o.events, Members::Few(_)))
        .count();
    assert_eq!(actors.len(), 4_002);
    assert_eq!(
        few, 4_002,
        "each actor of one or two events out of 8,001 as a list"
    );
    // Ticking one counts what it adds, as a bitset would.
    let mut state = ViewState::default();
    state.toggle(Facet::Actor, "a7");
    let outcome = index.query(&state);
    assert_eq!(outcome.matches.len(), 2);
    let at = |key: &str| actors.iter().position(|o| o.key == key).unwrap();
    assert_eq!(outcome.actor_counts[at("a7")], 2);
    assert_eq!(outcome.actor_counts[at("a8")], 4, "a7's two and a8's two");
}

/// A search word calls up the names of the actors it begins a word of: at
/// most `MAX_ALTERNATIVES` of them, each a look-up per keystroke (20,000
/// actors of 100 aliases all beginning "abc" made two million: 5 s a
/// keystroke; a red-team pass, 2026-12-07).
#[test]
fn a_search_word_calls_up_a_bounded_number_of_names() {
    use briefing::model::Actor;
    use briefing::query::index::{Index, MAX_ALTERNATIVES};
    let mut b = load(&minimal()).unwrap();
    let actor = b.actors[0].clone();
    b.actors.extend((0..300).map(|i| Actor {
        id: format!("abc{i}").into(),
        name: format!("Abcde {i}"),
        aliases: (0..100).map(|j| format!("Abcd {i} {j}")).collect(),
        ..actor.clone()
    }));
    let index = Index::new(&b);
    let called = index.alternatives("abc");
    assert_eq!(called.len(), MAX_ALTERNATIVES, "{called:?}");
    assert!(called.contains(&"abc".to_string()), "the word itself first");
    // An ordinary word still calls up every name of its actor.
    assert_eq!(index.alternatives("alic"), ["alic", "alice"]);
}

/// A stance tied to no event is in each of its claim's events; its CSV row
/// names `CSV_EVENTS` of them and counts the rest (a claim about 2,000
/// events with 1,998 such stances made 4 GB of CSV in 80 s).
#[test]
fn a_csv_row_names_a_bounded_number_of_events() {
    use briefing::model::Event;
    use briefing::query::index::Index;
    use briefing::query::state::ViewState;
    use briefing::report::{csv, CSV_EVENTS};
    let mut b = load(&minimal()).unwrap();
    let event = b.events[0].clone();
    b.events = (0..CSV_EVENTS + 10)
        .map(|i| Event {
            id: format!("e{i}").into(),
            title: format!("Meeting {i}"),
            ..event.clone()
        })
        .collect();
    b.claims[0].events = b.events.iter().map(|e| e.id.clone()).collect();
    b.claims[0].stances.truncate(1);
    b.claims[0].stances[0].event = None;
    b.claims[0].status_override = Some(briefing::model::StatusOverride {
        reason: "Judged by hand.".into(),
    });
    let b = load(&serde_json::to_string(&b).unwrap()).expect("valid");
    let index = Index::new(&b);
    let all: Vec<usize> = (0..index.len()).collect();
    let text = csv(&b, &index, &all, &ViewState::default());
    let row = text.lines().nth(1).expect("one stance, one row");
    assert_eq!(row.matches("Meeting ").count(), CSV_EVENTS, "{row}");
    assert!(row.contains("; and 10 more events"), "{row}");
}

/// A name of spaces only, or none, is said to have no visible letter, as a
/// name of invisible characters is; plain ASCII names pass.
#[test]
fn a_blank_name_has_no_visible_letter() {
    use briefing::model::decode::hidden_character;
    for blank in ["", " ", "   "] {
        let why = hidden_character(blank).expect("refused");
        assert!(why.contains("no visible letter"), "{blank:?}: {why}");
    }
    assert_eq!(hidden_character("Alice Smith-Jones (2nd)"), None);
    assert!(hidden_character("Alice\u{7f}").is_some());
}
