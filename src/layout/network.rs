//! Network maths: who communicated with whom, laid out so the sides read at a
//! glance. The affiliation that appears first in the chronology is the left
//! column, the other of the two largest the right, everyone else the middle
//! (deterministic: same data, same picture). Labels are horizontal and the
//! picture is sized to them, so none is cut. An edge joins two participants of
//! a contact (a call, a meeting, a message; statements and publications only
//! on request), styled by what is known of it. Bounded work: an event with
//! many participants draws a star from its first, and at most `MAX_NODES`
//! actors are drawn.

use crate::layout::timeline::text_width;
use crate::layout::{float_key, order_by, Px};
use crate::model::{Briefing, ClaimStatus, EventStatus, Modality, Vocab};
use crate::query::{slot, sort_positions, Index};
use std::collections::HashMap;

/// Most actors drawn; the caption says how many more there are.
pub const MAX_NODES: usize = 48;
/// Most pairs drawn (busiest first); the caption says how many are left out.
pub const MAX_EDGES: usize = 400;
/// An event with more participants (among those drawn) is a star from its
/// first participant instead of every pair: cost linear in participants.
pub const STAR_ABOVE: usize = 6;
/// Longer names are shortened at a word on the picture (whole in the tooltip,
/// the accessible name and the table).
pub const LABEL_CHARS: usize = 34;
/// Vertical distance between two nodes of a column.
pub const STEP: f64 = 34.0;
/// Largest node radius: two nodes of a column never touch.
pub const MAX_R: f64 = 12.0;
/// Room above the columns for their headings.
pub const HEAD: f64 = 28.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Side {
    Left,
    Middle,
    Right,
}

impl Side {
    pub fn key(self) -> &'static str {
        match self {
            Side::Left => "left",
            Side::Middle => "middle",
            Side::Right => "right",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    /// The name, or its first words when it is too long.
    pub text: String,
    /// `text` is shortened: draw an ellipsis after it.
    pub cut: bool,
    pub x: f64,
    pub y: f64,
    /// "start", "middle" or "end" (SVG text-anchor).
    pub anchor: &'static str,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Index into the index's actor options (`Index::actors`).
    pub option: usize,
    /// Events drawn that involve the actor.
    pub events: usize,
    pub side: Side,
    /// Index into `NetworkLayout::groups` (its affiliation).
    pub group: usize,
    pub x: f64,
    pub y: f64,
    pub r: f64,
    pub label: Label,
}

/// What is known of the contacts behind an edge, from the claims about them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Known {
    /// Confirmed or partially confirmed, or recorded as happened with no claim against.
    Happened,
    /// Only alleged, disputed, unverified or retracted claims.
    Alleged,
    /// A claim about it is denied and none is confirmed.
    Denied,
    /// Every event behind it is announced, not yet happened.
    Planned,
}

impl Known {
    pub const ALL: [Known; 4] = [
        Known::Happened,
        Known::Alleged,
        Known::Denied,
        Known::Planned,
    ];
    pub fn key(self) -> &'static str {
        match self {
            Known::Happened => "happened",
            Known::Alleged => "alleged",
            Known::Denied => "denied",
            Known::Planned => "planned",
        }
    }
    pub fn words(self) -> &'static str {
        match self {
            Known::Happened => "happened (confirmed, or recorded with no claim against it)",
            Known::Alleged => "alleged, disputed or unverified",
            Known::Denied => "denied by a party",
            Known::Planned => "planned, not yet happened",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    /// Node indices.
    pub a: usize,
    pub b: usize,
    /// Chronological positions of the events behind it.
    pub events: Vec<usize>,
    pub modality: Modality,
    pub known: Known,
    /// Only statements or publications behind it (drawn lighter).
    pub report: bool,
    pub width: f64,
    /// SVG path: a line between columns, a curve within one.
    pub path: String,
    /// Middle of the path (for the denied mark).
    pub mid: (f64, f64),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub side: Side,
    pub x: f64,
    /// "United States", "Russia", "Others".
    pub title: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NetworkLayout {
    pub width: f64,
    pub height: f64,
    pub columns: Vec<Column>,
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    /// Affiliations drawn, with their side, in legend order.
    pub groups: Vec<(String, Side)>,
    /// Pairs not drawn because there were more than `MAX_EDGES`.
    pub hidden_edges: usize,
    /// Actors with events shown but not drawn (more than `MAX_NODES`).
    pub hidden_nodes: usize,
    /// Events drawn as a star (more than `STAR_ABOVE` participants).
    pub stars: usize,
    /// Pair insertions made: the work done, linear in participants.
    pub work: usize,
}

/// Contacts between parties, as opposed to statements and publications.
pub fn is_contact(m: Modality) -> bool {
    !matches!(m, Modality::PublicStatement | Modality::Publication)
}

/// Shortens a name at a word so its label stays short; `(text, cut)`.
pub fn fit_label(name: &str, chars: usize) -> (String, bool) {
    if name.chars().count() <= chars {
        return (name.to_string(), false);
    }
    // Room for the ellipsis; a word cut off is dropped whole.
    let head: String = name.chars().take(chars.saturating_sub(1)).collect();
    let words = head
        .rsplit_once(' ')
        .map_or(head.as_str(), |(words, _)| words);
    (
        words
            .trim_end_matches([',', ':', ';', ' ', '('])
            .to_string(),
        true,
    )
}

/// Lays out the actors of the events the picture covers: contacts only, or
/// also statements and publications (`reports`).
pub fn layout(b: &Briefing, index: &Index, reports: bool) -> NetworkLayout {
    let options = &index.actors;
    // Hash maps for lookups, sorted lists where order shows: B-trees of
    // each key type were kilobytes of the page's wasm.
    let option_of: HashMap<&str, usize> = options
        .iter()
        .enumerate()
        .map(|(o, x)| (x.key.as_str(), o))
        .collect();
    let affiliation = |o: usize| {
        index
            .actor(b, &options[o].key)
            .map_or("", |a| a.affiliation.as_str())
    };
    let shown = |e: usize| reports || is_contact(b.events[e].channel.modality);

    // Involvement per actor over the events shown, and whether it has a
    // counterpart there: one pass over participants. With reports, everyone
    // involved is drawn; contacts only, those with a counterpart.
    let mut involvement = vec![0usize; options.len()];
    let mut has_pair = vec![false; options.len()];
    for &e in &index.order {
        if !shown(e) {
            continue;
        }
        let mut first = None;
        let mut pair = false;
        for p in &b.events[e].participants {
            if let Some(&o) = option_of.get(p.actor.as_ref()) {
                involvement[o] += 1;
                pair |= first.is_some_and(|f| f != o);
                first = first.or(Some(o));
            }
        }
        if pair {
            for p in &b.events[e].participants {
                if let Some(&o) = option_of.get(p.actor.as_ref()) {
                    has_pair[o] = true;
                }
            }
        }
    }
    let mut candidates: Vec<usize> = (0..options.len())
        .filter(|&o| involvement[o] > 0 && (reports || has_pair[o]))
        .collect();
    // Most involved first, then in the index's order (events, then name).
    order_by(&mut candidates, |o| {
        [u64::MAX - involvement[o] as u64, o as u64, 0]
    });
    let hidden_nodes = candidates.len().saturating_sub(MAX_NODES);
    candidates.truncate(MAX_NODES);

    // Sides: the two largest affiliations among those drawn; the one met
    // first in the events drawn goes left.
    // Affiliations with their number of actors drawn, by name.
    let (mut size, mut at): (Vec<(&str, usize)>, HashMap<&str, usize>) = Default::default();
    for &o in &candidates {
        let i = slot(&mut at, &mut size, affiliation(o));
        size[i].1 += 1;
    }
    let mut by_name: Vec<usize> = (0..size.len()).collect();
    sort_positions(&mut by_name, &|a, b| size[a].0.cmp(size[b].0));
    let size: Vec<(&str, usize)> = by_name.iter().map(|&i| size[i]).collect();
    let mut first_seen: HashMap<&str, usize> = HashMap::new();
    let mut drawn = vec![false; options.len()];
    candidates.iter().for_each(|&o| drawn[o] = true);
    let mut seen = 0;
    for &e in index.order.iter().filter(|&&e| shown(e)) {
        for p in &b.events[e].participants {
            if let Some(&o) = option_of.get(p.actor.as_ref()).filter(|&&o| drawn[o]) {
                first_seen.entry(affiliation(o)).or_insert(seen);
                seen += 1;
            }
        }
    }
    // The two largest (of at least two actors; the first by name among equals).
    let mut largest: Vec<&str> = Vec::new();
    for _ in 0..2 {
        let next = size
            .iter()
            .filter(|(g, n)| *n >= 2 && !largest.contains(g))
            .fold(None, |best: Option<(&str, usize)>, (g, n)| match best {
                Some((_, m)) if m >= *n => best,
                _ => Some((g, *n)),
            });
        largest.extend(next.map(|(g, _)| g));
    }
    let seen_at = |g: &str| first_seen.get(g).copied().unwrap_or(usize::MAX);
    if largest.len() == 2 && seen_at(largest[1]) < seen_at(largest[0]) {
        largest.swap(0, 1);
    }
    let side_of = |g: &str| match largest.iter().position(|x| *x == g) {
        Some(0) => Side::Left,
        Some(_) => Side::Right,
        None => Side::Middle,
    };
    // Left, middle, right; larger first, then by name.
    let names = size;
    let mut by_side: Vec<usize> = (0..names.len()).collect();
    order_by(&mut by_side, |i| {
        [
            side_of(names[i].0) as u64,
            u64::MAX - names[i].1 as u64,
            i as u64,
        ]
    });
    let groups: Vec<(String, Side)> = by_side
        .iter()
        .map(|&i| (names[i].0.to_string(), side_of(names[i].0)))
        .collect();
    let group_of = |g: &str| groups.iter().position(|x| x.0 == g).unwrap_or(0);

    // Nodes, in columns; rows ordered below.
    let mut nodes: Vec<Node> = candidates
        .iter()
        .map(|&o| {
            let g = affiliation(o);
            let (text, cut) = fit_label(&options[o].label, LABEL_CHARS);
            Node {
                option: o,
                events: involvement[o],
                side: side_of(g),
                group: group_of(g),
                x: 0.0,
                y: 0.0,
                r: (4.0 + 2.0 * (involvement[o] as f64).sqrt()).min(MAX_R),
                label: Label {
                    text,
                    cut,
                    x: 0.0,
                    y: 0.0,
                    anchor: "start",
                },
            }
        })
        .collect();
    let mut node_of: Vec<Option<usize>> = vec![None; options.len()];
    for (n, node) in nodes.iter().enumerate() {
        node_of[node.option] = Some(n);
    }

    // Pairs: every pair of a small event, a star from the first participant of a large one.
    let mut pairs: Vec<((usize, usize), Vec<usize>)> = Vec::new();
    let mut pair_at: HashMap<(usize, usize), usize> = HashMap::new();
    let (mut stars, mut work) = (0, 0);
    let mut stamp = vec![0usize; nodes.len()];
    for (position, &e) in index.order.iter().enumerate() {
        if !shown(e) {
            continue;
        }
        // In order, once each: the first is the hub of a star.
        let mut members: Vec<usize> = Vec::new();
        for p in &b.events[e].participants {
            if let Some(n) = option_of.get(p.actor.as_ref()).and_then(|&o| node_of[o]) {
                if stamp[n] != position + 1 {
                    stamp[n] = position + 1;
                    members.push(n);
                }
            }
        }
        if members.len() < 2 {
            continue;
        }
        let mut add = |a: usize, c: usize| {
            work += 1;
            let i = slot(&mut pair_at, &mut pairs, (a.min(c), a.max(c)));
            pairs[i].1.push(position);
        };
        if members.len() > STAR_ABOVE {
            stars += 1;
            let hub = members[0];
            for &m in &members[1..] {
                add(hub, m);
            }
        } else {
            for (i, &a) in members.iter().enumerate() {
                for &c in &members[i + 1..] {
                    add(a, c);
                }
            }
        }
    }
    // In pair order.
    let mut by_pair: Vec<usize> = (0..pairs.len()).collect();
    sort_positions(&mut by_pair, &|x, y| pairs[x].0.cmp(&pairs[y].0));
    let edges: Vec<Edge> = by_pair
        .iter()
        .map(|&i| (pairs[i].0, std::mem::take(&mut pairs[i].1)))
        .map(|((a, c), events)| {
            // The most frequent channel (the first of equals, in vocabulary order).
            let mut by_modality = [0usize; 16];
            for &p in &events {
                let m = b.events[index.order[p]].channel.modality;
                by_modality[Modality::ALL.iter().position(|x| *x == m).unwrap_or(0)] += 1;
            }
            let most = (0..Modality::ALL.len())
                .max_by_key(|&i| (by_modality[i], std::cmp::Reverse(i)))
                .unwrap_or(0);
            let modality = Modality::ALL[most];
            let report = events
                .iter()
                .all(|&p| !is_contact(b.events[index.order[p]].channel.modality));
            Edge {
                a,
                b: c,
                known: known(b, index, &events),
                modality,
                report,
                width: 0.0,
                events,
                path: String::new(),
                mid: (0.0, 0.0),
            }
        })
        .collect();
    // Busiest first, then in pair order, so the picture stays deterministic.
    let mut busiest: Vec<usize> = (0..edges.len()).collect();
    order_by(&mut busiest, |i| {
        [u64::MAX - edges[i].events.len() as u64, i as u64, 0]
    });
    let mut slots: Vec<Option<Edge>> = edges.into_iter().map(Some).collect();
    let mut edges: Vec<Edge> = busiest.iter().filter_map(|&i| slots[i].take()).collect();
    let hidden_edges = edges.len().saturating_sub(MAX_EDGES);
    edges.truncate(MAX_EDGES);
    // Thicker for more events, relative to the busiest; thinner when many.
    let most = edges.first().map_or(1, |e| e.events.len()) as f64;
    let base = if edges.len() > 40 { 1.0 } else { 2.0 };
    for e in &mut edges {
        e.width = base + 2.0 * (e.events.len() as f64 / most).sqrt();
    }

    order_rows(&mut nodes, &edges);
    let (width, height, columns) = place(&mut nodes, &groups);
    for e in &mut edges {
        let (p, q) = (&nodes[e.a], &nodes[e.b]);
        (e.path, e.mid) = route(p, q, width);
    }
    NetworkLayout {
        width,
        height,
        columns,
        nodes,
        edges,
        groups,
        hidden_edges,
        hidden_nodes,
        stars,
        work,
    }
}

/// Rows within each column: by affiliation, then (two passes) by the mean
/// row of each node's neighbours, so lines cross less. Stored in `y` as a rank.
fn order_rows(nodes: &mut [Node], edges: &[Edge]) {
    let mut neighbours: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
    for e in edges {
        neighbours[e.a].push(e.b);
        neighbours[e.b].push(e.a);
    }
    // Initial rank: involvement (the node order), grouped by affiliation.
    let mut rank: Vec<f64> = vec![0.0; nodes.len()];
    for side in [Side::Left, Side::Middle, Side::Right] {
        let mut members: Vec<usize> = (0..nodes.len())
            .filter(|&n| nodes[n].side == side)
            .collect();
        order_by(&mut members, |n| [nodes[n].group as u64, n as u64, 0]);
        let count = members.len().max(1) as f64;
        for (i, &n) in members.iter().enumerate() {
            rank[n] = (i as f64 + 0.5) / count;
        }
    }
    for _ in 0..2 {
        for side in [Side::Left, Side::Right, Side::Middle] {
            let mut members: Vec<usize> = (0..nodes.len())
                .filter(|&n| nodes[n].side == side)
                .collect();
            let centre: Vec<f64> = members
                .iter()
                .map(|&n| {
                    let others: Vec<f64> = neighbours[n]
                        .iter()
                        .filter(|&&m| nodes[m].side != side)
                        .map(|&m| rank[m])
                        .collect();
                    if others.is_empty() {
                        rank[n]
                    } else {
                        others.iter().sum::<f64>() / others.len() as f64
                    }
                })
                .collect();
            // Middle column keeps affiliations together.
            let mut at: Vec<usize> = (0..members.len()).collect();
            order_by(&mut at, |i| {
                let n = members[i];
                let g = if side == Side::Middle {
                    nodes[n].group as u64
                } else {
                    0
                };
                [g, float_key(centre[i]), n as u64]
            });
            members = at.iter().map(|&i| members[i]).collect();
            let count = members.len().max(1) as f64;
            for (i, &n) in members.iter().enumerate() {
                rank[n] = (i as f64 + 0.5) / count;
            }
        }
    }
    for (n, node) in nodes.iter_mut().enumerate() {
        node.y = rank[n];
    }
}

/// Places the columns so that the widest label of each fits, and labels
/// outside the picture's middle: left labels to the left, right to the
/// right, middle ones below their node.
fn place(nodes: &mut [Node], groups: &[(String, Side)]) -> (f64, f64, Vec<Column>) {
    let label_w = |n: &Node| text_width(&n.label.text) + if n.label.cut { 8.0 } else { 0.0 };
    let widest = |side: Side| {
        nodes
            .iter()
            .filter(|n| n.side == side)
            .map(label_w)
            .fold(0.0, f64::max)
    };
    let title = |side: Side| {
        let names: Vec<&str> = groups
            .iter()
            .filter(|g| g.1 == side)
            .map(|g| g.0.as_str())
            .collect();
        match (side, names.as_slice()) {
            (_, []) => String::new(),
            (Side::Middle, [one]) => one.to_string(),
            (Side::Middle, _) => "Others".to_string(),
            (_, [one, ..]) => one.to_string(),
        }
    };
    let present: Vec<bool> = [Side::Left, Side::Middle, Side::Right]
        .iter()
        .map(|&s| nodes.iter().any(|n| n.side == s))
        .collect();
    let has = |side: Side| present[side as usize];
    let pad = 8.0;
    let left_room = widest(Side::Left).max(text_width(&title(Side::Left)) / 2.0) + MAX_R + 10.0;
    let right_room = widest(Side::Right).max(text_width(&title(Side::Right)) / 2.0) + MAX_R + 10.0;
    let middle_room = widest(Side::Middle).max(text_width(&title(Side::Middle))) + 40.0;
    let gap = 140.0_f64.max(middle_room / 2.0 + 60.0);
    let left_x = pad + if has(Side::Left) { left_room } else { 0.0 };
    let middle_x = left_x + gap;
    let right_x = if has(Side::Middle) {
        middle_x + gap
    } else {
        left_x + gap * 1.5
    };
    let width = right_x
        + if has(Side::Right) {
            right_room
        } else {
            middle_room / 2.0
        }
        + pad;

    let counts: Vec<usize> = [Side::Left, Side::Middle, Side::Right]
        .iter()
        .map(|&s| nodes.iter().filter(|n| n.side == s).count())
        .collect();
    let count = |side: Side| counts[side as usize];
    // Middle nodes carry their label below: a taller step.
    let step = |side: Side| {
        if side == Side::Middle {
            STEP + 14.0
        } else {
            STEP
        }
    };
    let tallest = [Side::Left, Side::Middle, Side::Right]
        .into_iter()
        .map(|s| count(s) as f64 * step(s))
        .fold(0.0, f64::max);
    for side in [Side::Left, Side::Middle, Side::Right] {
        let mut members: Vec<usize> = (0..nodes.len())
            .filter(|&n| nodes[n].side == side)
            .collect();
        order_by(&mut members, |n| [float_key(nodes[n].y), n as u64, 0]);
        let column = count(side) as f64 * step(side);
        let top = HEAD + (tallest - column) / 2.0;
        let x = match side {
            Side::Left => left_x,
            Side::Middle => middle_x,
            Side::Right => right_x,
        };
        for (i, n) in members.into_iter().enumerate() {
            let node = &mut nodes[n];
            node.x = x;
            node.y = top + i as f64 * step(side) + STEP / 2.0;
            node.label.y = node.y;
            (node.label.x, node.label.anchor) = match side {
                Side::Left => (x - node.r - 6.0, "end"),
                Side::Right => (x + node.r + 6.0, "start"),
                Side::Middle => {
                    node.label.y = node.y + node.r + 10.0;
                    (x, "middle")
                }
            };
        }
    }
    let columns = [
        (Side::Left, left_x),
        (Side::Middle, middle_x),
        (Side::Right, right_x),
    ]
    .into_iter()
    .filter(|(s, _)| has(*s))
    .map(|(side, x)| Column {
        side,
        x,
        title: title(side),
    })
    .collect();
    (width, HEAD + tallest + 8.0, columns)
}

/// What of the picture the filters keep (the rest is dimmed): each node
/// whose actor is involved in a kept event, each edge with a kept event
/// behind it. `kept` is by chronological position, as the index numbers them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    pub nodes: Vec<bool>,
    pub edges: Vec<bool>,
}

pub fn shown(layout: &NetworkLayout, index: &Index, kept: &[bool]) -> Shown {
    let kept_one = |p: usize| kept.get(p).copied().unwrap_or(false);
    Shown {
        nodes: layout
            .nodes
            .iter()
            .map(|n| index.actors[n.option].events.positions().any(kept_one))
            .collect(),
        edges: layout
            .edges
            .iter()
            .map(|e| e.events.iter().any(|&p| kept_one(p)))
            .collect(),
    }
}

/// A straight line between columns; within a column a curve that bows
/// towards the middle of the picture, so it never runs through the nodes
/// between its ends.
fn route(p: &Node, q: &Node, width: f64) -> (String, (f64, f64)) {
    if (p.x - q.x).abs() > 1.0 {
        let mid = ((p.x + q.x) / 2.0, (p.y + q.y) / 2.0);
        let (px, py, qx, qy) = (Px(p.x), Px(p.y), Px(q.x), Px(q.y));
        return (format!("M{px} {py}L{qx} {qy}"), mid);
    }
    let towards = if p.x < width / 2.0 || p.side == Side::Middle {
        1.0
    } else {
        -1.0
    };
    let bow = 30.0 + (p.y - q.y).abs() * 0.3;
    let (cx, cy) = (p.x + towards * bow * 2.0, (p.y + q.y) / 2.0);
    // A quadratic curve's middle is halfway to its control point.
    let mid = (p.x + towards * bow, cy);
    (
        format!(
            "M{} {}Q{} {} {} {}",
            Px(p.x),
            Px(p.y),
            Px(cx),
            Px(cy),
            Px(q.x),
            Px(q.y)
        ),
        mid,
    )
}

/// What is known of these events, from the claims about them.
fn known(b: &Briefing, index: &Index, positions: &[usize]) -> Known {
    if positions
        .iter()
        .all(|&p| b.events[index.order[p]].status == EventStatus::Planned)
    {
        return Known::Planned;
    }
    let statuses: Vec<ClaimStatus> = positions
        .iter()
        .flat_map(|&p| index.claims[p].iter().map(|&c| b.claims[c].status))
        .collect();
    if statuses.is_empty()
        || statuses
            .iter()
            .any(|s| matches!(s, ClaimStatus::Confirmed | ClaimStatus::PartiallyConfirmed))
    {
        Known::Happened
    } else if statuses.contains(&ClaimStatus::Denied) {
        Known::Denied
    } else {
        Known::Alleged
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_names_are_shortened_at_a_word() {
        assert_eq!(
            fit_label("Dmitry Peskov", 34),
            ("Dmitry Peskov".into(), false)
        );
        let (text, cut) = fit_label("A former US official involved (unnamed)", 34);
        assert!(cut && text == "A former US official involved", "{text}");
    }
}
