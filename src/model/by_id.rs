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
    /// Open addressing with linear probing, at most half full: each slot
    /// holds an id's address, length and position (`EMPTY` if none), so a
    /// look-up reads one slot, mostly one cache line. A general hash map
    /// read its control bytes, then its bucket, then the id for its length:
    /// three cache misses per reference at 100,000 events, where the table
    /// is far larger than the cache.
    slots: Vec<Slot>,
    /// 64 minus the table's bits: a hash's top bits pick the slot.
    shift: u32,
    by_text: OnceCell<HashMap<&'a str, usize>>,
}

#[derive(Clone, Copy)]
struct Slot {
    address: usize,
    len: u32,
    at: u32,
}

const EMPTY: u32 = u32::MAX;

impl<'a> ById<'a> {
    /// The ids in collection order. An id given twice (which a dataset is
    /// refused for) finds, by address, its own entry; by text, the first.
    /// (A list, not an iterator: one copy of this in the wasm, not one
    /// per caller.)
    pub fn new(ids: Vec<&'a str>) -> ById<'a> {
        let bits = (ids.len().max(1) * 2).next_power_of_two().trailing_zeros();
        let empty = Slot {
            address: 0,
            len: 0,
            at: EMPTY,
        };
        let mut by_id = ById {
            slots: vec![empty; 1 << bits],
            shift: 64 - bits,
            ids,
            by_text: OnceCell::new(),
        };
        for (i, id) in by_id.ids.iter().enumerate() {
            // A position or length past u32 is found by text instead (no
            // dataset the page reads comes near: it is refused far sooner).
            let (Ok(at), Ok(len)) = (u32::try_from(i), u32::try_from(id.len())) else {
                continue;
            };
            let address = id.as_ptr() as usize;
            // The same text again keeps its first place.
            if let Err(s) = by_id.probe(address, id.len()) {
                by_id.slots[s] = Slot { address, len, at };
            }
        }
        by_id
    }

    /// The position held for this address and length, or the empty slot
    /// where it would go. (The table is never full, so an empty one comes.)
    fn probe(&self, address: usize, len: usize) -> Result<usize, usize> {
        let mut s = self.slot_of(address);
        loop {
            let slot = self.slots[s];
            if slot.at == EMPTY {
                return Err(s);
            }
            // The same address and length is the same text.
            if slot.address == address && slot.len as usize == len {
                return Ok(slot.at as usize);
            }
            s = (s + 1) & (self.slots.len() - 1);
        }
    }

    /// Where probing for `address` begins (Fibonacci hashing: one
    /// multiplication, whose top bits mix every bit of the address).
    fn slot_of(&self, address: usize) -> usize {
        ((address as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    /// The position of the entry `id` names. (One copy in the wasm, not
    /// one per caller.)
    #[inline(never)]
    pub fn get(&self, id: &str) -> Option<usize> {
        if let Ok(at) = self.probe(id.as_ptr() as usize, id.len()) {
            return Some(at);
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

    #[test]
    fn finds_every_one_of_many_by_address_with_collisions_probed() {
        // Enough ids for long probe runs, some of them repeated texts.
        let ids: Vec<Ref> = (0..20_000)
            .map(|i| Ref::from(format!("e{}", i % 15_000)))
            .collect();
        let by_id = ById::new(ids.iter().map(|r| &**r).collect());
        for (i, id) in ids.iter().enumerate() {
            assert_eq!(by_id.get(id), Some(i), "by address: {id}");
            assert_eq!(by_id.get(&id[..1]), None, "a slice of {id}");
        }
        // By text, a repeated id keeps its first place.
        assert_eq!(by_id.get(&String::from("e17000")), None);
        assert_eq!(by_id.get(&String::from("e14999")), Some(14_999));
        assert_eq!(by_id.get(&String::from("e5")), Some(5));
        let none = ById::new(Vec::new());
        assert_eq!(none.get("e1"), None);
    }
}
