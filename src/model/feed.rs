//! Reading a dataset part by part as it arrives, holding only the entry
//! being read: a fetched or opened file need not sit in the page's memory
//! whole while it is decoded. At 100,000 events the text is 137 MB, and
//! since a page's wasm memory never shrinks, holding it once is paid for
//! as long as the page is open.
//!
//! [`Feed`] takes the text in parts of any size. It finds where each top-
//! level value and each entry of the four collections ends (a scan of
//! brackets and strings), reads that entry alone with [`json::parse`] and
//! hands it to the same decoder [`load`](super::load) uses, so an accepted
//! file gives exactly what `load` gives. Anything irregular (a syntax error,
//! a key twice, nesting near the limit, a problem in the data) makes the feed
//! give up, and the caller reads the whole text with
//! [`load_bytes`](super::load_bytes), which lists every problem with its
//! line and column: a broken file costs a second reading, a good one never
//! needs the whole text.

use super::decode::{self, Collections, Cx, Stream, COLLECTIONS, MAX_BYTES};
use super::json::{self, Map, Value, MAX_DEPTH};
use super::types::Briefing;
use std::borrow::Cow;

/// A dataset read part by part (see the module's text).
pub struct Feed {
    /// The text not yet consumed: at most the entry being read and a part.
    buf: Vec<u8>,
    /// Where reading stands in `buf`.
    at: usize,
    state: State,
    /// The value being scanned for its end, if one is.
    scan: Option<Scan>,
    total: usize,
    /// The start was looked at for a byte-order mark.
    marked: bool,
    failed: bool,
    /// Top-level keys in file order; those of the collections hold nothing here.
    keys: Vec<(String, Option<String>)>,
    /// Entries read so far of the collection being read.
    entries: usize,
    stream: Stream,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Start,
    /// After `{`: a key or `}`.
    Open,
    /// After `,`: a key.
    Key,
    Colon,
    Value,
    /// A top-level value other than a collection, being scanned.
    Kept,
    /// After a top-level value: `,` or `}`.
    After,
    /// After a collection's `[`: an entry or `]`.
    ListOpen(&'static str),
    /// After `,` in a collection: an entry.
    Entry(&'static str),
    /// An entry being scanned.
    InEntry(&'static str),
    /// After an entry: `,` or `]`.
    AfterEntry(&'static str),
    End,
}

/// Nesting the feed leaves to the whole-text reader: an entry sits two
/// levels down in the file, and the reader refuses more than [`MAX_DEPTH`].
const DEPTH_LIMIT: u32 = MAX_DEPTH as u32 - 8;

const BOM: &[u8] = "\u{feff}".as_bytes();

/// A top-level key longer than this is left to the whole-text reader (the
/// dataset's keys are a few letters).
const MAX_KEY: usize = 256;

/// More top-level keys than this are left to the whole-text reader too (a
/// dataset has six at most).
const MAX_KEYS: usize = 64;

/// Finding where one JSON value ends, resumable across parts.
struct Scan {
    start: usize,
    at: usize,
    depth: u32,
    in_string: bool,
    escaped: bool,
}

enum Scanned {
    More,
    Bad,
    Ends(usize),
}

impl Scan {
    fn new(start: usize) -> Scan {
        Scan {
            start,
            at: start,
            depth: 0,
            in_string: false,
            escaped: false,
        }
    }

    fn resume(&mut self, buf: &[u8]) -> Scanned {
        let first = buf[self.start];
        if !matches!(first, b'{' | b'[' | b'"') {
            // A number, true, false or null: up to the next delimiter. (The
            // reader then says whether it is one.)
            return match buf[self.at..]
                .iter()
                .position(|b| b",]} \t\r\n".contains(b))
            {
                Some(i) => Scanned::Ends(self.at + i),
                None => {
                    self.at = buf.len();
                    Scanned::More
                }
            };
        }
        while self.at < buf.len() {
            if self.in_string {
                // Most of a dataset is the text of its strings: jump to the
                // next quote or backslash.
                if self.escaped {
                    self.escaped = false;
                    self.at += 1;
                    continue;
                }
                match buf[self.at..].iter().position(|&b| b == b'"' || b == b'\\') {
                    None => {
                        self.at = buf.len();
                        return Scanned::More;
                    }
                    Some(i) => {
                        self.at += i;
                        if buf[self.at] == b'\\' {
                            self.escaped = true;
                        } else {
                            self.in_string = false;
                            if self.depth == 0 {
                                return Scanned::Ends(self.at + 1);
                            }
                        }
                        self.at += 1;
                    }
                }
                continue;
            }
            match buf[self.at] {
                b'"' => self.in_string = true,
                b'{' | b'[' => {
                    self.depth += 1;
                    if self.depth > DEPTH_LIMIT {
                        return Scanned::Bad;
                    }
                }
                b'}' | b']' => {
                    // Unbalanced at the very start cannot happen: values
                    // start with an opening bracket or a quote here.
                    self.depth -= 1;
                    if self.depth == 0 {
                        return Scanned::Ends(self.at + 1);
                    }
                }
                _ => {}
            }
            self.at += 1;
        }
        Scanned::More
    }
}

/// The reader's report on one value read alone: a key twice is a problem
/// the whole-text reading reports with its path.
struct Alone {
    duplicate: bool,
}

impl<'t> json::Sink<'t> for Alone {
    fn entry(&mut self, _: &'static str, _: usize, _: Value<'t>) {}
    fn duplicate(&mut self, _: String, _: &str) {
        self.duplicate = true;
    }
}

/// `text` as one JSON value, if it reads as one with no key twice.
fn read_alone(text: &str) -> Option<Value<'_>> {
    let mut alone = Alone { duplicate: false };
    let value = json::parse(text, &[], &mut alone).ok()?;
    (!alone.duplicate).then_some(value)
}

impl Default for Feed {
    fn default() -> Self {
        Feed::new()
    }
}

impl Feed {
    pub fn new() -> Feed {
        Feed {
            buf: Vec::new(),
            at: 0,
            state: State::Start,
            scan: None,
            total: 0,
            marked: false,
            failed: false,
            keys: Vec::new(),
            entries: 0,
            stream: Stream::default(),
        }
    }

    /// Reads the next part of the text. False once the feed has given up:
    /// read the whole text with `load_bytes` instead.
    pub fn push(&mut self, part: &[u8]) -> bool {
        if self.failed {
            return false;
        }
        self.total += part.len();
        if self.total > MAX_BYTES {
            self.failed = true;
            return false;
        }
        self.buf.extend_from_slice(part);
        if !self.read() {
            self.failed = true;
            self.buf = Vec::new();
            return false;
        }
        // Keep only what is still needed: the value being scanned, or nothing.
        let keep = self.scan.as_ref().map_or(self.at, |s| s.start);
        if keep > 0 {
            self.buf.drain(..keep);
            self.at -= keep;
            if let Some(scan) = &mut self.scan {
                scan.start -= keep;
                scan.at -= keep;
            }
        }
        true
    }

    fn skip_space(&mut self) -> Option<u8> {
        while let Some(&b) = self.buf.get(self.at) {
            if !matches!(b, b' ' | b'\n' | b'\r' | b'\t') {
                return Some(b);
            }
            self.at += 1;
        }
        None
    }

    /// Reads what the buffer holds. False: give up.
    fn read(&mut self) -> bool {
        loop {
            if !self.marked {
                // As `load`: one byte-order mark at the very start is skipped.
                let rest = &self.buf[self.at..];
                if rest.len() < BOM.len() && BOM.starts_with(rest) {
                    return true; // Perhaps a mark: wait for the rest.
                }
                if rest.starts_with(BOM) {
                    self.at += BOM.len();
                }
                self.marked = true;
            }
            if matches!(self.state, State::Kept | State::InEntry(_)) {
                // Always set in these states; giving up costs no panic text in the wasm.
                let Some(scan) = self.scan.as_mut() else {
                    return false;
                };
                let end = match scan.resume(&self.buf) {
                    Scanned::More => return true,
                    Scanned::Bad => return false,
                    Scanned::Ends(end) => end,
                };
                let start = scan.start;
                self.scan = None;
                let Ok(text) = std::str::from_utf8(&self.buf[start..end]) else {
                    return false;
                };
                if let State::InEntry(name) = self.state {
                    let Some(value) = read_alone(text) else {
                        return false;
                    };
                    json::Sink::entry(&mut self.stream, name, self.entries, value);
                    self.entries += 1;
                    self.state = State::AfterEntry(name);
                } else {
                    let Some((_, kept)) = self.keys.last_mut() else {
                        return false;
                    };
                    *kept = Some(text.to_string());
                    self.state = State::After;
                }
                self.at = end;
                continue;
            }
            let Some(b) = self.skip_space() else {
                return true; // More text to come (or the end: `finish` says).
            };
            self.state = match (self.state, b) {
                (State::Start, b'{') => State::Open,
                (State::Open, b'}') | (State::After, b'}') => State::End,
                (State::Open | State::Key, b'"') => {
                    // A key: plain text (no escape), seen once.
                    let from = self.at + 1;
                    let Some(len) = self.buf[from..].iter().position(|&b| b == b'"') else {
                        // Looked for again from its start with each part: a
                        // hostile key megabytes long would make that quadratic.
                        return self.buf.len() - from <= MAX_KEY;
                    };
                    let raw = &self.buf[from..from + len];
                    if raw.iter().any(|&b| b == b'\\' || b < 0x20) {
                        return false;
                    }
                    let Ok(key) = std::str::from_utf8(raw) else {
                        return false;
                    };
                    // Searched in a list: a hostile file of a million keys
                    // is left to the whole-text reader, which uses a set.
                    if self.keys.len() >= MAX_KEYS || self.keys.iter().any(|(k, _)| k == key) {
                        return false;
                    }
                    self.keys.push((key.to_string(), None));
                    self.at = from + len;
                    State::Colon
                }
                (State::Colon, b':') => State::Value,
                (State::Value, _) => {
                    let key = self.keys.last().map(|(k, _)| k.as_str());
                    match COLLECTIONS.iter().find(|&&c| Some(c) == key) {
                        // A collection that is no list is for the whole-text
                        // reading to report.
                        Some(&name) if b == b'[' => {
                            self.entries = 0;
                            State::ListOpen(name)
                        }
                        Some(_) => return false,
                        None => {
                            self.scan = Some(Scan::new(self.at));
                            self.state = State::Kept;
                            continue;
                        }
                    }
                }
                (State::After, b',') => State::Key,
                (State::ListOpen(_) | State::AfterEntry(_), b']') => State::After,
                (State::ListOpen(name) | State::Entry(name), b'{') => {
                    self.scan = Some(Scan::new(self.at));
                    self.state = State::InEntry(name);
                    continue;
                }
                (State::AfterEntry(name), b',') => State::Entry(name),
                // Text after the end, or anything out of place.
                _ => return false,
            };
            self.at += 1;
        }
    }

    /// The dataset, once every part has been pushed; `None` when the feed
    /// gave up or the data has a problem: read the whole text with
    /// `load_bytes`, which lists them.
    pub fn finish(self) -> Option<Briefing> {
        // Text after the final `}` has already made the feed give up.
        if self.failed || self.state != State::End {
            return None;
        }
        let mut entries = Vec::with_capacity(self.keys.len());
        for (key, kept) in &self.keys {
            let value = match kept {
                Some(text) => read_alone(text)?,
                // As the whole-text reader leaves a streamed collection.
                None => Value::Array(Vec::new()),
            };
            entries.push((Cow::Borrowed(key.as_str()), value));
        }
        let collections: Collections = self.stream.into_collections()?;
        decode::complete(Cx::default(), &Value::Object(Map(entries)), collections).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{load, load_bytes, BUNDLED};

    /// `text` fed in parts of `size` bytes.
    fn fed(text: &[u8], size: usize) -> Option<Briefing> {
        let mut feed = Feed::new();
        for part in text.chunks(size.max(1)) {
            if !feed.push(part) {
                return None;
            }
        }
        feed.finish()
    }

    #[test]
    fn a_good_file_reads_as_load_reads_it_in_parts_of_any_size() {
        let whole = load(BUNDLED).expect("the bundled dataset loads");
        for size in [1, 2, 3, 7, 64, 1000, 65_536, BUNDLED.len()] {
            assert_eq!(
                fed(BUNDLED.as_bytes(), size).as_ref(),
                Some(&whole),
                "parts of {size}"
            );
        }
        let (_, pretty) = crate::gen::json(300, 11, true).expect("a generated dataset");
        let whole = load(&pretty).expect("it loads");
        for size in [5, 4096] {
            assert_eq!(fed(pretty.as_bytes(), size).as_ref(), Some(&whole));
        }
        // A byte-order mark split across parts, and Windows line ends.
        let marked = format!("\u{feff}{}", pretty.replace('\n', "\r\n"));
        assert_eq!(fed(marked.as_bytes(), 1).as_ref(), Some(&whole));
        assert_eq!(fed(marked.as_bytes(), 2).as_ref(), Some(&whole));
    }

    /// Memory at scale rests on this: an id referred to from another
    /// collection (a claim naming its event) is the event's own copy.
    #[test]
    fn an_id_is_held_once_across_collections() {
        use std::sync::Arc;
        // Every claim -> event and event -> source reference is the entry's own id.
        let check = |b: &Briefing, what: &str| {
            let events: std::collections::HashMap<&str, &crate::model::Ref> =
                b.events.iter().map(|e| (&*e.id, &e.id)).collect();
            let sources: std::collections::HashMap<&str, &crate::model::Ref> =
                b.sources.iter().map(|s| (&*s.id, &s.id)).collect();
            let mut seen = 0;
            for id in b.claims.iter().flat_map(|c| &c.events) {
                assert!(
                    Arc::ptr_eq(events[&**id], id),
                    "{what}: claim -> event {id}"
                );
                seen += 1;
            }
            for id in b.events.iter().flat_map(|e| &e.sources) {
                assert!(
                    Arc::ptr_eq(sources[&**id], id),
                    "{what}: event -> source {id}"
                );
                seen += 1;
            }
            assert!(seen > 0, "{what}: no references checked");
        };
        check(&load(BUNDLED).unwrap(), "load");
        check(&fed(BUNDLED.as_bytes(), 4096).unwrap(), "feed");
        let (_, generated) = crate::gen::json(300, 11, false).expect("a generated dataset");
        check(&fed(generated.as_bytes(), 4096).unwrap(), "generated, fed");
    }

    #[test]
    fn anything_load_refuses_the_feed_gives_up_on() {
        let text = BUNDLED;
        let broken: Vec<String> = vec![
            String::new(),
            " ".into(),
            text[..text.len() / 2].into(),
            text[..text.len() - 1].into(),
            format!("{text} {{}}"),
            format!("{text},"),
            text.replacen("\"events\":[", "\"events\":[1,", 1),
            text.replacen("\"events\":[", "\"events\":{\"a\":", 1),
            text.replacen("\"events\":[", "\"events\":null,\"x\":[", 1),
            text.replacen("{\"id\"", "{\"id\":\"x\",\"id\"", 1),
            text.replacen("\"meta\":{", "\"meta\":{\"title\":\"a\",", 1),
            text.replacen("\"meta\":", "\"events\":[],\"meta\":", 1),
            text.replacen("\"meta\":", "\"m\\u0065ta\":", 1),
            text.replacen("\"status\":\"", "\"status\":\"x", 1),
            text.replacen("\"title\":\"", "\"title\":\"\u{1}", 1),
            text.replacen("\"title\":\"", "\"title\":\"\\q", 1),
            text.replacen("\"summary\":\"", "\"summary\":[}", 1),
            text.replacen("\"claims\":[", "\"claims\":[{\"a\":[[[[]]]]},", 1),
            text.replacen(
                '{',
                &format!("{{\"deep\":{}1{},", "[".repeat(125), "]".repeat(125)),
                1,
            ),
            text.replacen(
                "\"events\":[{",
                &format!(
                    "\"events\":[{{\"deep\":{}1{},",
                    "[".repeat(121),
                    "]".repeat(121)
                ),
                1,
            ),
            format!("[{text}]"),
            text.replacen('{', "{,", 1),
            text.replacen(':', "::", 1),
        ];
        for (i, text) in broken.iter().enumerate() {
            let refused = load(text).is_err();
            for size in [1, 3, 4096, text.len()] {
                let got = fed(text.as_bytes(), size);
                assert!(
                    got.is_none() || (!refused && got == load(text).ok()),
                    "case {i} in parts of {size}: the feed accepted what load refuses or read it otherwise"
                );
            }
            if refused {
                assert!(fed(text.as_bytes(), 7).is_none(), "case {i}");
            }
        }
        // Not UTF-8, with the bad byte at a part's edge.
        let mut bytes = BUNDLED.as_bytes().to_vec();
        let at = bytes.len() / 3;
        bytes[at] = 0xC3;
        bytes[at + 1] = 0x28;
        assert!(load_bytes(&bytes).is_err());
        for size in [1, 2, at, at + 1] {
            assert!(fed(&bytes, size).is_none());
        }
    }

    #[test]
    fn hostile_shapes_cost_linear_time_and_are_left_to_load() {
        // A key that never ends, fed in small parts: given up on at once,
        // not scanned again from its start with every part.
        let mut feed = Feed::new();
        assert!(feed.push(b"{\""));
        let part = vec![b'k'; 4096];
        let pushed = (0..10_000).take_while(|_| feed.push(&part)).count();
        assert!(pushed < 10, "gave up after {pushed} parts");
        // A million top-level keys: given up on after a few, not each
        // compared with all before it.
        let mut feed = Feed::new();
        assert!(feed.push(b"{"));
        let keys = (0..1_000_000)
            .take_while(|i| feed.push(format!("\"k{i}\":0,").as_bytes()))
            .count();
        assert!(keys <= MAX_KEYS, "gave up after {keys} keys");
        // One entry of 8 MB in 4 KB parts: the scan resumes where it stopped
        // (no part is scanned twice), and it is refused as load refuses it.
        let big = format!("\"{}\"", "word ".repeat(1 << 21).trim_end());
        let text = BUNDLED.replacen("\"summary\":\"", &format!("\"summary\":{big},\"x\":\""), 1);
        assert_eq!(fed(text.as_bytes(), 4096), load(&text).ok());
        // Brackets opened without end inside a string stay text.
        let text = BUNDLED.replacen("\"title\":\"", "\"title\":\"[[[{{{", 1);
        assert_eq!(fed(text.as_bytes(), 5), load(&text).ok());
        assert!(fed(text.as_bytes(), 5).is_some());
    }

    #[test]
    fn a_file_over_the_limit_is_given_up_on() {
        let mut feed = Feed::new();
        let part = vec![b' '; 1 << 20];
        let mut pushed = 0;
        while feed.push(&part) {
            pushed += part.len();
            assert!(pushed <= MAX_BYTES);
        }
        assert!(feed.finish().is_none());
    }
}
