//! A fixed-size bitset over events (in chronological order), for facet
//! membership and filter masks: AND/OR and counting are word operations.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bits {
    words: Vec<u64>,
    len: usize,
}

impl Bits {
    pub fn empty(len: usize) -> Bits {
        Bits {
            words: vec![0; len.div_ceil(64)],
            len,
        }
    }

    pub fn full(len: usize) -> Bits {
        let mut bits = Bits {
            words: vec![u64::MAX; len.div_ceil(64)],
            len,
        };
        bits.trim();
        bits
    }

    fn trim(&mut self) {
        if !self.len.is_multiple_of(64) {
            if let Some(last) = self.words.last_mut() {
                *last &= (1u64 << (self.len % 64)) - 1;
            }
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn contains(&self, i: usize) -> bool {
        self.words[i / 64] & 1 << (i % 64) != 0
    }

    pub fn set(&mut self, i: usize) {
        self.words[i / 64] |= 1 << (i % 64);
    }

    pub fn and_with(&mut self, other: &Bits) {
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a &= b;
        }
    }

    pub fn or_with(&mut self, other: &Bits) {
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a |= b;
        }
    }

    pub fn count(&self) -> usize {
        self.words.iter().map(|w| w.count_ones() as usize).sum()
    }

    /// How many bits are set in both, without allocating.
    pub fn count_and(&self, other: &Bits) -> usize {
        self.words
            .iter()
            .zip(&other.words)
            .map(|(a, b)| (a & b).count_ones() as usize)
            .sum()
    }

    /// Set positions, ascending.
    pub fn ones(&self) -> impl Iterator<Item = usize> + '_ {
        self.words.iter().enumerate().flat_map(|(w, &word)| {
            let mut rest = word;
            std::iter::from_fn(move || {
                (rest != 0).then(|| {
                    let bit = rest.trailing_zeros() as usize;
                    rest &= rest - 1;
                    w * 64 + bit
                })
            })
        })
    }
}

/// The events of one filter option: their positions when few (4 bytes
/// each), a bitset when many (1 bit per event of the dataset). As bitsets,
/// 200,000 actors each in a few of 100,000 events took 2.5 GB; as lists
/// they take what their events do, and counting them costs as much.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Members {
    Few(Box<[u32]>),
    Many(Bits),
}

impl Members {
    /// From ascending positions out of `len`.
    pub fn of_positions(positions: &[usize], len: usize) -> Members {
        // Counting a list costs a look-up per member, a bitset a word per 64
        // events: lists while they are the cheaper (and at most half the size).
        if positions.len() * 64 < len {
            return Members::Few(positions.iter().map(|&p| p as u32).collect());
        }
        let mut bits = Bits::empty(len);
        for &p in positions {
            bits.set(p);
        }
        Members::Many(bits)
    }

    pub fn count(&self) -> usize {
        match self {
            Members::Few(positions) => positions.len(),
            Members::Many(bits) => bits.count(),
        }
    }

    /// Adds these events to `mask`.
    pub fn add_to(&self, mask: &mut Bits) {
        match self {
            Members::Few(positions) => positions.iter().for_each(|&p| mask.set(p as usize)),
            Members::Many(bits) => mask.or_with(bits),
        }
    }

    /// How many of these events are in `context`.
    pub fn count_in(&self, context: &Bits) -> usize {
        match self {
            Members::Few(positions) => positions
                .iter()
                .filter(|&&p| context.contains(p as usize))
                .count(),
            Members::Many(bits) => context.count_and(bits),
        }
    }

    /// How many of these events are in `context` but not in `mask`.
    pub fn count_in_outside(&self, context: &Bits, mask: &Bits) -> usize {
        match self {
            Members::Few(positions) => positions
                .iter()
                .filter(|&&p| context.contains(p as usize) && !mask.contains(p as usize))
                .count(),
            Members::Many(bits) => context
                .words
                .iter()
                .zip(&bits.words)
                .zip(&mask.words)
                .map(|((c, b), m)| (c & b & !m).count_ones() as usize)
                .sum(),
        }
    }

    /// The positions, ascending.
    pub fn positions(&self) -> impl Iterator<Item = usize> + '_ {
        let (few, many) = match self {
            Members::Few(positions) => (&positions[..], None),
            Members::Many(bits) => (&[][..], Some(bits)),
        };
        let few = few.iter().map(|&p| p as usize);
        few.chain(many.into_iter().flat_map(Bits::ones))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_operations_and_counts() {
        let mut a = Bits::empty(130);
        for i in [0, 63, 64, 129] {
            a.set(i);
        }
        let full = Bits::full(130);
        assert_eq!(full.count(), 130);
        assert_eq!(a.count_and(&full), 4);
        assert_eq!(a.ones().collect::<Vec<_>>(), vec![0, 63, 64, 129]);
        let mut b = Bits::empty(130);
        b.set(64);
        b.set(5);
        let mut both = a.clone();
        both.and_with(&b);
        assert_eq!(both.ones().collect::<Vec<_>>(), vec![64]);
        let mut c = Bits::empty(130);
        c.set(5);
        c.set(63);
        assert!(c.contains(5) && c.contains(63) && !c.contains(64));
        b.or_with(&a);
        assert_eq!(b.count(), 5);
        assert_eq!(b.ones().collect::<Vec<_>>(), vec![0, 5, 63, 64, 129]);
    }

    /// Few and many answer alike, whichever form a set takes.
    #[test]
    fn members_count_as_their_bitset_does() {
        let len = 300;
        let bits = |ps: &[usize]| {
            let mut b = Bits::empty(len);
            ps.iter().for_each(|&p| b.set(p));
            b
        };
        let context = bits(&(0..len).filter(|p| p % 3 != 0).collect::<Vec<_>>());
        let mask = bits(&(0..len).filter(|p| p % 5 == 0).collect::<Vec<_>>());
        for members in [
            vec![1, 5, 9, 299],
            (0..len).filter(|p| p % 2 == 0).collect(),
        ] {
            let as_bits = bits(&members);
            let positions: Vec<u32> = members.iter().map(|&p| p as u32).collect();
            let forms = [
                Members::of_positions(&members, len),
                Members::Few(positions.clone().into()),
                Members::Many(as_bits.clone()),
            ];
            assert!(matches!(forms[0], Members::Few(_)) == (members.len() < 10));
            for m in &forms {
                assert_eq!(m.count(), members.len());
                assert_eq!(m.positions().collect::<Vec<_>>(), members);
                assert_eq!(m.count_in(&context), context.count_and(&as_bits));
                let mut either = mask.clone();
                either.or_with(&as_bits);
                assert_eq!(
                    m.count_in_outside(&context, &mask) + context.count_and(&mask),
                    context.count_and(&either)
                );
                let mut added = mask.clone();
                m.add_to(&mut added);
                let mut or = mask.clone();
                or.or_with(&as_bits);
                assert_eq!(added, or);
            }
        }
    }
}
