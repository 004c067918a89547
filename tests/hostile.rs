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
