//! Network maths: who communicated with whom. Actors sit on a circle grouped
//! by affiliation (deterministic: same data, same picture), sized by their
//! number of events; an edge joins two participants of a contact (a call, a
//! meeting, a message), thicker for more events, styled by what is known.

use crate::model::{Briefing, ClaimStatus, EventStatus, Modality};
use crate::query::Index;
use std::collections::BTreeMap;
use std::f64::consts::TAU;

/// Arc length per node on the circle: enough for a 12-unit label line.
pub const SPACING: f64 = 16.0;
/// Room outside the circle for labels.
pub const LABEL_ROOM: f64 = 200.0;
/// Longer names are cut with "…" on the picture (whole in the tooltip and table),
/// so that every label fits in `LABEL_ROOM` at 12 units per line.
pub const LABEL_CHARS: usize = 26;
/// Beyond this many actors only the most involved are labelled on the
/// picture (every actor stays in the table and in each node's tooltip).
pub const MAX_LABELS: usize = 80;
/// Beyond this many pairs only the busiest are drawn; the caption says how
/// many are left out.
pub const MAX_EDGES: usize = 600;

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Index into the index's actor options (`Index::actors`).
    pub option: usize,
    pub events: usize,
    pub x: f64,
    pub y: f64,
    pub r: f64,
    pub label: Option<Label>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    /// The name, or its first words when it is too long.
    pub text: String,
    /// `text` is cut: draw an ellipsis after it.
    pub cut: bool,
    pub x: f64,
    pub y: f64,
    /// Rotation in degrees, radial, never upside down.
    pub rotate: f64,
    /// Text runs leftwards from the point (left half of the circle).
    pub end: bool,
}

/// What the events behind an edge say: confirmed (solid), contested
/// (alleged, disputed, denied...: dashed), or no claim recorded (dotted).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Certainty {
    Confirmed,
    Contested,
    Unclaimed,
}

impl Certainty {
    pub fn key(self) -> &'static str {
        match self {
            Certainty::Confirmed => "confirmed",
            Certainty::Contested => "contested",
            Certainty::Unclaimed => "unclaimed",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    pub a: usize,
    pub b: usize,
    /// Chronological positions of the events behind it.
    pub events: Vec<usize>,
    pub modality: Modality,
    pub certainty: Certainty,
    /// Every event behind it is announced, not yet happened.
    pub planned: bool,
    pub width: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NetworkLayout {
    /// View-box side; the circle is centred.
    pub size: f64,
    pub radius: f64,
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    /// Pairs not drawn because there were more than `MAX_EDGES`.
    pub hidden_edges: usize,
}

/// Contacts between parties, as opposed to statements and publications.
pub fn is_contact(m: Modality) -> bool {
    !matches!(m, Modality::PublicStatement | Modality::Publication)
}

pub fn layout(b: &Briefing, index: &Index) -> NetworkLayout {
    let options = &index.actors;
    // Group by affiliation, larger groups first, then by involvement and name.
    let affiliation = |o: usize| {
        index
            .actor(b, &options[o].key)
            .map_or("", |a| a.affiliation.as_str())
    };
    let mut group_size: BTreeMap<&str, usize> = BTreeMap::new();
    for o in 0..options.len() {
        *group_size.entry(affiliation(o)).or_default() += 1;
    }
    let mut ordered: Vec<usize> = (0..options.len()).collect();
    ordered.sort_by(|&x, &y| {
        let (gx, gy) = (affiliation(x), affiliation(y));
        group_size[gy]
            .cmp(&group_size[gx])
            .then(gx.cmp(gy))
            .then(options[y].events.count().cmp(&options[x].events.count()))
            .then(options[x].label.cmp(&options[y].label))
    });
    // One empty slot between groups keeps them apart.
    let groups = group_size.len();
    let slots = (ordered.len() + groups).max(8);
    let radius = (slots as f64 * SPACING / TAU).max(110.0);
    let size = 2.0 * (radius + LABEL_ROOM);
    let centre = size / 2.0;

    let mut labelled: Vec<usize> = (0..options.len()).collect();
    labelled.sort_by_key(|&o| std::cmp::Reverse(options[o].events.count()));
    labelled.truncate(MAX_LABELS);

    let mut nodes = Vec::with_capacity(ordered.len());
    let mut slot = 0;
    let mut previous_group = None;
    for &o in &ordered {
        let group = affiliation(o);
        if previous_group.is_some_and(|g| g != group) {
            slot += 1;
        }
        previous_group = Some(group);
        // Start at 12 o'clock, clockwise.
        let angle = slot as f64 / slots as f64 * TAU - TAU / 4.0;
        slot += 1;
        let events = options[o].events.count();
        let r = 4.0 + 2.5 * (events as f64).sqrt();
        let (cos, sin) = (angle.cos(), angle.sin());
        let label = labelled.contains(&o).then(|| {
            let d = radius + r + 6.0;
            let end = cos < -1e-9;
            let degrees = angle.to_degrees();
            let name = &options[o].label;
            let cut = name.chars().count() > LABEL_CHARS;
            // Cut at a word, so the visible text is a prefix of the node's accessible name.
            let text = if cut {
                let head: String = name.chars().take(LABEL_CHARS - 1).collect();
                head.rsplit_once(' ')
                    .map_or(head.clone(), |(words, _)| words.to_string())
            } else {
                name.clone()
            };
            Label {
                text,
                cut,
                x: centre + d * cos,
                y: centre + d * sin,
                rotate: if end { degrees + 180.0 } else { degrees },
                end,
            }
        });
        nodes.push(Node {
            option: o,
            events,
            x: centre + radius * cos,
            y: centre + radius * sin,
            r,
            label,
        });
    }

    let node_of: BTreeMap<&str, usize> = nodes
        .iter()
        .enumerate()
        .map(|(n, node)| (options[node.option].key.as_str(), n))
        .collect();
    let mut pairs: BTreeMap<(usize, usize), Vec<usize>> = BTreeMap::new();
    for (position, &e) in index.order.iter().enumerate() {
        let event = &b.events[e];
        if !is_contact(event.channel.modality) {
            continue;
        }
        let mut members: Vec<usize> = event
            .participants
            .iter()
            .filter_map(|p| node_of.get(p.actor.as_str()).copied())
            .collect();
        members.sort_unstable();
        members.dedup();
        for (i, &a) in members.iter().enumerate() {
            for &c in &members[i + 1..] {
                pairs.entry((a, c)).or_default().push(position);
            }
        }
    }
    let mut edges: Vec<Edge> = pairs
        .into_iter()
        .map(|((a, c), events)| {
            let certainty = certainty(b, index, &events);
            let mut by_modality: BTreeMap<Modality, usize> = BTreeMap::new();
            for &p in &events {
                *by_modality
                    .entry(b.events[index.order[p]].channel.modality)
                    .or_default() += 1;
            }
            let modality = by_modality
                .iter()
                .max_by_key(|(_, n)| **n)
                .map(|(m, _)| *m)
                .unwrap_or(Modality::PhoneCall);
            let width = 1.5 + 1.5 * (events.len() as f64).log2();
            let planned = events
                .iter()
                .all(|&p| b.events[index.order[p]].status == EventStatus::Planned);
            Edge {
                a,
                b: c,
                events,
                modality,
                certainty,
                planned,
                width,
            }
        })
        .collect();
    // Busiest first (a stable sort, so the picture stays deterministic).
    edges.sort_by_key(|e| std::cmp::Reverse(e.events.len()));
    let hidden_edges = edges.len().saturating_sub(MAX_EDGES);
    edges.truncate(MAX_EDGES);
    NetworkLayout {
        size,
        radius,
        nodes,
        edges,
        hidden_edges,
    }
}

/// The best-supported status among the claims about these events.
fn certainty(b: &Briefing, index: &Index, positions: &[usize]) -> Certainty {
    let statuses: Vec<ClaimStatus> = positions
        .iter()
        .flat_map(|&p| index.claims[p].iter().map(|&c| b.claims[c].status))
        .collect();
    if statuses.is_empty() {
        Certainty::Unclaimed
    } else if statuses
        .iter()
        .any(|s| matches!(s, ClaimStatus::Confirmed | ClaimStatus::PartiallyConfirmed))
    {
        Certainty::Confirmed
    } else {
        Certainty::Contested
    }
}
