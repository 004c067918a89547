//! The search index: built once per dataset, so a keystroke costs the
//! postings of the words typed, not a scan of every event's text.
//!
//! Text is folded ([`fold`](super::fold::fold)) and split into tokens. Each distinct token keeps
//! the sorted positions (chronological event numbers) whose text holds it, in
//! one flat array, or, for a token held by more than one position in 32
//! (and more than 8), a bitset over the positions (smaller than its list, and OR-ed a word at a
//! time). A typed word matches every token it begins ("usak" finds
//! "usakov"): the tokens it begins are one contiguous run of the sorted
//! vocabulary, found by binary search. A name (an actor's name or alias,
//! pulled in by alias expansion) matches where each of its words stands as a
//! whole token.
//!
//! Every distinct token costs a few bytes and no allocation of its own,
//! while built and once built: a valid file of 7 million distinct words
//! took 1.2 GB as a boxed string, a map entry and a list per token.

use super::bits::Bits;
use super::fold::for_each_token;
use std::hash::BuildHasher;

/// Distinct tokens in one text, each found by its number.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct Vocabulary {
    text: String,
    /// Where token `t` ends in `text` (it begins where `t - 1` ends).
    ends: Vec<u32>,
}

impl Vocabulary {
    fn len(&self) -> usize {
        self.ends.len()
    }

    /// Where token `t` lies in `text`.
    fn span(&self, t: usize) -> std::ops::Range<usize> {
        let start = if t == 0 { 0 } else { self.ends[t - 1] as usize };
        start..self.ends[t] as usize
    }

    fn get(&self, t: usize) -> &str {
        &self.text[self.span(t)]
    }

    /// `get(t)` as bytes: no check of char boundaries, for comparing.
    fn bytes(&self, t: usize) -> &[u8] {
        &self.text.as_bytes()[self.span(t)]
    }

    fn push(&mut self, token: &str) -> u32 {
        self.text.push_str(token);
        self.ends.push(self.text.len() as u32);
        self.ends.len() as u32 - 1
    }

    /// The first token, in sorted order, not below `key` by `below`.
    fn first_not(&self, below: impl Fn(&str) -> bool) -> usize {
        let (mut low, mut high) = (0, self.len());
        while low < high {
            let mid = low + (high - low) / 2;
            if below(self.get(mid)) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        low
    }
}

/// The tokens met so far, by text: an open-addressing table of token numbers
/// into the vocabulary (no key stored twice). It doubles a few slots at a
/// time: the table being left (`old`) is moved into the new one while
/// tokens are interned, and a token is looked for in both until it is
/// empty. Moving it all at once held the page 1.1 s (2.1 s natively) at 8
/// million tokens.
#[derive(Default)]
struct Interner {
    vocabulary: Vocabulary,
    /// Token number + 1 per slot, 0 for an empty one; a power of two long.
    slots: Vec<u32>,
    /// The table before the last doubling, while it is moved (its slots
    /// below `moved` are in `slots` too; none are emptied, so its probe
    /// chains stay whole).
    old: Vec<u32>,
    moved: usize,
    hasher: std::collections::hash_map::RandomState,
}

/// Slots of the old table moved per token interned: the new table is twice
/// as long and at most a quarter full when it begins, so the move is over
/// long before it is half full.
const MOVED_A_TOKEN: usize = 4;

impl Interner {
    /// The number of `token`, and whether it is new.
    fn intern(&mut self, token: &str) -> (u32, bool) {
        self.move_old(MOVED_A_TOKEN);
        // At most half full: a new token (most of them, in a large
        // vocabulary) probes until an empty slot.
        if (self.vocabulary.len() + 1) * 2 > self.slots.len() {
            self.move_old(usize::MAX);
            let size = (self.slots.len() * 2).max(64);
            self.old = std::mem::replace(&mut self.slots, vec![0u32; size]);
            self.moved = 0;
        }
        let hash = self.hasher.hash_one(token) as usize;
        let empty = match Self::find(&self.slots, &self.vocabulary, hash, token) {
            Ok(t) => return (t, false),
            Err(empty) => empty,
        };
        if !self.old.is_empty() {
            if let Ok(t) = Self::find(&self.old, &self.vocabulary, hash, token) {
                return (t, false);
            }
        }
        let t = self.vocabulary.push(token);
        self.slots[empty] = t + 1;
        (t, true)
    }

    /// `token`'s number in `slots`, or the empty slot where it would go.
    fn find(
        slots: &[u32],
        vocabulary: &Vocabulary,
        hash: usize,
        token: &str,
    ) -> Result<u32, usize> {
        let mask = slots.len() - 1;
        let mut at = hash & mask;
        loop {
            match slots[at] {
                0 => return Err(at),
                s if vocabulary.bytes(s as usize - 1) == token.as_bytes() => return Ok(s - 1),
                _ => at = (at + 1) & mask,
            }
        }
    }

    /// Moves up to `count` slots of the old table into the new one.
    fn move_old(&mut self, count: usize) {
        if self.old.is_empty() {
            return;
        }
        let end = self.old.len().min(self.moved.saturating_add(count));
        let mask = self.slots.len() - 1;
        for i in self.moved..end {
            let s = self.old[i];
            if s != 0 {
                let mut at =
                    self.hasher.hash_one(self.vocabulary.get(s as usize - 1)) as usize & mask;
                while self.slots[at] != 0 {
                    at = (at + 1) & mask;
                }
                self.slots[at] = s;
            }
        }
        self.moved = end;
        if self.moved == self.old.len() {
            self.old = Vec::new();
            self.moved = 0;
        }
    }
}

#[derive(Debug, Default)]
pub struct SearchIndex {
    /// Distinct folded tokens, sorted.
    tokens: Vocabulary,
    /// `postings[starts[t]..starts[t + 1]]`: positions holding token `t`, ascending
    /// (an empty run for a token in `dense`).
    starts: Vec<u32>,
    postings: Vec<u32>,
    /// The tokens held by more than one position in 32 (and more than 8), ascending, and the
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
    interner: Interner,
    /// The positions holding each token number so far.
    held: Vec<Held>,
    /// The lists of the tokens held by three positions or more, until dense.
    lists: Vec<Vec<u32>>,
    /// The bitsets of the tokens held by enough positions ([`is_dense`]).
    bits: Vec<Bits>,
    /// How many positions there will be, when known: a list turns into a
    /// bitset as soon as it would be the larger, so the build never holds
    /// the long lists.
    expected: usize,
    scratch: Vec<u32>,
    len: usize,
    /// Words read so far, repeats included: how much work was done.
    read: usize,
    /// The vocabulary being put in order and the index written
    /// ([`SearchBuilder::prepare`]).
    sorting: Option<Sorting>,
}

/// The vocabulary put in order a bucket at a time: its tokens by their
/// first two bytes (a counting sort, itself a few thousand tokens at a
/// time: at once it held the page 0.35 s on a file of 15 million distinct
/// words), then each bucket sorted alone.
struct Sorting {
    /// Tokens whose head is read and bucket counted, then tokens placed in
    /// `order`: counted apart from `heads`, which goes once the buckets
    /// are sorted.
    headed: usize,
    placed: usize,
    /// Token numbers by bucket; in order within the buckets sorted so far.
    order: Vec<usize>,
    /// Each token's first 8 bytes as a number (zero-padded, which orders
    /// as the text does): the text itself is compared only where these are
    /// equal (the string comparisons were most of sorting a large
    /// vocabulary).
    heads: Vec<u64>,
    /// How many tokens each bucket holds, then where the next token of
    /// each goes in `order` while they are placed, then where each ends.
    ends: Vec<usize>,
    /// The next bucket to sort.
    next: usize,
    /// Then, in that order: the tokens counted so far, and how many
    /// positions those keep in lists (so `postings` is made once, its size).
    counted: usize,
    kept: usize,
    /// Then the index written so far, a token at a time.
    written: Option<Written>,
}

/// What [`SearchBuilder::finish`] gives, while it is written.
#[derive(Default)]
struct Written {
    tokens: Vocabulary,
    starts: Vec<u32>,
    postings: Vec<u32>,
    dense: Vec<u32>,
    dense_bits: Vec<Bits>,
}

/// Tokens counted or written between two questions whether to go on.
const TOKENS_A_SLICE: usize = 4096;

/// A token's first 8 bytes as a number, zero-padded.
fn head(token: &[u8]) -> u64 {
    let mut head = [0u8; 8];
    let n = token.len().min(8);
    head[..n].copy_from_slice(&token[..n]);
    u64::from_be_bytes(head)
}

/// The positions holding one token while the index is built: most tokens of
/// a large vocabulary are held by one or two positions, kept here without a
/// list (a `Vec` each for those held twice took 2.1 GB for a valid 153 MB
/// file; lists in one shared array kept 25 MB of dead room at 100,000
/// events, where a `Vec` is freed when it becomes a bitset).
#[derive(Clone, Copy)]
enum Held {
    /// Met in a piece no position has been given yet.
    Zero,
    One(u32),
    Two(u32, u32),
    /// `lists[i]`, ascending.
    List(u32),
    /// `bits[i]`.
    Bits(u32),
}

impl SearchBuilder {
    /// Appends the numbers of `text`'s tokens to `into` (unsorted, may repeat).
    fn tokenize_into(&mut self, text: &str, into: &mut Vec<u32>) {
        let before = into.len();
        let (interner, held) = (&mut self.interner, &mut self.held);
        for_each_token(text, |token| {
            let (id, new) = interner.intern(token);
            if new {
                held.push(Held::Zero);
            }
            into.push(id);
        });
        self.read += into.len() - before;
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

    /// Gives the tokens `ids` to the position being built (each once:
    /// positions come in order, so a list's last is the newest).
    fn give(&mut self, ids: &[u32]) {
        let p = self.len as u32;
        let at = p as usize;
        for &id in ids {
            let held = &mut self.held[id as usize];
            match *held {
                Held::Zero => *held = Held::One(p),
                Held::One(q) if q == p => {}
                Held::One(q) => *held = Held::Two(q, p),
                Held::Two(_, r) if r == p => {}
                Held::Two(q, r) => {
                    *held = Held::List(self.lists.len() as u32);
                    self.lists.push(vec![q, r, p]);
                }
                Held::List(i) => {
                    let list = &mut self.lists[i as usize];
                    if list.last() == Some(&p) {
                        continue;
                    }
                    list.push(p);
                }
                Held::Bits(i) => {
                    let bits = &mut self.bits[i as usize];
                    if at < bits.len() {
                        bits.set(at);
                    } else {
                        // More positions than expected: back to a list.
                        let mut list: Vec<u32> = bits.ones().map(|p| p as u32).collect();
                        list.push(p);
                        *bits = Bits::empty(0);
                        *held = Held::List(self.lists.len() as u32);
                        self.lists.push(list);
                    }
                    continue;
                }
            }
            // The list is ascending: all of it fits when its last does.
            if let Held::List(i) = *held {
                let list = &mut self.lists[i as usize];
                if at < self.expected && is_dense(list.len(), self.expected) {
                    let mut bits = Bits::empty(self.expected);
                    list.iter().for_each(|&p| bits.set(p as usize));
                    *list = Vec::new();
                    *held = Held::Bits(self.bits.len() as u32);
                    self.bits.push(bits);
                }
            }
        }
    }

    /// Words read so far, repeats included (for slicing the work).
    pub fn read(&self) -> usize {
        self.read
    }

    /// Distinct tokens met so far.
    #[cfg(test)]
    pub(super) fn vocabulary_so_far(&self) -> usize {
        self.interner.vocabulary.len()
    }

    /// Does what [`finish`](Self::finish) must while `more()` says so, asked
    /// every few thousand tokens: the vocabulary put in order, a bucket of
    /// the tokens that begin with the same two bytes at a time, then the
    /// index written in that order. At once, the 15 million distinct words
    /// of a valid 149 MB file held the page 16 s after its first results.
    /// True once done. No token may be added once it has begun.
    pub fn prepare(&mut self, more: &mut dyn FnMut() -> bool) -> bool {
        if self.sorting.is_none() {
            // No token is looked up by its text again.
            self.interner.slots = Vec::new();
            self.interner.old = Vec::new();
            self.sorting = Some(Sorting::new(self.interner.vocabulary.len()));
        }
        let SearchBuilder {
            interner,
            held,
            lists,
            bits,
            len,
            sorting,
            ..
        } = self;
        let (Some(s), vocabulary, len) = (sorting.as_mut(), &interner.vocabulary, *len) else {
            return true;
        };
        let n = s.order.len();
        if !s.bucket(vocabulary, more) {
            return false;
        }
        while s.next < s.ends.len() {
            let b = s.next;
            let start = if b == 0 { 0 } else { s.ends[b - 1] };
            let bucket = &mut s.order[start..s.ends[b]];
            s.next += 1;
            if bucket.len() < 2 {
                continue;
            }
            let heads = &s.heads;
            super::sort_positions(bucket, &|a, b| {
                heads[a]
                    .cmp(&heads[b])
                    .then_with(|| vocabulary.bytes(a).cmp(vocabulary.bytes(b)))
            });
            if !more() {
                return false;
            }
        }
        s.heads = Vec::new();
        while s.counted < n {
            let end = (s.counted + TOKENS_A_SLICE).min(n);
            while s.counted < end {
                let c = count(held[s.order[s.counted]], lists, bits);
                if !is_dense(c, len) {
                    s.kept += c;
                }
                s.counted += 1;
            }
            if !more() {
                return false;
            }
        }
        let kept = s.kept;
        let w = s.written.get_or_insert_with(|| Written {
            tokens: Vocabulary {
                text: String::with_capacity(vocabulary.text.len()),
                ends: Vec::with_capacity(n),
            },
            starts: Vec::with_capacity(n + 1),
            postings: Vec::with_capacity(kept),
            ..Written::default()
        });
        while w.tokens.len() < n {
            let end = (w.tokens.len() + TOKENS_A_SLICE).min(n);
            for sorted in w.tokens.len()..end {
                let t = s.order[sorted];
                w.starts.push(w.postings.len() as u32);
                let held = held[t];
                if !is_dense(count(held, lists, bits), len) {
                    each_position(held, lists, bits, &mut |p| w.postings.push(p));
                } else {
                    w.dense.push(sorted as u32);
                    w.dense_bits.push(match held {
                        Held::Bits(i) if bits[i as usize].len() == len => {
                            std::mem::replace(&mut bits[i as usize], Bits::empty(0))
                        }
                        _ => {
                            let mut all = Bits::empty(len);
                            each_position(held, lists, bits, &mut |p| all.set(p as usize));
                            all
                        }
                    });
                }
                w.tokens.push(vocabulary.get(t));
            }
            if !more() {
                return w.tokens.len() == n;
            }
        }
        true
    }

    pub fn finish(mut self) -> SearchIndex {
        self.prepare(&mut || true);
        let len = self.len;
        let Written {
            tokens,
            mut starts,
            postings,
            dense,
            dense_bits,
        } = self.sorting.and_then(|s| s.written).unwrap_or_default();
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
        let mut firsts: Vec<char> = Vec::new();
        for t in 0..index.tokens.len() {
            let first = index.tokens.get(t).chars().next();
            if first.is_some() && first != firsts.last().copied() {
                firsts.extend(first);
            }
        }
        index.initials = firsts
            .into_iter()
            .map(|c| (c, index.prefix_in_postings(c.encode_utf8(&mut [0; 4]))))
            .collect();
        index
    }
}

impl Sorting {
    fn new(tokens: usize) -> Sorting {
        Sorting {
            headed: 0,
            placed: 0,
            order: vec![0; tokens],
            heads: Vec::with_capacity(tokens),
            ends: vec![0; 1 << 16],
            next: 0,
            counted: 0,
            kept: 0,
            written: None,
        }
    }

    /// Puts the tokens in buckets by their first two bytes (a counting
    /// sort), [`TOKENS_A_SLICE`] tokens between the calls to `more`; true
    /// once every token is in its bucket.
    fn bucket(&mut self, vocabulary: &Vocabulary, more: &mut dyn FnMut() -> bool) -> bool {
        let n = self.order.len();
        let bucket = |head: u64| (head >> 48) as usize;
        while self.headed < n {
            let end = (self.headed + TOKENS_A_SLICE).min(n);
            for t in self.headed..end {
                let h = head(vocabulary.bytes(t));
                self.heads.push(h);
                self.ends[bucket(h)] += 1;
            }
            self.headed = end;
            if end == n {
                // Counts become where each bucket's first token goes.
                let mut start = 0;
                for at in self.ends.iter_mut() {
                    (*at, start) = (start, start + *at);
                }
            }
            if !more() {
                return false;
            }
        }
        while self.placed < n {
            let end = (self.placed + TOKENS_A_SLICE).min(n);
            for t in self.placed..end {
                let at = &mut self.ends[bucket(self.heads[t])];
                self.order[*at] = t;
                *at += 1;
            }
            self.placed = end;
            if !more() {
                return false;
            }
        }
        // Each bucket's next place is now where it ends.
        true
    }
}

/// How many positions hold a token.
fn count(held: Held, lists: &[Vec<u32>], bits: &[Bits]) -> usize {
    match held {
        Held::Zero => 0,
        Held::One(_) => 1,
        Held::Two(..) => 2,
        Held::List(i) => lists[i as usize].len(),
        Held::Bits(i) => bits[i as usize].count(),
    }
}

/// Calls `each` with the positions `held` names, ascending.
fn each_position(held: Held, lists: &[Vec<u32>], bits: &[Bits], each: &mut dyn FnMut(u32)) {
    match held {
        Held::Zero => {}
        Held::One(q) => each(q),
        Held::Two(q, r) => {
            each(q);
            each(r);
        }
        Held::List(i) => lists[i as usize].iter().for_each(|&p| each(p)),
        Held::Bits(i) => bits[i as usize].ones().for_each(|p| each(p as u32)),
    }
}

/// Whether `count` positions of `len` are kept as a bitset: a list of
/// `u32`s would be the larger, counting the bitset's own allocation (about
/// 8 positions' worth). Without it every token of a dataset of fewer than
/// 32 events was a bitset: 3 GB for a valid 154 MB file of distinct words.
fn is_dense(count: usize, len: usize) -> bool {
    count > len / 32 + 8
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
        let first = self.tokens.first_not(|t| t < prefix);
        let end = self
            .tokens
            .first_not(|t| t < prefix || t.starts_with(prefix));
        for t in first..end {
            self.add_token(t, &mut bits);
        }
        bits
    }

    /// Positions whose text holds every word of `name` (already folded) as a
    /// whole token; none for a name of no word.
    pub fn name(&self, name: &str) -> Bits {
        if name.split(' ').all(str::is_empty) {
            return Bits::empty(self.len);
        }
        let mut all = Bits::full(self.len);
        for word in name.split(' ').filter(|w| !w.is_empty()) {
            // A word no text holds: no position holds the name.
            let t = self.tokens.first_not(|t| t < word);
            if t == self.tokens.len() || self.tokens.get(t) != word {
                return Bits::empty(self.len);
            }
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
        assert_same_index(&built, &joined, &"");
        for word in ["u", "usakov", "track", "1", "fake", "zz"] {
            assert_eq!(
                ones(&built.prefix(word)),
                ones(&joined.prefix(word)),
                "{word}"
            );
        }
    }

    /// Two indexes hold the same tokens, positions and bitsets.
    fn assert_same_index(built: &SearchIndex, other: &SearchIndex, case: &dyn std::fmt::Display) {
        assert_eq!(built.tokens, other.tokens, "{case}");
        assert_eq!(built.starts, other.starts, "{case}");
        assert_eq!(built.postings, other.postings, "{case}");
        assert_eq!(built.dense, other.dense, "{case}");
        assert_eq!(built.dense_bits, other.dense_bits, "{case}");
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

    /// A builder told to expect `expected` positions, given one per text.
    fn fed(texts: &[String], expected: usize) -> SearchBuilder {
        let mut builder = SearchBuilder::for_positions(expected);
        for text in texts {
            builder.position(&[text], []);
        }
        builder
    }

    #[test]
    fn the_expected_count_changes_how_it_is_built_not_what_it_holds() {
        let texts = mixed(700);
        let at_the_end = SearchIndex::new(texts.iter().map(String::as_str));
        for expected in [0, 1, 100, 699, 700, 701, 5000] {
            let built = fed(&texts, expected).finish();
            assert_same_index(&built, &at_the_end, &expected);
        }
    }

    #[test]
    fn a_token_keeps_its_number_while_the_table_doubles_a_few_slots_at_a_time() {
        let mut interner = Interner::default();
        let word = |i: usize| format!("w{}", i.wrapping_mul(2_654_435_761) % 1_000_003);
        for i in 0..20_000 {
            assert_eq!(interner.intern(&word(i)), (i as u32, true), "{i}");
            // Every earlier one is found, wherever the move stands.
            if i % 997 == 0 {
                for j in 0..=i {
                    assert_eq!(
                        interner.intern(&word(j)),
                        (j as u32, false),
                        "{j} after {i}"
                    );
                }
            }
        }
        for j in (0..20_000).rev() {
            assert_eq!(interner.intern(&word(j)), (j as u32, false));
        }
        assert_eq!(interner.vocabulary.len(), 20_000);
    }

    #[test]
    fn sorting_a_bucket_at_a_time_builds_the_same_index() {
        // Tokens that share their first two bytes, their first 8, or none.
        let mut texts = mixed(700);
        texts.extend((0..700).map(|p| format!("abcdefgh{p} ab{} zz{} ü{p} é", p % 13, p % 7)));
        let at_once = SearchIndex::new(texts.iter().map(String::as_str));
        let mut builder = fed(&texts, texts.len());
        let mut slices = 1;
        while !builder.prepare(&mut || false) {
            slices += 1;
        }
        assert!(slices > 10, "sorted in {slices} slices");
        let built = builder.finish();
        assert_same_index(&built, &at_once, &"");
        let all: Vec<&str> = (0..built.tokens.len())
            .map(|t| built.tokens.get(t))
            .collect();
        assert!(all.windows(2).all(|w| w[0] < w[1]), "sorted, each once");
    }

    #[test]
    fn a_vocabulary_is_put_in_buckets_a_slice_at_a_time() {
        // More distinct tokens than three slices hold: the counting sort
        // itself is split, and the index is the one built at once.
        let texts: Vec<String> = (0..3 * TOKENS_A_SLICE)
            .map(|p| format!("w{p:x} q{}", p % 97))
            .collect();
        let at_once = SearchIndex::new(texts.iter().map(String::as_str));
        let mut builder = fed(&texts, texts.len());
        // Slices that end before the first bucket is sorted.
        let mut bucketing = 0;
        while !builder.prepare(&mut || false) {
            if builder.sorting.as_ref().is_some_and(|s| s.next == 0) {
                bucketing += 1;
            }
        }
        assert!(bucketing >= 6, "put in buckets in {bucketing} slices");
        assert_same_index(&builder.finish(), &at_once, &"");
    }

    #[test]
    fn a_large_vocabulary_sorts_and_finds_every_token() {
        // Tokens that share their first 8 bytes, tokens shorter than 8 and
        // non-ASCII ones, in enough numbers to grow the table many times.
        let texts: Vec<String> = (0..3000)
            .map(|p| {
                let n = (p * 7919) % 3000;
                format!("abcdefgh{n} abcdefg{} ü{} x {}", n % 10, n % 37, n)
            })
            .collect();
        let index = SearchIndex::new(texts.iter().map(String::as_str));
        let all: Vec<&str> = (0..index.tokens.len())
            .map(|t| index.tokens.get(t))
            .collect();
        let mut sorted = all.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(all, sorted, "sorted, each once");
        assert_eq!(index.vocabulary(), 3000 + 10 + 37 + 1 + 3000);
        for word in [
            "abcdefgh",
            "abcdefgh1",
            "abcdefgh2999",
            "abcdefg",
            "abcdefg3",
            "u1",
            "u36",
            "x",
            "29",
            "y",
        ] {
            let scan: Vec<usize> = (0..texts.len())
                .filter(|&p| {
                    crate::query::fold::fold(&texts[p])
                        .split(' ')
                        .any(|t| t.starts_with(word))
                })
                .collect();
            assert_eq!(ones(&index.prefix(word)), scan, "{word}");
            let whole: Vec<usize> = (0..texts.len())
                .filter(|&p| {
                    crate::query::fold::fold(&texts[p])
                        .split(' ')
                        .any(|t| t == word)
                })
                .collect();
            assert_eq!(ones(&index.name(word)), whole, "{word}");
        }
    }

    #[test]
    fn an_empty_index_matches_nothing() {
        let index = SearchIndex::new(std::iter::empty::<&str>());
        assert!(index.prefix("a").is_empty());
        assert_eq!(index.name("a").count(), 0);
    }

    #[test]
    fn a_name_of_no_word_matches_nothing() {
        let index = SearchIndex::new(["yuri", "ushakov"]);
        for name in ["", " ", "  "] {
            assert_eq!(index.name(name).count(), 0, "{name:?}");
        }
    }

    #[test]
    fn a_few_positions_keep_lists_not_a_bitset_per_token() {
        // Every token of a dataset of fewer than 32 events was a bitset.
        let one = SearchIndex::new(["a b c d e"]);
        assert!(one.dense.is_empty());
        assert_eq!(one.postings.len(), 5);
        let texts: Vec<String> = (0..20).map(|p| format!("all w{p}")).collect();
        let few = SearchIndex::new(texts.iter().map(String::as_str));
        assert_eq!(few.dense.len(), 1, "only the word in all 20");
        assert_eq!(ones(&few.prefix("all")).len(), 20);
    }
}
