//! Writes a deterministic synthetic briefing for benchmarks (issue 7).
//!
//! Usage: `briefing-gen --events N [--seed S] [--out FILE] [--pretty]`
//!
//! The data has the shape of `data/briefing.json` at any size: actors with
//! transliterated and Cyrillic aliases, sources with citation chains, events
//! using every date precision, channel and role, claims with stances. Same
//! seed and size give byte-identical output (a seeded xorshift PRNG, no
//! hashing-order or clock input). The result is run through the real
//! validator (`briefing::model::load`) before it is written, so a benchmark
//! never measures a dataset the app would reject.

use briefing::model::date::Day;
use briefing::model::{
    load, Actor, ActorKind, Briefing, Channel, Claim, ClaimStatus, DateSpec, Event, EventStatus,
    Meta, Modality, MonthPart, Participant, Precision, Role, Source, Speech, Stance, StanceKind,
    Track, Vocab, Weekday,
};
use std::io::Write;
use std::process::ExitCode;

/// xorshift64* seeded through splitmix64, so that small seeds (0, 1, 7) give
/// well-mixed, non-zero states.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        Rng((z ^ (z >> 31)) | 1)
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        ((self.next() >> 11) % n as u64) as usize
    }
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    fn chance(&mut self, p: f64) -> bool {
        ((self.next() >> 11) as f64 / (1u64 << 53) as f64) < p
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    fn word(&mut self, items: &[&'static str]) -> &'static str {
        items[self.below(items.len())]
    }
    /// An index by integer weight.
    fn weighted(&mut self, weights: &[usize]) -> usize {
        let mut r = self.below(weights.iter().sum());
        for (i, &w) in weights.iter().enumerate() {
            if r < w {
                return i;
            }
            r -= w;
        }
        unreachable!()
    }
    /// Skewed towards low indices, so a few actors are in many events (as in
    /// real reporting) and facet counts vary widely.
    fn skewed(&mut self, n: usize) -> usize {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        ((u * u * n as f64) as usize).min(n - 1)
    }
}

// Name pools. Russian names carry four spellings: English, an alternative
// romanisation, a scholarly one with diacritics, and Cyrillic, so that alias
// search and accent folding are exercised at scale.
const RU_GIVEN: &[(&str, &str, &str, &str, bool)] = &[
    ("Yuriy", "Yuri", "Jurij", "Юрий", false),
    ("Sergey", "Sergei", "Sergej", "Сергей", false),
    ("Dmitry", "Dmitri", "Dmitrij", "Дмитрий", false),
    ("Alexey", "Aleksei", "Aleksej", "Алексей", false),
    ("Nikolay", "Nikolai", "Nikolaj", "Николай", false),
    ("Andrey", "Andrei", "Andrej", "Андрей", false),
    ("Yevgeny", "Evgeny", "Jevgenij", "Евгений", false),
    ("Mikhail", "Mikhail", "Michail", "Михаил", false),
    ("Maria", "Mariya", "Marija", "Мария", true),
    ("Yelena", "Elena", "Jelena", "Елена", true),
    ("Tatiana", "Tatyana", "Taťjana", "Татьяна", true),
    ("Olga", "Olga", "Oľga", "Ольга", true),
];
const RU_SURNAMES: &[(&str, &str, &str, &str)] = &[
    ("Ushakov", "Ushakow", "Ušakov", "Ушаков"),
    ("Zhukov", "Zhukow", "Žukov", "Жуков"),
    ("Chernov", "Tchernov", "Černov", "Чернов"),
    ("Shevtsov", "Shevtsow", "Ševcov", "Шевцов"),
    ("Kuznetsov", "Kuznetsow", "Kuzněcov", "Кузнецов"),
    ("Zhdanov", "Jdanov", "Ždanov", "Жданов"),
    ("Shirokov", "Schirokow", "Širokov", "Широков"),
    ("Grachev", "Gratchev", "Gračev", "Грачев"),
    ("Kozhin", "Koschin", "Kožin", "Кожин"),
    ("Yershov", "Ershov", "Jeršov", "Ершов"),
    ("Belyakov", "Beliakov", "Běljakov", "Беляков"),
    ("Chistyakov", "Tchistiakov", "Čisťakov", "Чистяков"),
];
/// (as written, ASCII spelling)
const WEST_GIVEN: &[(&str, &str)] = &[
    ("Steven", "Steven"),
    ("Laura", "Laura"),
    ("Michael", "Michael"),
    ("Anne", "Anne"),
    ("Thomas", "Thomas"),
    ("Claire", "Claire"),
    ("Jürgen", "Juergen"),
    ("Élodie", "Elodie"),
    ("José", "Jose"),
    ("Søren", "Soren"),
    ("Zoë", "Zoe"),
    ("Marek", "Marek"),
];
const WEST_SURNAMES: &[(&str, &str)] = &[
    ("Whitfield", "Whitfield"),
    ("Harlan", "Harlan"),
    ("Dvořák", "Dvorak"),
    ("Müller", "Mueller"),
    ("Lefèvre", "Lefevre"),
    ("Núñez", "Nunez"),
    ("Østergaard", "Ostergaard"),
    ("Kowalczyk", "Kowalczyk"),
    ("Brennan", "Brennan"),
    ("Okafor", "Okafor"),
    ("Sørensen", "Sorensen"),
    ("Yılmaz", "Yilmaz"),
];
const WEST_COUNTRIES: &[&str] = &[
    "United States",
    "United Kingdom",
    "France",
    "Germany",
    "Turkey",
    "Poland",
    "Denmark",
    "Spain",
    "Nigeria",
    "Czech Republic",
    "Ukraine",
    "European Union",
];
const GOVERNMENTS: &[&str] = &[
    "Russia",
    "United States",
    "Ukraine",
    "Turkey",
    "Saudi Arabia",
    "Qatar",
    "United Arab Emirates",
    "Hungary",
    "Switzerland",
    "China",
    "Kyrgyzstan",
    "Holy See",
];
const BODY_FORMS: &[&str] = &[
    "Government of {}",
    "Foreign ministry of {}",
    "Presidential office of {}",
    "Security council of {}",
];
const MEDIA_PLACES: &[&str] = &[
    "Baltic",
    "Northern",
    "Eastern",
    "Capital",
    "Danube",
    "Volga",
    "Atlantic",
    "Continental",
    "Harbour",
    "Steppe",
];
const MEDIA_NOUNS: &[&str] = &[
    "Herald",
    "Courier",
    "Wire",
    "Observer",
    "Dispatch",
    "Post",
    "Review",
    "Monitor",
    "Telegraph",
    "Bulletin",
];
/// Outlets that only relay (sources' chains), beside the media actors.
const WIRES: &[&str] = &[
    "Meridian Press Agency",
    "Global Newswire",
    "Agence Centrale",
    "Nordpress",
    "Interfax-Sever",
    "Pacific News Service",
    "UrduLine News",
    "Danubian Press",
    "Radio Continental",
    "US media (unnamed)",
];
const CITIES: &[&str] = &[
    "Moscow",
    "Washington",
    "Istanbul",
    "Geneva",
    "Riyadh",
    "Doha",
    "Abu Dhabi",
    "Budapest",
    "Vienna",
    "Helsinki",
    "Kyiv",
    "Bishkek",
];
const TOPICS: &[&str] = &[
    "a prisoner exchange",
    "a ceasefire proposal",
    "grain exports",
    "strikes on energy infrastructure",
    "sanctions relief",
    "a 28-point peace plan",
    "nuclear plant safety",
    "humanitarian corridors",
    "the return of deported children",
    "a summit agenda",
    "embassy staffing",
    "frozen central-bank assets",
    "Black Sea shipping",
    "security guarantees",
];
const SENTENCES: &[&str] = &[
    "We discussed {t} in detail.",
    "There was no agreement on {t}.",
    "The conversation touched on {t}, among other things.",
    "Nothing of the kind took place.",
    "I can confirm that contacts on {t} continue at the working level.",
    "These reports are misinformation designed to undermine the process.",
    "It was a constructive exchange, and we agreed to stay in touch.",
    "Our position on {t} has not changed.",
    "Any talk of {t} is premature.",
    "The recordings, if genuine, show only routine diplomacy.",
    "We will not comment on private conversations.",
    "Both sides agreed that {t} needs a solution before the winter.",
    "That is a fake, and a crude one.",
    "According to people familiar with the matter, {t} was raised twice.",
    "The proposal on {t} was passed on through an intermediary.",
    "He said the other side “understood the urgency” of {t}.",
    "Officials declined to say who had initiated the contact.",
    "The channel has been used before, most recently in the spring.",
];
const NO_COMMENT: &[&str] = &[
    "No comment.",
    "We have nothing to add.",
    "I will not comment on that.",
    "We do not discuss such matters publicly.",
];
const ROLES_OFFICIAL: &[&str] = &[
    "Foreign minister",
    "Deputy foreign minister",
    "Presidential aide for foreign policy",
    "Special envoy",
    "Spokeswoman, foreign ministry",
    "National security adviser",
    "Ambassador",
    "Head of the sovereign wealth fund",
    "Press secretary",
];
const ROLES_FORMER: &[&str] = &[
    "Former ambassador",
    "Former deputy secretary of state",
    "Former intelligence officer",
    "Former national security official",
];
const ROLES_PRIVATE: &[&str] = &[
    "Businessman",
    "Think-tank director",
    "Academic",
    "Lawyer",
    "Investor",
];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (mut events, mut seed, mut out, mut pretty) = (1000usize, 7u64, None, false);
    let mut i = 0;
    while i < args.len() {
        let value = args.get(i + 1).map(String::as_str);
        match (args[i].as_str(), value) {
            ("--events", Some(v)) if v.parse::<usize>().is_ok_and(|n| n > 0) => {
                events = v.parse().unwrap()
            }
            ("--seed", Some(v)) if v.parse::<u64>().is_ok() => seed = v.parse().unwrap(),
            ("--out", Some(v)) => out = Some(v.to_string()),
            ("--pretty", _) => {
                pretty = true;
                i += 1;
                continue;
            }
            _ => {
                eprintln!("usage: briefing-gen --events N [--seed S] [--out FILE] [--pretty]\n(N > 0; without --out the JSON goes to stdout)");
                return ExitCode::from(2);
            }
        }
        i += 2;
    }

    let started = std::time::Instant::now();
    let briefing = generate(events, seed);
    let text = if pretty {
        serde_json::to_string_pretty(&briefing)
    } else {
        serde_json::to_string(&briefing)
    }
    .expect("plain data serializes");
    // The guarantee benchmarks rely on: the app's own validator accepts it.
    if let Err(problems) = load(&text) {
        eprintln!("briefing-gen: generated data is invalid (a generator bug):");
        for p in problems.iter().take(20) {
            eprintln!("  {p}");
        }
        return ExitCode::FAILURE;
    }
    let written = match &out {
        Some(path) => {
            let path = std::path::Path::new(path);
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                let _ = std::fs::create_dir_all(dir);
            }
            std::fs::write(path, &text)
        }
        None => std::io::stdout().write_all(text.as_bytes()),
    };
    if let Err(e) = written {
        eprintln!("briefing-gen: cannot write: {e}");
        return ExitCode::FAILURE;
    }
    eprintln!(
        "briefing-gen: {} events, {} claims, {} actors, {} sources, {} bytes, seed {seed} ({} ms)",
        briefing.events.len(),
        briefing.claims.len(),
        briefing.actors.len(),
        briefing.sources.len(),
        text.len(),
        started.elapsed().as_millis()
    );
    ExitCode::SUCCESS
}

/// Lowercase ASCII words joined by hyphens: a valid id fragment.
fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// A rough Latin-to-Cyrillic transliteration, for Russian outlets' aliases.
fn cyrillic(text: &str) -> String {
    const TABLE: [&str; 26] = [
        "а", "б", "к", "д", "е", "ф", "г", "х", "и", "дж", "к", "л", "м", "н", "о", "п", "к", "р",
        "с", "т", "у", "в", "в", "кс", "ы", "з",
    ];
    let mut out = String::new();
    for c in text.chars() {
        match c.to_ascii_lowercase() {
            l @ 'a'..='z' => {
                let cyr = TABLE[(l as u8 - b'a') as usize];
                if c.is_ascii_uppercase() {
                    let mut chars = cyr.chars();
                    out.extend(chars.next().unwrap().to_uppercase());
                    out.extend(chars);
                } else {
                    out.push_str(cyr);
                }
            }
            _ => out.push(c),
        }
    }
    out
}

struct Ids(std::collections::HashSet<String>);

impl Ids {
    /// `base`, or `base-2`, `base-3`... when taken.
    fn unique(&mut self, base: String) -> String {
        let mut id = base.clone();
        let mut n = 1;
        while !self.0.insert(id.clone()) {
            n += 1;
            id = format!("{base}-{n}");
        }
        id
    }
}

fn generate(n_events: usize, seed: u64) -> Briefing {
    let mut rng = Rng::new(seed);
    let actors = gen_actors(&mut rng, (n_events / 50).clamp(10, 400));
    let media: Vec<&str> = actors
        .iter()
        .filter(|a| is_media(a.kind))
        .map(|a| a.name.as_str())
        .collect();
    let sources = gen_sources(&mut rng, (n_events / 4).clamp(8, 20_000), &media);
    let events = gen_events(&mut rng, n_events, &actors, &sources);
    let claims = gen_claims(&mut rng, n_events * 4 / 5, &events, &actors);
    Briefing {
        schema: None,
        meta: Meta {
            title: format!("Synthetic briefing: {n_events} events"),
            subtitle: Some(format!("Generated by briefing-gen, seed {seed}")),
            as_of: "2026-11-01".into(),
            compiled_by: "briefing-gen (synthetic benchmark data)".into(),
            summary: "Invented events, claims and quotes with the shape of the curated dataset, \
                      for measuring the viewer at scale. None of it is real."
                .into(),
            key_points: vec![
                "Every name, quote and source here is invented.".into(),
                "Dates use every precision the data model allows.".into(),
            ],
            handling: Some("SYNTHETIC TEST DATA // NOT FOR ANALYSIS".into()),
        },
        actors,
        sources,
        events,
        claims,
    }
}

fn is_media(kind: ActorKind) -> bool {
    matches!(
        kind,
        ActorKind::StateMedia
            | ActorKind::IndependentMedia
            | ActorKind::PublicBroadcaster
            | ActorKind::Media
    )
}

fn is_person(kind: ActorKind) -> bool {
    matches!(
        kind,
        ActorKind::GovernmentOfficial | ActorKind::FormerOfficial | ActorKind::PrivateCitizen
    )
}

fn gen_actors(rng: &mut Rng, count: usize) -> Vec<Actor> {
    let mut ids = Ids(Default::default());
    (0..count)
        .map(|i| {
            // The first ones cycle through every kind; then mostly people.
            let kind = if i < ActorKind::ALL.len() {
                ActorKind::ALL[i]
            } else {
                ActorKind::ALL[rng.weighted(&[40, 12, 10, 8, 6, 6, 4, 4])]
            };
            let mut actor = if is_person(kind) {
                person(rng, kind)
            } else {
                body(rng, kind)
            };
            actor.id = ids.unique(slug(&actor.id));
            if rng.chance(0.1) {
                actor.note = Some("Role as given in the earliest report.".into());
            }
            actor
        })
        .collect()
}

fn person(rng: &mut Rng, kind: ActorKind) -> Actor {
    let role = match kind {
        ActorKind::GovernmentOfficial => rng.pick(ROLES_OFFICIAL),
        ActorKind::FormerOfficial => rng.pick(ROLES_FORMER),
        _ => rng.pick(ROLES_PRIVATE),
    }
    .to_string();
    if rng.chance(0.5) {
        let &(en, alt, sch, cyr, female) = rng.pick(RU_GIVEN);
        let &(s_en, s_alt, s_sch, s_cyr) = rng.pick(RU_SURNAMES);
        let (a, c) = if female { ("a", "а") } else { ("", "") };
        let name = format!("{en} {s_en}{a}");
        let mut aliases = vec![format!("{s_en}{a}")];
        for (p, alias) in [
            (0.6, format!("{alt} {s_alt}{a}")),
            (0.7, format!("{sch} {s_sch}{a}")),
            (0.5, format!("{s_sch}{a}")),
            (0.8, format!("{cyr} {s_cyr}{c}")),
            (0.6, format!("{s_cyr}{c}")),
        ] {
            if rng.chance(p) && !aliases.contains(&alias) && alias != name {
                aliases.push(alias);
            }
        }
        Actor {
            id: name.clone(),
            name,
            aliases,
            role,
            affiliation: "Russia".into(),
            kind,
            note: None,
        }
    } else {
        let &(given, given_ascii) = rng.pick(WEST_GIVEN);
        let &(surname, surname_ascii) = rng.pick(WEST_SURNAMES);
        let name = format!("{given} {surname}");
        let ascii = format!("{given_ascii} {surname_ascii}");
        let mut aliases = vec![surname.to_string()];
        if ascii != name {
            aliases.push(ascii.clone());
        }
        Actor {
            id: ascii,
            name,
            aliases,
            role,
            affiliation: rng.pick(WEST_COUNTRIES).to_string(),
            kind,
            note: None,
        }
    }
}

fn body(rng: &mut Rng, kind: ActorKind) -> Actor {
    if kind == ActorKind::Government {
        let country = rng.pick(GOVERNMENTS);
        let name = rng.pick(BODY_FORMS).replace("{}", country);
        return Actor {
            id: name.clone(),
            name,
            aliases: vec![],
            role: "Government or state body".into(),
            affiliation: country.to_string(),
            kind,
            note: None,
        };
    }
    let name = format!("The {} {}", rng.pick(MEDIA_PLACES), rng.pick(MEDIA_NOUNS));
    let short = name.trim_start_matches("The ").to_string();
    let russian = kind == ActorKind::StateMedia || rng.chance(0.3);
    let mut aliases = vec![short.clone()];
    if russian {
        aliases.push(cyrillic(&short));
    }
    Actor {
        id: short,
        name,
        aliases,
        role: match kind {
            ActorKind::StateMedia => "State news agency",
            ActorKind::PublicBroadcaster => "Public broadcaster",
            ActorKind::IndependentMedia => "Independent newspaper",
            _ => "News outlet",
        }
        .into(),
        affiliation: if russian {
            "Russia"
        } else {
            rng.pick(WEST_COUNTRIES)
        }
        .to_string(),
        kind,
        note: None,
    }
}

fn gen_sources(rng: &mut Rng, count: usize, media: &[&str]) -> Vec<Source> {
    let outlet = |rng: &mut Rng| -> String {
        if rng.chance(0.6) {
            rng.pick(media).to_string()
        } else {
            rng.pick(WIRES).to_string()
        }
    };
    (0..count)
        .map(|i| {
            let name = outlet(rng);
            let mut chain: Vec<String> = Vec::new();
            for _ in 0..rng.range(1, 3) {
                let next = outlet(rng);
                if next != name && !chain.contains(&next) {
                    chain.push(next);
                }
            }
            if chain.is_empty() {
                chain.push("US media (unnamed)".into());
            }
            let day = random_day(rng);
            let published = rng.chance(0.7).then(|| day.iso());
            let url = rng.chance(0.5).then(|| {
                let scheme = if rng.chance(0.9) { "https" } else { "http" };
                format!(
                    "{scheme}://{}.example.org/{}/{:02}/report-{i}",
                    slug(&name),
                    day.year,
                    day.month
                )
            });
            Source {
                id: format!("src-{i}-{}", slug(&name)),
                outlet: name,
                chain,
                title: rng
                    .chance(0.8)
                    .then(|| format!("Report on {}", rng.pick(TOPICS))),
                author: rng.chance(0.5).then(|| {
                    let &(g, _) = rng.pick(WEST_GIVEN);
                    let &(s, _) = rng.pick(WEST_SURNAMES);
                    format!("{g} {s}")
                }),
                published,
                language: rng
                    .pick(&["en", "en", "en", "ru", "de", "fr", "uk"])
                    .to_string(),
                url,
                note: rng
                    .chance(0.15)
                    .then(|| "Datelined by the relaying agency.".into()),
            }
        })
        .collect()
}

/// A day from January 2022 to October 2026.
fn random_day(rng: &mut Rng) -> Day {
    let start = Day::new(2022, 1, 1).unwrap().ordinal();
    let end = Day::new(2026, 10, 31).unwrap().ordinal();
    Day::from_ordinal(start + rng.below((end - start + 1) as usize) as i32)
}

/// A date that is valid for its precision and never more exact than it says.
fn random_date(rng: &mut Rng, day: Day) -> DateSpec {
    let precision = Precision::ALL[rng.weighted(&[40, 8, 15, 10, 4, 8, 10, 5])];
    let month = format!("{:04}-{:02}", day.year, day.month);
    let mut date = match precision {
        Precision::Day | Precision::NotAfter => DateSpec::new(precision, &day.iso()),
        Precision::Week => {
            // Weeks start on the Monday of the day's week.
            let monday = Day::from_ordinal(day.ordinal() - day_index(day.weekday()) as i32);
            DateSpec::new(precision, &monday.iso())
        }
        Precision::Month | Precision::NotBefore => DateSpec::new(precision, &month),
        Precision::PartOfMonth => DateSpec {
            part: Some(*rng.pick(MonthPart::ALL)),
            ..DateSpec::new(precision, &month)
        },
        Precision::Year => DateSpec::new(precision, &day.year.to_string()),
        Precision::Range => {
            let end = Day::from_ordinal(day.ordinal() + rng.range(1, 30) as i32);
            DateSpec {
                end: Some(end.iso()),
                ..DateSpec::new(precision, &day.iso())
            }
        }
    };
    // A weekday must be the day's own; "not before" ones have only a weekday
    // (an undated article's "on Wednesday"), as in the curated data.
    date.weekday = match precision {
        Precision::Day if rng.chance(0.3) => Some(day.weekday()),
        Precision::NotBefore if rng.chance(0.5) => Some(*rng.pick(Weekday::ALL)),
        _ => None,
    };
    date
}

fn day_index(w: Weekday) -> usize {
    Weekday::ALL.iter().position(|&x| x == w).unwrap()
}

/// Between `lo` and `hi` distinct actor indices, drawn by `draw` (fewer if
/// tries run out, e.g. with few people).
fn distinct(
    rng: &mut Rng,
    (lo, hi): (usize, usize),
    mut draw: impl FnMut(&mut Rng) -> usize,
) -> Vec<usize> {
    let n = rng.range(lo, hi);
    let mut out: Vec<usize> = Vec::new();
    for _ in 0..n * 8 {
        if out.len() == n {
            break;
        }
        let i = draw(rng);
        if !out.contains(&i) {
            out.push(i);
        }
    }
    out
}

fn gen_events(rng: &mut Rng, count: usize, actors: &[Actor], sources: &[Source]) -> Vec<Event> {
    let people: Vec<usize> = (0..actors.len())
        .filter(|&i| is_person(actors[i].kind))
        .collect();
    let media: Vec<usize> = (0..actors.len())
        .filter(|&i| is_media(actors[i].kind))
        .collect();
    let person = |rng: &mut Rng| people[rng.skewed(people.len())];
    let anyone = |rng: &mut Rng| rng.skewed(actors.len());
    (0..count)
        .map(|i| {
            let modality = Modality::ALL[rng.weighted(&[20, 8, 18, 6, 6, 24, 18])];
            let contact = !matches!(modality, Modality::PublicStatement | Modality::Publication);
            let topic = rng.pick(TOPICS);
            let (who, roles): (Vec<usize>, Vec<Role>) = match modality {
                Modality::Publication => {
                    let publisher = *rng.pick(&media);
                    let mut who = vec![publisher];
                    let subjects = distinct(rng, (0, 3), anyone);
                    who.extend(subjects.into_iter().filter(|&a| a != publisher));
                    (
                        who,
                        vec![Role::Publisher, Role::Subject, Role::Subject, Role::Subject],
                    )
                }
                Modality::PublicStatement => (
                    distinct(rng, (1, 3), person),
                    vec![Role::Speaker, Role::Subject, Role::Subject],
                ),
                Modality::ViaIntermediary => (
                    distinct(rng, (3, 4), person),
                    vec![
                        Role::Initiator,
                        Role::Recipient,
                        Role::Intermediary,
                        Role::Participant,
                    ],
                ),
                Modality::InPerson => (
                    distinct(rng, (2, 4), person),
                    vec![
                        Role::Host,
                        Role::Guest,
                        Role::Participant,
                        Role::Participant,
                    ],
                ),
                _ => (
                    distinct(rng, (2, 4), person),
                    vec![
                        Role::Initiator,
                        Role::Recipient,
                        Role::Participant,
                        Role::Participant,
                    ],
                ),
            };
            let name = |k: usize| who.get(k).map_or("officials", |&a| actors[a].name.as_str());
            let title = match modality {
                Modality::PhoneCall => {
                    format!("{} and {} speak by phone about {topic}", name(0), name(1))
                }
                Modality::MessagingApp => format!("{} messages {} about {topic}", name(0), name(1)),
                Modality::InPerson => {
                    format!("{} hosts {} in {}", name(0), name(1), rng.pick(CITIES))
                }
                Modality::VideoCall => {
                    format!("{} and {} hold a video call on {topic}", name(0), name(1))
                }
                Modality::ViaIntermediary => {
                    format!(
                        "{} passes messages between {} and {}",
                        name(2),
                        name(0),
                        name(1)
                    )
                }
                Modality::PublicStatement => format!("{} comments on {topic}", name(0)),
                Modality::Publication => format!("{} reports on {topic}", name(0)),
            };
            let planned = rng.chance(0.05);
            let day = if planned {
                // Announced for after the briefing's as-of date.
                Day::from_ordinal(Day::new(2026, 11, 2).unwrap().ordinal() + rng.below(120) as i32)
            } else {
                random_day(rng)
            };
            let participants = who
                .iter()
                .zip(&roles)
                .map(|(&a, &role)| Participant {
                    actor: actors[a].id.clone(),
                    role,
                    note: rng.chance(0.05).then(|| "Reportedly involved.".into()),
                })
                .collect();
            let mut event_sources = vec![rng.below(sources.len())];
            if rng.chance(0.4) {
                event_sources.push(rng.below(sources.len()));
            }
            if rng.chance(0.15) {
                event_sources.push(rng.below(sources.len()));
            }
            event_sources.dedup();
            Event {
                id: format!(
                    "ev-{i}-{}-{}",
                    slug(modality.key()),
                    slug(&actors[who[0]].id)
                ),
                summary: format!(
                    "{title}. {} {}",
                    fill(rng.word(SENTENCES), topic),
                    if rng.chance(0.5) {
                        fill(rng.word(SENTENCES), topic)
                    } else {
                        String::new()
                    }
                )
                .trim_end()
                .to_string(),
                title,
                date: random_date(rng, day),
                status: if planned {
                    EventStatus::Planned
                } else {
                    EventStatus::Happened
                },
                channel: Channel {
                    // Statements and publications are not contacts: no track.
                    track: contact.then(|| *rng.pick(Track::ALL)),
                    modality,
                },
                secret: contact && rng.chance(0.4),
                participants,
                note: rng
                    .chance(0.2)
                    .then(|| "Date: the report gives no more than this.".into()),
                sources: event_sources
                    .iter()
                    .map(|&s| sources[s].id.clone())
                    .collect(),
            }
        })
        .collect()
}

fn fill(template: &str, topic: &str) -> String {
    template.replace("{t}", topic)
}

fn gen_claims(rng: &mut Rng, count: usize, events: &[Event], actors: &[Actor]) -> Vec<Claim> {
    (0..count)
        .map(|k| {
            let first = rng.below(events.len());
            let mut linked = vec![first];
            if rng.chance(0.35) {
                let other = rng.below(events.len());
                if other != first {
                    linked.push(other);
                }
            }
            let event = &events[first];
            let topic = rng.pick(TOPICS);
            let stances = (0..rng.range(1, 3))
                .map(|j| {
                    // The first stance mostly asserts: someone made the claim.
                    let kind = if j == 0 && rng.chance(0.6) {
                        StanceKind::Asserts
                    } else {
                        StanceKind::ALL[rng.weighted(&[20, 15, 20, 8, 8, 10])]
                    };
                    let actor = if rng.chance(0.7) {
                        rng.pick(&event.participants).actor.clone()
                    } else {
                        actors[rng.skewed(actors.len())].id.clone()
                    };
                    let quote = if kind == StanceKind::DeclinesToComment {
                        rng.pick(NO_COMMENT).to_string()
                    } else {
                        // Mostly one or two sentences, sometimes a long paragraph.
                        let n = [1, 1, 1, 2, 2, 3, 5, 8][rng.below(8)];
                        (0..n)
                            .map(|_| fill(rng.word(SENTENCES), topic))
                            .collect::<Vec<_>>()
                            .join(" ")
                    };
                    let date = if rng.chance(0.5) {
                        event.date.clone()
                    } else {
                        // Said on or soon after the event's first possible day.
                        let day = match event.date.bounds().and_then(|b| b.start) {
                            Some(d) => Day::from_ordinal(d.ordinal() + rng.below(15) as i32),
                            None => random_day(rng),
                        };
                        random_date(rng, day)
                    };
                    Stance {
                        actor,
                        kind,
                        date,
                        quote,
                        speech: if rng.chance(0.6) {
                            Speech::Reported
                        } else {
                            Speech::Direct
                        },
                        source: rng.pick(&event.sources).clone(),
                        note: rng.chance(0.1).then(|| "Quoted in translation.".into()),
                    }
                })
                .collect();
            Claim {
                id: format!("claim-{k}"),
                text: format!(
                    "The parties to \u{201c}{}\u{201d} discussed {topic}.",
                    event.title
                ),
                status: ClaimStatus::ALL[rng.weighted(&[15, 15, 25, 12, 13, 15, 5])],
                events: linked.iter().map(|&e| events[e].id.clone()).collect(),
                stances,
                note: rng
                    .chance(0.25)
                    .then(|| "Status is a judgement from the sources listed.".into()),
            }
        })
        .collect()
}
