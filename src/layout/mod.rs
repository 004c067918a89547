//! Picture maths for the timeline, the network and the printed chronology:
//! axes, folds, ticks, stacking, snapping, node placement and label fit.
//! Pure; the SVG lives in `ui::charts`.

pub mod chronology;
pub mod draw;
pub mod network;
pub mod timeline;
pub mod window;

/// Sorts `items` by `key`, ties kept in their order: one sort instantiation
/// for all the picture maths (each `sort_by` closure is a copy of the sort
/// in the wasm).
pub(crate) fn order_by(items: &mut [usize], key: impl Fn(usize) -> [u64; 3]) {
    let mut keyed: Vec<([u64; 3], usize, usize)> = items
        .iter()
        .enumerate()
        .map(|(at, &i)| (key(i), at, i))
        .collect();
    keyed.sort_unstable();
    for (slot, (_, _, i)) in items.iter_mut().zip(keyed) {
        *slot = i;
    }
}

/// An order-preserving `u64` for a float (for `order_by` keys).
pub(crate) fn float_key(x: f64) -> u64 {
    let bits = x.to_bits();
    if x.is_sign_negative() {
        !bits
    } else {
        bits | (1 << 63)
    }
}
