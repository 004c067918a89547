//! Folding text for search: lower case, diacritics removed, runs of white
//! space and punctuation collapsed to one space. "Ušakov" and "USAKOV" both
//! fold to "usakov"; "Королёв" and "Королев" both to "королев". Cyrillic
//! and Greek are lower-cased and kept, their letters with a diacritic
//! folded to the base letter.

/// Base letters for U+00C0..=U+017F, one char per code point ('\0' = keep as is).
const LATIN: &str = concat!(
    // U+00C0..U+00FF (Latin-1 Supplement letters)
    "aaaaaaaceeeeiiii",   // C0-CF (Æ→a, Ç→c)
    "dnooooo\0ouuuuyt\0", // D0-DF (× kept, Þ→t, ß handled in fold)
    "aaaaaaaceeeeiiii",   // E0-EF
    "dnooooo\0ouuuuyty",  // F0-FF (÷ kept)
    // U+0100..U+017F (Latin Extended-A)
    "aaaaaaccccccccdd", // 0100-010F
    "ddeeeeeeeeeegggg", // 0110-011F
    "gggghhhhiiiiiiii", // 0120-012F
    "iiiijjkkklllllll", // 0130-013F
    "lllnnnnnnnnnoooo", // 0140-014F
    "oooorrrrrrssssss", // 0150-015F
    "ssttttttuuuuuuuu", // 0160-016F
    "uuuuwwyyyzzzzzzs", // 0170-017F
);

fn base(c: char) -> Option<char> {
    let code = c as u32;
    if !(0xC0..=0x17F).contains(&code) {
        return None;
    }
    match LATIN.chars().nth((code - 0xC0) as usize) {
        Some('\0') | None => None,
        Some(b) => Some(b),
    }
}

/// Cyrillic and Greek letters (lower case) with a diacritic, as their base
/// letter: as their decomposed forms fold (combining marks are dropped), so
/// "ё" and "е\u{308}" match alike, and "Королев" finds "Королёв".
fn base_cyrillic_greek(c: char) -> char {
    match c {
        'ѐ' | 'ё' => 'е',
        'ѓ' => 'г',
        'ї' => 'і',
        'й' | 'ѝ' => 'и',
        'ќ' => 'к',
        'ў' => 'у',
        'ά' => 'α',
        'έ' => 'ε',
        'ή' => 'η',
        'ί' | 'ϊ' | 'ΐ' => 'ι',
        'ό' => 'ο',
        'ύ' | 'ϋ' | 'ΰ' => 'υ',
        'ώ' => 'ω',
        _ => c,
    }
}

include!(concat!(env!("OUT_DIR"), "/lowercase.rs"));

/// `c` lower-cased, as `char::to_lowercase` does (its first char: see
/// build.rs), from [`LOWER_RUNS`] rather than the standard library's table.
pub fn lower(c: char) -> char {
    let code = c as u32;
    let at = LOWER_RUNS.partition_point(|run| run.0 <= code);
    let Some(&(first, count, stride, delta)) = at.checked_sub(1).map(|i| &LOWER_RUNS[i]) else {
        return c;
    };
    let offset = code - first;
    if !offset.is_multiple_of(u32::from(stride)) || offset / u32::from(stride) >= u32::from(count) {
        return c;
    }
    char::from_u32((code as i64 + i64::from(delta)) as u32).unwrap_or(c)
}

fn is_combining(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

/// Folds `text` for matching. Both the index and the query go through this.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for_each_token(text, |token| {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(token);
    });
    out
}

/// Calls `emit` with each word of `text` as [`fold`] writes it (the words
/// `fold(text).split(' ')` gives), without building the folded text: the
/// search index reads every text of a dataset this way.
pub fn for_each_token(text: &str, mut emit: impl FnMut(&str)) {
    let mut token = String::new();
    for c in text.chars() {
        // Most text is ASCII: the tables below cost several times as much per char.
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                token.push(c.to_ascii_lowercase());
            } else if !token.is_empty() {
                emit(&token);
                token.clear();
            }
            continue;
        }
        let c = base(c).unwrap_or(c);
        // Some combining marks are alphabetic (U+0345, U+0363..): drop them first.
        if is_combining(c) {
            continue;
        }
        if c.is_alphanumeric() {
            if c == 'ß' || c == 'ẞ' {
                token.push_str("ss");
                continue;
            }
            let l = lower(c);
            if !is_combining(l) {
                token.push(base(l).unwrap_or_else(|| base_cyrillic_greek(l)));
            }
        } else if !token.is_empty() {
            emit(&token);
            token.clear();
        }
    }
    if !token.is_empty() {
        emit(&token);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_covers_its_range_exactly() {
        assert_eq!(LATIN.chars().count(), 0x180 - 0xC0);
    }

    #[test]
    fn ascii_folds_as_the_unicode_rules_say() {
        for c in (0u8..128).map(char::from) {
            let expected = if c.is_alphanumeric() {
                format!("a{}b", c.to_lowercase())
            } else {
                "a b".to_string()
            };
            assert_eq!(fold(&format!("a{c}b")), expected, "{:?}", c);
        }
    }

    #[test]
    fn lower_cases_every_char_as_the_standard_library_does() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let theirs: String = c.to_lowercase().filter(|l| !is_combining(*l)).collect();
            let ours = Some(lower(c)).filter(|l| !is_combining(*l));
            assert_eq!(ours.map(String::from).unwrap_or_default(), theirs, "{c:?}");
        }
        assert!(LOWER_RUNS.len() < 300, "{} runs", LOWER_RUNS.len());
    }

    #[test]
    fn accents_case_and_punctuation_fold_away() {
        assert_eq!(fold("Ušakov"), "usakov");
        assert_eq!(fold("  JURIJ   Ušakov! "), "jurij usakov");
        assert_eq!(fold("Łódź, Kraków"), "lodz krakow");
        assert_eq!(fold("Čeština ŘÍZENÍ"), "cestina rizeni");
        assert_eq!(fold("Ушаков"), "ушаков");
        assert_eq!(fold("track 1.5"), "track 1 5");
        assert_eq!(fold("“fake”"), "fake");
        // A combining caron (decomposed form) folds like the precomposed one.
        assert_eq!(fold("Us\u{30c}akov"), "usakov");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("STRAẞE"), "strasse");
        assert_eq!(fold("a \u{363} b"), "a b");
        assert_eq!(fold("İstanbul"), "istanbul");
    }

    /// A letter with a diacritic folds as its decomposed form does, in
    /// Cyrillic and Greek as in Latin.
    #[test]
    fn cyrillic_and_greek_letters_fold_as_their_decomposed_forms() {
        let pairs = [
            ("ё", "е\u{308}"),
            ("Ё", "Е\u{308}"),
            ("ѐ", "е\u{300}"),
            ("й", "и\u{306}"),
            ("Й", "И\u{306}"),
            ("ѝ", "и\u{300}"),
            ("ѓ", "г\u{301}"),
            ("ќ", "к\u{301}"),
            ("ї", "і\u{308}"),
            ("ў", "у\u{306}"),
            ("ά", "α\u{301}"),
            ("Ά", "Α\u{301}"),
            ("έ", "ε\u{301}"),
            ("ή", "η\u{301}"),
            ("ί", "ι\u{301}"),
            ("ϊ", "ι\u{308}"),
            ("ΐ", "ι\u{308}\u{301}"),
            ("ό", "ο\u{301}"),
            ("ύ", "υ\u{301}"),
            ("ϋ", "υ\u{308}"),
            ("ΰ", "υ\u{308}\u{301}"),
            ("ώ", "ω\u{301}"),
            ("Ώ", "Ω\u{301}"),
        ];
        let word = |letter: &str| fold(&format!("a{letter}b"));
        for (composed, decomposed) in pairs {
            assert_eq!(word(composed), word(decomposed), "{composed}");
            assert_eq!(word(composed).chars().count(), 3, "{composed}");
        }
        assert_eq!(fold("Королёв, ШОЙГУ"), "королев шоигу");
        assert_eq!(fold("Αθήνα"), "αθηνα");
        // Letters of their own stay: і is not и, ъ is not ь.
        assert_eq!(fold("Київ ЪЬ"), "киів ъь");
    }
}
