//! The dataset's own JSON format, written by hand: serde's derived
//! `Serialize` would add its weight to the page for one download button.
//! A native test holds it equal to what serde writes for the same data.

use crate::model::{
    Actor, Briefing, Claim, DateSpec, Event, Inference, Meta, Participant, Source, Stance, Vocab,
};

/// A JSON object being written: `{"key": value, ...}`.
struct Obj<'o> {
    out: &'o mut String,
    first: bool,
}

impl<'o> Obj<'o> {
    fn new(out: &'o mut String) -> Self {
        out.push('{');
        Obj { out, first: true }
    }

    fn key(&mut self, key: &str) -> &mut String {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        string(self.out, key);
        self.out.push(':');
        self.out
    }

    fn str(&mut self, key: &str, value: &str) {
        string(self.key(key), value);
    }

    fn opt(&mut self, key: &str, value: Option<&str>) {
        if let Some(v) = value {
            self.str(key, v);
        }
    }

    fn strs(&mut self, key: &str, values: &[impl AsRef<str>]) {
        let out = self.key(key);
        list(out, values, |out, v| string(out, v.as_ref()));
    }

    fn end(self) {
        self.out.push('}');
    }
}

fn string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

fn list<T>(out: &mut String, items: &[T], mut each: impl FnMut(&mut String, &T)) {
    out.push('[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        each(out, item);
    }
    out.push(']');
}

fn inferred(o: &mut Obj, items: &[Inference]) {
    if items.is_empty() {
        return;
    }
    list(o.key("inferred"), items, |out, i| {
        let mut o = Obj::new(out);
        o.str("kind", i.kind.key());
        o.str("reason", &i.reason);
        o.end();
    });
}

fn date(out: &mut String, d: &DateSpec) {
    let mut o = Obj::new(out);
    o.str("precision", d.precision.key());
    if !d.value.is_empty() {
        o.str("value", &d.value);
    }
    if let Some(part) = d.part {
        o.str("part", part.key());
    }
    o.opt("end", d.end.as_deref());
    if let Some(weekday) = d.weekday {
        o.str("weekday", weekday.key());
    }
    inferred(&mut o, &d.inferred);
    o.end();
}

fn meta(out: &mut String, m: &Meta) {
    let mut o = Obj::new(out);
    o.str("title", &m.title);
    o.opt("subtitle", m.subtitle.as_deref());
    o.str("as_of", &m.as_of);
    o.str("compiled_by", &m.compiled_by);
    o.str("summary", &m.summary);
    if !m.key_points.is_empty() {
        o.strs("key_points", &m.key_points);
    }
    o.opt("handling", m.handling.as_deref());
    o.end();
}

fn actor(out: &mut String, a: &Actor) {
    let mut o = Obj::new(out);
    o.str("id", &a.id);
    o.str("name", &a.name);
    if !a.aliases.is_empty() {
        o.strs("aliases", &a.aliases);
    }
    o.str("role", &a.role);
    o.str("affiliation", &a.affiliation);
    o.str("kind", a.kind.key());
    if a.anonymous {
        o.key("anonymous").push_str("true");
    }
    o.opt("note", a.note.as_deref());
    o.end();
}

fn source(out: &mut String, s: &Source) {
    let mut o = Obj::new(out);
    o.str("id", &s.id);
    o.str("outlet", &s.outlet);
    if !s.chain.is_empty() {
        o.strs("chain", &s.chain);
    }
    o.opt("title", s.title.as_deref());
    o.opt("author", s.author.as_deref());
    o.opt("published", s.published.as_deref());
    o.str("language", &s.language);
    o.opt("url", s.url.as_deref());
    o.opt("note", s.note.as_deref());
    inferred(&mut o, &s.inferred);
    o.end();
}

fn participant(out: &mut String, p: &Participant) {
    let mut o = Obj::new(out);
    o.str("actor", &p.actor);
    o.str("role", p.role.key());
    o.opt("note", p.note.as_deref());
    o.end();
}

fn event(out: &mut String, e: &Event) {
    let mut o = Obj::new(out);
    o.str("id", &e.id);
    o.str("title", &e.title);
    date(o.key("date"), &e.date);
    o.str("status", e.status.key());
    {
        let mut c = Obj::new(o.key("channel"));
        if let Some(track) = e.channel.track {
            c.str("track", track.key());
        }
        c.str("modality", e.channel.modality.key());
        c.end();
    }
    o.key("secret")
        .push_str(if e.secret { "true" } else { "false" });
    list(o.key("participants"), &e.participants, participant);
    o.str("summary", &e.summary);
    o.opt("note", e.note.as_deref());
    o.strs("sources", &e.sources);
    o.end();
}

fn stance(out: &mut String, s: &Stance) {
    let mut o = Obj::new(out);
    o.str("actor", &s.actor);
    o.str("kind", s.kind.key());
    date(o.key("date"), &s.date);
    o.str("quote", &s.quote);
    o.str("speech", s.speech.key());
    o.str("source", &s.source);
    o.opt("on_behalf_of", s.on_behalf_of.as_deref());
    o.opt("event", s.event.as_deref());
    o.opt("note", s.note.as_deref());
    o.end();
}

fn claim(out: &mut String, c: &Claim) {
    let mut o = Obj::new(out);
    o.str("id", &c.id);
    o.str("text", &c.text);
    o.str("status", c.status.key());
    o.strs("events", &c.events);
    list(o.key("stances"), &c.stances, stance);
    o.opt("note", c.note.as_deref());
    if let Some(over) = &c.status_override {
        let mut r = Obj::new(o.key("status_override"));
        r.str("reason", &over.reason);
        r.end();
    }
    o.end();
}

/// How much of the text `write_json` gathers before handing it on.
const PIECE: usize = 1 << 16;

/// A collection written entry by entry, handing the text on to `piece`
/// whenever it has gathered `PIECE` bytes.
fn pieces<T>(
    out: &mut String,
    items: &[T],
    each: fn(&mut String, &T),
    piece: &mut dyn FnMut(&str),
) {
    out.push('[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        each(out, item);
        if out.len() >= PIECE {
            piece(out);
            out.clear();
        }
    }
    out.push(']');
}

/// The briefing as the dataset's JSON (compact; `briefing-check` reads
/// it), handed to `piece` in parts of about 64 KB: the pictures' module is
/// given a large dataset this way, which as one string (and the copies a
/// growing string makes) would stay in the page's memory for good.
pub fn write_json(b: &Briefing, piece: &mut dyn FnMut(&str)) {
    let mut out = String::new();
    let mut o = Obj::new(&mut out);
    o.opt("$schema", b.schema.as_deref());
    meta(o.key("meta"), &b.meta);
    pieces(o.key("actors"), &b.actors, actor, piece);
    pieces(o.key("sources"), &b.sources, source, piece);
    pieces(o.key("events"), &b.events, event, piece);
    pieces(o.key("claims"), &b.claims, claim, piece);
    o.end();
    out.push('\n');
    piece(&out);
}

/// The briefing as the dataset's JSON, as one string (a download).
pub fn to_json(b: &Briefing) -> String {
    let mut text = String::new();
    write_json(b, &mut |part| text.push_str(part));
    text
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_parts_are_the_whole_text_in_bounded_pieces() {
        let (b, _) = crate::gen::json(3000, 4, false).unwrap();
        let mut parts = Vec::new();
        super::write_json(&b, &mut |part| parts.push(part.to_owned()));
        assert!(parts.len() > 10, "{} parts", parts.len());
        // Each part ends after the entry that took it past 64 KB.
        assert!(parts.iter().all(|p| p.len() < super::PIECE + 8192));
        assert_eq!(parts.concat(), super::to_json(&b));
        assert!(crate::model::load(&parts.concat()).is_ok());
    }
}
