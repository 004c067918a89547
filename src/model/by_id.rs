//! Entries of a collection found by id, without reading the id's text.

use std::cell::OnceCell;
use std::collections::HashMap;

/// The positions of a collection's entries, by id. A reference read from a
/// dataset is the very `Ref` its entry's id is (one copy per id: see
/// [`Ref`](super::Ref)), so it is found by the address of its text: a
/// number hashed, no text read (hashing and comparing the text of every
/// reference was a third of the status rules' time at 100,000 events).
/// A reference that is only equal to an id (a dataset built by hand, an id
/// from elsewhere) is found by its text, from a map made the first time
/// one is asked for.
pub struct ById<'a> {
    ids: Vec<&'a str>,
    at: HashMap<usize, usize>,
    by_text: OnceCell<HashMap<&'a str, usize>>,
}

impl<'a> ById<'a> {
    /// The ids in collection order. An id given twice (which a dataset is
    /// refused for) finds, by address, its own entry; by text, the first.
    /// (A list, not an iterator: one copy of this in the wasm, not one
    /// per caller.)
    pub fn new(ids: Vec<&'a str>) -> ById<'a> {
        let at = ids
            .iter()
            .enumerate()
            .rev()
            .map(|(i, id)| (id.as_ptr() as usize, i))
            .collect();
        ById {
            ids,
            at,
            by_text: OnceCell::new(),
        }
    }

    /// The position of the entry `id` names. (One copy in the wasm, not
    /// one per caller.)
    #[inline(never)]
    pub fn get(&self, id: &str) -> Option<usize> {
        // The same address and length is the same text.
        if let Some(&i) = self.at.get(&(id.as_ptr() as usize)) {
            if self.ids[i].len() == id.len() {
                return Some(i);
            }
        }
        // In reverse, so that an id given twice keeps its first place.
        let by_text = self.by_text.get_or_init(|| {
            self.ids
                .iter()
                .enumerate()
                .rev()
                .map(|(i, &id)| (id, i))
                .collect()
        });
        by_text.get(id).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Ref;

    #[test]
    fn finds_a_shared_id_by_address_and_a_copy_by_its_text() {
        let ids: Vec<Ref> = ["a", "bb", "a", "c"].map(Ref::from).to_vec();
        let by_id = ById::new(ids.iter().map(|r| &**r).collect());
        assert_eq!(by_id.get(&ids[1]), Some(1));
        // A second entry of one id: the first place, by address or by text.
        assert_eq!(by_id.get(&ids[2]), Some(2));
        assert_eq!(by_id.get("a"), Some(0));
        assert_eq!(by_id.get(&String::from("c")), Some(3));
        assert_eq!(by_id.get("d"), None);
        // A slice that begins where an id does is not that id.
        assert_eq!(by_id.get(&ids[1][..1]), None);
        assert_eq!(by_id.get(&ids[1][..0]), None);
    }
}
