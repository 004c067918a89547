//! The JSON reader of datasets: text in, a tree that borrows its strings
//! from the text out, with every key that appears twice in one object
//! reported with its path, and the entries of the big collections handed to
//! the decoder one by one while the text is read (no tree of the whole file).
//!
//! Hand-written rather than serde_json: serde's visitor machinery and
//! serde_json's number and error code, instantiated for this one tree, were
//! about 30 KB of the page's wasm, and a dataset needs none of a number's
//! value (no field is a number). Strict JSON (RFC 8259): no comments, no
//! trailing commas, no lone surrogates.

use std::borrow::Cow;
use std::collections::HashSet;

/// A parsed JSON value. Strings borrow from the text wherever it has no
/// escapes, so a large dataset is not held twice before it is decoded.
/// Objects keep their entries in order, in a plain list: the decoder asks
/// each for a dozen known keys at most.
pub enum Value<'t> {
    Null,
    Bool(bool),
    Number,
    String(Cow<'t, str>),
    Array(Vec<Value<'t>>),
    Object(Map<'t>),
}

pub struct Map<'t>(pub Vec<(Cow<'t, str>, Value<'t>)>);

impl<'t> Map<'t> {
    pub fn get(&self, key: &str) -> Option<&Value<'t>> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(k, _)| k.as_ref())
    }
}

/// Where the text stops being JSON, and why (in words for curators).
#[derive(Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub line: usize,
    /// Counted in characters, from 1.
    pub column: usize,
    pub reason: &'static str,
}

/// Deeper nesting than any dataset has; it bounds the reader's recursion,
/// so a hostile file of a million `[` cannot exhaust the stack.
pub const MAX_DEPTH: usize = 128;

/// What the reader tells the decoder while it reads.
pub trait Sink<'t> {
    /// Entry `index` of the collection `name` (one of the names given to
    /// [`parse`]), as soon as it is read; the reader keeps nothing of it.
    fn entry(&mut self, name: &'static str, index: usize, value: Value<'t>);
    /// `key` appears again in the object at `path` ("events[2]").
    fn duplicate(&mut self, path: String, key: &str);
}

/// Reads `text` as one JSON value. The first array under each of the
/// top-level keys `streamed` is handed to `sink` entry by entry and left
/// empty in the tree.
pub fn parse<'t>(
    text: &'t str,
    streamed: &[&'static str],
    sink: &mut dyn Sink<'t>,
) -> Result<Value<'t>, SyntaxError> {
    let mut reader = Reader {
        text,
        bytes: text.as_bytes(),
        at: 0,
        path: Vec::new(),
        streamed,
        sink,
    };
    let value = reader.value();
    let value = value.and_then(|v| {
        reader.skip_space();
        match reader.at < reader.bytes.len() {
            true => Err("there is more text after the end of the JSON value"),
            false => Ok(v),
        }
    });
    value.map_err(|reason| reader.error(reason))
}

enum Segment<'t> {
    Key(Cow<'t, str>),
    Index(usize),
}

/// "claims[3].stances": the path of a problem, as the decoder writes it.
fn render(path: &[Segment]) -> String {
    let mut out = String::new();
    for segment in path {
        match segment {
            Segment::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Segment::Index(i) => {
                out.push('[');
                out.push_str(&i.to_string());
                out.push(']');
            }
        }
    }
    out
}

type Step<T> = Result<T, &'static str>;

struct Reader<'t, 's> {
    text: &'t str,
    bytes: &'t [u8],
    at: usize,
    /// Where the reader is; its length is the depth.
    path: Vec<Segment<'t>>,
    streamed: &'s [&'static str],
    sink: &'s mut dyn Sink<'t>,
}

impl<'t> Reader<'t, '_> {
    fn error(&self, reason: &'static str) -> SyntaxError {
        let (line, column) = line_column(self.bytes, self.at);
        SyntaxError {
            line,
            column,
            reason,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn skip_space(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.peek() {
            self.at += 1;
        }
    }

    fn value(&mut self) -> Step<Value<'t>> {
        self.skip_space();
        match self.peek() {
            None => Err("the file ends where a value should be"),
            Some(b'{') => self.object(),
            Some(b'[') => self.nest(|r| r.array(|_, _, v| Ok(Some(v))).map(Value::Array)),
            Some(b'"') => self.string().map(Value::String),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b't') => self.word("true", Value::Bool(true)),
            Some(b'f') => self.word("false", Value::Bool(false)),
            Some(b'n') => self.word("null", Value::Null),
            Some(_) => Err("expected a value (text in quotes, a number, true, false, null, a list or an object)"),
        }
    }

    /// Reads a nested array or object, refusing to go deeper than [`MAX_DEPTH`].
    fn nest<T>(&mut self, read: impl FnOnce(&mut Self) -> Step<T>) -> Step<T> {
        if self.path.len() >= MAX_DEPTH {
            return Err("lists and objects are nested more than 128 deep");
        }
        read(self)
    }

    fn word(&mut self, word: &'static str, value: Value<'t>) -> Step<Value<'t>> {
        if self.bytes[self.at..].starts_with(word.as_bytes()) {
            self.at += word.len();
            Ok(value)
        } else {
            Err("expected a value (text in quotes, a number, true, false, null, a list or an object)")
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.at;
        while let Some(b'0'..=b'9') = self.peek() {
            self.at += 1;
        }
        self.at - start
    }

    fn number(&mut self) -> Step<Value<'t>> {
        const BAD: &str = "this number is not written as JSON writes numbers";
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        match self.peek() {
            Some(b'0') => {
                self.at += 1;
                if let Some(b'0'..=b'9') = self.peek() {
                    return Err("a number may not start with 0 (write 7, not 07)");
                }
            }
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(BAD),
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            if self.digits() == 0 {
                return Err(BAD);
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.at += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.at += 1;
            }
            if self.digits() == 0 {
                return Err(BAD);
            }
        }
        Ok(Value::Number)
    }

    /// The text of a string, the reader on its opening quote. Borrowed when
    /// it has no escapes.
    fn string(&mut self) -> Step<Cow<'t, str>> {
        self.at += 1;
        let start = self.at;
        self.plain_run();
        match self.peek() {
            Some(b'"') => {
                self.at += 1;
                return Ok(Cow::Borrowed(&self.text[start..self.at - 1]));
            }
            Some(b'\\') => {}
            Some(_) => return Err(CONTROL),
            None => return Err(UNCLOSED),
        }
        let mut out = String::from(&self.text[start..self.at]);
        loop {
            let run = self.at;
            self.plain_run();
            out.push_str(&self.text[run..self.at]);
            match self.peek() {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => {
                    self.at += 1;
                    let c = self.escape()?;
                    out.push(c);
                }
                Some(_) => return Err(CONTROL),
                None => return Err(UNCLOSED),
            }
        }
    }

    /// Moves past the characters of a string that stand for themselves.
    /// Eight bytes at a time: most of a dataset is the text of its strings.
    fn plain_run(&mut self) {
        const ONES: u64 = u64::from_ne_bytes([1; 8]);
        const HIGH: u64 = ONES << 7;
        // A byte of `w` is zero where the high bit of the result is set
        // (the classic test; bytes above a zero may be flagged too, and the
        // byte loop below finds the exact one).
        let zero = |w: u64| w.wrapping_sub(ONES) & !w & HIGH;
        let mut words = self.bytes[self.at..].chunks_exact(8);
        for chunk in &mut words {
            let mut eight = [0; 8];
            eight.copy_from_slice(chunk);
            let w = u64::from_ne_bytes(eight);
            let special = zero(w ^ (ONES * b'"' as u64))
                | zero(w ^ (ONES * b'\\' as u64))
                | (w.wrapping_sub(ONES * 0x20) & !w & HIGH);
            if special != 0 {
                break;
            }
            self.at += 8;
        }
        let rest = &self.bytes[self.at..];
        let plain = rest
            .iter()
            .position(|&b| b == b'"' || b == b'\\' || b < 0x20);
        self.at += plain.unwrap_or(rest.len());
    }

    /// The character an escape stands for, the reader after its backslash.
    fn escape(&mut self) -> Step<char> {
        let Some(b) = self.peek() else {
            return Err(UNCLOSED);
        };
        self.at += 1;
        Ok(match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let first = self.hex4()?;
                let code = match first {
                    0xD800..=0xDBFF => {
                        if !self.bytes[self.at..].starts_with(b"\\u") {
                            return Err(SURROGATE);
                        }
                        self.at += 2;
                        let second = self.hex4()?;
                        if !(0xDC00..=0xDFFF).contains(&second) {
                            return Err(SURROGATE);
                        }
                        0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                    }
                    0xDC00..=0xDFFF => return Err(SURROGATE),
                    code => code,
                };
                char::from_u32(code).ok_or(SURROGATE)?
            }
            _ => {
                self.at -= 1;
                return Err("this backslash does not start an escape JSON knows (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
            }
        })
    }

    fn hex4(&mut self) -> Step<u32> {
        let mut code = 0;
        for _ in 0..4 {
            let digit = self.peek().and_then(|b| (b as char).to_digit(16));
            let Some(digit) = digit else {
                return Err("\\u must be followed by four hexadecimal digits");
            };
            code = code * 16 + digit;
            self.at += 1;
        }
        Ok(code)
    }

    /// Moves past a list's or object's opening bracket; true (and past
    /// `close` too) when nothing is inside.
    fn opens_empty(&mut self, close: u8) -> bool {
        self.at += 1;
        self.skip_space();
        let empty = self.peek() == Some(close);
        if empty {
            self.at += 1;
        }
        empty
    }

    /// After an entry of a list or object: a comma and another entry (false),
    /// or `close` (true); anything else is the error that says what is wrong.
    fn after_entry(
        &mut self,
        close: u8,
        unclosed: &'static str,
        expected: &'static str,
    ) -> Step<bool> {
        self.skip_space();
        match self.peek() {
            Some(b',') => {
                self.at += 1;
                self.skip_space();
                match self.peek() == Some(close) {
                    true => Err(TRAILING_COMMA),
                    false => Ok(false),
                }
            }
            Some(c) if c == close => {
                self.at += 1;
                Ok(true)
            }
            None => Err(unclosed),
            Some(_) => Err(expected),
        }
    }

    /// An array, the reader on its `[`: each entry goes to `keep`, which
    /// returns what to hold in the list (nothing, for a streamed one).
    fn array(
        &mut self,
        mut keep: impl FnMut(&mut Self, usize, Value<'t>) -> Step<Option<Value<'t>>>,
    ) -> Step<Vec<Value<'t>>> {
        let mut items = Vec::new();
        if self.opens_empty(b']') {
            return Ok(items);
        }
        for i in 0.. {
            self.path.push(Segment::Index(i));
            let item = self.value();
            self.path.pop();
            if let Some(item) = keep(self, i, item?)? {
                items.push(item);
            }
            let closed = self.after_entry(
                b']',
                "the file ends inside a list: a ] is missing",
                "expected , or ] after an entry of this list",
            )?;
            if closed {
                break;
            }
        }
        Ok(items)
    }

    fn object(&mut self) -> Step<Value<'t>> {
        self.nest(Self::entries)
            .map(|entries| Value::Object(Map(entries)))
    }

    fn entries(&mut self) -> Step<Vec<(Cow<'t, str>, Value<'t>)>> {
        let top = self.path.is_empty();
        let mut entries: Vec<(Cow<'t, str>, Value<'t>)> = Vec::new();
        // Small objects are searched in place; a huge one (hostile) gets a
        // set, so finding duplicates stays linear.
        let mut seen: Option<HashSet<Cow<'t, str>>> = None;
        if self.opens_empty(b'}') {
            return Ok(entries);
        }
        loop {
            self.skip_space();
            match self.peek() {
                Some(b'"') => {}
                None => return Err(UNCLOSED_OBJECT),
                Some(_) => return Err("expected a key in quotes"),
            }
            let key = self.string()?;
            self.skip_space();
            match self.peek() {
                Some(b':') => self.at += 1,
                None => return Err(UNCLOSED_OBJECT),
                Some(_) => return Err("expected : after this key"),
            }
            let repeated = match &mut seen {
                Some(set) => !set.insert(key.clone()),
                None => {
                    let repeated = entries.iter().any(|(k, _)| *k == key);
                    if entries.len() >= 32 {
                        let keys = entries.iter().map(|(k, _)| k.clone());
                        seen = Some(keys.chain([key.clone()]).collect());
                    }
                    repeated
                }
            };
            // The first array under a streamed key of the top level.
            let stream = match top && !repeated {
                true => self.streamed.iter().find(|s| **s == key).copied(),
                false => None,
            };
            self.path.push(Segment::Key(key));
            self.skip_space();
            let value = match stream {
                Some(name) if self.peek() == Some(b'[') => self.stream(name),
                _ => self.value(),
            };
            let at = repeated.then(|| render(&self.path));
            let key = match self.path.pop() {
                Some(Segment::Key(key)) => key,
                _ => Cow::Borrowed(""),
            };
            let value = value?;
            match at {
                Some(at) => self.sink.duplicate(at, &key),
                None => entries.push((key, value)),
            }
            let closed = self.after_entry(
                b'}',
                UNCLOSED_OBJECT,
                "expected , or } after a value of this object",
            )?;
            if closed {
                return Ok(entries);
            }
        }
    }

    /// A streamed collection: each entry to the sink as soon as it is read.
    fn stream(&mut self, name: &'static str) -> Step<Value<'t>> {
        self.nest(|r| {
            r.array(|r, i, item| {
                r.sink.entry(name, i, item);
                Ok(None)
            })
        })
        .map(Value::Array)
    }
}

const TRAILING_COMMA: &str = "a comma after the last entry: remove it (JSON allows none)";
const UNCLOSED: &str = "the file ends inside a text: a closing \" is missing";
const UNCLOSED_OBJECT: &str = "the file ends inside an object: a } is missing";
const CONTROL: &str =
    "a text holds a control character (a line break or tab typed as is): write it as \\n or \\t";
const SURROGATE: &str = "a \\u escape names half of a character (a lone surrogate)";

/// Line and column (in characters, both from 1) of byte `at` of UTF-8
/// `bytes`, or of as much of them as is UTF-8: a column counts lead bytes.
pub fn line_column(bytes: &[u8], at: usize) -> (usize, usize) {
    let before = &bytes[..at.min(bytes.len())];
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = before[line_start..]
        .iter()
        .filter(|&&b| b & 0xC0 != 0x80)
        .count()
        + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Default)]
    struct Seen {
        entries: Vec<(&'static str, usize, String)>,
        duplicates: Vec<(String, String)>,
    }

    impl<'t> Sink<'t> for Seen {
        fn entry(&mut self, name: &'static str, index: usize, value: Value<'t>) {
            self.entries.push((name, index, show(&value)));
        }
        fn duplicate(&mut self, path: String, key: &str) {
            self.duplicates.push((path, key.to_string()));
        }
    }

    fn show(value: &Value) -> String {
        match value {
            Value::Null => "null".into(),
            Value::Bool(b) => b.to_string(),
            Value::Number => "#".into(),
            Value::String(s) => format!("{s:?}"),
            Value::Array(items) => {
                let items: Vec<_> = items.iter().map(show).collect();
                format!("[{}]", items.join(","))
            }
            Value::Object(map) => {
                let entries: Vec<_> = map
                    .0
                    .iter()
                    .map(|(k, v)| format!("{k:?}:{}", show(v)))
                    .collect();
                format!("{{{}}}", entries.join(","))
            }
        }
    }

    fn read(text: &str) -> Result<String, SyntaxError> {
        parse(text, &[], &mut Seen::default()).map(|v| show(&v))
    }

    fn fails(text: &str) -> (usize, usize, &'static str) {
        let e = read(text).expect_err(text);
        (e.line, e.column, e.reason)
    }

    #[test]
    fn reads_what_serde_json_reads_as_serde_json_does() {
        let cases = [
            r#"{"a": [1, -2.5e+3, 0, true, false, null, "x"], "b": {}}"#,
            r#"  [ ]  "#,
            r#""esc \" \\ \/ \b \f \n \r \t \u00e9 \ud83d\ude00 end""#,
            r#"{"k\u0041y": "v"}"#,
            "[0.5, 1E9, -0, 12e-3]",
            "\"Ушаков — ‘fake’\"",
        ];
        for text in cases {
            let ours = read(text).unwrap();
            let theirs: serde_json::Value = serde_json::from_str(text).unwrap();
            assert_eq!(ours, show_serde(&theirs), "{text}");
        }
    }

    fn show_serde(value: &serde_json::Value) -> String {
        use serde_json::Value as J;
        match value {
            J::Null => "null".into(),
            J::Bool(b) => b.to_string(),
            J::Number(_) => "#".into(),
            J::String(s) => format!("{s:?}"),
            J::Array(items) => format!(
                "[{}]",
                items.iter().map(show_serde).collect::<Vec<_>>().join(",")
            ),
            J::Object(map) => {
                let entries: Vec<_> = map
                    .iter()
                    .map(|(k, v)| format!("{k:?}:{}", show_serde(v)))
                    .collect();
                format!("{{{}}}", entries.join(","))
            }
        }
    }

    #[test]
    fn refuses_what_is_not_json_and_says_where() {
        let not_json = [
            "",
            " ",
            "{",
            "[",
            "[1,]",
            "{\"a\":1,}",
            "{\"a\" 1}",
            "{a:1}",
            "[1 2]",
            "01",
            "1.",
            ".5",
            "-",
            "1e",
            "+1",
            "tru",
            "nul",
            "[true false]",
            "\"abc",
            "\"a\\x\"",
            "\"\\u12\"",
            "\"\\ud800\"",
            "\"\\udc00\"",
            "\"\\ud800\\u0041\"",
            "\"tab\there\"",
            "{} {}",
            "[1] x",
            "'a'",
            "NaN",
            "[1,,2]",
            "{\"a\":1 \"b\":2}",
            "/* c */ 1",
            "\u{feff}1",
        ];
        for text in not_json {
            assert!(read(text).is_err(), "{text:?} was read");
            assert!(
                serde_json::from_str::<serde_json::Value>(text).is_err(),
                "{text:?}"
            );
        }
        assert_eq!(fails("{\n  \"a\": [1,\n  2,]\n}").0, 3);
        assert_eq!(fails("{\n  \"é\": x}"), (2, 8, fails("x").2));
        assert_eq!(fails("[1] x").1, 5);
        assert_eq!(fails("\"abc").2, UNCLOSED);
        assert_eq!(fails("[1, ]").2, TRAILING_COMMA);
        assert_eq!(fails("{\"a\": 1,\n}"), (2, 1, TRAILING_COMMA));
        assert!(fails("[07]").2.contains("start with 0"));
    }

    #[test]
    fn nesting_is_bounded_without_exhausting_the_stack() {
        let deep = "[".repeat(100_000) + &"]".repeat(100_000);
        assert_eq!(
            fails(&deep).2,
            "lists and objects are nested more than 128 deep"
        );
        let fine = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(read(&fine).is_ok());
        let objects = "{\"a\":".repeat(MAX_DEPTH + 1) + "1" + &"}".repeat(MAX_DEPTH + 1);
        assert!(read(&objects).is_err());
    }

    #[test]
    fn strings_without_escapes_are_borrowed() {
        let text = r#"{"key": "plain", "other": "with \n"}"#;
        let Ok(Value::Object(map)) = parse(text, &[], &mut Seen::default()) else {
            panic!()
        };
        assert!(matches!(map.0[0].0, Cow::Borrowed("key")));
        assert!(matches!(map.0[0].1, Value::String(Cow::Borrowed("plain"))));
        assert!(matches!(&map.0[1].1, Value::String(Cow::Owned(s)) if s == "with \n"));
    }

    #[test]
    fn duplicates_are_reported_with_their_path_and_the_first_kept() {
        let mut seen = Seen::default();
        let text = r#"{"a": 1, "b": [{"x": 1, "x": 2}], "a": 3}"#;
        let value = parse(text, &[], &mut seen).unwrap();
        assert_eq!(show(&value), r#"{"a":#,"b":[{"x":#}]}"#);
        assert_eq!(
            seen.duplicates,
            [
                ("b[0].x".to_string(), "x".to_string()),
                ("a".to_string(), "a".to_string())
            ]
        );
        // Past 32 keys a set takes over; the answer is the same.
        let mut wide = String::from("{");
        for i in 0..100 {
            wide.push_str(&format!("\"k{}\": 0,", i % 60));
        }
        wide.push_str("\"end\": 0}");
        let mut seen = Seen::default();
        parse(&wide, &[], &mut seen).unwrap();
        let repeated: Vec<_> = seen.duplicates.iter().map(|(_, k)| k.as_str()).collect();
        let expected: Vec<_> = (0..40).map(|i| format!("k{i}")).collect();
        assert_eq!(repeated, expected);
    }

    #[test]
    fn the_first_array_of_a_streamed_key_goes_to_the_sink() {
        let mut seen = Seen::default();
        let text =
            r#"{"events": [{"id": "a"}, 2], "meta": {"events": [3]}, "events": [4], "claims": {}}"#;
        let value = parse(text, &["events", "claims"], &mut seen).unwrap();
        assert_eq!(
            show(&value),
            r#"{"events":[],"meta":{"events":[#]},"claims":{}}"#
        );
        assert_eq!(
            seen.entries,
            [
                ("events", 0, r#"{"id":"a"}"#.to_string()),
                ("events", 1, "#".to_string())
            ]
        );
        assert_eq!(
            seen.duplicates,
            [("events".to_string(), "events".to_string())]
        );
    }
}
