//! Picture maths for the timeline, the network and the printed chronology:
//! axes, folds, ticks, stacking, snapping, node placement and label fit.
//! Pure; the SVG lives in `ui::charts`.

pub mod chronology;
pub mod draw;
pub mod network;
pub mod session;
pub mod timeline;
pub mod window;

/// Sorts `items` by `key`, ties kept in their order: one sort instantiation
/// for all the picture maths (each `sort_by` closure is a copy of the sort
/// in the wasm).
pub(crate) fn order_by(items: &mut [usize], key: impl Fn(usize) -> [u64; 3]) {
    let keys: Vec<[u64; 3]> = items.iter().map(|&i| key(i)).collect();
    let mut at: Vec<usize> = (0..items.len()).collect();
    crate::query::sort_positions(&mut at, &|a, b| (keys[a], a).cmp(&(keys[b], b)));
    let sorted: Vec<usize> = at.iter().map(|&a| items[a]).collect();
    items.copy_from_slice(&sorted);
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

/// A length in CSS pixels as the pictures write it: to a tenth, without a
/// trailing ".0" ("12", "12.5", "-3.2"). Written with integers: float
/// formatting (`{:.1}`, or `{}` of an `f64`) is about 12 KB of the page's
/// wasm, and a tenth of a pixel is finer than any screen shows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Px(pub f64);

impl std::fmt::Display for Px {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Beyond ±1e15 px (or not a number) there is nothing to draw.
        let x = if self.0.is_finite() {
            self.0.clamp(-1e15, 1e15)
        } else {
            0.0
        };
        let tenths = (x * 10.0).round() as i64;
        if tenths < 0 {
            f.write_str("-")?;
        }
        let (whole, tenth) = (tenths.unsigned_abs() / 10, tenths.unsigned_abs() % 10);
        match tenth {
            0 => write!(f, "{whole}"),
            _ => write!(f, "{whole}.{tenth}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Px;

    #[test]
    fn px_writes_tenths_as_the_float_formatter_would() {
        for (x, text) in [
            (0.0, "0"),
            (12.0, "12"),
            (12.5, "12.5"),
            (-3.25, "-3.3"),
            (0.04, "0"),
            (-0.04, "0"),
            (99.96, "100"),
            (1280.0, "1280"),
            (f64::NAN, "0"),
            (1e300, "1000000000000000"),
        ] {
            assert_eq!(Px(x).to_string(), text, "{x}");
        }
        // Within a twentieth of a pixel of what `{:.1}` writes, everywhere.
        let mut x = -2000.0;
        while x < 2000.0 {
            let ours: f64 = Px(x).to_string().parse().unwrap();
            let theirs: f64 = format!("{x:.1}").parse().unwrap();
            assert!(
                (ours - theirs).abs() < 0.100001 && (ours - x).abs() <= 0.05 + 1e-9,
                "{x}"
            );
            x += 0.0137;
        }
    }
}
