//! [`IdSet`]: the ids a reader picked (a filter's ticked options, the open
//! events), sorted and each once.

/// A set of ids in a sorted list. The sets are small (a few ticks, the events
/// open), "Expand all" adds every event at once (one sort), and a B-tree of
/// strings was about 10 KB of the page's wasm for the same operations.
#[derive(Clone, Default, PartialEq, Eq, Debug)]
pub struct IdSet(Vec<String>);

impl IdSet {
    pub fn new() -> Self {
        IdSet(Vec::new())
    }

    fn find(&self, id: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|x| x.as_str().cmp(id))
    }

    pub fn contains(&self, id: &str) -> bool {
        self.find(id).is_ok()
    }

    /// Adds `id`; false if it was there already.
    pub fn insert(&mut self, id: String) -> bool {
        match self.find(&id) {
            Ok(_) => false,
            Err(at) => {
                self.0.insert(at, id);
                true
            }
        }
    }

    /// Takes `id` out; false if it was not there.
    pub fn remove(&mut self, id: &str) -> bool {
        match self.find(id) {
            Ok(at) => {
                self.0.remove(at);
                true
            }
            Err(_) => false,
        }
    }

    pub fn iter(&self) -> std::slice::Iter<'_, String> {
        self.0.iter()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }

    /// The ids in `self` and not in `other`, in order.
    pub fn difference<'a>(&'a self, other: &'a IdSet) -> impl Iterator<Item = &'a String> + 'a {
        self.0.iter().filter(move |id| !other.contains(id))
    }
}

impl FromIterator<String> for IdSet {
    fn from_iter<I: IntoIterator<Item = String>>(ids: I) -> Self {
        IdSet(super::sorted_distinct(ids.into_iter().collect()))
    }
}

impl Extend<String> for IdSet {
    fn extend<I: IntoIterator<Item = String>>(&mut self, ids: I) {
        let mut all = std::mem::take(&mut self.0);
        all.extend(ids);
        self.0 = super::sorted_distinct(all);
    }
}

impl<const N: usize> From<[String; N]> for IdSet {
    fn from(ids: [String; N]) -> Self {
        ids.into_iter().collect()
    }
}

impl<'a> IntoIterator for &'a IdSet {
    type Item = &'a String;
    type IntoIter = std::slice::Iter<'a, String>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl IntoIterator for IdSet {
    type Item = String;
    type IntoIter = std::vec::IntoIter<String>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn behaves_as_a_btree_set_of_the_same_ids() {
        let (mut ours, mut theirs) = (IdSet::new(), BTreeSet::new());
        let mut x: u32 = 7;
        for step in 0..2_000 {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            let id = format!("e{}", x % 97);
            match step % 3 {
                0 | 1 => assert_eq!(ours.insert(id.clone()), theirs.insert(id)),
                _ => assert_eq!(ours.remove(&id), theirs.remove(&id)),
            }
            assert!(ours.iter().eq(theirs.iter()));
            assert_eq!(ours.len(), theirs.len());
        }
        let more: Vec<String> = (0..50).map(|i| format!("e{}", i * 3)).collect();
        ours.extend(more.clone());
        theirs.extend(more);
        assert!(ours.iter().eq(theirs.iter()));
        let other: IdSet = ["e3".to_string(), "e6".to_string()].into();
        let other_b: BTreeSet<String> = other.iter().cloned().collect();
        assert!(ours.difference(&other).eq(theirs.difference(&other_b)));
    }
}
