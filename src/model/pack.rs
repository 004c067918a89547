//! The compact form of a dataset (a "pack"): what a page reads fastest.
//!
//! The JSON stays the curators' format; `briefing-check --pack` writes a
//! pack from a JSON file that passes every check. A pack holds the same
//! [`Briefing`] with no keys and no punctuation: lengths, counts and
//! vocabulary codes as variable-length integers, every reference as the
//! position of what it names (not its id again), each distinct date once;
//! half the bytes of the JSON. Reading one is a walk through bytes, with
//! none of JSON's scanning, trees, escapes or id look-ups: at 100,000
//! events it reads in about a third of the JSON's time (`bench/RESULTS.md`).
//!
//! A pack is trusted no more than a JSON file: the reader checks every
//! count, length, code and position as it goes, and every rule the JSON
//! decoder applies (ids, names, dates, URLs, list sizes, the status rules),
//! so that it accepts a dataset exactly when `load` accepts its JSON, as the
//! same briefing (held by the property tests). Being written by a program,
//! not edited by hand, a broken pack is refused at its first problem with
//! its place and reason; only statuses its stances do not allow are all
//! listed, as `load` lists them.
//!
//! Layout (all integers unsigned LEB128): [`MAGIC`], the version, then
//! meta, actors, sources, events and claims in the order of their fields in
//! `types.rs`. Text: its length in bytes and its UTF-8. Optional values: 0
//! for none, else 1 and the value (a vocabulary: its code + 1; a position:
//! itself + 1). A shared text (a date's value or end): 0 and a new text, or
//! k for the k-th text given so far.

use super::date::{DateSpec, PartialDate};
use super::decode::{
    check_spread, check_statuses, collection_ids, hidden_character, is_http_url, is_id, max_chars,
    max_entries, Problem, TookPart, NAME_FIELDS, SHORT_TEXT_CHARS,
};
use super::types::*;
use super::vocab::*;
use std::collections::HashMap;
use std::sync::Arc;

/// The first bytes of every pack. The NUL makes it no JSON text.
pub const MAGIC: &[u8] = b"\0briefing-pack\n";
/// The layout written and read; any change to it changes this.
pub const VERSION: u64 = 1;

/// Whether `start` (the first bytes of a file) begins a pack.
pub fn is_pack(start: &[u8]) -> bool {
    start.starts_with(MAGIC)
}

// ---------------------------------------------------------------------------
// Writing (the checker)
// ---------------------------------------------------------------------------

/// The pack of a briefing that `load` accepted; a reference to nothing
/// cannot be written (a pack refers by position), and says so.
pub fn write(b: &Briefing) -> Result<Vec<u8>, String> {
    let mut w = Writer::default();
    w.out.extend_from_slice(MAGIC);
    w.int(VERSION as usize);
    let m = &b.meta;
    w.opt_text(&b.schema);
    w.text(&m.title);
    w.opt_text(&m.subtitle);
    w.text(&m.as_of);
    w.text(&m.compiled_by);
    w.text(&m.summary);
    w.texts(&m.key_points);
    w.opt_text(&m.handling);
    let actors = Positions::of("actor", b.actors.iter().map(|a| &*a.id));
    let sources = Positions::of("source", b.sources.iter().map(|s| &*s.id));
    let events = Positions::of("event", b.events.iter().map(|e| &*e.id));
    w.int(b.actors.len());
    for a in &b.actors {
        w.text(&a.id);
        w.text(&a.name);
        w.texts(&a.aliases);
        w.text(&a.role);
        w.text(&a.affiliation);
        w.vocab(a.kind);
        w.int(a.anonymous as usize);
        w.opt_text(&a.note);
    }
    w.int(b.sources.len());
    for s in &b.sources {
        w.text(&s.id);
        w.text(&s.outlet);
        w.texts(&s.chain);
        w.opt_text(&s.title);
        w.opt_text(&s.author);
        w.opt_text(&s.published);
        w.text(&s.language);
        w.opt_text(&s.url);
        w.opt_text(&s.note);
        w.inferences(&s.inferred);
    }
    w.int(b.events.len());
    for e in &b.events {
        w.text(&e.id);
        w.text(&e.title);
        w.date(&e.date);
        w.vocab(e.status);
        w.opt_vocab(e.channel.track);
        w.vocab(e.channel.modality);
        w.int(e.secret as usize);
        w.int(e.participants.len());
        for p in &e.participants {
            w.int(actors.of_id(&p.actor)?);
            w.vocab(p.role);
            w.opt_text(&p.note);
        }
        w.text(&e.summary);
        w.opt_text(&e.note);
        w.int(e.sources.len());
        for s in &e.sources {
            w.int(sources.of_id(s)?);
        }
    }
    w.int(b.claims.len());
    for c in &b.claims {
        w.text(&c.id);
        w.text(&c.text);
        w.vocab(c.status);
        w.int(c.events.len());
        for e in &c.events {
            w.int(events.of_id(e)?);
        }
        w.int(c.stances.len());
        for s in &c.stances {
            w.int(actors.of_id(&s.actor)?);
            w.vocab(s.kind);
            w.date(&s.date);
            w.text(&s.quote);
            w.vocab(s.speech);
            w.int(sources.of_id(&s.source)?);
            w.opt_int(
                s.on_behalf_of
                    .as_ref()
                    .map(|a| actors.of_id(a))
                    .transpose()?,
            );
            w.opt_int(s.event.as_ref().map(|e| events.of_id(e)).transpose()?);
            w.opt_text(&s.note);
        }
        w.opt_text(&c.note);
        w.opt_text(&c.status_override.as_ref().map(|o| o.reason.clone()));
    }
    Ok(w.out)
}

/// Where each id of a collection stands (the first, for an id given twice).
struct Positions<'a>(&'static str, HashMap<&'a str, usize>);

impl<'a> Positions<'a> {
    fn of(what: &'static str, ids: impl Iterator<Item = &'a str>) -> Self {
        let mut map = HashMap::new();
        for (i, id) in ids.enumerate() {
            map.entry(id).or_insert(i);
        }
        Positions(what, map)
    }

    fn of_id(&self, id: &str) -> Result<usize, String> {
        self.1
            .get(id)
            .copied()
            .ok_or_else(|| format!("refers to {} \"{id}\", which is not in the dataset", self.0))
    }
}

#[derive(Default)]
struct Writer {
    out: Vec<u8>,
    /// Each shared text written so far and its number (from 1).
    shared: HashMap<Arc<str>, usize>,
}

impl Writer {
    fn int(&mut self, mut n: usize) {
        loop {
            let low = (n & 0x7f) as u8;
            n >>= 7;
            if n == 0 {
                self.out.push(low);
                return;
            }
            self.out.push(low | 0x80);
        }
    }

    fn opt_int(&mut self, n: Option<usize>) {
        self.int(n.map_or(0, |n| n + 1));
    }

    fn text(&mut self, text: &str) {
        self.int(text.len());
        self.out.extend_from_slice(text.as_bytes());
    }

    fn opt_text(&mut self, text: &Option<String>) {
        match text {
            Some(text) => {
                self.int(1);
                self.text(text);
            }
            None => self.int(0),
        }
    }

    fn texts(&mut self, texts: &[String]) {
        self.int(texts.len());
        texts.iter().for_each(|t| self.text(t));
    }

    fn code<T: Vocab>(value: T) -> usize {
        T::ALL.iter().position(|&v| v == value).unwrap_or(0)
    }

    fn vocab<T: Vocab>(&mut self, value: T) {
        self.int(Self::code(value));
    }

    fn opt_vocab<T: Vocab>(&mut self, value: Option<T>) {
        self.opt_int(value.map(Self::code));
    }

    /// A date's value or end: written once, then named by its number.
    fn shared(&mut self, text: &Arc<str>) {
        if let Some(&k) = self.shared.get(text) {
            self.int(k);
        } else {
            self.int(0);
            self.text(text);
            let k = self.shared.len() + 1;
            self.shared.insert(text.clone(), k);
        }
    }

    fn date(&mut self, d: &DateSpec) {
        self.vocab(d.precision);
        // An undated date has no value: "" stands for none.
        match d.value.is_empty() {
            true => self.int(0),
            false => {
                self.int(1);
                self.shared(&d.value);
            }
        }
        self.opt_vocab(d.part);
        match &d.end {
            Some(end) => {
                self.int(1);
                self.shared(end);
            }
            None => self.int(0),
        }
        self.opt_vocab(d.weekday);
        self.inferences(&d.inferred);
    }

    fn inferences(&mut self, inferred: &[Inference]) {
        self.int(inferred.len());
        for i in inferred {
            self.vocab(i.kind);
            self.text(&i.reason);
        }
    }
}

// ---------------------------------------------------------------------------
// Reading (the page, the checker)
// ---------------------------------------------------------------------------

/// A pack given whole.
pub fn read_bytes(bytes: &[u8]) -> Result<Briefing, Vec<Problem>> {
    if bytes.len() > super::decode::MAX_BYTES {
        let too_big = super::decode::too_big(bytes.len());
        return Err(vec![Problem::at(String::new(), too_big)]);
    }
    let mut feed = Feed::new();
    feed.push(bytes);
    feed.finish()
}

/// A pack given a part at a time: `more` appends the next part to the
/// buffer and says whether there was one (a part that brings nothing counts
/// as the end). Only the entry being read is held, never the whole file.
pub fn read(mut more: impl FnMut(&mut Vec<u8>) -> bool) -> Result<Briefing, Vec<Problem>> {
    read_within(&mut more, super::decode::MAX_BYTES).0
}

/// [`read`], refusing a dataset whose JSON would be over `most` bytes; with
/// how many bytes of JSON it counted.
fn read_within(
    more: &mut dyn FnMut(&mut Vec<u8>) -> bool,
    most: usize,
) -> (Result<Briefing, Vec<Problem>>, usize) {
    let mut feed = Feed::new();
    feed.r.most = most;
    let mut part = Vec::new();
    while more(&mut part) && !part.is_empty() && feed.push(&part) {
        part.clear();
    }
    feed.finish_counting()
}

/// A pack read as it arrives ([`push`](Feed::push) each part, then
/// [`finish`](Feed::finish)): each entry is read once its bytes are all
/// there, so the reading overlaps the transfer. An entry whose bytes run
/// out is undone and read again when there are at least twice as many (a
/// huge entry is read a few times, not once per part). Only the entry being
/// read is held, never the whole file.
pub struct Feed {
    r: Reader,
    got: Got,
    stage: Stage,
    /// The buffer's length below which a part is only kept: the entry last
    /// undone has not had twice its bytes yet.
    wait_for: usize,
}

/// What has been read so far.
#[derive(Default)]
struct Got {
    schema: Option<String>,
    meta: Option<Meta>,
    actors: Vec<Actor>,
    sources: Vec<Source>,
    events: Vec<Event>,
    claims: Vec<Claim>,
    /// The ids of the entries read, which later entries name by position.
    actor_ids: Vec<Ref>,
    source_ids: Vec<Ref>,
    event_ids: Vec<Ref>,
}

/// Where the reading is: the start (magic, version, meta), a collection's
/// count, its entries (how many), the end.
#[derive(Clone, Copy, PartialEq)]
enum Stage {
    Head,
    Count(usize),
    Entries(usize, usize),
    End,
}

/// The collections in the order a pack holds them, and whether each needs
/// an entry.
const COLLECTIONS: [(&str, bool); 4] = [
    ("actors", true),
    ("sources", true),
    ("events", true),
    ("claims", false),
];

impl Default for Feed {
    fn default() -> Self {
        Self::new()
    }
}

impl Feed {
    pub fn new() -> Feed {
        Feed {
            r: Reader {
                buf: Vec::new(),
                at: 0,
                ended: false,
                starved: false,
                shared: Vec::new(),
                undone: Vec::new(),
                entry: ("", 0),
                item: None,
                within: "",
                list_at: None,
                problem: None,
                json: 0,
                most: super::decode::MAX_BYTES,
                #[cfg(test)]
                undos: 0,
            },
            got: Got::default(),
            stage: Stage::Head,
            wait_for: 0,
        }
    }

    /// Reads what `part` completes; false once a problem is found (the
    /// rest need not be given: [`finish`](Feed::finish) reports it).
    pub fn push(&mut self, part: &[u8]) -> bool {
        self.push_with(part.len(), |buf| buf.copy_from_slice(part))
    }

    /// [`push`](Feed::push) of `len` bytes that `fill` writes in place (the
    /// page copies a part from JS straight into the buffer).
    pub fn push_with(&mut self, len: usize, fill: impl FnOnce(&mut [u8])) -> bool {
        if self.r.failed() {
            return false;
        }
        // Everything before `at` is read: between parts, `at` is at the
        // start of an entry.
        self.r.buf.drain(..self.r.at);
        self.r.at = 0;
        let had = self.r.buf.len();
        self.r.buf.resize(had + len, 0);
        fill(&mut self.r.buf[had..]);
        if self.r.buf.len() >= self.wait_for {
            self.run();
        }
        !self.r.failed()
    }

    /// Reads what is left (a pack cut off is refused here), then checks
    /// what was read as a whole: ids, the spread of claims, the status rules.
    pub fn finish(self) -> Result<Briefing, Vec<Problem>> {
        self.finish_counting().0
    }

    /// [`finish`](Feed::finish), with how many bytes of JSON it counted.
    fn finish_counting(mut self) -> (Result<Briefing, Vec<Problem>>, usize) {
        self.r.ended = true;
        self.run();
        let Feed { r, got, .. } = self;
        if let Some(problem) = r.problem {
            return (Err(vec![problem]), r.json);
        }
        let briefing = Briefing {
            schema: got.schema,
            meta: got.meta.unwrap_or_default(),
            actors: got.actors,
            sources: got.sources,
            events: got.events,
            claims: got.claims,
        };
        // Ids held once in each collection (references are positions, so they
        // name an entry by construction), then the status rules, as `load` does.
        let mut problems = Vec::new();
        collection_ids(&mut problems, &briefing);
        check_spread(&mut problems, &briefing);
        if problems.is_empty() {
            check_statuses(&mut problems, &briefing);
        }
        match problems.is_empty() {
            true => (Ok(briefing), r.json),
            false => (Err(problems), r.json),
        }
    }

    /// Reads entries until the bytes run out, a problem, or the end.
    fn run(&mut self) {
        while !self.r.failed() {
            let (r, got) = (&mut self.r, &mut self.got);
            let stage = self.stage;
            // Each part is read whole into `got`, or undone (`whole` false)
            // and taken out again, to be read once more bytes have come.
            let next = match stage {
                Stage::Head => {
                    let read = r.whole(&mut |r| {
                        got.schema = r.head();
                        got.meta = Some(r.meta());
                    });
                    read.then_some(Stage::Count(0))
                }
                Stage::Count(c) => {
                    r.entry = ("", 0);
                    let (key, required) = COLLECTIONS[c];
                    let mut n = 0;
                    let read = r.whole(&mut |r| n = r.count(key, required));
                    read.then_some(Stage::Entries(c, n))
                }
                Stage::Entries(3, n) => self.claims(n),
                Stage::Entries(c, n) => {
                    let i = [got.actors.len(), got.sources.len(), got.events.len()][c];
                    if i == n {
                        // `room` makes none past the count, so this gives
                        // nothing back today; it stays as the guard that no
                        // spare room outlives the reading (the page's memory
                        // never shrinks), and without it the wasm was larger.
                        match c {
                            0 => got.actors.shrink_to_fit(),
                            1 => got.sources.shrink_to_fit(),
                            _ => got.events.shrink_to_fit(),
                        }
                        Some(Stage::Count(c + 1))
                    } else {
                        r.entry = (COLLECTIONS[c].0, i);
                        match c {
                            0 => got.actor_ids.reserve_exact(room(&mut got.actors, n)),
                            1 => got.source_ids.reserve_exact(room(&mut got.sources, n)),
                            _ => got.event_ids.reserve_exact(room(&mut got.events, n)),
                        }
                        let read = r.whole(&mut |r| match c {
                            0 => {
                                let actor = r.actor();
                                got.actor_ids.push(actor.id.clone());
                                got.actors.push(actor);
                            }
                            1 => {
                                let source = r.source();
                                got.source_ids.push(source.id.clone());
                                got.sources.push(source);
                            }
                            _ => {
                                let event = r.event(&got.actor_ids, &got.source_ids);
                                got.event_ids.push(event.id.clone());
                                got.events.push(event);
                            }
                        });
                        if !read {
                            let ids = [&mut got.actor_ids, &mut got.source_ids, &mut got.event_ids];
                            ids[c].pop();
                            match c {
                                0 => drop(got.actors.pop()),
                                1 => drop(got.sources.pop()),
                                _ => drop(got.events.pop()),
                            }
                        }
                        read.then_some(stage)
                    }
                }
                Stage::End => {
                    // Nothing may follow the claims.
                    if r.buf.len() > r.at {
                        r.entry = ("", 0);
                        r.fail(
                            "",
                            "goes on after its last claim: the file is not one pack".into(),
                        );
                    }
                    return;
                }
            };
            match next {
                Some(stage) => self.stage = stage,
                // The bytes ran out within an entry: wait for twice as many.
                None => {
                    self.wait_for = 2 * (self.r.buf.len() - self.r.at);
                    return;
                }
            }
        }
    }

    /// The claims from the next to the `n`th, as far as the bytes go: who
    /// took part in which event is kept while they are read.
    fn claims(&mut self, n: usize) -> Option<Stage> {
        let (r, got) = (&mut self.r, &mut self.got);
        let mut took_part = TookPart::new(&got.events);
        let ids = (&got.actor_ids[..], &got.source_ids[..]);
        let events = (&got.events[..], &got.event_ids[..]);
        while got.claims.len() < n && !r.failed() {
            r.entry = ("claims", got.claims.len());
            let claims = &mut got.claims;
            room(claims, n);
            if !r.whole(&mut |r| claims.push(r.claim(ids, events, &mut took_part))) {
                claims.pop();
                return None;
            }
        }
        got.claims.shrink_to_fit();
        Some(Stage::End)
    }
}

/// Room for the next entry of a collection of `n`, made before it is read:
/// four times what has been read so far, up to `n`; how many more entries
/// it made room for (0 if there was room), for its ids' list. A count
/// alone reserves little (a file may claim millions of entries and hold
/// none), but once a quarter of them has come the rest is believed:
/// doubling as `push` does copied the events' list (tens of megabytes at
/// 100,000 events) seven times and left its spare half to give back.
fn room<T>(entries: &mut Vec<T>, n: usize) -> usize {
    let len = entries.len();
    if len < entries.capacity() {
        return 0;
    }
    let more = (len * 4).max(1024).min(n.max(len + 1)) - len;
    entries.reserve_exact(more);
    more
}

/// Reads on after a problem with placeholders (empty text, zero, none),
/// taking nothing more from the file, and keeps the first problem: no early
/// return, so no clean-up code for every field read (kilobytes of the
/// page's wasm).
struct Reader {
    buf: Vec<u8>,
    at: usize,
    /// No more bytes will come: running out is a cut-off file, not a wait.
    ended: bool,
    /// The bytes ran out within what is being read ([`Reader::whole`]).
    starved: bool,
    /// Every shared text so far, in order, with the last date found valid
    /// with it as its value ([`DateSpec::check_key`]): a date is parsed and
    /// checked again only when it differs from that one (at 100,000 events,
    /// checking all 345,000 dates was 60 ms of the page's read).
    shared: Vec<(Arc<str>, (usize, usize, u32))>,
    /// Shared texts of entries undone, held until the end: a key above
    /// holds their addresses, which no other text may take meanwhile.
    undone: Vec<Arc<str>>,
    /// The collection entry being read ("events", 12), for problems' paths.
    entry: (&'static str, usize),
    /// The list item within it being read ("stances", 0).
    item: Option<(&'static str, usize)>,
    /// The object within that being read ("date.").
    within: &'static str,
    /// The entry of a list within that being read ("aliases", 2).
    list_at: Option<(&'static str, usize)>,
    /// The first problem; once there is one, nothing more is read.
    problem: Option<Problem>,
    /// How long the JSON of what was read would be at least (serde's
    /// compact form, every text without escapes), and the most it may be.
    json: usize,
    most: usize,
    /// How many times an entry was undone (the tests hold it to a few per entry).
    #[cfg(test)]
    undos: usize,
}

impl Reader {
    fn failed(&self) -> bool {
        self.starved || self.problem.is_some()
    }

    fn fail(&mut self, key: &str, message: String) {
        if self.problem.is_some() {
            return;
        }
        let mut path = match self.entry {
            ("", _) => String::new(),
            ("meta", _) => "meta.".to_string(),
            (what, i) => format!("{what}[{i}]."),
        };
        if let Some((list, j)) = self.item {
            path += &format!("{list}[{j}].");
        }
        path += self.within;
        match self.list_at {
            Some((list, j)) if list == key => path += &format!("{list}[{j}]"),
            Some((list, j)) => path += &format!("{list}[{j}].{key}"),
            None => path += key,
        }
        self.problem = Some(Problem::at(path, message));
    }

    /// At least `n` bytes ready at `at`.
    fn need(&mut self, n: usize, key: &str) -> bool {
        if self.failed() {
            return false;
        }
        if self.buf.len() - self.at >= n {
            return true;
        }
        if self.ended {
            self.fail(
                key,
                "the pack ends here, in the middle: the file is cut off; fetch or write it again"
                    .into(),
            );
        } else {
            self.starved = true;
        }
        false
    }

    /// Reads one whole part of the pack (the start, a count, an entry);
    /// when the bytes run out within it, undoes it and says so (false). An
    /// entry read is counted as JSON: the dataset stays within what the
    /// page reads.
    fn whole(&mut self, read: &mut dyn FnMut(&mut Self)) -> bool {
        let (at, shared, json) = (self.at, self.shared.len(), self.json);
        self.item = None;
        read(self);
        self.item = None;
        if !self.starved {
            if self.json > self.most {
                self.entry = ("", 0);
                let most = super::decode::size_words(self.most as u64);
                self.fail(
                    "",
                    format!("as JSON this dataset would be more than {most}, more than this page reads: split it (by period or by theme)"),
                );
            }
            return true;
        }
        self.starved = false;
        self.problem = None;
        #[cfg(test)]
        {
            self.undos += 1;
        }
        self.at = at;
        self.json = json;
        let undone = self.shared.drain(shared..).map(|(text, _)| text);
        self.undone.extend(undone);
        false
    }

    fn int(&mut self, key: &str) -> usize {
        let mut n: u64 = 0;
        for shift in (0..64).step_by(7) {
            if !self.need(1, key) {
                return 0;
            }
            let b = self.buf[self.at];
            self.at += 1;
            // The tenth byte holds the 64th bit alone: more would be lost.
            if shift == 63 && b > 1 {
                break;
            }
            n |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                if let Ok(n) = usize::try_from(n) {
                    return n;
                }
                break;
            }
        }
        self.fail(key, "holds a number too large".into());
        0
    }

    /// A count of entries: at most what the JSON decoder allows under `key`,
    /// at least one when `required`.
    fn count(&mut self, key: &'static str, required: bool) -> usize {
        let n = self.int(key);
        let most = max_entries(key);
        if n > most {
            self.fail(
                key,
                format!("has {n} entries, more than the {most} allowed here"),
            );
        } else if required && n == 0 {
            self.fail(key, "must list at least one entry".into());
        }
        if self.failed() {
            0
        } else {
            n
        }
    }

    fn list<T>(
        &mut self,
        key: &'static str,
        required: bool,
        mut item: impl FnMut(&mut Self) -> T,
    ) -> Vec<T> {
        let n = self.count(key, required);
        // Grown as entries arrive: a count alone reserves little.
        let mut items = Vec::with_capacity(n.min(1024));
        for j in 0..n {
            if self.failed() {
                break;
            }
            self.list_at = Some((key, j));
            items.push(item(self));
        }
        self.list_at = None;
        items
    }

    fn flag(&mut self, key: &str) -> bool {
        match self.int(key) {
            0 => false,
            1 => true,
            n => {
                self.fail(key, format!("holds {n} where 1 (yes) or 0 (no) belongs"));
                false
            }
        }
    }

    /// A text as the JSON decoder takes it: not blank, within its length,
    /// and a name without hidden characters.
    fn text(&mut self, key: &'static str) -> String {
        let len = self.int(key);
        let most = max_chars(key);
        // A character is at most 4 bytes of UTF-8.
        if len > most * 4 {
            self.fail(
                key,
                format!("is {len} bytes long, more than the {most} characters allowed here"),
            );
        }
        if !self.need(len, key) {
            return String::new();
        }
        let bytes = &self.buf[self.at..self.at + len];
        self.at += len;
        let why = match std::str::from_utf8(bytes) {
            Err(_) => "is not UTF-8 text".to_string(),
            Ok(text) if text.trim().is_empty() => "must not be empty".to_string(),
            Ok(text) if len > SHORT_TEXT_CHARS && text.chars().count() > most => {
                format!("is longer than the {most} characters allowed here")
            }
            Ok(text) => match NAME_FIELDS.contains(&key).then(|| hidden_character(text)) {
                Some(Some(why)) => why,
                _ => {
                    let text = text.to_string();
                    self.as_json(key, len);
                    return text;
                }
            },
        };
        self.fail(key, why);
        String::new()
    }

    fn opt_text(&mut self, key: &'static str) -> Option<String> {
        self.flag(key).then(|| self.text(key))
    }

    fn texts(&mut self, key: &'static str, required: bool) -> Vec<String> {
        self.list(key, required, |r| r.text(key))
    }

    fn id(&mut self, key: &'static str) -> String {
        let id = self.text(key);
        if !self.failed() && !is_id(&id) {
            self.fail(
                key,
                format!("\"{id}\" is not an id: use lowercase letters, digits and hyphens"),
            );
        }
        id
    }

    fn day(&mut self, key: &'static str, text: &str) {
        if !self.failed() && !matches!(PartialDate::parse(text), Ok(PartialDate::Day(_))) {
            self.fail(key, "must be a full day (YYYY-MM-DD)".into());
        }
    }

    /// A vocabulary's code, below `count`; when `optional`, 0 is none and
    /// the codes are one up. (Not generic: one copy for every vocabulary.)
    fn code(
        &mut self,
        key: &str,
        count: usize,
        name: &dyn std::fmt::Display,
        optional: bool,
    ) -> Option<usize> {
        let n = self.int(key);
        let code = match (optional, n) {
            (true, 0) => return None,
            (true, n) => n - 1,
            (false, n) => n,
        };
        if code >= count {
            self.fail(key, format!("holds {n}, which is no {name}"));
            return None;
        }
        Some(code)
    }

    fn vocab<T: Vocab>(&mut self, key: &str) -> T {
        let value = T::ALL[self.code(key, T::ALL.len(), &T::NAME, false).unwrap_or(0)];
        self.as_json(key, value.key().len());
        value
    }

    fn opt_vocab<T: Vocab>(&mut self, key: &str) -> Option<T> {
        let value = T::ALL[self.code(key, T::ALL.len(), &T::NAME, true)?];
        self.as_json(key, value.key().len());
        Some(value)
    }

    /// Counts a value as the JSON would hold it at least: `"key":"value"`
    /// (no key for a list's entry). A pack holds many times more per byte
    /// than its JSON (a reference is a number, not the id again), so it is
    /// refused where its JSON would be (over 160 MB): no pack holds more
    /// than a JSON file the page reads, nor takes more memory.
    fn as_json(&mut self, key: &str, value: usize) {
        let key = match self.list_at {
            Some((list, _)) if list == key => 0,
            _ => key.len() + 3,
        };
        self.json += value + 2 + key;
    }

    /// The position of an entry read before (an actor, a source, an
    /// event) among `ids`, when `optional` one up with 0 for none.
    fn position(&mut self, key: &str, ids: &[Ref], optional: bool) -> Option<usize> {
        let len = ids.len();
        let name = format_args!("position among the {len} entries it may name");
        let at = self.code(key, len, &name, optional)?;
        // The JSON names it by its id.
        self.as_json(key, ids[at].len());
        Some(at)
    }

    /// The id at that position.
    fn reference(&mut self, key: &str, ids: &[Ref]) -> Ref {
        self.position(key, ids, false)
            .map(|i| ids[i].clone())
            .unwrap_or_default()
    }

    /// A shared text, and where it is among them.
    fn shared(&mut self, key: &'static str) -> (Arc<str>, usize) {
        match self.int(key) {
            0 => {
                let text: Arc<str> = self.text(key).into();
                self.shared.push((text.clone(), (0, 0, u32::MAX)));
                (text, self.shared.len() - 1)
            }
            k => match self.shared.get(k - 1).map(|(text, _)| text.clone()) {
                Some(text) => {
                    self.as_json(key, text.len());
                    (text, k - 1)
                }
                None => {
                    self.fail(
                        key,
                        format!("names shared text {k}, which was not given before"),
                    );
                    (Arc::from(""), usize::MAX)
                }
            },
        }
    }

    fn inferences(&mut self, dates: bool) -> Vec<Inference> {
        self.list("inferred", false, |r| {
            let kind: InferenceKind = r.vocab("kind");
            if kind.is_about_a_date() != dates {
                r.fail("kind", format!("\"{}\" does not belong here", kind.key()));
            }
            Inference {
                kind,
                reason: r.text("reason"),
            }
        })
    }

    fn date(&mut self) -> DateSpec {
        self.within = "date.";
        let precision = self.vocab("precision");
        let (value, shared_at) = match self.flag("value") {
            true => self.shared("value"),
            false => (Arc::from(""), usize::MAX),
        };
        let date = DateSpec {
            precision,
            value,
            part: self.opt_vocab("part"),
            end: self.flag("end").then(|| self.shared("end").0),
            weekday: self.opt_vocab("weekday"),
            inferred: self.inferences(true),
        };
        if precision != Precision::Undated && date.value.is_empty() {
            self.fail("value", "is required but missing".into());
        }
        let key = date.check_key();
        if self.shared.get(shared_at).map(|(_, last)| *last) != Some(key) {
            match date.check() {
                Err((field, reason)) => self.fail(field, reason),
                Ok(_) => {
                    if let Some((_, last)) = self.shared.get_mut(shared_at) {
                        *last = key;
                    }
                }
            }
        }
        for (j, inference) in date.inferred.iter().enumerate() {
            let fits = match inference.kind {
                InferenceKind::DayFromWeekday => {
                    date.precision == Precision::Day && date.weekday.is_some()
                }
                InferenceKind::WeekdayFromContext => date.weekday.is_some(),
                InferenceKind::YearFromContext | InferenceKind::DateFromContext => {
                    !date.is_undated()
                }
                InferenceKind::ChainFromContext => true,
            };
            if !fits {
                let kind = inference.kind.key();
                self.list_at = Some(("inferred", j));
                self.fail("kind", format!("\"{kind}\" does not fit this date"));
                self.list_at = None;
            }
        }
        self.within = "";
        date
    }

    /// The magic, the layout's version and the schema.
    fn head(&mut self) -> Option<String> {
        if self.need(MAGIC.len(), "") && !is_pack(&self.buf[self.at..]) {
            self.fail("", "is not a briefing pack".into());
        }
        self.at += MAGIC.len().min(self.buf.len() - self.at);
        let version = self.int("");
        if !self.failed() && version as u64 != VERSION {
            self.fail("", format!("is a pack of layout {version}; this page reads layout {VERSION}: write it again with this version's briefing-check --pack"));
        }
        self.opt_text("$schema")
    }

    fn meta(&mut self) -> Meta {
        self.entry = ("meta", 0);
        let meta = Meta {
            title: self.text("title"),
            subtitle: self.opt_text("subtitle"),
            as_of: self.text("as_of"),
            compiled_by: self.text("compiled_by"),
            summary: self.text("summary"),
            key_points: self.texts("key_points", false),
            handling: self.opt_text("handling"),
        };
        self.day("as_of", &meta.as_of);
        meta
    }

    fn actor(&mut self) -> Actor {
        Actor {
            id: self.id("id").into(),
            name: self.text("name"),
            aliases: self.texts("aliases", false),
            role: self.text("role"),
            affiliation: self.text("affiliation"),
            kind: self.vocab("kind"),
            anonymous: self.flag("anonymous"),
            note: self.opt_text("note"),
        }
    }

    fn source(&mut self) -> Source {
        let source = Source {
            id: self.id("id").into(),
            outlet: self.text("outlet"),
            chain: self.texts("chain", false),
            title: self.opt_text("title"),
            author: self.opt_text("author"),
            published: self.opt_text("published"),
            language: self.text("language"),
            url: self.opt_text("url"),
            note: self.opt_text("note"),
            inferred: self.inferences(false),
        };
        if let Some(day) = &source.published {
            self.day("published", day);
        }
        if let Some(url) = source.url.as_ref().filter(|url| !is_http_url(url)) {
            self.fail("url", format!("\"{url}\" is not an http(s) URL"));
        }
        source
    }

    fn event(&mut self, actors: &[Ref], sources: &[Ref]) -> Event {
        Event {
            id: self.id("id").into(),
            title: self.text("title"),
            date: self.date(),
            status: self.vocab("status"),
            channel: Channel {
                track: self.opt_vocab("channel.track"),
                modality: self.vocab("channel.modality"),
            },
            secret: self.flag("secret"),
            participants: {
                let n = self.count("participants", true);
                let mut list = Vec::with_capacity(n.min(1024));
                for j in 0..n {
                    self.item = Some(("participants", j));
                    list.push(Participant {
                        actor: self.reference("actor", actors),
                        role: self.vocab("role"),
                        note: self.opt_text("note"),
                    });
                }
                self.item = None;
                list
            },
            summary: self.text("summary"),
            note: self.opt_text("note"),
            sources: self.list("sources", true, |r| r.reference("sources", sources)),
        }
    }

    fn claim(
        &mut self,
        (actors, sources): (&[Ref], &[Ref]),
        (events, event_ids): (&[Event], &[Ref]),
        took_part: &mut TookPart,
    ) -> Claim {
        let id = self.id("id");
        let text = self.text("text");
        let status = self.vocab("status");
        let claim_events = self.list("events", true, |r| r.reference("events", event_ids));
        let n = self.count("stances", true);
        let mut stances = Vec::with_capacity(n.min(1024));
        for j in 0..n {
            if self.failed() {
                break;
            }
            self.item = Some(("stances", j));
            let actor = self.reference("actor", actors);
            let kind = self.vocab("kind");
            let date = self.date();
            let quote = self.text("quote");
            let speech = self.vocab("speech");
            let source = self.reference("source", sources);
            let on_behalf_of = self
                .position("on_behalf_of", actors, true)
                .map(|i| actors[i].clone());
            let made_in = self.position("event", event_ids, true);
            let stance = Stance {
                actor,
                kind,
                date,
                quote,
                speech,
                source,
                on_behalf_of,
                event: made_in.map(|e| event_ids[e].clone()),
                note: self.opt_text("note"),
            };
            if stance.on_behalf_of.as_ref() == Some(&stance.actor) {
                self.fail("on_behalf_of", "names the stance's own actor".into());
            }
            // A stance is made by someone taking part in the event it names.
            if let Some(e) = made_in {
                let speaker = (&stance.actor, stance.on_behalf_of.as_deref());
                if !took_part.check(e, speaker.0, speaker.1) {
                    let event = &events[e];
                    self.fail(
                        "event",
                        format!(
                            "\"{}\" is not a participant of event \"{}\", so the stance cannot have been made in it",
                            stance.actor, event.id
                        ),
                    );
                }
            }
            stances.push(stance);
        }
        self.item = None;
        Claim {
            id,
            text,
            status,
            events: claim_events,
            stances,
            note: self.opt_text("note"),
            status_override: self
                .opt_text("status_override.reason")
                .map(|reason| StatusOverride { reason }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn whole(bytes: &[u8]) -> impl FnMut(&mut Vec<u8>) -> bool + '_ {
        let mut given = false;
        move |buf| {
            let more = !given;
            if more {
                buf.extend_from_slice(bytes);
            }
            given = true;
            more
        }
    }

    /// What the reader counts as the JSON is never more than serde's compact
    /// JSON of the same briefing (so no pack is refused that `load` would
    /// read), and not far under it (so the bound holds a pack to about what
    /// a JSON file holds).
    #[test]
    fn the_json_counted_is_a_close_floor_of_the_json() {
        let datasets = [
            crate::model::load(crate::model::BUNDLED).unwrap(),
            crate::gen::generate(2_000, 3),
        ];
        for b in datasets {
            let bytes = write(&b).unwrap();
            let (read, counted) = read_within(&mut whole(&bytes), usize::MAX);
            assert_eq!(read.as_ref(), Ok(&b));
            let json = serde_json::to_string(&b).unwrap().len();
            assert!(counted <= json, "counted {counted} of {json}");
            assert!(counted * 10 >= json * 9, "counted {counted} of {json}");
            // One byte under what it counts: refused, in words.
            let (read, _) = read_within(&mut whole(&bytes), counted - 1);
            let problems = read.unwrap_err();
            assert!(problems[0]
                .message
                .starts_with("as JSON this dataset would be more than"));
            assert_eq!(read_within(&mut whole(&bytes), counted).0, Ok(b));
        }
    }

    /// Given a byte at a time, each entry is read a few times, not once per
    /// byte (an entry undone waits for twice its bytes), and the first
    /// problem stops the reading where it is found.
    #[test]
    fn a_pack_given_a_byte_at_a_time_is_read_a_few_times_per_entry() {
        let b = crate::gen::generate(2_000, 3);
        let bytes = write(&b).unwrap();
        let mut feed = Feed::new();
        for byte in &bytes {
            assert!(feed.push(std::slice::from_ref(byte)));
        }
        let undos = feed.r.undos;
        let read = feed.finish().unwrap();
        assert_eq!(read, b);
        // No spare room is kept from growing the collections (the page's
        // memory never shrinks).
        assert_eq!(read.actors.capacity(), read.actors.len());
        assert_eq!(read.sources.capacity(), read.sources.len());
        assert_eq!(read.events.capacity(), read.events.len());
        assert_eq!(read.claims.capacity(), read.claims.len());
        let entries = b.actors.len() + b.sources.len() + b.events.len() + b.claims.len();
        assert!(undos <= entries * 12, "{undos} undos for {entries} entries");
        assert!(
            undos * 20 < bytes.len(),
            "{undos} undos for {} bytes",
            bytes.len()
        );

        // An id that is none in the first event: refused by the
        // part that holds it, and nothing after that part is read.
        let mut broken = b.clone();
        broken.events[0].id = "Not An Id".into();
        let bad = write(&broken).unwrap();
        let mut feed = Feed::new();
        let parts: Vec<&[u8]> = bad.chunks(4096).collect();
        let stopped = parts.iter().position(|part| !feed.push(part)).unwrap();
        assert!(stopped < parts.len() / 2, "read on to part {stopped}");
        assert!(!feed.push(parts[stopped + 1]));
        assert_eq!(feed.finish(), read_bytes(&bad));
    }

    /// A collection's room grows fourfold ahead of what was read, up to its
    /// count, never to a count alone.
    #[test]
    fn room_is_made_from_what_was_read_up_to_the_count() {
        let mut entries: Vec<u8> = Vec::new();
        // A count of millions with nothing read yet: a little room.
        assert_eq!(room(&mut entries, 5_000_000), 1024);
        assert_eq!(entries.capacity(), 1024);
        entries.resize(1024, 0);
        assert_eq!(room(&mut entries, 5_000_000), 3072);
        assert_eq!(entries.capacity(), 4096);
        // Never past the count, and always room for one more.
        entries.resize(4096, 0);
        assert_eq!(room(&mut entries, 5_000), 904);
        assert_eq!(entries.capacity(), 5_000);
        entries.resize(5_000, 0);
        assert_eq!(room(&mut entries, 5_000), 1);
        assert_eq!(entries.capacity(), 5_001);
        // Room left: nothing reserved.
        let mut few: Vec<u8> = Vec::with_capacity(10);
        assert_eq!(room(&mut few, 3), 0);
        assert_eq!(few.capacity(), 10);
    }
}
