//! Bundles `data/briefing.json` without its indentation: the page embeds the
//! dataset, and white space outside strings is a kilobyte of gzip for nothing.
//! No dependency: a JSON string is the only place where white space matters.

use std::path::Path;

fn main() {
    let source = "data/briefing.json";
    println!("cargo:rerun-if-changed={source}");
    let text = std::fs::read_to_string(source).expect("data/briefing.json is readable");
    let mut out = String::with_capacity(text.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in text.chars() {
        if in_string {
            out.push(c);
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !c.is_ascii_whitespace() {
            out.push(c);
        }
    }
    let dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(Path::new(&dir).join("briefing.min.json"), out).expect("OUT_DIR is writable");
}
