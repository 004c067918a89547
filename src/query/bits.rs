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

    /// How many bits are set here and in either of `a` and `b`: the count
    /// of `self & (a | b)`, in one pass and without allocating the union.
    pub fn count_and_either(&self, a: &Bits, b: &Bits) -> usize {
        self.words
            .iter()
            .zip(&a.words)
            .zip(&b.words)
            .map(|((s, a), b)| (s & (a | b)).count_ones() as usize)
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
        assert_eq!(full.count_and_either(&a, &b), 5, "0, 5, 63, 64, 129");
        assert_eq!(c.count_and_either(&a, &b), 2, "5 and 63");
        assert_eq!(c.count_and_either(&b, &b), 1, "5");
        b.or_with(&a);
        assert_eq!(b.count(), 5);
        assert_eq!(b.ones().collect::<Vec<_>>(), vec![0, 5, 63, 64, 129]);
    }
}
