//! The search index: built once per dataset, so a keystroke costs the
//! postings of the words typed, not a scan of every event's text.
//!
//! Text is folded ([`fold`](super::fold::fold)) and split into tokens. Each distinct token keeps
//! the sorted positions (chronological event numbers) whose text holds it, in
//! one flat array, or, for a token held by more than one position in 32, a
//! bitset over the positions (smaller than its list, and OR-ed a word at a
//! time). A typed word matches every token it begins ("usak" finds
//! "usakov"): the tokens it begins are one contiguous run of the sorted
//! vocabulary, found by binary search. A name (an actor's name or alias,
//! pulled in by alias expansion) matches where each of its words stands as a
//! whole token.

use super::bits::Bits;
use super::fold::for_each_token;
use std::collections::HashMap;

#[derive(Debug, Default)]
pub struct SearchIndex {
    /// Distinct folded tokens, sorted.
    tokens: Vec<Box<str>>,
    /// `postings[starts[t]..starts[t + 1]]`: positions holding token `t`, ascending
    /// (an empty run for a token in `dense`).
    starts: Vec<u32>,
    postings: Vec<u32>,
    /// The tokens held by more than one position in 32, ascending, and the
    /// positions holding each as a bitset: at 100,000 events the lists were
    /// 24 MB, most of them for the commonest words.
    dense: Vec<u32>,
    dense_bits: Vec<Bits>,
    /// For each first character of a token, the positions holding a token
    /// that begins with it: the first keystroke of a search ("u") would
    /// otherwise union the postings of a large part of the vocabulary
    /// (27 ms at 100,000 events), and each later keystroke narrows it.
    initials: Vec<(char, Bits)>,
    len: usize,
}

/// Builds a [`SearchIndex`] from pieces of text tokenized once each. A
/// claim's text and quotes are searchable in every event it concerns, and an
/// actor's names in every event they are involved in: folding them once per
/// event folded the same quotes over and over (most of the index's build
/// time at 100,000 events) and held every event's joined text at once.
#[derive(Default)]
pub struct SearchBuilder {
    ids: HashMap<Box<str>, u32>,
    /// Positions holding each token id, ascending.
    lists: Vec<List>,
    /// How many positions there will be, when known: a list turns into a
    /// bitset as soon as it would be the larger, so the build never holds
    /// the long lists.
    expected: usize,
    /// Per token id, one more than the last position given it: a position's
    /// pieces share many tokens, and this keeps each once without sorting.
    last: Vec<u32>,
    scratch: Vec<u32>,
    len: usize,
}

impl SearchBuilder {
    /// Appends the ids of `text`'s tokens to `into` (unsorted, may repeat).
    fn tokenize_into(&mut self, text: &str, into: &mut Vec<u32>) {
        let (ids, lists, last) = (&mut self.ids, &mut self.lists, &mut self.last);
        for_each_token(text, |token| {
            let id = match ids.get(token) {
                Some(&id) => id,
                None => {
                    let id = lists.len() as u32;
                    ids.insert(token.into(), id);
                    lists.push(List::Sparse(Vec::new()));
                    last.push(0);
                    id
                }
            };
            into.push(id);
        });
    }

    /// A builder for `positions` positions (more may be given; fewer only
    /// leave some bitsets longer than needed, trimmed by `finish`).
    pub fn for_positions(positions: usize) -> SearchBuilder {
        SearchBuilder {
            expected: positions,
            ..SearchBuilder::default()
        }
    }

    /// The distinct token ids of the pieces, sorted: one piece's worth to keep.
    pub fn tokens<'t>(&mut self, pieces: impl IntoIterator<Item = &'t str>) -> Box<[u32]> {
        let mut ids = Vec::new();
        for piece in pieces {
            self.tokenize_into(piece, &mut ids);
        }
        ids.sort_unstable();
        ids.dedup();
        ids.into_boxed_slice()
    }

    /// The next position: its own `texts` and the tokens of the pieces it holds.
    pub fn position<'p>(&mut self, texts: &[&str], pieces: impl IntoIterator<Item = &'p [u32]>) {
        let mut own = std::mem::take(&mut self.scratch);
        own.clear();
        for text in texts {
            self.tokenize_into(text, &mut own);
        }
        self.give(&own);
        for piece in pieces {
            self.give(piece);
        }
        self.scratch = own;
        self.len += 1;
    }

    /// Gives the tokens `ids` to the position being built.
    fn give(&mut self, ids: &[u32]) {
        let p = self.len as u32;
        for &id in ids {
            let last = &mut self.last[id as usize];
            if *last != p + 1 {
                *last = p + 1;
                self.lists[id as usize].push(p, self.expected);
            }
        }
    }

    pub fn finish(self) -> SearchIndex {
        let SearchBuilder {
            ids,
            mut lists,
            len,
            ..
        } = self;
        // Tokens are distinct: sorted_distinct keeps them all, in order.
        let vocabulary: Vec<(Box<str>, u32)> = super::sorted_distinct(ids.into_iter().collect());
        let mut starts = Vec::with_capacity(vocabulary.len() + 1);
        let kept = |list: &List| list.kept_as_list(len).map_or(0, <[u32]>::len);
        let mut postings = Vec::with_capacity(lists.iter().map(kept).sum());
        let mut tokens = Vec::with_capacity(vocabulary.len());
        let (mut dense, mut dense_bits) = (Vec::new(), Vec::new());
        for (t, (token, id)) in vocabulary.into_iter().enumerate() {
            starts.push(postings.len() as u32);
            let list = std::mem::replace(&mut lists[id as usize], List::Sparse(Vec::new()));
            match list.kept_as_list(len) {
                Some(kept) => postings.extend_from_slice(kept),
                None => {
                    dense.push(t as u32);
                    dense_bits.push(list.into_bits(len));
                }
            }
            tokens.push(token);
        }
        starts.push(postings.len() as u32);
        let mut index = SearchIndex {
            tokens,
            starts,
            postings,
            dense,
            dense_bits,
            initials: Vec::new(),
            len,
        };
        // Tokens are sorted, so their first characters come in order.
        let mut firsts: Vec<char> = index
            .tokens
            .iter()
            .filter_map(|t| t.chars().next())
            .collect();
        firsts.dedup();
        index.initials = firsts
            .into_iter()
            .map(|c| (c, index.prefix_in_postings(c.encode_utf8(&mut [0; 4]))))
            .collect();
        index
    }
}

/// Whether `count` positions of `len` are kept as a bitset: a list of
/// `u32`s would be the larger.
fn is_dense(count: usize, len: usize) -> bool {
    count > len / 32
}

/// The positions holding one token while the index is built.
enum List {
    Sparse(Vec<u32>),
    Dense(Bits),
}

impl List {
    /// Adds `position`, above every position given so far.
    fn push(&mut self, position: u32, expected: usize) {
        let at = position as usize;
        match self {
            List::Dense(bits) if at < bits.len() => bits.set(at),
            List::Dense(bits) => {
                // More positions than expected: back to a list.
                let mut list: Vec<u32> = bits.ones().map(|p| p as u32).collect();
                list.push(position);
                *self = List::Sparse(list);
            }
            List::Sparse(list) => {
                list.push(position);
                // The list is ascending: all of it fits when its last does.
                if at < expected && is_dense(list.len(), expected) {
                    let mut bits = Bits::empty(expected);
                    list.iter().for_each(|&p| bits.set(p as usize));
                    *self = List::Dense(bits);
                }
            }
        }
    }

    /// The positions, when an index of `len` positions keeps them as a list.
    fn kept_as_list(&self, len: usize) -> Option<&[u32]> {
        match self {
            List::Sparse(list) if !is_dense(list.len(), len) => Some(list),
            _ => None,
        }
    }

    /// The positions as a bitset of `len` (every position is below it).
    fn into_bits(self, len: usize) -> Bits {
        match self {
            List::Dense(bits) if bits.len() == len => bits,
            list => {
                let mut bits = Bits::empty(len);
                match list {
                    List::Sparse(list) => list.iter().for_each(|&p| bits.set(p as usize)),
                    List::Dense(dense) => dense.ones().for_each(|p| bits.set(p)),
                }
                bits
            }
        }
    }
}

impl SearchIndex {
    /// `texts[p]` is the (unfolded) searchable text of position `p`.
    pub fn new<'t>(texts: impl IntoIterator<Item = &'t str>) -> SearchIndex {
        let mut builder = SearchBuilder::default();
        for text in texts {
            builder.position(&[text], []);
        }
        builder.finish()
    }

    fn add_token(&self, t: usize, into: &mut Bits) {
        if let Ok(d) = self.dense.binary_search(&(t as u32)) {
            into.or_with(&self.dense_bits[d]);
            return;
        }
        let run = &self.postings[self.starts[t] as usize..self.starts[t + 1] as usize];
        for &p in run {
            into.set(p as usize);
        }
    }

    /// Positions whose text has a token beginning with `prefix` (already folded, one word).
    pub fn prefix(&self, prefix: &str) -> Bits {
        let mut chars = prefix.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            return match self.initials.binary_search_by(|(i, _)| i.cmp(&c)) {
                Ok(i) => self.initials[i].1.clone(),
                Err(_) => Bits::empty(self.len),
            };
        }
        self.prefix_in_postings(prefix)
    }

    /// `prefix` answered from the postings: the union of the tokens it begins.
    fn prefix_in_postings(&self, prefix: &str) -> Bits {
        let mut bits = Bits::empty(self.len);
        let first = self.tokens.partition_point(|t| &**t < prefix);
        let run = self.tokens[first..].partition_point(|t| t.starts_with(prefix));
        for t in first..first + run {
            self.add_token(t, &mut bits);
        }
        bits
    }

    /// Positions whose text holds every word of `name` (already folded) as a whole token.
    pub fn name(&self, name: &str) -> Bits {
        let mut all = Bits::full(self.len);
        for word in name.split(' ').filter(|w| !w.is_empty()) {
            // A word no text holds: no position holds the name.
            let Ok(t) = self.tokens.binary_search_by(|t| (**t).cmp(word)) else {
                return Bits::empty(self.len);
            };
            let mut bits = Bits::empty(self.len);
            self.add_token(t, &mut bits);
            all.and_with(&bits);
        }
        all
    }

    /// Distinct tokens, for size reports.
    pub fn vocabulary(&self) -> usize {
        self.tokens.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ones(bits: &Bits) -> Vec<usize> {
        bits.ones().collect()
    }

    #[test]
    fn words_match_the_tokens_they_begin() {
        let index = SearchIndex::new(["Yuri Ušakov called", "Peskov: a leak", "USHAKOV, Ushakov"]);
        assert_eq!(ones(&index.prefix("usak")), vec![0]);
        assert_eq!(ones(&index.prefix("ushakov")), vec![2]);
        assert_eq!(ones(&index.prefix("l")), vec![1]);
        assert_eq!(
            ones(&index.prefix("kov")),
            Vec::<usize>::new(),
            "not a substring match"
        );
        assert_eq!(ones(&index.prefix("zzz")), Vec::<usize>::new());
        assert_eq!(ones(&index.prefix("")), vec![0, 1, 2]);
    }

    #[test]
    fn a_one_letter_word_matches_as_the_postings_would() {
        let index = SearchIndex::new([
            "Yuri Ušakov called",
            "Peskov: a leak",
            "USHAKOV, Ushakov",
            "ülkü 2025 über",
            "",
        ]);
        for c in "abcdefghijklmnopqrstuvwxyz0123456789\u{fc}".chars() {
            let word = c.to_string();
            assert_eq!(
                ones(&index.prefix(&word)),
                ones(&index.prefix_in_postings(&word)),
                "{word}"
            );
        }
        assert_eq!(ones(&index.prefix("u")), vec![0, 2, 3]);
        assert_eq!(ones(&index.prefix("2")), vec![3]);
    }

    #[test]
    fn names_match_whole_tokens_all_of_them() {
        let index = SearchIndex::new(["yuri usakov", "yuriy ushakov", "yuriy", "ushakovs"]);
        assert_eq!(ones(&index.name("yuriy ushakov")), vec![1]);
        assert_eq!(ones(&index.name("ushakov")), vec![1]);
        assert_eq!(index.vocabulary(), 5);
    }

    #[test]
    fn pieces_tokenized_once_index_as_the_joined_text_would() {
        let texts = [
            ("Witkoff calls", vec!["Ušakov denies", "Yuri Ushakov"]),
            ("", vec!["Ušakov denies"]),
            ("Peskov: \u{201c}fake\u{201d}", vec![]),
            ("track 1.5", vec!["Yuri Ushakov", "track two"]),
        ];
        let joined: Vec<String> = texts
            .iter()
            .map(|(own, pieces)| {
                std::iter::once(own)
                    .chain(pieces)
                    .copied()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        let joined = SearchIndex::new(joined.iter().map(String::as_str));
        let mut builder = SearchBuilder::default();
        let pieces: Vec<Vec<Box<[u32]>>> = texts
            .iter()
            .map(|(_, pieces)| pieces.iter().map(|p| builder.tokens([*p])).collect())
            .collect();
        for ((own, _), tokens) in texts.iter().zip(&pieces) {
            builder.position(&[own], tokens.iter().map(|t| &t[..]));
        }
        let built = builder.finish();
        assert_eq!(built.tokens, joined.tokens);
        assert_eq!(built.starts, joined.starts);
        assert_eq!(built.postings, joined.postings);
        assert_eq!(built.dense, joined.dense);
        assert_eq!(built.dense_bits, joined.dense_bits);
        for word in ["u", "usakov", "track", "1", "fake", "zz"] {
            assert_eq!(
                ones(&built.prefix(word)),
                ones(&joined.prefix(word)),
                "{word}"
            );
        }
    }

    /// Texts where some words are in most positions (kept as bitsets) and
    /// others in a few (kept as lists).
    fn mixed(n: usize) -> Vec<String> {
        (0..n)
            .map(|p| {
                let mut text = format!("common w{} tail{}", p % 7, p % 50);
                if p % 97 == 0 {
                    text.push_str(" rare ranked");
                }
                if p % 3 == 0 {
                    text.push_str(" third");
                }
                text
            })
            .collect()
    }

    #[test]
    fn bitsets_and_lists_answer_as_a_scan_would() {
        let texts = mixed(1000);
        let index = SearchIndex::new(texts.iter().map(String::as_str));
        assert!(!index.dense.is_empty() && !index.postings.is_empty());
        for word in [
            "common", "w3", "tail1", "tail49", "rare", "ra", "r", "third", "t", "zz",
        ] {
            let scan: Vec<usize> = (0..texts.len())
                .filter(|&p| texts[p].split(' ').any(|t| t.starts_with(word)))
                .collect();
            assert_eq!(ones(&index.prefix(word)), scan, "{word}");
            assert_eq!(ones(&index.prefix_in_postings(word)), scan, "{word}");
        }
        let both: Vec<usize> = (0..1000).filter(|p| p % 97 == 0 && p % 3 == 0).collect();
        assert_eq!(ones(&index.name("third rare")), both);
    }

    #[test]
    fn the_expected_count_changes_how_it_is_built_not_what_it_holds() {
        let texts = mixed(700);
        let at_the_end = SearchIndex::new(texts.iter().map(String::as_str));
        for expected in [0, 1, 100, 699, 700, 701, 5000] {
            let mut builder = SearchBuilder::for_positions(expected);
            for text in &texts {
                builder.position(&[text], []);
            }
            let built = builder.finish();
            assert_eq!(built.tokens, at_the_end.tokens, "{expected}");
            assert_eq!(built.starts, at_the_end.starts, "{expected}");
            assert_eq!(built.postings, at_the_end.postings, "{expected}");
            assert_eq!(built.dense, at_the_end.dense, "{expected}");
            assert_eq!(built.dense_bits, at_the_end.dense_bits, "{expected}");
        }
    }

    #[test]
    fn an_empty_index_matches_nothing() {
        let index = SearchIndex::new(std::iter::empty::<&str>());
        assert!(index.prefix("a").is_empty());
        assert_eq!(index.name("a").count(), 0);
    }
}
