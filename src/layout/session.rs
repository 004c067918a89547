//! The pictures as their own WebAssembly module (`pictures/`), which the
//! page loads only when the Pictures view opens: the layout maths and the
//! SVG are about a tenth of the page's wasm, and most readers never look.
//! The page hands the module the dataset once, then asks for pictures and
//! answers in plain text, one request at a time (`Session::answer`). Pure,
//! so every request is tested natively.
//!
//! A request is lines: its name, then its arguments. Answers that change the
//! picture in place are attribute updates, one per line: `id\tname\tvalue`,
//! or `id\tname` to remove the attribute.

use super::network::{self, NetworkLayout};
use super::timeline::{self, TimelineLayout};
use super::{draw, Px};
use crate::model::{self, Briefing, Day};
use crate::query::Index;
use std::fmt::Write;

/// One dataset and the pictures drawn of it last.
pub struct Session {
    briefing: Briefing,
    index: Index,
    timeline: Option<TimelineLayout>,
    network: Option<NetworkLayout>,
}

/// The chronological positions a `0`/`1` line keeps.
fn bits(line: &str) -> Vec<bool> {
    line.bytes().map(|b| b == b'1').collect()
}

fn update(out: &mut String, id: &str, name: &str, value: Option<&str>) {
    match value {
        Some(v) => {
            let _ = writeln!(out, "{id}\t{name}\t{v}");
        }
        None => {
            let _ = writeln!(out, "{id}\t{name}");
        }
    }
}

impl Session {
    /// Reads the dataset as the page did (the same `load`, so the same
    /// chronological positions).
    pub fn load(bytes: &[u8]) -> Result<Session, String> {
        let briefing = model::load_bytes(bytes).map_err(|problems| {
            format!(
                "the dataset did not read ({} problem{})",
                problems.len(),
                if problems.len() == 1 { "" } else { "s" }
            )
        })?;
        let index = Index::new(&briefing);
        Ok(Session {
            briefing,
            index,
            timeline: None,
            network: None,
        })
    }

    /// The answer to one request; empty for one it cannot answer (an unknown
    /// name, or a picture not drawn yet).
    pub fn answer(&mut self, request: &str) -> String {
        let mut lines = request.split('\n');
        let name = lines.next().unwrap_or_default();
        let mut arg = || lines.next().unwrap_or_default();
        match name {
            // timeline, width in CSS pixels → the SVG
            "timeline" => {
                let width = arg().parse::<u32>().unwrap_or(0).max(1);
                let l = timeline::layout(&self.briefing, &self.index.order, f64::from(width));
                let svg = draw::timeline(&l, &self.briefing, &self.index.order);
                self.timeline = Some(l);
                svg
            }
            // timeline-kept, positions kept → the dimming (or the bins' kept share)
            "timeline-kept" => {
                let (Some(l), kept) = (&self.timeline, bits(arg())) else {
                    return String::new();
                };
                let mut out = String::new();
                if l.binned {
                    for (i, d) in draw::kept_paths(l, &kept).iter().enumerate() {
                        update(&mut out, &format!("timeline-kept-{i}"), "d", Some(d));
                    }
                } else {
                    for m in &l.marks {
                        let dim = !kept.get(m.position).copied().unwrap_or(false);
                        update(
                            &mut out,
                            &draw::mark_id(m.position),
                            "data-dim",
                            dim.then_some(""),
                        );
                    }
                }
                out
            }
            // shade, element id, first and last day (ordinals, either empty) → its x and width
            "shade" => {
                let Some(l) = &self.timeline else {
                    return String::new();
                };
                let id = arg().to_owned();
                let day = |s: &str| s.parse().ok().map(Day::from_ordinal);
                let (from, to) = (day(arg()), day(arg()));
                let (x0, x1) = if from.is_none() && to.is_none() {
                    (0.0, 0.0)
                } else {
                    l.axis.span(from, to)
                };
                let mut out = String::new();
                update(&mut out, &id, "x", Some(&Px(x0.min(x1)).to_string()));
                update(
                    &mut out,
                    &id,
                    "width",
                    Some(&Px((x1 - x0).abs()).to_string()),
                );
                out
            }
            // snap, start and pointer x in tenths of a pixel → first day, last day, in words
            "snap" => {
                let Some(l) = &self.timeline else {
                    return String::new();
                };
                let tenths = |s: &str| s.parse::<i64>().unwrap_or(0) as f64 / 10.0;
                let (start, x) = (tenths(arg()), tenths(arg()));
                let (from, to, unit) = timeline::snap(&l.axis, start, x);
                format!(
                    "{}\n{}\n{}",
                    from.ordinal(),
                    to.ordinal(),
                    timeline::range_words(from, to, unit)
                )
            }
            // neighbour, position, arrow key → the position to move to
            "neighbour" => {
                let Some(l) = &self.timeline else {
                    return String::new();
                };
                let from = arg().parse().unwrap_or(usize::MAX);
                timeline::neighbour(&l.marks, from, arg())
                    .map(|p| p.to_string())
                    .unwrap_or_default()
            }
            // network, 1 to add statements and publications → the SVG
            "network" => {
                let l = network::layout(&self.briefing, &self.index, arg() == "1");
                let svg = draw::network(&l, &self.briefing, &self.index);
                self.network = Some(l);
                svg
            }
            // network-kept, positions kept, then the actors ticked → dimming and pressed nodes
            "network-kept" => {
                let (Some(l), kept) = (&self.network, bits(arg())) else {
                    return String::new();
                };
                let ticked: Vec<&str> = lines.collect();
                let shown = network::shown(l, &self.index, &kept);
                let mut out = String::new();
                for (i, n) in l.nodes.iter().enumerate() {
                    let id = format!("network-node-{i}");
                    update(&mut out, &id, "data-dim", (!shown.nodes[i]).then_some(""));
                    let key = self.index.actors[n.option].key.as_str();
                    let pressed = if ticked.contains(&key) {
                        "true"
                    } else {
                        "false"
                    };
                    update(&mut out, &id, "aria-pressed", Some(pressed));
                }
                for (i, kept) in shown.edges.iter().enumerate() {
                    update(
                        &mut out,
                        &format!("network-edge-{i}"),
                        "data-dim",
                        (!kept).then_some(""),
                    );
                }
                out
            }
            // node, its number → the actor's key
            "node" => {
                let (Some(l), n) = (&self.network, arg().parse::<usize>().ok()) else {
                    return String::new();
                };
                n.and_then(|n| l.nodes.get(n))
                    .map(|n| self.index.actors[n.option].key.clone())
                    .unwrap_or_default()
            }
            // edge, its number → the two actors' keys
            "edge" => {
                let (Some(l), e) = (&self.network, arg().parse::<usize>().ok()) else {
                    return String::new();
                };
                e.and_then(|e| l.edges.get(e))
                    .map(|e| {
                        let key = |n: usize| self.index.actors[l.nodes[n].option].key.as_str();
                        format!("{}\n{}", key(e.a), key(e.b))
                    })
                    .unwrap_or_default()
            }
            // contacts → the network's table rows
            "contacts" => self
                .network
                .as_ref()
                .map(|l| draw::contacts_html(l, &self.index))
                .unwrap_or_default(),
            _ => String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Session;
    use crate::model::{self, Day};
    use crate::query::Index;

    fn bundled() -> Session {
        Session::load(model::BUNDLED.as_bytes()).expect("the bundled briefing loads")
    }

    /// The updates of an answer as (id, name, value).
    fn updates(answer: &str) -> Vec<(String, String, Option<String>)> {
        answer
            .lines()
            .map(|line| {
                let mut parts = line.split('\t');
                let (id, name) = (parts.next().unwrap(), parts.next().unwrap());
                (id.into(), name.into(), parts.next().map(Into::into))
            })
            .collect()
    }

    #[test]
    fn nothing_is_answered_before_its_picture_is_drawn() {
        let mut s = bundled();
        for request in [
            "timeline-kept\n1",
            "shade\nx\n\n",
            "snap\n0\n10",
            "neighbour\n0\nArrowRight",
            "network-kept\n1",
            "node\n0",
            "edge\n0",
            "contacts",
            "no such request",
        ] {
            assert_eq!(s.answer(request), "", "{request}");
        }
    }

    /// The page hands the module its dataset as `report::to_json` writes it:
    /// read back, the events keep their chronological positions (ties
    /// included), so the positions in requests and answers agree.
    #[test]
    fn the_dataset_handed_over_as_json_keeps_every_position() {
        for b in [
            model::load(model::BUNDLED).unwrap(),
            crate::gen::json(400, 3, false).unwrap().0,
        ] {
            let text = crate::report::to_json(&b);
            let mut s = Session::load(text.as_bytes()).expect("its own JSON reads");
            let index = Index::new(&b);
            assert_eq!(s.index.order, index.order);
            let ids = |x: &crate::model::Briefing, order: &[usize]| -> Vec<String> {
                order.iter().map(|&e| x.events[e].id.to_string()).collect()
            };
            assert_eq!(ids(&s.briefing, &s.index.order), ids(&b, &index.order));
            let l = super::timeline::layout(&b, &index.order, 640.0);
            assert_eq!(
                s.answer("timeline\n640"),
                super::draw::timeline(&l, &b, &index.order)
            );
        }
    }

    #[test]
    fn a_broken_dataset_is_refused_in_words() {
        let e = Session::load(b"{").err().expect("refused");
        assert_eq!(e, "the dataset did not read (1 problem)");
    }

    #[test]
    fn the_timeline_is_the_one_the_layout_draws_and_dims_what_is_not_kept() {
        let b = model::load(model::BUNDLED).unwrap();
        let index = Index::new(&b);
        let mut s = bundled();
        let svg = s.answer("timeline\n800");
        let l = super::timeline::layout(&b, &index.order, 800.0);
        assert_eq!(svg, super::draw::timeline(&l, &b, &index.order));
        // Only the first event kept: every other mark dimmed, the first not.
        let mut kept = "0".repeat(index.len());
        kept.replace_range(0..1, "1");
        let u = updates(&s.answer(&format!("timeline-kept\n{kept}")));
        assert_eq!(u.len(), l.marks.len());
        for (id, name, value) in u {
            assert_eq!(name, "data-dim");
            assert_eq!(value.is_some(), id != "timeline-mark-0", "{id}");
        }
    }

    #[test]
    fn shading_snapping_and_arrow_keys_follow_the_axis() {
        let b = model::load(model::BUNDLED).unwrap();
        let index = Index::new(&b);
        let l = super::timeline::layout(&b, &index.order, 800.0);
        let mut s = bundled();
        s.answer("timeline\n800");
        let from = Day {
            year: 2025,
            month: 10,
            day: 1,
        };
        let to = Day {
            year: 2025,
            month: 10,
            day: 31,
        };
        let (x0, x1) = l.axis.span(Some(from), Some(to));
        let u = updates(&s.answer(&format!(
            "shade\ntimeline-range\n{}\n{}",
            from.ordinal(),
            to.ordinal()
        )));
        assert_eq!(
            u[0],
            (
                "timeline-range".into(),
                "x".into(),
                Some(super::Px(x0.min(x1)).to_string())
            )
        );
        assert_eq!(u[1].2, Some(super::Px((x1 - x0).abs()).to_string()));
        // No range: nothing shaded.
        let u = updates(&s.answer("shade\ntimeline-brush\n\n"));
        assert_eq!(
            (u[0].2.as_deref(), u[1].2.as_deref()),
            (Some("0"), Some("0"))
        );
        // A drag from 100 px to 300.5 px.
        let (a, z, unit) = super::timeline::snap(&l.axis, 100.0, 300.5);
        let words = super::timeline::range_words(a, z, unit);
        assert_eq!(
            s.answer("snap\n1000\n3005"),
            format!("{}\n{}\n{words}", a.ordinal(), z.ordinal())
        );
        let next = super::timeline::neighbour(&l.marks, 0, "ArrowRight");
        assert_eq!(
            s.answer("neighbour\n0\nArrowRight"),
            next.map(|p| p.to_string()).unwrap_or_default()
        );
        assert!(next.is_some());
        assert_eq!(s.answer("neighbour\nx\nArrowRight"), "");
    }

    #[test]
    fn the_network_names_its_actors_and_presses_the_ticked_ones() {
        let b = model::load(model::BUNDLED).unwrap();
        let index = Index::new(&b);
        let mut s = bundled();
        let svg = s.answer("network\n0");
        let l = super::network::layout(&b, &index, false);
        assert_eq!(svg, super::draw::network(&l, &b, &index));
        assert_eq!(s.answer("contacts"), super::draw::contacts_html(&l, &index));
        let first = index.actors[l.nodes[0].option].key.clone();
        assert_eq!(s.answer("node\n0"), first);
        assert_eq!(s.answer(&format!("node\n{}", l.nodes.len())), "");
        let e = &l.edges[0];
        let pair = [e.a, e.b].map(|n| index.actors[l.nodes[n].option].key.clone());
        assert_eq!(s.answer("edge\n0"), pair.join("\n"));
        // Everything kept, the first actor ticked.
        let all = "1".repeat(index.len());
        let u = updates(&s.answer(&format!("network-kept\n{all}\n{first}")));
        let pressed: Vec<_> = u.iter().filter(|u| u.1 == "aria-pressed").collect();
        assert_eq!(pressed.len(), l.nodes.len());
        assert_eq!(pressed[0].2.as_deref(), Some("true"));
        assert!(pressed[1..].iter().all(|u| u.2.as_deref() == Some("false")));
        assert!(
            u.iter()
                .filter(|u| u.1 == "data-dim")
                .all(|u| u.2.is_none()),
            "nothing dimmed"
        );
        // Nothing kept: every node and edge dimmed.
        let none = "0".repeat(index.len());
        let u = updates(&s.answer(&format!("network-kept\n{none}")));
        let dims = u.iter().filter(|u| u.1 == "data-dim");
        assert_eq!(dims.clone().count(), l.nodes.len() + l.edges.len());
        assert!(dims.into_iter().all(|u| u.2.as_deref() == Some("")));
    }
}
