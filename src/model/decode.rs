//! Reading a dataset: JSON text in, a [`Briefing`] or every problem at once out.
//!
//! Curators need every problem at once, not the first, so the decoder walks
//! parsed JSON trees ([`Value`], from [`json`]) by hand: each field read
//! either yields a value or records a [`Problem`] (path and reason) and
//! yields a placeholder, so that later checks (ids, references, dates)
//! still run over the rest.
//! Each entry of a collection (actors, sources, events, claims) is parsed
//! into its own small tree, decoded and dropped while the text is parsed;
//! only the rest of the file (meta) is held as a tree.

use super::by_id::ById;
use super::date::{DateSpec, PartialDate};
use super::json::{self, Map, SyntaxError, Value};
use super::types::*;
use super::vocab::*;
use std::collections::HashMap;
use std::fmt;

/// One thing wrong with a dataset: where (a JSON path, plus line and column
/// for syntax errors) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub message: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

impl Problem {
    /// A problem found after parsing, named by its path (no line or column).
    pub fn at(path: String, message: String) -> Problem {
        Problem {
            path,
            message,
            line: None,
            column: None,
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(line), Some(column)) => {
                write!(f, "line {line}, column {column}: {}", self.message)
            }
            _ if self.path.is_empty() => write!(f, "the file: {}", self.message),
            _ => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

/// The largest dataset the page and the checker read: far above any real
/// curated briefing, and room for the benchmark's 100,000 synthetic events
/// (about 137 MB), low enough that a browser tab keeps its memory.
pub const MAX_BYTES: usize = 160 * 1024 * 1024;

/// "160 MB", "1.5 MB", "12 KB": sizes for people (in integers: float
/// formatting is kilobytes of the page's wasm).
pub fn size_words(bytes: u64) -> String {
    const MB: u64 = 1024 * 1024;
    // Tenths of a megabyte, rounded half up.
    let tenths = (bytes * 10 + MB / 2) / MB;
    if bytes >= 10 * MB {
        format!("{} MB", grouped((tenths + 5) / 10))
    } else if bytes >= MB {
        format!("{}.{} MB", tenths / 10, tenths % 10)
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

/// "1 event", "2 events", "0 events", "12,500 events".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", grouped(n as u64), noun(n, one, many))
}

/// The noun alone, for a number shown apart from it: "event" for 1, else "events".
pub fn noun<'w>(n: usize, one: &'w str, many: &'w str) -> &'w str {
    if n == 1 {
        one
    } else {
        many
    }
}

/// A number with its thousands grouped for reading: "987", "12,500".
/// (`u64`: a total of a hostile file can pass what `usize` holds in wasm.)
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// The sentence for a file over [`MAX_BYTES`].
pub fn too_big(bytes: usize) -> String {
    format!(
        "the file is {}, more than the {} this page reads; split it, or check that the link points at a dataset",
        size_words(bytes as u64),
        size_words(MAX_BYTES as u64)
    )
}

/// Parses and validates a dataset given as bytes (a file, a response):
/// refuses more than [`MAX_BYTES`] and anything that is not UTF-8, in words.
pub fn load_bytes(bytes: &[u8]) -> Result<Briefing, Vec<Problem>> {
    if bytes.len() > MAX_BYTES {
        return Err(vec![file_problem(too_big(bytes.len()))]);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => load(text),
        Err(e) => {
            // Counted as the JSON reader counts its positions.
            let (line, column) = json::line_column(bytes, e.valid_up_to());
            Err(vec![Problem {
                path: String::new(),
                message: format!(
                    "the file is not UTF-8 text (byte 0x{:02X} cannot be read; it may be Latin-1 or Windows-1252): save it as UTF-8 and open it again",
                    bytes[e.valid_up_to()]
                ),
                line: Some(line),
                column: Some(column),
            }])
        }
    }
}

fn file_problem(message: String) -> Problem {
    Problem::at(String::new(), message)
}

/// Parses and validates a dataset.
pub fn load(text: &str) -> Result<Briefing, Vec<Problem>> {
    if text.len() > MAX_BYTES {
        return Err(vec![file_problem(too_big(text.len()))]);
    }
    // Editors on Windows may start a UTF-8 file with a byte-order mark.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut cx = Cx::default();
    let (value, collections) = parse(text, &mut cx).map_err(|e| {
        vec![Problem {
            path: String::new(),
            message: format!("the file is not valid JSON: {}", e.reason),
            line: Some(e.line),
            column: Some(e.column),
        }]
    })?;
    complete(cx, &value, collections)
}

/// The file read (`value` and the collections streamed out of it): the
/// dataset, checked whole. Shared with [`Feed`](super::feed::Feed).
pub(super) fn complete(
    mut cx: Cx,
    value: &Value,
    collections: Collections,
) -> Result<Briefing, Vec<Problem>> {
    let briefing = decode_briefing(&mut cx, value, collections);
    check_references(&mut cx, &briefing);
    check_spread(&mut cx.problems, &briefing);
    // Statuses are judged only once everything they rest on reads.
    if cx.problems.is_empty() {
        check_statuses(&mut cx.problems, &briefing);
    }
    if cx.problems.is_empty() {
        Ok(briefing)
    } else {
        Err(cx.problems)
    }
}

/// JSON text to a `Value` and the four collections, every key that appears
/// twice in one object reported (a reviewer reading the first `"status"` and
/// a reader shown the second would see different data). The collections
/// (actors, sources, events, claims) are decoded entry by entry while the
/// text is read, each entry's tree dropped once decoded: a tree of the whole
/// file took several times the text's memory, and a page's wasm memory never
/// shrinks back.
fn parse<'t>(text: &'t str, cx: &mut Cx) -> Result<(Value<'t>, Collections), SyntaxError> {
    let mut stream = Stream::default();
    let value = json::parse(text, &COLLECTIONS, &mut stream)?;
    cx.problems.append(&mut stream.duplicates);
    Ok((value, stream.collections))
}

/// A collection decoded while parsing: its first entries (up to the limit),
/// how many the file lists, and the problems found in them.
struct Streamed<T> {
    items: Vec<T>,
    len: usize,
    problems: Vec<Problem>,
}

impl<T> Default for Streamed<T> {
    fn default() -> Self {
        Streamed {
            items: Vec::new(),
            len: 0,
            problems: Vec::new(),
        }
    }
}

#[derive(Default)]
pub(super) struct Collections {
    actors: Option<Streamed<Actor>>,
    sources: Option<Streamed<Source>>,
    events: Option<Streamed<Event>>,
    claims: Option<Streamed<Claim>>,
    /// One for all four, so that a claim's reference to an event is the
    /// event's own id, not a second copy (100,000 of them at 100k events).
    /// Its problems are moved to the collection after each entry.
    cx: Cx,
}

/// What the reader hands over while it reads: the collections, decoded
/// entry by entry, and the keys found twice.
#[derive(Default)]
pub(super) struct Stream {
    collections: Collections,
    duplicates: Vec<Problem>,
}

impl Stream {
    /// The collections, if no key was found twice.
    pub(super) fn into_collections(self) -> Option<Collections> {
        self.duplicates.is_empty().then_some(self.collections)
    }
}

impl<'t> json::Sink<'t> for Stream {
    /// Decodes entry `i` of the collection `name`, or counts it beyond the limit.
    fn entry(&mut self, name: &'static str, i: usize, value: Value<'t>) {
        let list = Path::Key(&Path::Root, name);
        let path = Path::Index(&list, i);
        let within = i < max_entries(name);
        let c = &mut self.collections;
        macro_rules! read {
            ($field:ident, $decode:expr) => {{
                let s = c.$field.get_or_insert_with(Streamed::default);
                s.len = i + 1;
                if within {
                    s.items.push($decode(&mut c.cx, &value, &path));
                    s.problems.append(&mut c.cx.problems);
                }
            }};
        }
        match name {
            "actors" => read!(actors, decode_actor),
            "sources" => read!(sources, decode_source),
            "events" => read!(events, decode_event),
            _ => read!(claims, decode_claim),
        }
    }

    fn duplicate(&mut self, path: String, key: &str) {
        self.duplicates.push(duplicate_key(path, key));
    }
}

pub(super) const COLLECTIONS: [&str; 4] = ["actors", "sources", "events", "claims"];

fn duplicate_key(path: String, key: &str) -> Problem {
    Problem::at(
        path,
        format!(
            "the key \"{}\" appears more than once in this object: keep one (readers and reviewers could see different values)",
            key.chars().take(80).collect::<String>()
        ),
    )
}

/// Where a value sits in the file ("claims[3].stances[0].quote"), rendered
/// only when a problem is reported there: building every field's path as a
/// string was a fifth of the load time of a large dataset.
#[derive(Clone, Copy)]
enum Path<'p> {
    Root,
    Key(&'p Path<'p>, &'p str),
    Index(&'p Path<'p>, usize),
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Root => Ok(()),
            Path::Key(Path::Root, key) => f.write_str(key),
            Path::Key(parent, key) => write!(f, "{parent}.{key}"),
            Path::Index(parent, i) => write!(f, "{parent}[{i}]"),
        }
    }
}

#[derive(Default)]
pub(super) struct Cx {
    problems: Vec<Problem>,
    /// One copy of each id referred to (see [`Ref`]).
    refs: std::collections::HashSet<Ref>,
}

impl Cx {
    /// The one copy of `id`.
    fn shared(&mut self, id: String) -> Ref {
        if let Some(known) = self.refs.get(id.as_str()) {
            return known.clone();
        }
        let id: Ref = id.into();
        self.refs.insert(id.clone());
        id
    }

    fn report(&mut self, path: &(impl fmt::Display + ?Sized), message: impl Into<String>) {
        self.problems
            .push(Problem::at(path.to_string(), message.into()));
    }

    fn object<'v, 'p>(&mut self, value: &'v Value<'v>, path: &'p Path<'p>) -> Obj<'v, 'p> {
        match value {
            Value::Object(map) => Obj {
                map: Some(map),
                path,
                known: Vec::new(),
            },
            other => {
                self.report(
                    path,
                    format!("expected an object, found {}", kind_of(other)),
                );
                Obj {
                    map: None,
                    path,
                    known: Vec::new(),
                }
            }
        }
    }
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// An object being read: remembers which keys were asked for, so that
/// [`Obj::finish`] can name any unknown ones.
struct Obj<'v, 'p> {
    map: Option<&'v Map<'v>>,
    path: &'p Path<'p>,
    known: Vec<&'static str>,
}

impl<'v, 'p> Obj<'v, 'p> {
    fn at<'k>(&self, key: &'k str) -> Path<'k>
    where
        'p: 'k,
    {
        Path::Key(self.path, key)
    }

    /// The value under `key`; reports it missing when `required`.
    fn get(&mut self, cx: &mut Cx, key: &'static str, required: bool) -> Option<&'v Value<'v>> {
        self.known.push(key);
        let map = self.map?;
        match map.get(key) {
            Some(value) => Some(value),
            None => {
                if required {
                    cx.report(&self.at(key), "is required but missing");
                }
                None
            }
        }
    }

    fn text_at(cx: &mut Cx, value: &Value, path: &Path) -> Option<String> {
        match value {
            Value::String(s) if s.trim().is_empty() => {
                cx.report(path, "must not be empty");
                None
            }
            Value::String(s) => Some(String::from(s.as_ref())),
            other => {
                cx.report(path, format!("expected text, found {}", kind_of(other)));
                None
            }
        }
    }

    fn text(&mut self, cx: &mut Cx, key: &'static str) -> String {
        let path = self.at(key);
        self.get(cx, key, true)
            .and_then(|v| Self::text_at(cx, v, &path))
            .map(|t| limit_text(cx, key, &path, t))
            .unwrap_or_default()
    }

    fn opt_text(&mut self, cx: &mut Cx, key: &'static str) -> Option<String> {
        let path = self.at(key);
        self.get(cx, key, false)
            .and_then(|v| Self::text_at(cx, v, &path))
            .map(|t| limit_text(cx, key, &path, t))
    }

    /// An id that refers to another entry, kept once however often it is named.
    fn reference(&mut self, cx: &mut Cx, key: &'static str) -> Ref {
        let id = self.text(cx, key);
        cx.shared(id)
    }

    /// A required list of references.
    fn references(&mut self, cx: &mut Cx, key: &'static str) -> Vec<Ref> {
        let ids = self.texts(cx, key, true);
        // Not `collect`: it would keep the list of strings' allocation, half
        // as large again as the references need.
        let mut refs = Vec::with_capacity(ids.len());
        refs.extend(ids.into_iter().map(|id| cx.shared(id)));
        refs
    }

    fn id(&mut self, cx: &mut Cx, key: &'static str) -> String {
        let id = self.text(cx, key);
        if !id.is_empty() && !is_id(&id) {
            cx.report(
                &self.at(key),
                format!("\"{id}\" is not an id: use lowercase letters, digits and hyphens"),
            );
        }
        id
    }

    /// An id that others refer to: the one copy they share.
    fn shared_id(&mut self, cx: &mut Cx, key: &'static str) -> Ref {
        let id = self.id(cx, key);
        cx.shared(id)
    }

    fn texts(&mut self, cx: &mut Cx, key: &'static str, required: bool) -> Vec<String> {
        self.list(cx, key, required, |cx, value, path| {
            Self::text_at(cx, value, path)
                .map(|t| limit_text(cx, key, path, t))
                .unwrap_or_default()
        })
    }

    fn vocab<T: Vocab>(&mut self, cx: &mut Cx, key: &'static str) -> Option<T> {
        let path = self.at(key);
        let value = self.get(cx, key, true)?;
        vocab_at(cx, value, &path)
    }

    fn opt_vocab<T: Vocab>(&mut self, cx: &mut Cx, key: &'static str) -> Option<T> {
        let path = self.at(key);
        let value = self.get(cx, key, false)?;
        vocab_at(cx, value, &path)
    }

    fn flag(&mut self, cx: &mut Cx, key: &'static str) -> bool {
        match self.get(cx, key, false) {
            None => false,
            Some(Value::Bool(b)) => *b,
            Some(other) => {
                cx.report(
                    &self.at(key),
                    format!("expected true or false, found {}", kind_of(other)),
                );
                false
            }
        }
    }

    fn child<T>(
        &mut self,
        cx: &mut Cx,
        key: &'static str,
        read: impl FnOnce(&mut Cx, Obj<'v, '_>) -> T,
    ) -> T
    where
        T: Default,
    {
        let path = self.at(key);
        match self.get(cx, key, true) {
            Some(value) => {
                let obj = cx.object(value, &path);
                read(cx, obj)
            }
            None => T::default(),
        }
    }

    /// An array under `key`; `required` also means it may not be empty.
    fn list<T>(
        &mut self,
        cx: &mut Cx,
        key: &'static str,
        required: bool,
        mut item: impl FnMut(&mut Cx, &'v Value<'v>, &Path) -> T,
    ) -> Vec<T> {
        let path = self.at(key);
        match self.get(cx, key, required) {
            None => Vec::new(),
            Some(Value::Array(items)) => {
                check_length(cx, &path, key, required, items.len());
                let most = max_entries(key);
                items
                    .iter()
                    .take(most)
                    .enumerate()
                    .map(|(i, v)| item(cx, v, &Path::Index(&path, i)))
                    .collect()
            }
            Some(other) => {
                cx.report(
                    &path,
                    format!("expected an array, found {}", kind_of(other)),
                );
                Vec::new()
            }
        }
    }

    /// A collection under `key`: as streamed while parsing, or (when the
    /// file has something else there, or nothing) read as any list.
    fn collection<T>(
        &mut self,
        cx: &mut Cx,
        key: &'static str,
        required: bool,
        streamed: Option<Streamed<T>>,
        decode: fn(&mut Cx, &Value, &Path) -> T,
    ) -> Vec<T> {
        match streamed {
            Some(streamed) => {
                self.known.push(key);
                check_length(cx, &self.at(key), key, required, streamed.len);
                cx.problems.extend(streamed.problems);
                // Grown by doubling while read: up to 8 MB unused at 100,000
                // events, given back before the index is built.
                let mut items = streamed.items;
                items.shrink_to_fit();
                items
            }
            None => self.list(cx, key, required, decode),
        }
    }

    /// The optional `inferred` list: each entry a kind and a reason. `dates`
    /// says whether this is a date (date kinds) or a source (chain kinds).
    fn inferences(&mut self, cx: &mut Cx, dates: bool) -> Vec<Inference> {
        self.list(cx, "inferred", false, |cx, value, path| {
            let mut i = cx.object(value, path);
            let kind: Option<InferenceKind> = i.vocab(cx, "kind");
            if let Some(kind) = kind {
                if kind.is_about_a_date() != dates {
                    let place = if dates {
                        "a date; mark an inferred chain on its source"
                    } else {
                        "a source; mark an inferred date on the date"
                    };
                    cx.report(
                        &i.at("kind"),
                        format!("\"{}\" does not belong on {place}", kind.key()),
                    );
                }
            }
            let inference = Inference {
                kind: kind.unwrap_or(InferenceKind::DateFromContext),
                reason: i.text(cx, "reason"),
            };
            i.finish(cx);
            inference
        })
    }

    fn finish(self, cx: &mut Cx) {
        let Some(map) = self.map else { return };
        for key in map.keys() {
            if !self.known.contains(&key) {
                cx.report(
                    &self.at(key),
                    format!("unknown field (allowed here: {})", self.known.join(", ")),
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Limits: no field or list can make the page slow or its text deceptive.
// ---------------------------------------------------------------------------

/// Fields shown as names, headings or labels: a line of text, not a page.
/// A 1 MB title without spaces would take the browser seconds to lay out.
const SHORT_FIELDS: &[&str] = &[
    "title",
    "subtitle",
    "name",
    "aliases",
    "role",
    "affiliation",
    "outlet",
    "chain",
    "author",
    "language",
    "compiled_by",
    "handling",
    "id",
    "actor",
    "source",
    "sources",
    "events",
    "value",
    "end",
    "as_of",
    "published",
    "$schema",
];
pub const SHORT_TEXT_CHARS: usize = 1_000;
pub const URL_CHARS: usize = 4_000;
/// Summaries, notes, quotes, claim texts: long, but not a whole book each.
pub const LONG_TEXT_CHARS: usize = 1_048_576;

/// Fields that name someone or something: they must read as what they are.
pub const NAME_FIELDS: &[&str] = &[
    "name",
    "aliases",
    "outlet",
    "chain",
    "affiliation",
    "author",
];

/// The most characters a field may hold, by its key.
pub fn max_chars(key: &str) -> usize {
    if key == "url" {
        URL_CHARS
    } else if SHORT_FIELDS.contains(&key) {
        SHORT_TEXT_CHARS
    } else {
        LONG_TEXT_CHARS
    }
}

/// Entries per list. The collections allow the 100,000-event benchmarks;
/// a contact may have every actor of a large dataset as participant.
pub(super) fn max_entries(key: &str) -> usize {
    match key {
        "actors" | "sources" | "events" | "claims" => 200_000,
        "aliases" | "chain" | "key_points" => 100,
        _ => 20_000,
    }
}

/// A list's length: not empty when `required`, at most its limit.
fn check_length(cx: &mut Cx, path: &Path, key: &str, required: bool, len: usize) {
    if required && len == 0 {
        cx.report(path, "must list at least one entry");
    }
    let most = max_entries(key);
    if len > most {
        cx.report(
            path,
            format!(
                "has {len} entries, more than the {most} allowed here; only the first {most} were checked"
            ),
        );
    }
}

/// Checks a text's length and, for names, its characters; returns it (cut to
/// the limit, so later steps stay bounded even on a refused file).
fn limit_text(cx: &mut Cx, key: &str, path: &Path, text: String) -> String {
    let mut text = text;
    // No limit is below SHORT_TEXT_CHARS: most texts need no lookup by key.
    let most = if text.len() > SHORT_TEXT_CHARS {
        max_chars(key)
    } else {
        usize::MAX
    };
    if text.len() > most {
        if let Some((cut, _)) = text.char_indices().nth(most) {
            let chars = text.chars().count();
            cx.report(
                path,
                format!(
                    "is {chars} characters long, more than the {most} allowed here{}",
                    if most == SHORT_TEXT_CHARS {
                        " (it is shown as a heading or a name; put long text in a summary or note)"
                    } else {
                        ""
                    }
                ),
            );
            text.truncate(cut);
        }
    }
    if NAME_FIELDS.contains(&key) {
        if let Some(reason) = hidden_character(&text) {
            cx.report(path, reason);
        }
    }
    text
}

/// Why a name cannot be trusted to read as it looks: a control character, a
/// direction override (which reverses the text around it) or an invisible
/// character (which makes "Alice" and "Alice" two different names).
pub fn hidden_character(text: &str) -> Option<String> {
    // Printable ASCII with something besides spaces holds none of what
    // is looked for, and most names are that: no scan of characters (and no
    // list of them) for those.
    if text.bytes().all(|b| (b' '..=b'~').contains(&b)) && text.bytes().any(|b| b != b' ') {
        return None;
    }
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let what = match c {
            '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => "a control character",
            '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
            | '\u{200e}'
            | '\u{200f}'
            | '\u{61c}' => {
                "a text-direction control, which can make the text around it read backwards"
            }
            '\u{200b}'
            | '\u{2060}'..='\u{2064}'
            | '\u{feff}'
            | '\u{ad}'
            | '\u{34f}'
            | '\u{180e}'
            | '\u{115f}'
            | '\u{1160}'
            | '\u{3164}'
            | '\u{ffa0}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{e0000}'..='\u{e007f}'
            | '\u{fff9}'..='\u{fffb}' => "an invisible character",
            // Joiners shape Persian, Indic and emoji text, between two such
            // characters; next to Latin letters or at an edge they only hide.
            '\u{200c}' | '\u{200d}' => {
                let around =
                    |j: Option<&char>| j.is_some_and(|c| !c.is_ascii() && !c.is_whitespace());
                if around(i.checked_sub(1).and_then(|j| chars.get(j))) && around(chars.get(i + 1)) {
                    continue;
                }
                "an invisible joiner outside the scripts and emoji that need it"
            }
            _ => continue,
        };
        return Some(format!(
            "contains {what} (U+{:04X}, after “{}”): names must be plain visible text",
            c as u32,
            chars[..i]
                .iter()
                .rev()
                .take(20)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect::<String>()
        ));
    }
    // Only accents, or only spaces: nothing a reader could tell apart.
    let combining = |c: char| matches!(c, '\u{300}'..='\u{36f}' | '\u{1ab0}'..='\u{1aff}' | '\u{1dc0}'..='\u{1dff}' | '\u{20d0}'..='\u{20ff}' | '\u{fe20}'..='\u{fe2f}');
    if !chars.iter().any(|&c| !c.is_whitespace() && !combining(c)) {
        return Some(
            "has no visible letter (only accents or spaces): names must be plain visible text"
                .into(),
        );
    }
    None
}

fn vocab_at<T: Vocab>(cx: &mut Cx, value: &Value, path: &Path) -> Option<T> {
    match value {
        Value::String(key) => {
            let parsed = T::parse(key);
            if parsed.is_none() {
                cx.report(
                    path,
                    format!("unknown {} \"{key}\" (allowed: {})", T::NAME, T::allowed()),
                );
            }
            parsed
        }
        other => {
            cx.report(
                path,
                format!("expected a {} (text), found {}", T::NAME, kind_of(other)),
            );
            None
        }
    }
}

pub fn is_id(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !text.starts_with('-')
}

pub(super) fn is_http_url(text: &str) -> bool {
    let rest = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"));
    matches!(rest, Some(host) if !host.is_empty() && !host.starts_with('/') && !host.contains(char::is_whitespace))
}

fn day_text(cx: &mut Cx, obj: &mut Obj, key: &'static str, required: bool) -> Option<String> {
    let text = if required {
        Some(obj.text(cx, key))
    } else {
        obj.opt_text(cx, key)
    }?;
    match PartialDate::parse(&text) {
        Ok(PartialDate::Day(_)) => Some(text),
        Ok(_) => {
            cx.report(
                &obj.at(key),
                format!("\"{text}\" must be a full day (YYYY-MM-DD)"),
            );
            Some(text)
        }
        Err(reason) if !text.is_empty() => {
            cx.report(&obj.at(key), reason);
            Some(text)
        }
        Err(_) => Some(text),
    }
}

fn decode_briefing(cx: &mut Cx, value: &Value, streamed: Collections) -> Briefing {
    let mut o = cx.object(value, &Path::Root);
    let schema = o.opt_text(cx, "$schema");
    let meta = o.child(cx, "meta", decode_meta);
    let actors = o.collection(cx, "actors", true, streamed.actors, decode_actor);
    let sources = o.collection(cx, "sources", true, streamed.sources, decode_source);
    let events = o.collection(cx, "events", true, streamed.events, decode_event);
    let claims = o.collection(cx, "claims", false, streamed.claims, decode_claim);
    o.finish(cx);
    Briefing {
        schema,
        meta,
        actors,
        sources,
        events,
        claims,
    }
}

fn decode_meta(cx: &mut Cx, mut o: Obj) -> Meta {
    let meta = Meta {
        title: o.text(cx, "title"),
        subtitle: o.opt_text(cx, "subtitle"),
        as_of: day_text(cx, &mut o, "as_of", true).unwrap_or_default(),
        compiled_by: o.text(cx, "compiled_by"),
        summary: o.text(cx, "summary"),
        key_points: o.texts(cx, "key_points", false),
        handling: o.opt_text(cx, "handling"),
    };
    o.finish(cx);
    meta
}

fn decode_actor(cx: &mut Cx, value: &Value, path: &Path) -> Actor {
    let mut o = cx.object(value, path);
    let actor = Actor {
        id: o.shared_id(cx, "id"),
        name: o.text(cx, "name"),
        aliases: o.texts(cx, "aliases", false),
        role: o.text(cx, "role"),
        affiliation: o.text(cx, "affiliation"),
        kind: o.vocab(cx, "kind").unwrap_or(ActorKind::GovernmentOfficial),
        anonymous: o.flag(cx, "anonymous"),
        note: o.opt_text(cx, "note"),
    };
    o.finish(cx);
    actor
}

fn decode_source(cx: &mut Cx, value: &Value, path: &Path) -> Source {
    let mut o = cx.object(value, path);
    let source = Source {
        id: o.shared_id(cx, "id"),
        outlet: o.text(cx, "outlet"),
        chain: o.texts(cx, "chain", false),
        title: o.opt_text(cx, "title"),
        author: o.opt_text(cx, "author"),
        published: day_text(cx, &mut o, "published", false),
        language: o.text(cx, "language"),
        url: o.opt_text(cx, "url"),
        note: o.opt_text(cx, "note"),
        inferred: o.inferences(cx, false),
    };
    if let Some(url) = &source.url {
        if !is_http_url(url) {
            cx.report(&o.at("url"), format!("\"{url}\" is not an http(s) URL"));
        }
    }
    o.finish(cx);
    source
}

fn decode_date(cx: &mut Cx, mut o: Obj) -> DateSpec {
    // Problems so far: any new one is about this date's parts. (Scanning all
    // problems for this path made a file with many problems quadratic.)
    let before = cx.problems.len();
    let precision = o.vocab(cx, "precision");
    let undated = precision == Some(Precision::Undated);
    // An undated date has no value; check() names one that is there anyway.
    let value = if undated {
        o.opt_text(cx, "value").unwrap_or_default()
    } else {
        o.text(cx, "value")
    };
    let date = DateSpec {
        precision: precision.unwrap_or(Precision::Day),
        value: cx.shared(value),
        part: o.opt_vocab(cx, "part"),
        end: o.opt_text(cx, "end").map(|end| cx.shared(end)),
        weekday: o.opt_vocab(cx, "weekday"),
        inferred: o.inferences(cx, true),
    };
    // Only judge the date once its parts could be read.
    let parts_broken = cx.problems.len() > before;
    if precision.is_some() && (undated || !date.value.is_empty()) && !parts_broken {
        if let Err((field, reason)) = date.check() {
            cx.report(&o.at(field), reason);
        }
        check_date_inferences(cx, &o, &date);
    }
    o.finish(cx);
    date
}

/// A marker must fit the date it sits on: a day derived from a weekday is a
/// day with that weekday, a weekday taken from elsewhere is a weekday.
fn check_date_inferences(cx: &mut Cx, o: &Obj, date: &DateSpec) {
    for (i, inference) in date.inferred.iter().enumerate() {
        let misfit = match inference.kind {
            InferenceKind::DayFromWeekday
                if date.precision != Precision::Day || date.weekday.is_none() =>
            {
                Some("\"day_from_weekday\" needs precision \"day\" and the \"weekday\" it was derived from")
            }
            InferenceKind::WeekdayFromContext if date.weekday.is_none() => {
                Some("\"weekday_from_context\" needs the \"weekday\" it marks")
            }
            InferenceKind::YearFromContext | InferenceKind::DateFromContext
                if date.is_undated() =>
            {
                Some("an undated date has nothing inferred to mark")
            }
            _ => None,
        };
        if let Some(reason) = misfit {
            let inferred = o.at("inferred");
            cx.report(&Path::Key(&Path::Index(&inferred, i), "kind"), reason);
        }
    }
}

impl Default for DateSpec {
    fn default() -> Self {
        DateSpec::new(Precision::Day, "")
    }
}

fn decode_event(cx: &mut Cx, value: &Value, path: &Path) -> Event {
    let mut o = cx.object(value, path);
    let event = Event {
        id: o.shared_id(cx, "id"),
        title: o.text(cx, "title"),
        date: o.child(cx, "date", decode_date),
        status: o.vocab(cx, "status").unwrap_or(EventStatus::Happened),
        channel: o.child(cx, "channel", |cx, mut c| {
            let channel = Channel {
                track: c.opt_vocab(cx, "track"),
                modality: c.vocab(cx, "modality").unwrap_or(Modality::PhoneCall),
            };
            c.finish(cx);
            channel
        }),
        secret: o.flag(cx, "secret"),
        participants: o.list(cx, "participants", true, |cx, value, path| {
            let mut p = cx.object(value, path);
            let participant = Participant {
                actor: p.reference(cx, "actor"),
                role: p.vocab(cx, "role").unwrap_or(Role::Participant),
                note: p.opt_text(cx, "note"),
            };
            p.finish(cx);
            participant
        }),
        summary: o.text(cx, "summary"),
        note: o.opt_text(cx, "note"),
        sources: o.references(cx, "sources"),
    };
    o.finish(cx);
    event
}

impl Default for Channel {
    fn default() -> Self {
        Channel {
            track: None,
            modality: Modality::PhoneCall,
        }
    }
}

fn decode_claim(cx: &mut Cx, value: &Value, path: &Path) -> Claim {
    let mut o = cx.object(value, path);
    let claim = Claim {
        id: o.id(cx, "id"),
        text: o.text(cx, "text"),
        status: o.vocab(cx, "status").unwrap_or(ClaimStatus::Unverified),
        events: o.references(cx, "events"),
        stances: o.list(cx, "stances", true, |cx, value, path| {
            let mut s = cx.object(value, path);
            let stance = Stance {
                actor: s.reference(cx, "actor"),
                kind: s.vocab(cx, "kind").unwrap_or(StanceKind::Asserts),
                date: s.child(cx, "date", decode_date),
                quote: s.text(cx, "quote"),
                speech: s.vocab(cx, "speech").unwrap_or(Speech::Direct),
                source: s.reference(cx, "source"),
                on_behalf_of: s.opt_text(cx, "on_behalf_of").map(|id| cx.shared(id)),
                event: s.opt_text(cx, "event").map(|id| cx.shared(id)),
                note: s.opt_text(cx, "note"),
            };
            s.finish(cx);
            stance
        }),
        note: o.opt_text(cx, "note"),
        status_override: match o.get(cx, "status_override", false) {
            Some(value) => {
                let path = o.at("status_override");
                let mut r = cx.object(value, &path);
                let reason = r.text(cx, "reason");
                r.finish(cx);
                Some(StatusOverride { reason })
            }
            None => None,
        },
    };
    o.finish(cx);
    claim
}

/// Ids are unique per collection, and every reference names an existing entry.
/// Each id of a collection and where it first appears; an id given twice
/// is a problem.
fn ids<'a>(
    problems: &mut Vec<Problem>,
    what: &str,
    items: impl Iterator<Item = &'a str>,
) -> HashMap<&'a str, usize> {
    // Sized once: growing it rehashed every id again (SipHash over the
    // text), a third of this check at 100,000 events.
    let mut first: HashMap<&str, usize> = HashMap::with_capacity(items.size_hint().0);
    for (i, id) in items.enumerate() {
        if id.is_empty() {
            continue;
        }
        if let Some(earlier) = first.insert(id, i) {
            problems.push(Problem::at(
                format!("{what}[{i}].id"),
                format!("duplicate id \"{id}\" (also {what}[{earlier}])"),
            ));
            first.insert(id, earlier);
        }
    }
    first
}

/// Each collection's ids held once (a problem for each id given twice),
/// and the actors', sources' and events' positions by id. (Shared with the
/// pack, which refers by position but must still hold each id once.)
pub(super) fn collection_ids<'a>(
    problems: &mut Vec<Problem>,
    b: &'a Briefing,
) -> [HashMap<&'a str, usize>; 3] {
    let actors = ids(problems, "actors", b.actors.iter().map(|a| &*a.id));
    let sources = ids(problems, "sources", b.sources.iter().map(|s| &*s.id));
    let events = ids(problems, "events", b.events.iter().map(|e| &*e.id));
    ids(problems, "claims", b.claims.iter().map(|c| &*c.id));
    [actors, sources, events]
}

/// Ids are unique per collection, and every reference names an existing entry.
fn check_references(cx: &mut Cx, b: &Briefing) {
    let problems = &mut cx.problems;
    let [actors, sources, events] = collection_ids(problems, b);

    // Paths as the decoder keeps them, written only for a broken reference:
    // there is one per participant, source and stance, hundreds of
    // thousands in a large file.
    let refer = |cx: &mut Cx, known: &HashMap<&str, usize>, what: &str, id: &str, path: &Path| {
        if !id.is_empty() && !known.contains_key(id) {
            cx.report(
                path,
                format!("refers to {what} \"{id}\", which is not in the dataset"),
            );
        }
    };
    let all_events = Path::Key(&Path::Root, "events");
    for (i, event) in b.events.iter().enumerate() {
        let at = Path::Index(&all_events, i);
        let participants = Path::Key(&at, "participants");
        for (j, p) in event.participants.iter().enumerate() {
            let actor = Path::Key(&Path::Index(&participants, j), "actor");
            refer(cx, &actors, "actor", &p.actor, &actor);
        }
        let event_sources = Path::Key(&at, "sources");
        for (j, s) in event.sources.iter().enumerate() {
            refer(cx, &sources, "source", s, &Path::Index(&event_sources, j));
        }
    }
    let all_claims = Path::Key(&Path::Root, "claims");
    let mut took_part = TookPart::new(&b.events);
    for (i, claim) in b.claims.iter().enumerate() {
        let claim_at = Path::Index(&all_claims, i);
        let claim_events = Path::Key(&claim_at, "events");
        for (j, e) in claim.events.iter().enumerate() {
            refer(cx, &events, "event", e, &Path::Index(&claim_events, j));
        }
        let stances = Path::Key(&claim_at, "stances");
        for (j, s) in claim.stances.iter().enumerate() {
            let stance = Path::Index(&stances, j);
            let at = |field| Path::Key(&stance, field);
            refer(cx, &actors, "actor", &s.actor, &at("actor"));
            refer(cx, &sources, "source", &s.source, &at("source"));
            if let Some(actor) = &s.on_behalf_of {
                refer(cx, &actors, "actor", actor, &at("on_behalf_of"));
                if *actor == s.actor {
                    cx.report(
                        &at("on_behalf_of"),
                        "names the stance's own actor: leave it out",
                    );
                }
            }
            if let Some(event) = &s.event {
                refer(cx, &events, "event", event, &at("event"));
                // A stance is made by someone taking part in the event it
                // names. (Found by id: a scan of every event per stance was
                // quadratic. A repeated id is reported above.)
                let took_part = events
                    .get(event.as_ref())
                    .is_none_or(|&e| took_part.check(e, &s.actor, s.on_behalf_of.as_deref()));
                if !took_part {
                    cx.report(
                        &at("event"),
                        format!(
                            "\"{}\" is not a participant of event \"{event}\", so the stance cannot have been made in it",
                            s.actor
                        ),
                    );
                }
            }
        }
    }
}

/// Whether an actor, or the one it speaks for, takes part in an event: for
/// the rule that a stance is made by someone taking part in the event it
/// names. A scan of the event's participants per stance was quadratic (an
/// event of 20,000 participants named by 20,000 stances: seconds for a
/// file of a few hundred KB), so an event of more than a few participants
/// is hashed the first time a stance names it.
pub(super) struct TookPart<'a> {
    events: &'a [Event],
    /// Per event, once one is named: its participants, hashed (in the map
    /// type the checks already use, as a set: one copy of its code).
    large: Vec<Option<HashMap<&'a str, usize>>>,
}

impl<'a> TookPart<'a> {
    pub(super) fn new(events: &'a [Event]) -> Self {
        TookPart {
            events,
            large: Vec::new(),
        }
    }

    pub(super) fn check(&mut self, event: usize, actor: &str, on_behalf_of: Option<&str>) -> bool {
        let participants = &self.events[event].participants;
        if participants.len() <= 16 {
            return participants
                .iter()
                .any(|p| *p.actor == *actor || Some(&*p.actor) == on_behalf_of);
        }
        if self.large.is_empty() {
            self.large.resize_with(self.events.len(), || None);
        }
        let set = self.large[event]
            .get_or_insert_with(|| participants.iter().map(|p| (&*p.actor, 0)).collect());
        set.contains_key(actor) || on_behalf_of.is_some_and(|b| set.contains_key(b))
    }
}

/// The most entries a briefing's claims may make in the viewer, which lists
/// a claim with its stances under each event it is about or was made in
/// (and counts their actors as involved there). The 100,000-event benchmark
/// makes about 617,000 (325,000 of them stances and claims, the rest the
/// participants its claims are judged against).
pub const MAX_CLAIM_ENTRIES: u64 = 4_000_000;

/// What claims repeat under their events stays bounded: their stances and
/// their text (searched with each event), here, before anything is built.
/// A 3 MB file of one claim about 6,000 events with 6,000 stances made 36
/// million entries: 9 s and 2 GB natively, a frozen page in wasm.
/// (Shared with the pack.)
pub(super) fn check_spread(problems: &mut Vec<Problem>, b: &Briefing) {
    // Totals, and per measure the claim that adds most (index, its share).
    let (mut entries, mut text) = (0u64, 0u64);
    let (mut most_entries, mut most_text) = ((0, 0u64), (0, 0u64));
    // A claim is judged against the participants of its events: 2,000
    // claims about one event of 20,000 took 21 s to judge.
    let event_at = ById::new(b.events.iter().map(|e| &*e.id).collect());
    let parties = |claim: &Claim| -> u64 {
        let at = |id: &Ref| {
            event_at
                .get(id)
                .map_or(0, |e| b.events[e].participants.len()) as u64
        };
        claim.events.iter().map(at).sum()
    };
    // An actor's names and aliases are searched with every event it is
    // involved in (a participant, or a speaker on a claim about it): one
    // actor of 100 long aliases in 20,000 events took 10 s to index.
    let actor_at = ById::new(b.actors.iter().map(|a| &*a.id).collect());
    let mut involved = vec![0u64; b.actors.len()];
    let mut involve = |id: &str, events: u64| {
        if let Some(a) = actor_at.get(id) {
            involved[a] += events;
        }
    };
    for p in b.events.iter().flat_map(|e| &e.participants) {
        involve(&p.actor, 1);
    }
    for (i, claim) in b.claims.iter().enumerate() {
        // Each event once: a repeat would be listed (and its stances with
        // it) once per mention, uncounted below (20,000 mentions of one
        // event took 4.7 GB).
        if let Some(j) = super::rules::first_repeat(claim.events.iter().map(|e| &**e)) {
            problems.push(Problem::at(
                format!("claims[{i}].events[{j}]"),
                format!(
                    "lists event \"{}\" a second time: a claim names each event it is about once",
                    claim.events[j]
                ),
            ));
        }
        let events = events_linked(claim);
        for speaker in super::rules::distinct(claim.stances.iter().map(|s| &*s.actor)) {
            involve(speaker, events);
        }
        let own_entries = events * (1 + claim.stances.len() as u64) + parties(claim);
        let own_text = events * claim_text_bytes(claim);
        entries += own_entries;
        text += own_text;
        if own_entries > most_entries.1 {
            most_entries = (i, own_entries);
        }
        if own_text > most_text.1 {
            most_text = (i, own_text);
        }
    }
    let about = |i: usize| events_linked(&b.claims[i]);
    let names_bytes =
        |a: &Actor| (a.name.len() + a.aliases.iter().map(String::len).sum::<usize>()) as u64;
    let (mut names, mut most_names) = (0u64, (0usize, 0u64));
    for (i, actor) in b.actors.iter().enumerate() {
        let own = involved[i] * names_bytes(actor);
        names += own;
        if own > most_names.1 {
            most_names = (i, own);
        }
    }
    // What one claim adds, when others add to it.
    let share = |own: u64, total: u64, words: String| match own < total {
        true => format!(" ({words} from this one)"),
        false => String::new(),
    };
    if entries > MAX_CLAIM_ENTRIES {
        let (i, own) = most_entries;
        problems.push(Problem::at(format!("claims[{i}]"), format!(
                "is about {} of {} and has {}; listed with its stances under each event and judged against the participants, this briefing's claims make {} entries{}, more than the {} the viewer can show; split claims about many events, and keep few claims about an event of thousands of participants",
                count(about(i) as usize, "event", "events"),
                count(parties(&b.claims[i]) as usize, "participant", "participants"),
                count(b.claims[i].stances.len(), "stance", "stances"),
                grouped(entries),
                share(own, entries, grouped(own)),
                grouped(MAX_CLAIM_ENTRIES),
            )));
    }
    if names > MAX_BYTES as u64 {
        let (i, own) = most_names;
        problems.push(Problem::at(format!("actors[{i}]"), format!(
                "is involved in {} and has {} of names and aliases; searched with each event its actors are involved in, this briefing's names make {} of text{}, more than the {} a dataset may hold; give it fewer or shorter aliases",
                count(involved[i] as usize, "event", "events"),
                size_words(names_bytes(&b.actors[i])),
                size_words(names),
                share(own, names, size_words(own)),
                size_words(MAX_BYTES as u64),
            )));
    }
    if text > MAX_BYTES as u64 {
        let (i, own) = most_text;
        problems.push(Problem::at(format!("claims[{i}]"), format!(
                "is about {} and holds {} of text with its quotes; searched with each event, this briefing's claims make {} of text{}, more than the {} a dataset may hold; split it into claims about fewer events",
                count(about(i) as usize, "event", "events"),
                size_words(claim_text_bytes(&b.claims[i])),
                size_words(text),
                share(own, text, size_words(own)),
                size_words(MAX_BYTES as u64),
            )));
    }
}

/// How many distinct events a claim is about or has stances made in.
fn events_linked(claim: &Claim) -> u64 {
    let ids = claim.events.iter().map(|e| &**e);
    let made_in = claim.stances.iter().filter_map(|s| s.event.as_deref());
    super::rules::distinct(ids.chain(made_in)).len() as u64
}

/// The bytes of a claim's text and quotes.
fn claim_text_bytes(claim: &Claim) -> u64 {
    let quotes: usize = claim.stances.iter().map(|s| s.quote.len()).sum();
    (claim.text.len() + quotes) as u64
}

/// Every claim's status is one its stances allow (see `rules.rs`), or carries
/// an override with the curator's reason.
/// (Shared with the pack.)
pub(super) fn check_statuses(problems: &mut Vec<Problem>, b: &Briefing) {
    let lookup = super::rules::Lookup::of(b);
    for (i, claim) in b.claims.iter().enumerate() {
        if let Err((field, message)) = super::rules::check(&lookup, claim) {
            problems.push(Problem::at(format!("claims[{i}].{field}"), message));
        }
    }
}
