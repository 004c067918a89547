//! A list per position (the claims about each event, the stances made in
//! it, the events each stance was made in) held as one array of items and
//! one of where each list starts. As a `Vec` per list, 100,000 events cost
//! 360,000 small allocations, each with its own header and spare room.

use std::ops::Index;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lists<T> {
    /// `items[starts[i]..starts[i + 1]]` is list `i`.
    starts: Vec<u32>,
    items: Vec<T>,
}

impl<T> Default for Lists<T> {
    fn default() -> Self {
        Lists {
            starts: vec![0],
            items: Vec::new(),
        }
    }
}

impl<T: Copy> Lists<T> {
    /// Room for `lists` lists of `items` items in all.
    pub fn with_capacity(lists: usize, items: usize) -> Lists<T> {
        let mut starts = Vec::with_capacity(lists + 1);
        starts.push(0);
        Lists {
            starts,
            items: Vec::with_capacity(items),
        }
    }

    /// Appends the next list.
    pub fn push(&mut self, list: impl IntoIterator<Item = T>) {
        self.items.extend(list);
        self.starts.push(self.items.len() as u32);
    }

    /// `lists` lists from `(list, item)` pairs in any order of lists: each
    /// list holds its items in the order they are given.
    pub fn from_pairs(lists: usize, pairs: &[(u32, T)]) -> Lists<T> {
        let mut starts = vec![0u32; lists + 1];
        for &(list, _) in pairs {
            starts[list as usize + 1] += 1;
        }
        for i in 0..lists {
            starts[i + 1] += starts[i];
        }
        let mut next: Vec<u32> = starts[..lists].to_vec();
        // Every slot is written below; the first item only fills them first.
        let mut items = match pairs.first() {
            Some(&(_, first)) => vec![first; pairs.len()],
            None => Vec::new(),
        };
        for &(list, item) in pairs {
            let at = &mut next[list as usize];
            items[*at as usize] = item;
            *at += 1;
        }
        Lists { starts, items }
    }

    /// Each list sorted and without repeats.
    pub fn sort_and_dedup(&mut self)
    where
        T: Ord,
    {
        let mut kept = 0;
        for i in 0..self.len() {
            let (start, end) = (self.starts[i] as usize, self.starts[i + 1] as usize);
            self.items[start..end].sort_unstable();
            self.starts[i] = kept as u32;
            for at in start..end {
                if at == start || self.items[at] != self.items[at - 1] {
                    self.items[kept] = self.items[at];
                    kept += 1;
                }
            }
        }
        let lists = self.len();
        self.starts[lists] = kept as u32;
        self.items.truncate(kept);
        self.items.shrink_to_fit();
    }
}

impl<T> Lists<T> {
    pub fn len(&self) -> usize {
        self.starts.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The lists, in order.
    pub fn iter(&self) -> impl Iterator<Item = &[T]> + '_ {
        self.starts
            .windows(2)
            .map(|w| &self.items[w[0] as usize..w[1] as usize])
    }
}

impl<T> Index<usize> for Lists<T> {
    type Output = [T];

    fn index(&self, list: usize) -> &[T] {
        &self.items[self.starts[list] as usize..self.starts[list + 1] as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_pushed_in_order_read_back() {
        let mut lists = Lists::with_capacity(3, 4);
        lists.push([1, 2]);
        lists.push([]);
        lists.push([3, 4]);
        assert_eq!(lists.len(), 3);
        assert_eq!(
            (&lists[0], &lists[1], &lists[2]),
            (&[1, 2][..], &[][..], &[3, 4][..])
        );
        assert_eq!(
            lists.iter().map(<[i32]>::len).collect::<Vec<_>>(),
            vec![2, 0, 2]
        );
        assert!(Lists::<u8>::default().is_empty());
    }

    #[test]
    fn pairs_go_to_their_lists_in_the_order_given() {
        let pairs = [(2, 'a'), (0, 'b'), (2, 'c'), (0, 'd'), (3, 'e')];
        let lists = Lists::from_pairs(5, &pairs);
        let got: Vec<String> = lists.iter().map(|l| l.iter().collect()).collect();
        assert_eq!(got, vec!["bd", "", "ac", "e", ""]);
        assert_eq!(Lists::<u8>::from_pairs(2, &[]).iter().count(), 2);
    }

    #[test]
    fn sorting_and_dedup_keeps_each_list_apart() {
        let pairs = [
            (0, 3),
            (1, 3),
            (0, 1),
            (0, 3),
            (2, 9),
            (2, 9),
            (0, 2),
            (1, 0),
        ];
        let mut lists = Lists::from_pairs(4, &pairs);
        lists.sort_and_dedup();
        let got: Vec<Vec<i32>> = lists.iter().map(<[i32]>::to_vec).collect();
        assert_eq!(got, vec![vec![1, 2, 3], vec![0, 3], vec![9], vec![]]);
    }
}
