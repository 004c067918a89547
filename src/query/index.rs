//! The filter engine: built once per dataset, queried on every change.
//!
//! Events are numbered by chronological position, so a result set is a
//! [`Bits`] whose set positions are already in date order. Each facet option
//! holds the set of events it matches; a query ANDs the filters (OR within a
//! filter) and counts, per option, the events that choosing it would give.

use super::bits::{Bits, Members};
use super::fold::fold;
use super::lists::Lists;
use super::search::{SearchBuilder, SearchIndex};
use super::state::{Facet, Filter, Known, ViewState};
use super::IdSet;
use crate::model::by_id::ById;
use crate::model::{
    Actor, Briefing, ClaimStatus, Day, Modality, Ref, Source, StanceKind, Track, Vocab,
};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

/// One checkbox of a filter: its URL key, its label and the events it matches.
#[derive(Debug, Clone)]
pub struct FacetOption {
    pub key: String,
    pub label: String,
    /// A sub-heading within the filter ("Track", "Modality").
    pub group: &'static str,
    pub events: Members,
}

pub const SECRET_KEY: &str = "secret";

/// The most names one search word calls up (see [`Index::alternatives`]).
pub const MAX_ALTERNATIVES: usize = 64;

#[derive(Debug)]
pub struct Index {
    /// Event index (into `Briefing::events`) at each chronological position.
    pub order: Vec<usize>,
    /// Group heading per position ("October 2025"), one copy per heading.
    pub group: Vec<Arc<str>>,
    pub actors: Vec<FacetOption>,
    pub channels: Vec<FacetOption>,
    pub statuses: Vec<FacetOption>,
    pub stance_kinds: Vec<FacetOption>,
    /// The words of each position's searchable text.
    search: Search,
    /// First and last possible day (ordinals) per position.
    span: Vec<(i32, i32)>,
    /// Position of each event id, the id shared with the event's own.
    position: HashMap<Ref, usize>,
    /// Claims (indices into `Briefing::claims`) about the event at each position.
    pub claims: Lists<usize>,
    /// Stances (claim index, stance index) made in the event at each position.
    pub stances: Lists<(usize, usize)>,
    /// The statuses of the claims at each position, one bit per `ClaimStatus`.
    status_bits: Vec<u32>,
    /// Where each claim's stances begin in `made_in`.
    first_stance: Vec<u32>,
    /// Positions each stance (numbered across claims) was made in.
    made_in: Lists<usize>,
    actor_at: HashMap<Ref, usize>,
    source_at: HashMap<Ref, usize>,
}

/// The search index: built at once, or later from what `Deferred` holds.
#[derive(Debug, Default)]
struct Search {
    ready: OnceLock<Searching>,
    pending: Mutex<Option<Deferred>>,
}

/// What a search reads: the index of the words, and each actor's name and
/// aliases folded (for alias expansion), both made once the first results
/// are shown: 6 million aliases folded at once held them for 2.4 s.
#[derive(Debug, Default)]
struct Searching {
    words: SearchIndex,
    /// An actor's name and aliases, folded, one a line (a folded name has
    /// no line break): one string an actor, not one a name.
    actor_names: Vec<String>,
}

/// A search index still to build, and the dataset it is built from.
struct Deferred {
    briefing: Arc<Briefing>,
    words: SearchBuild,
}

impl std::fmt::Debug for Deferred {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "search built up to position {}", self.words.next)
    }
}

/// The search index being built, position by position in date order. What
/// a position's text holds: its title and summary, the names of everyone
/// involved, and the text and quotes of its claims. Each name and claim is
/// tokenized once, however many events hold it.
struct SearchBuild {
    words: SearchBuilder,
    /// Actors involved at each position.
    involved: Lists<usize>,
    actor_tokens: Vec<Option<Box<[u32]>>>,
    /// A claim's tokens are made when its first event comes and dropped
    /// after its last: all of them at once were 14 MB at 100,000 events.
    claim_tokens: Vec<Option<Box<[u32]>>>,
    last_use: Vec<u32>,
    /// The next position to build.
    next: usize,
    /// Each actor's name and aliases folded, once every position is built.
    actor_names: Vec<String>,
}

impl SearchBuild {
    fn new(b: &Briefing, involved: Lists<usize>, claims: &Lists<usize>) -> SearchBuild {
        let mut last_use = vec![0u32; b.claims.len()];
        for (p, list) in claims.iter().enumerate() {
            for &c in list {
                last_use[c] = p as u32;
            }
        }
        SearchBuild {
            words: SearchBuilder::for_positions(involved.len()),
            involved,
            // Tokenized when first met, as the build goes: at once, 6 million
            // aliases held the first results for 5 s.
            actor_tokens: vec![None; b.actors.len()],
            claim_tokens: vec![None; b.claims.len()],
            last_use,
            next: 0,
            actor_names: Vec::with_capacity(b.actors.len()),
        }
    }

    /// Builds positions while `more()` says so (asked every 64); true once all are.
    fn advance(
        &mut self,
        b: &Briefing,
        order: &[usize],
        claims: &Lists<usize>,
        more: &mut dyn FnMut() -> bool,
    ) -> bool {
        // `more()` is asked every 64 positions, and whenever 10,000 words
        // have been read since: one position may hold megabytes of claims.
        // A claim or actor tokenized stays so, so a position left halfway
        // is taken up where it was.
        let mut asked_at = self.words.read();
        let mut out_of_time = |words: &SearchBuilder, due: bool| {
            if !due && words.read() - asked_at < 10_000 {
                return false;
            }
            asked_at = words.read();
            !more()
        };
        while self.next < order.len() {
            if out_of_time(&self.words, self.next.is_multiple_of(64)) {
                return false;
            }
            let p = self.next;
            for &c in &claims[p] {
                if self.claim_tokens[c].is_none() {
                    if out_of_time(&self.words, false) {
                        return false;
                    }
                    let claim = &b.claims[c];
                    let pieces = std::iter::once(claim.text.as_str())
                        .chain(claim.stances.iter().map(|s| s.quote.as_str()));
                    self.claim_tokens[c] = Some(self.words.tokens(pieces));
                }
            }
            for &a in &self.involved[p] {
                if self.actor_tokens[a].is_none() {
                    if out_of_time(&self.words, false) {
                        return false;
                    }
                    let actor = &b.actors[a];
                    let names = std::iter::once(&actor.name).chain(&actor.aliases);
                    self.actor_tokens[a] = Some(self.words.tokens(names.map(String::as_str)));
                }
            }
            let event = &b.events[order[p]];
            let actors = self.involved[p]
                .iter()
                .filter_map(|&a| self.actor_tokens[a].as_deref());
            let said = claims[p]
                .iter()
                .filter_map(|&c| self.claim_tokens[c].as_deref());
            self.words
                .position(&[&event.title, &event.summary], actors.chain(said));
            for &c in &claims[p] {
                if self.last_use[c] == p as u32 {
                    self.claim_tokens[c] = None;
                }
            }
            self.next += 1;
        }
        // Then each actor's names folded, for alias expansion.
        while self.actor_names.len() < b.actors.len() {
            if self.actor_names.len().is_multiple_of(64) && !more() {
                return false;
            }
            let actor = &b.actors[self.actor_names.len()];
            let mut names = String::new();
            for name in std::iter::once(&actor.name).chain(&actor.aliases) {
                if !names.is_empty() {
                    names.push('\n');
                }
                names.push_str(&fold(name));
            }
            self.actor_names.push(names);
        }
        // Then the vocabulary put in order and the index written.
        self.words.prepare(more)
    }

    fn finish(self) -> Searching {
        // What the build held goes before the vocabulary is sorted.
        let SearchBuild {
            words,
            involved,
            actor_tokens,
            claim_tokens,
            last_use,
            actor_names,
            ..
        } = self;
        drop((involved, actor_tokens, claim_tokens, last_use));
        Searching {
            words: words.finish(),
            actor_names,
        }
    }
}

/// What a query gives: matching positions and a count for every option.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub matches: Vec<usize>,
    pub actor_counts: Vec<usize>,
    pub channel_counts: Vec<usize>,
    pub status_counts: Vec<usize>,
    pub stance_counts: Vec<usize>,
}

impl Outcome {
    /// The count beside each option of `facet`, in the order of `Index::options`.
    pub fn counts(&self, facet: Facet) -> &[usize] {
        match facet {
            Facet::Actor => &self.actor_counts,
            Facet::Channel => &self.channel_counts,
            Facet::Status => &self.status_counts,
            Facet::Stance => &self.stance_counts,
        }
    }
}

impl Index {
    /// The index with its search index built.
    pub fn new(b: &Briefing) -> Index {
        let (index, mut words) = Index::without_search(b);
        words.advance(b, &index.order, &index.claims, &mut || true);
        let _ = index.search.ready.set(words.finish());
        index
    }

    /// The index with its search index still to build: by [`Index::build_search`]
    /// a slice at a time once the first results are on screen (at 100,000
    /// events it is more than a second), or at once by the first search.
    pub fn deferred(b: Arc<Briefing>) -> Index {
        let (mut index, words) = Index::without_search(&b);
        index.search.pending = Mutex::new(Some(Deferred { briefing: b, words }));
        index
    }

    /// Builds more of the search index while `more()` says so (asked every
    /// few events); true once it is built.
    pub fn build_search(&self, more: &mut dyn FnMut() -> bool) -> bool {
        if self.search.ready.get().is_some() {
            return true;
        }
        let mut pending = self
            .search
            .pending
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let built = pending.as_mut().is_none_or(|d| {
            d.words
                .advance(&d.briefing, &self.order, &self.claims, more)
        });
        if built {
            if let Some(d) = pending.take() {
                let _ = self.search.ready.set(d.words.finish());
            }
        }
        built
    }

    /// The search index, built now if it is not yet.
    fn search(&self) -> &Searching {
        self.build_search(&mut || true);
        self.search.ready.get_or_init(Searching::default)
    }

    /// Everything but the search index, and what building that needs.
    fn without_search(b: &Briefing) -> (Index, SearchBuild) {
        let mut order: Vec<usize> = (0..b.events.len()).collect();
        let keys: Vec<(i32, i32)> = b.events.iter().map(|e| e.date.sort_key()).collect();
        // Ids are unique, so the order is total and need not be stable.
        super::sort_positions(&mut order, &|x, y| {
            keys[x]
                .cmp(&keys[y])
                .then_with(|| b.events[x].id.cmp(&b.events[y].id))
        });
        let n = order.len();

        // Hash maps, not B-trees: no sort and less code in the wasm.
        let actor_at: HashMap<Ref, usize> = b
            .actors
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.clone(), i))
            .collect();
        let event_pos: HashMap<Ref, usize> = order
            .iter()
            .enumerate()
            .map(|(p, &e)| (b.events[e].id.clone(), p))
            .collect();
        // While building, references are found by address (`ById`): hashing
        // the text of 800,000 of them was a third of this at 100,000 events.
        let actor_by_id = ById::new(b.actors.iter().map(|a| &*a.id).collect());
        let event_by_id = ById::new(b.events.iter().map(|e| &*e.id).collect());
        let mut position_of = vec![0usize; n];
        for (p, &e) in order.iter().enumerate() {
            position_of[e] = p;
        }
        let event_position = |id: &str| event_by_id.get(id).map(|e| position_of[e]);

        // Who is involved in each event (participants and whoever takes a stance
        // on its claims), which statuses its claims have, and what can be searched.
        // Actors per position, sorted and deduplicated once at the end (an
        // event with thousands of participants stays linear); statuses and
        // stance kinds as one bit per vocabulary entry.
        // (position, item) pairs, gathered into one list per position below.
        let mut involved: Vec<(u32, usize)> = Vec::new();
        let mut status_bits: Vec<u32> = vec![0; n];
        let mut claims: Vec<(u32, usize)> = Vec::new();
        let mut stances: Vec<(u32, (usize, usize))> = Vec::new();
        let mut kinds: Vec<u32> = vec![0; n];
        for (p, &e) in order.iter().enumerate() {
            // Sorted and deduplicated below.
            for participant in &b.events[e].participants {
                if let Some(a) = actor_by_id.get(&participant.actor) {
                    involved.push((p as u32, a));
                }
            }
        }
        let all_stances = b.claims.iter().map(|c| c.stances.len()).sum();
        let mut first_stance = Vec::with_capacity(b.claims.len());
        let mut made = Lists::with_capacity(all_stances, all_stances);
        let (mut linked, mut parties): (Vec<usize>, Vec<usize>) = (Vec::new(), Vec::new());
        for (c, claim) in b.claims.iter().enumerate() {
            first_stance.push(made.len() as u32);
            for (s, stance) in claim.stances.iter().enumerate() {
                made.push(made_in(claim, stance, &event_position));
                for &p in &made[made.len() - 1] {
                    stances.push((p as u32, (c, s)));
                    kinds[p] |= 1 << stance.kind as u32;
                }
            }
            // A claim belongs to the events it is about and to those its
            // stances were made in (a statement, a post); whoever takes a
            // stance on it is involved in each. Sorted, not searched: a claim
            // may name thousands (`check_spread` bounds the product).
            linked.clear();
            linked.extend(
                claim
                    .events
                    .iter()
                    .chain(claim.stances.iter().filter_map(|s| s.event.as_ref()))
                    .filter_map(|id| event_position(id)),
            );
            linked.sort_unstable();
            linked.dedup();
            parties.clear();
            parties.extend(
                claim
                    .stances
                    .iter()
                    .filter_map(|s| actor_by_id.get(&s.actor)),
            );
            parties.sort_unstable();
            parties.dedup();
            for &p in &linked {
                claims.push((p as u32, c));
                status_bits[p] |= 1 << claim.status as u32;
                involved.extend(parties.iter().map(|&a| (p as u32, a)));
            }
        }
        // Each list made, its pairs go (8 MB at 100,000 events, held
        // through the search index's build otherwise).
        let mut involved = Lists::from_pairs(n, &std::mem::take(&mut involved));
        involved.sort_and_dedup();
        let claims = Lists::from_pairs(n, &std::mem::take(&mut claims));
        let stances = Lists::from_pairs(n, &std::mem::take(&mut stances));
        // Each actor's events, from the lists: linear in who is involved where,
        // and as large as that (not a bitset of every event per actor).
        let by_actor: Vec<(u32, usize)> = involved
            .iter()
            .enumerate()
            .flat_map(|(p, actors)| actors.iter().map(move |&a| (a as u32, p)))
            .collect();
        let by_actor = Lists::from_pairs(b.actors.len(), &by_actor);
        let mut actor_events: Vec<Members> = by_actor
            .iter()
            .map(|positions| Members::of_positions(positions, n))
            .collect();
        drop(by_actor);
        let words = SearchBuild::new(b, involved, &claims);

        let option = |key: &str, label: &str, group: &'static str, has: &dyn Fn(usize) -> bool| {
            let events: Vec<usize> = (0..n).filter(|&p| has(p)).collect();
            FacetOption {
                key: key.to_string(),
                label: label.to_string(),
                group,
                events: Members::of_positions(&events, n),
            }
        };
        let events_at = |p: usize| &b.events[order[p]];

        // Actors in the order readers know them: most involved first, then by
        // name, then by id (a total order, so the sort need not be stable).
        let counts: Vec<usize> = actor_events.iter().map(Members::count).collect();
        let mut ranked: Vec<usize> = (0..b.actors.len()).filter(|&a| counts[a] > 0).collect();
        super::sort_positions(&mut ranked, &|x, y| {
            counts[y]
                .cmp(&counts[x])
                .then_with(|| b.actors[x].name.cmp(&b.actors[y].name))
                .then_with(|| b.actors[x].id.cmp(&b.actors[y].id))
        });
        let actors: Vec<FacetOption> = ranked
            .into_iter()
            .map(|a| FacetOption {
                key: b.actors[a].id.to_string(),
                label: b.actors[a].name.clone(),
                group: "",
                events: std::mem::replace(&mut actor_events[a], Members::Few(Box::new([]))),
            })
            .collect();

        // Each position's channel as bits (its track, secret, its modality),
        // read from its event once: each option read all 100,000 events
        // again (13 passes, 40 ms in the page).
        let tracks = Track::ALL.len();
        let channel_bits: Vec<u16> = (0..n)
            .map(|p| {
                let e = events_at(p);
                let track = e.channel.track.map_or(0, |t| 1 << t as u32);
                let secret = u16::from(e.secret) << tracks;
                track | secret | 1 << (tracks + 1 + e.channel.modality as usize)
            })
            .collect();
        let bits = &channel_bits;
        let has_bit = |bit: usize| move |p: usize| bits[p] & 1 << bit != 0;
        let mut channels = Vec::new();
        for &track in Track::ALL {
            let bit = has_bit(track as usize);
            channels.push(option(track.key(), track.label(), "Track", &bit));
        }
        let secret = has_bit(tracks);
        channels.push(option(
            SECRET_KEY,
            "Secret or backchannel",
            "Track",
            &secret,
        ));
        for &modality in Modality::ALL {
            let bit = has_bit(tracks + 1 + modality as usize);
            channels.push(option(modality.key(), modality.label(), "Modality", &bit));
        }
        drop(channel_bits);
        // Offer only what the data holds: an empty checkbox is noise.
        channels.retain(|o| o.events.count() > 0);

        let statuses: Vec<FacetOption> = ClaimStatus::ALL
            .iter()
            .map(|&s| {
                option(s.key(), s.label(), "", &|p| {
                    status_bits[p] & 1 << s as u32 != 0
                })
            })
            .filter(|o| o.events.count() > 0)
            .collect();
        let stance_kinds: Vec<FacetOption> = StanceKind::ALL
            .iter()
            .map(|&k| option(k.key(), k.label(), "", &|p| kinds[p] & 1 << k as u32 != 0))
            .filter(|o| o.events.count() > 0)
            .collect();

        // In date order a date repeats in runs (a few thousand dates for
        // 100,000 events): its span and heading are worked out once a run,
        // and a heading is one copy per run of it.
        let mut span = Vec::with_capacity(n);
        let mut group = Vec::with_capacity(n);
        let mut last: Option<(&crate::model::DateSpec, (i32, i32), Arc<str>)> = None;
        for &e in &order {
            let date = &b.events[e].date;
            let (within, heading) = match &last {
                Some((seen, within, heading)) if *seen == date => (*within, heading.clone()),
                _ => {
                    let within = date
                        .bounds()
                        .map_or((i32::MIN, i32::MAX), |bounds| bounds.ordinals());
                    let label = date.group_label();
                    let heading = match &last {
                        Some((_, _, heading)) if **heading == *label => heading.clone(),
                        _ => label.into(),
                    };
                    last = Some((date, within, heading.clone()));
                    (within, heading)
                }
            };
            span.push(within);
            group.push(heading);
        }
        let source_at = b
            .sources
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.clone(), i))
            .collect();
        let index = Index {
            order,
            group,
            actors,
            channels,
            statuses,
            stance_kinds,
            search: Search::default(),
            span,
            position: event_pos,
            claims,
            stances,
            status_bits,
            first_stance,
            made_in: made,
            actor_at,
            source_at,
        };
        (index, words)
    }

    /// The distinct statuses of the claims about the event at `position`
    /// (its badges), in the order of `ClaimStatus`.
    pub fn claim_statuses(&self, position: usize) -> Vec<ClaimStatus> {
        let bits = self.status_bits[position];
        ClaimStatus::ALL
            .iter()
            .copied()
            .filter(|&s| bits & 1 << s as u32 != 0)
            .collect()
    }

    /// Positions of the events `claim`'s stance `stance` was made in.
    pub fn stance_positions(&self, claim: usize, stance: usize) -> &[usize] {
        &self.made_in[self.first_stance[claim] as usize + stance]
    }

    pub fn actor<'b>(&self, b: &'b Briefing, id: &str) -> Option<&'b Actor> {
        self.actor_at.get(id).map(|&i| &b.actors[i])
    }

    pub fn source<'b>(&self, b: &'b Briefing, id: &str) -> Option<&'b Source> {
        self.source_at.get(id).map(|&i| &b.sources[i])
    }

    /// The label of an option, for summaries of the active filters.
    pub fn option_label(&self, facet: Facet, key: &str) -> Option<&str> {
        self.options(facet)
            .iter()
            .find(|o| o.key == key)
            .map(|o| o.label.as_str())
    }

    pub fn len(&self) -> usize {
        self.order.len()
    }

    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    pub fn options(&self, facet: Facet) -> &[FacetOption] {
        match facet {
            Facet::Actor => &self.actors,
            Facet::Channel => &self.channels,
            Facet::Status => &self.statuses,
            Facet::Stance => &self.stance_kinds,
        }
    }

    pub fn position_of(&self, event_id: &str) -> Option<usize> {
        self.position.get(event_id).copied()
    }

    /// OR of the selected options of one facet; everything when none is selected.
    fn facet_mask(&self, facet: Facet, selected: &IdSet) -> Bits {
        if selected.is_empty() {
            return Bits::full(self.len());
        }
        let mut mask = Bits::empty(self.len());
        for option in self
            .options(facet)
            .iter()
            .filter(|o| selected.contains(&o.key))
        {
            option.events.add_to(&mut mask);
        }
        mask
    }

    /// A search word and, when it begins a word of an actor's name or alias,
    /// all that actor's names: "usakov" also finds text that says "Ushakov".
    /// Only the start of a word: a mid-word "ress" (in "Deutsche Presse-
    /// Agentur") must not make every DPA event match.
    pub fn alternatives(&self, word: &str) -> Vec<String> {
        let mut alternatives = vec![word.to_string()];
        // Shorter words would pull in half the actors.
        // At most MAX_ALTERNATIVES names, each a look-up per keystroke: 20,000
        // actors of 100 aliases that all begin "abc" made 2 million (5 s a
        // keystroke; a red-team pass, 2026-12-07).
        if word.chars().count() >= 3 {
            for names in self.search().actor_names.iter().filter(|names| {
                names
                    .split([' ', '\n'])
                    .any(|token| token.starts_with(word))
            }) {
                let room = MAX_ALTERNATIVES.saturating_sub(alternatives.len());
                // A name of punctuation alone ("—") folds to nothing, which
                // every event holds: it would make the word match them all.
                let names = names.split('\n').filter(|n| !n.is_empty());
                alternatives.extend(names.clone().take(room).map(String::from));
                if room <= names.count() {
                    break;
                }
            }
        }
        super::sorted_distinct(alternatives)
    }

    /// Events matching the search words (all of them) and the date range.
    fn text_and_date_mask(&self, state: &ViewState) -> Bits {
        let mut mask = Bits::full(self.len());
        for word in fold(&state.search).split(' ').filter(|w| !w.is_empty()) {
            // The word as typed begins a token; a name it calls up stands whole.
            let search = &self.search().words;
            let mut any = search.prefix(word);
            for name in self.alternatives(word).iter().filter(|a| *a != word) {
                any.or_with(&search.name(name));
            }
            mask.and_with(&any);
        }
        if state.from.is_some() || state.to.is_some() {
            let from = state.from.map_or(i32::MIN, Day::ordinal);
            let to = state.to.map_or(i32::MAX, Day::ordinal);
            // An event is in range when it may fall in it: its span overlaps the range.
            let mut dated = Bits::empty(self.len());
            for (p, &(start, end)) in self.span.iter().enumerate() {
                if start <= to && end >= from {
                    dated.set(p);
                }
            }
            mask.and_with(&dated);
        }
        mask
    }

    pub fn query(&self, state: &ViewState) -> Outcome {
        let base = self.text_and_date_mask(state);
        let masks = Facet::ALL.map(|f| self.facet_mask(f, state.selected(f)));
        // For each facet: everything except that facet's own filter, so its
        // counts say what ticking one more option would give.
        let others = |skip: Facet| {
            let mut m = base.clone();
            for (f, mask) in Facet::ALL.iter().zip(&masks) {
                if *f != skip {
                    m.and_with(mask);
                }
            }
            m
        };
        let counts = |facet: Facet| {
            let context = others(facet);
            let selected = state.selected(facet);
            let mask = &masks[facet as usize];
            // OR within a filter: ticking one more option adds its events
            // outside the selection to those already in it.
            let already = if selected.is_empty() {
                0
            } else {
                context.count_and(mask)
            };
            self.options(facet)
                .iter()
                .map(|o| {
                    if selected.is_empty() || selected.contains(&o.key) {
                        o.events.count_in(&context)
                    } else {
                        already + o.events.count_in_outside(&context, mask)
                    }
                })
                .collect()
        };
        let mut all = base.clone();
        for mask in &masks {
            all.and_with(mask);
        }
        Outcome {
            matches: all.ones().collect(),
            actor_counts: counts(Facet::Actor),
            channel_counts: counts(Facet::Channel),
            status_counts: counts(Facet::Status),
            stance_counts: counts(Facet::Stance),
        }
    }

    /// For an empty result: each active filter, with how many events there
    /// would be without it alone.
    pub fn without_each(&self, state: &ViewState) -> Vec<(Filter, usize)> {
        state
            .active_filters()
            .map(|f| {
                let mut relaxed = state.clone();
                relaxed.clear(f);
                (f, self.query(&relaxed).matches.len())
            })
            .collect()
    }
}

impl Known for Index {
    fn has_event(&self, id: &str) -> bool {
        self.position_of(id).is_some()
    }
    fn has_option(&self, facet: Facet, key: &str) -> bool {
        self.options(facet).iter().any(|o| o.key == key)
    }
}

/// The events a stance was made in: the one the data names, else (a stance
/// the sources do not tie to one statement) the events of its claim.
/// Streamed into its list, not collected into a `Vec` per stance.
fn made_in<'a>(
    claim: &'a crate::model::Claim,
    stance: &'a crate::model::Stance,
    at: &'a dyn Fn(&str) -> Option<usize>,
) -> impl Iterator<Item = usize> + 'a {
    let named = stance.event.as_deref().and_then(at);
    let of_claim = claim
        .events
        .iter()
        .filter_map(|id| at(id))
        .take(if named.is_some() { 0 } else { usize::MAX }); // none when one is named
    named.into_iter().chain(of_claim)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Events of one date are in the order of their ids as texts, also
    /// where ids share their first 16 bytes or one is the start of another.
    #[test]
    fn events_of_one_date_are_in_id_order() {
        let mut b = crate::model::load(crate::model::BUNDLED).unwrap();
        let ids = [
            "b",
            "aaaaaaaaaaaaaaaa-2",
            "a",
            "aaaaaaaaaaaaaaaa-10",
            "aaaaaaaaaaaaaaaa",
            "a-b",
            "aaaaaaaaaaaaaaa",
        ];
        let model = b.events[0].clone();
        b.events = ids
            .iter()
            .map(|&id| crate::model::Event {
                id: id.into(),
                ..model.clone()
            })
            .collect();
        b.claims.clear();
        let index = Index::new(&b);
        let ordered: Vec<&str> = index.order.iter().map(|&e| &*b.events[e].id).collect();
        let mut expected = ids.to_vec();
        expected.sort();
        assert_eq!(ordered, expected);
    }

    /// What the first results wait for makes nothing per name or text: a
    /// file of 6 million aliases spent 7.7 s on them before its first results.
    #[test]
    fn a_deferred_index_tokenizes_and_folds_nothing_until_its_search_build() {
        let b = Arc::new(crate::model::load(crate::model::BUNDLED).unwrap());
        let index = Index::deferred(b.clone());
        {
            let pending = index.search.pending.lock().unwrap();
            let build = &pending.as_ref().expect("not built yet").words;
            assert_eq!(build.words.vocabulary_so_far(), 0, "no token made");
            assert!(build.actor_tokens.iter().all(Option::is_none));
            assert!(build.actor_names.is_empty(), "no name folded");
        }
        assert!(index.build_search(&mut || true));
        assert_eq!(index.search().actor_names.len(), b.actors.len());
    }
}
