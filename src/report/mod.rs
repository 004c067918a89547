//! What the reading views show, as plain data and text: which claims come
//! first in a card, the claims of a view, the "who says what" table, the
//! citation line of a quote, the CSV and JSON downloads, and counted words.
//! No browser APIs: the UI only renders these.

mod json;
pub use json::{to_json, write_json};

use crate::model::{
    Briefing, Channel, Claim, DateSpec, Day, EventStatus, Inference, Source, Speech, Vocab,
};
use crate::query::{slot, sort_positions, Facet, Filter, IdSet, Index, ViewState};
use std::collections::{HashMap, HashSet};

pub use crate::model::decode::{count, grouped, noun};

/// The filters set, in words, for "Filters: Actor: Yuriy Ushakov · …" on
/// screen and in print: each filter's label and what it is set to ("Yuriy
/// Ushakov or Kirill Dmitriev", "“call”", "1 October 2025 to the end").
pub fn filter_words(index: &Index, state: &ViewState) -> Vec<(&'static str, String)> {
    state
        .active_filters()
        .map(|filter| {
            let value = match filter {
                Filter::Facet(facet) => state
                    .selected(facet)
                    .iter()
                    .map(|k| index.option_label(facet, k).unwrap_or(k).to_string())
                    .collect::<Vec<_>>()
                    .join(" or "),
                Filter::Search => format!("“{}”", state.search.trim()),
                Filter::Dates => format!(
                    "{} to {}",
                    state.from.map_or("the beginning".into(), |d| d.long()),
                    state.to.map_or("the end".into(), |d| d.long())
                ),
            };
            (filter.label(), value)
        })
        .collect()
}

/// The filters that speak about claims and stances (status, stance, actor),
/// as the UI uses them to pick and order what a view shows.
struct ClaimFilter<'s> {
    statuses: &'s IdSet,
    kinds: &'s IdSet,
    actors: &'s IdSet,
}

impl<'s> ClaimFilter<'s> {
    fn of(state: &'s ViewState) -> Self {
        ClaimFilter {
            statuses: state.selected(Facet::Status),
            kinds: state.selected(Facet::Stance),
            actors: state.selected(Facet::Actor),
        }
    }

    fn is_active(&self) -> bool {
        !(self.statuses.is_empty() && self.kinds.is_empty() && self.actors.is_empty())
    }

    /// A stance matches when its kind and its speaker are among those chosen
    /// (an unset filter allows any).
    fn stance(&self, stance: &crate::model::Stance) -> bool {
        (self.kinds.is_empty() || self.kinds.contains(stance.kind.key()))
            && (self.actors.is_empty() || self.actors.contains(&stance.actor))
    }

    /// A claim matches when its status is chosen and, if a stance kind or an
    /// actor is chosen, one of its stances matches.
    fn claim(&self, claim: &crate::model::Claim) -> bool {
        (self.statuses.is_empty() || self.statuses.contains(claim.status.key()))
            && ((self.kinds.is_empty() && self.actors.is_empty())
                || claim.stances.iter().any(|s| self.stance(s)))
    }
}

/// The claims about the event at `position`, those matching the active
/// filters first (each group in the data's order), with whether each matches.
pub fn card_claims(
    b: &Briefing,
    index: &Index,
    position: usize,
    state: &ViewState,
) -> Vec<(usize, bool)> {
    let filter = ClaimFilter::of(state);
    let matches = |c: usize| filter.is_active() && filter.claim(&b.claims[c]);
    // Two passes rather than a sort: a stable sort costs the page kilobytes.
    let claims = &index.claims[position];
    let first = claims.iter().filter(|&&c| matches(c)).map(|&c| (c, true));
    let rest = claims.iter().filter(|&&c| !matches(c)).map(|&c| (c, false));
    first.chain(rest).collect()
}

/// The stances made in the event at `position` (claim, stance), those
/// matching the filters first, each group in the data's order.
pub fn card_stances(
    b: &Briefing,
    index: &Index,
    position: usize,
    state: &ViewState,
) -> Vec<(usize, usize)> {
    let filter = ClaimFilter::of(state);
    let matches = |&(c, s): &(usize, usize)| {
        filter.is_active() && filter.stance(&b.claims[c].stances[s]) && filter.claim(&b.claims[c])
    };
    let stances = &index.stances[position];
    let first = stances.iter().copied().filter(matches);
    let rest = stances.iter().copied().filter(|x| !matches(x));
    first.chain(rest).collect()
}

/// The claims a view shows: those about the matching events that also match
/// the status, stance and actor filters, in the data's order.
pub fn view_claims(
    b: &Briefing,
    index: &Index,
    matches: &[usize],
    state: &ViewState,
) -> Vec<usize> {
    let filter = ClaimFilter::of(state);
    let mut seen = vec![false; b.claims.len()];
    for &p in matches {
        for &c in &index.claims[p] {
            seen[c] = seen[c] || filter.claim(&b.claims[c]);
        }
    }
    (0..seen.len()).filter(|&c| seen[c]).collect()
}

/// The stances of a claim a view shows: with a stance or actor filter, only
/// those it keeps (the claim view says so); otherwise all.
pub fn view_stances(b: &Briefing, claim: usize, state: &ViewState) -> Vec<usize> {
    let filter = ClaimFilter::of(state);
    let stances = &b.claims[claim].stances;
    (0..stances.len())
        .filter(|&s| filter.stance(&stances[s]))
        .collect()
}

/// The events (positions) a claim concerns, in date order.
pub fn claim_events(index: &Index, b: &Briefing, claim: usize) -> Vec<usize> {
    let mut positions: Vec<usize> = b.claims[claim]
        .events
        .iter()
        .filter_map(|id| index.position_of(id))
        .collect();
    positions.sort_unstable();
    positions.dedup();
    positions
}

/// Claims by actors: each cell the stances one actor takes on one claim.
/// At most [`WHO_COLUMNS`] speakers and the rows asked for: 10,000 events
/// made a table of 8,000 claims by 200 speakers, 48 s to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// Actor ids, the most outspoken first.
    pub actors: Vec<String>,
    /// The last row is the claim wanted, beyond the rows asked for.
    pub followed: bool,
    pub rows: Vec<TableRow>,
    /// Claims in the view, shown or not.
    pub claims: usize,
    /// Speakers in the view, shown as a column or not.
    pub speakers: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableRow {
    pub claim: usize,
    /// One cell per column of `Table::actors`: the stance indices of the claim.
    pub cells: Vec<Vec<usize>>,
}

/// The most speakers the table gives a column (the most outspoken).
pub const WHO_COLUMNS: usize = 24;

/// The "who says what" table of a view: its claims (the first `rows`, and
/// after them the claim `wanted` when the view holds it beyond them: a link
/// to a claim must find its row, and showing every row up to it was the
/// table of thousands again), and only the stances its filters keep, by its
/// most outspoken speakers.
pub fn who_says_what(
    b: &Briefing,
    index: &Index,
    matches: &[usize],
    state: &ViewState,
    rows: usize,
    wanted: Option<usize>,
) -> Table {
    let claims = view_claims(b, index, matches, state);
    let mut picked: Vec<usize> = claims.iter().take(rows).copied().collect();
    // The view lists claims in their order in the dataset.
    let beyond = &claims[picked.len()..];
    let followed = wanted.filter(|c| beyond.binary_search(c).is_ok());
    picked.extend(followed);
    // Stances per actor; hash maps and the shared sort rather than B-trees
    // (kilobytes of the page's wasm per key type).
    let (mut per_actor, mut at): (Vec<(&str, usize)>, HashMap<&str, usize>) = Default::default();
    for &c in &claims {
        for s in view_stances(b, c, state) {
            let i = slot(
                &mut at,
                &mut per_actor,
                b.claims[c].stances[s].actor.as_ref(),
            );
            per_actor[i].1 += 1;
        }
    }
    // Most stances first, then by id.
    let mut order: Vec<usize> = (0..per_actor.len()).collect();
    sort_positions(&mut order, &|x, y| {
        let (a, b) = (per_actor[x], per_actor[y]);
        b.1.cmp(&a.1).then(a.0.cmp(b.0))
    });
    let actors: Vec<(&str, usize)> = order
        .iter()
        .take(WHO_COLUMNS)
        .map(|&i| per_actor[i])
        .collect();
    let column: HashMap<&str, usize> = actors.iter().enumerate().map(|(i, a)| (a.0, i)).collect();
    let shown = picked
        .into_iter()
        .map(|c| {
            let mut cells = vec![Vec::new(); actors.len()];
            for s in view_stances(b, c, state) {
                if let Some(&i) = column.get(b.claims[c].stances[s].actor.as_ref()) {
                    cells[i].push(s);
                }
            }
            TableRow { claim: c, cells }
        })
        .collect();
    Table {
        actors: actors.into_iter().map(|(a, _)| a.to_string()).collect(),
        followed: followed.is_some(),
        rows: shown,
        claims: claims.len(),
        speakers: per_actor.len(),
    }
}

/// A cell in words: "denies", "asserts, then confirms" (distinct kinds, in order).
pub fn cell_words(b: &Briefing, claim: usize, stances: &[usize]) -> String {
    let mut words: Vec<&str> = Vec::new();
    for &s in stances {
        let w = b.claims[claim].stances[s].kind.label();
        if !words.contains(&w) {
            words.push(w);
        }
    }
    words.join(", ")
}

fn actor_name<'b>(b: &'b Briefing, index: &Index, id: &'b str) -> &'b str {
    index.actor(b, id).map_or(id, |a| a.name.as_str())
}

/// The chain a quote came through, and its title and day when known:
/// "TASR, citing DPA, citing TASS, “Title”, published 2023-07-28".
pub fn source_text(b: &Briefing, index: &Index, source: &str) -> String {
    let Some(source) = index.source(b, source) else {
        return source.to_string();
    };
    let mut text = source.chain_text();
    if let Some(title) = &source.title {
        text.push_str(&format!(", “{title}”"));
    }
    if let Some(day) = &source.published {
        text.push_str(&format!(", published {day}"));
    }
    if let Some(url) = &source.url {
        text.push_str(&format!(", {url}"));
    }
    text
}

/// A source as an event's detail lists it: "TASR, citing DPA — “Title”, by
/// A. Author — published 2023-07-28" (or "— publication date not given").
pub fn source_line(source: &Source) -> String {
    let mut text = source.chain_text();
    if let Some(title) = &source.title {
        text.push_str(&format!(" — “{title}”"));
    }
    if let Some(author) = &source.author {
        text.push_str(&format!(", by {author}"));
    }
    text.push_str(&match &source.published {
        Some(day) => format!(" — published {day}"),
        None => " — publication date not given".to_string(),
    });
    text
}

/// An event's channel on its card: "Phone call · Track 1", "Publication".
pub fn channel_words(channel: &Channel) -> String {
    match channel.track {
        Some(track) => format!("{} · {}", channel.modality.label(), track.label()),
        None => channel.modality.label().to_string(),
    }
}

/// The briefing's as-of date in words ("1 November 2025"), or as written
/// when it is not a day.
pub fn as_of_words(as_of: &str) -> String {
    Day::parse(as_of).map_or_else(|| as_of.to_string(), Day::long)
}

/// An inference in words, its kind first: "Day derived from a weekday and
/// the publication date: why".
pub fn inference_words(i: &Inference) -> String {
    // Labels are ASCII: no Unicode case tables in the wasm for this.
    let mut what = i.kind.label().to_string();
    what[..1].make_ascii_uppercase();
    format!("{what}: {}", i.reason)
}

/// Several inferences in words, joined: "…: why · Year inferred from context: why".
pub fn inferences_words(inferred: &[Inference]) -> String {
    inferred
        .iter()
        .map(inference_words)
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The curator's judgement on a claim whose status the rules do not give:
/// "“confirmed” is kept against the status rules. Why"; none without one.
pub fn judgement_words(claim: &Claim) -> Option<String> {
    claim.status_override.as_ref().map(|o| {
        format!(
            "“{}” is kept against the status rules. {}",
            claim.status.label(),
            o.reason
        )
    })
}

/// One plain-text line to paste into a note or an article:
/// `“quote” — Speaker, stance, date as the source gives it (direct quote); source chain`.
pub fn citation(b: &Briefing, index: &Index, claim: usize, stance: usize) -> String {
    let s = &b.claims[claim].stances[stance];
    let quote = one_line(&s.quote);
    let quoted = match s.speech {
        Speech::Direct => format!("“{quote}”"),
        Speech::Reported => format!("{quote} (reported speech)"),
    };
    format!(
        "{quoted} — {}, {}; source: {}",
        actor_name(b, index, &s.actor),
        s.date.display(),
        source_text(b, index, &s.source)
    )
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One CSV field, quoted when it must be (RFC 4180).
fn field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

pub const CSV_HEADER: [&str; 9] = [
    "event",
    "event date",
    "claim",
    "claim status",
    "actor",
    "stance",
    "stance date",
    "quote",
    "source chain",
];

/// The name of a download, without its extension: the briefing's title in
/// lowercase words joined by hyphens ("Witkoff–Ushakov calls" →
/// "witkoff-ushakov-calls"), or "briefing" when it has no letters or digits.
pub fn file_stem(title: &str) -> String {
    let words: Vec<String> = title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    if words.is_empty() {
        "briefing".into()
    } else {
        words.join("-")
    }
}

/// "Embed this view": an iframe of `page` (the viewer's address without
/// its query) in the view `query` (with `embed=1`), titled after the
/// briefing, and the sizing script `embed-host.js` from the same folder.
pub fn embed_code(page: &str, title: &str, query: &str) -> String {
    let folder = &page[..page.rfind('/').map_or(page.len(), |i| i + 1)];
    let title = title.replace('"', "&quot;");
    format!(
        "<iframe src=\"{page}{}\" title=\"{title}\" data-briefing-viewer width=\"100%\" height=\"600\" style=\"border:0;display:block\" loading=\"lazy\"></iframe>\n<script src=\"{folder}embed-host.js\" async></script>",
        query.replace('&', "&amp;")
    )
}

/// The most events a CSV row names (see [`csv`]).
pub const CSV_EVENTS: usize = 20;

/// The current view as CSV: one row per stance on a claim the view shows,
/// with the event it was made in (or, when the data names none, the events
/// of its claim).
pub fn csv(b: &Briefing, index: &Index, matches: &[usize], state: &ViewState) -> String {
    let mut out = CSV_HEADER.join(",");
    out.push_str("\r\n");
    for c in view_claims(b, index, matches, state) {
        let claim = &b.claims[c];
        for s in view_stances(b, c, state) {
            let stance = &claim.stances[s];
            // A stance tied to no event is in each of its claim's: at most
            // CSV_EVENTS of them named per row, the rest counted (a claim
            // about 2,000 events with 1,998 such stances made 4 GB of CSV).
            let positions = index.stance_positions(c, s);
            let (mut titles, mut dates): (Vec<&str>, Vec<String>) = positions
                .iter()
                .take(CSV_EVENTS)
                .map(|&p| {
                    let e = &b.events[index.order[p]];
                    (e.title.as_str(), e.date.display())
                })
                .unzip();
            // Written only for a row that has more (not once per row).
            let more = positions.len().checked_sub(CSV_EVENTS).filter(|&n| n > 0);
            let more = more.map(|n| {
                format!(
                    "and {} more {}",
                    grouped(n as u64),
                    noun(n, "event", "events")
                )
            });
            if let Some(more) = &more {
                titles.push(more);
                dates.push(more.clone());
            }
            let row = [
                titles.join("; "),
                dates.join("; "),
                claim.text.clone(),
                claim.status.label().to_string(),
                actor_name(b, index, &stance.actor).to_string(),
                stance.kind.label().to_string(),
                stance.date.display(),
                one_line(&stance.quote),
                source_text(b, index, &stance.source),
            ];
            out.push_str(&row.iter().map(|f| field(f)).collect::<Vec<_>>().join(","));
            out.push_str("\r\n");
        }
    }
    out
}

/// The current view as a dataset of its own: the matching events, every
/// claim about them, whole, and so also the events those claims concern or
/// were stated in (a claim's status rests on them), and the actors and
/// sources all these refer to. It passes `briefing-check`.
pub fn subset(b: &Briefing, index: &Index, matches: &[usize]) -> Briefing {
    let mut kept = vec![false; b.events.len()];
    let mut claim_kept = vec![false; b.claims.len()];
    for &p in matches {
        kept[p] = true;
        for &c in &index.claims[p] {
            claim_kept[c] = true;
        }
    }
    let claims_kept: Vec<usize> = (0..claim_kept.len()).filter(|&c| claim_kept[c]).collect();
    for &c in &claims_kept {
        let claim = &b.claims[c];
        for id in claim
            .events
            .iter()
            .chain(claim.stances.iter().filter_map(|s| s.event.as_ref()))
        {
            if let Some(p) = index.position_of(id) {
                kept[p] = true;
            }
        }
    }
    // In date order, as positions are.
    let events: Vec<_> = (0..kept.len())
        .filter(|&p| kept[p])
        .map(|p| b.events[index.order[p]].clone())
        .collect();
    let claims: Vec<_> = claims_kept.iter().map(|&c| b.claims[c].clone()).collect();
    let mut actors_used: HashSet<&str> = HashSet::new();
    let mut sources_used: HashSet<&str> = HashSet::new();
    for e in &events {
        for p in &e.participants {
            actors_used.insert(&p.actor);
        }
        for s in &e.sources {
            sources_used.insert(s);
        }
    }
    for c in &claims {
        for s in &c.stances {
            actors_used.insert(&s.actor);
            if let Some(a) = &s.on_behalf_of {
                actors_used.insert(a);
            }
            sources_used.insert(&s.source);
        }
    }
    Briefing {
        schema: b.schema.clone(),
        meta: b.meta.clone(),
        actors: b
            .actors
            .iter()
            .filter(|a| actors_used.contains(&*a.id))
            .cloned()
            .collect(),
        sources: b
            .sources
            .iter()
            .filter(|s| sources_used.contains(&*s.id))
            .cloned()
            .collect(),
        events,
        claims,
    }
}

/// What a planned event's tag says: that it was announced, and when as far
/// as the sources tell (the earliest stance about it, else its own date).
pub fn planned_words(b: &Briefing, index: &Index, position: usize) -> Option<String> {
    let event = &b.events[index.order[position]];
    if event.status != EventStatus::Planned {
        return None;
    }
    let earliest: Option<&DateSpec> = index.claims[position]
        .iter()
        .flat_map(|&c| &b.claims[c].stances)
        .map(|s| &s.date)
        .min_by_key(|d| d.sort_key());
    let when = earliest.unwrap_or(&event.date).display();
    Some(format!("Planned: announced {when}, not reported as held"))
}
