//! Names of distinct actors that read the same: "Alice" and "Alicе" (with a
//! Cyrillic е), "Bob" and "BOB". The page shows names as written, so the
//! curators' checker flags these pairs before a reader can confuse them.

use super::types::Briefing;
use super::Problem;
use std::collections::HashMap;

/// What a name looks like: lower case, invisible characters and combining
/// marks dropped, spaces collapsed, and Cyrillic and Greek letters that look
/// Latin read as Latin.
pub fn skeleton(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut space = false;
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        let invisible = matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{feff}' | '\u{ad}' | '\u{34f}')
            || ('\u{300}'..='\u{36f}').contains(&c)
            || c.is_control();
        if invisible {
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(latin_twin(c));
    }
    out
}

fn latin_twin(c: char) -> char {
    match c {
        'а' | 'α' => 'a',
        'в' | 'β' | 'ь' => 'b',
        'с' | 'ϲ' => 'c',
        'ԁ' => 'd',
        'е' | 'ё' | 'ε' => 'e',
        'һ' | 'н' => 'h',
        'і' | 'ї' | 'ι' | 'ı' => 'i',
        'ј' => 'j',
        'к' | 'κ' => 'k',
        'м' => 'm',
        'п' | 'η' => 'n',
        'о' | 'ο' | 'σ' | '0' => 'o',
        'р' | 'ρ' => 'p',
        'ԛ' => 'q',
        'ѕ' => 's',
        'т' | 'τ' => 't',
        'υ' => 'u',
        'ν' => 'v',
        'ԝ' | 'ω' => 'w',
        'х' | 'χ' => 'x',
        'у' | 'γ' => 'y',
        'l' | '1' | '|' => 'l',
        c => c,
    }
}

/// One problem per actor whose name or alias reads like another actor's
/// name or alias. Linear: one map from skeleton to the first actor.
pub fn lookalike_actors(b: &Briefing) -> Vec<Problem> {
    let mut first: HashMap<String, (usize, String, String)> = HashMap::new();
    let mut problems = Vec::new();
    for (i, actor) in b.actors.iter().enumerate() {
        let names = std::iter::once(("name".to_string(), &actor.name)).chain(
            actor
                .aliases
                .iter()
                .enumerate()
                .map(|(j, a)| (format!("aliases[{j}]"), a)),
        );
        for (field, name) in names {
            let key = skeleton(name);
            if key.is_empty() {
                continue;
            }
            match first.get(&key) {
                Some((j, other_field, other)) if *j != i => problems.push(Problem::at(format!("actors[{i}].{field}"), format!(
                        "“{name}” reads like actors[{j}].{other_field} “{other}”, a different actor: readers cannot tell them apart (rename one, or merge them)"
                    ))),
                Some(_) => {}
                None => {
                    first.insert(key, (i, field, name.clone()));
                }
            }
        }
    }
    problems
}
