//! Bundles `data/briefing.json` without its indentation: the page embeds the
//! dataset, and white space outside strings is a kilobyte of gzip for nothing.
//! No dependency: a JSON string is the only place where white space matters.
//! Also writes the lower-casing runs that search folding reads.

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
    std::fs::write(Path::new(&dir).join("lowercase.rs"), lowercase_runs())
        .expect("OUT_DIR is writable");
}

/// Search folding lower-cases every script. The standard library's table
/// (one pair per character, 11 KB) is written here as runs instead: a
/// character `first + k * stride` (k < count) lower-cases to itself plus
/// `delta`. About 1.5 KB; the same toolchain's Unicode data, since the build
/// script runs with the standard library the page is built with. A
/// character that lower-cases to several (only U+0130 İ, "i" and a dot
/// above) keeps the first: folding drops the combining marks anyway.
fn lowercase_runs() -> String {
    let mut mapped: Vec<(u32, i64)> = Vec::new();
    for c in (0..=0x10FFFF).filter_map(char::from_u32) {
        let mut lower = c.to_lowercase();
        let first = lower.next().expect("a char lower-cases to at least one");
        assert!(
            lower.all(|m| ('\u{300}'..='\u{36f}').contains(&m)),
            "{c:?} lower-cases to more than a char and combining marks"
        );
        if first != c {
            mapped.push((c as u32, first as i64 - c as i64));
        }
    }
    // (first, count, stride, delta)
    let mut runs: Vec<(u32, u32, u32, i64)> = Vec::new();
    for (c, delta) in mapped {
        if let Some(last) = runs.last_mut() {
            let next = last.0 + last.1 * last.2;
            let fits = last.3 == delta
                && ((last.1 == 1 && (c - last.0 == 1 || c - last.0 == 2))
                    || (last.1 > 1 && c == next));
            if fits {
                if last.1 == 1 {
                    last.2 = c - last.0;
                }
                last.1 += 1;
                continue;
            }
        }
        runs.push((c, 1, 1, delta));
    }
    let mut out = String::from("/// Written by build.rs from the toolchain's Unicode data.\n");
    out.push_str(&format!(
        "const LOWER_RUNS: [(u32, u16, u8, i32); {}] = [\n",
        runs.len()
    ));
    for (first, count, stride, delta) in runs {
        out.push_str(&format!("    ({first:#x}, {count}, {stride}, {delta}),\n"));
    }
    out.push_str("];\n");
    out
}
