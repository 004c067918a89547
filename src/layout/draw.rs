//! The pictures as SVG markup, written from their layouts: plain strings,
//! natively tested, set as the picture's inner HTML by `ui::charts` (far
//! less code than a reactive node per mark). Every text from the data is
//! escaped. Interactive parts carry ids and `data-` attributes the UI reads.

use super::network::{Known, NetworkLayout, Side, STAR_ABOVE};
use super::timeline::{TimelineLayout, AXIS, EDGE, LANE_HEAD, TARGET};
use super::Px;
use crate::model::{Briefing, Vocab};
use crate::query::Index;
use std::fmt::Write;

/// Text and attribute values from the data, made inert.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

pub fn mark_id(position: usize) -> String {
    format!("timeline-mark-{position}")
}

/// The timeline for the events at chronological positions `order`.
pub fn timeline(l: &TimelineLayout, b: &Briefing, order: &[usize]) -> String {
    let (w, h) = (Px(l.width), Px(l.height));
    let (axis, target) = (Px(AXIS), Px(TARGET));
    let mut s = String::with_capacity(256 * (l.marks.len() + 16));
    let _ = write!(
        s,
        r#"<svg class="timeline" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="group" aria-label="Timeline of events by channel; arrow keys move between events; drag along the dates at the bottom to filter by date">"#
    );
    let top = l.axis_top;
    let _ = write!(
        s,
        r#"<rect class="axis-bg" x="0" y="{}" width="{w}" height="{axis}"/><line class="axis-line" x1="0" x2="{w}" y1="{a}" y2="{a}"/>"#,
        Px(top),
        a = Px(top + 6.0)
    );
    for lane in &l.lanes {
        let rule = Px(lane.bottom() + 2.0);
        let _ = write!(
            s,
            r#"<text class="lane-label" x="{}" y="{}">{}</text><line class="lane-line" x1="0" x2="{w}" y1="{rule}" y2="{rule}"/>"#,
            Px(EDGE),
            Px(lane.top + LANE_HEAD - 5.0),
            lane.modality.label()
        );
    }
    // A fold: a shaded gap across the lanes, a break // on the axis, its length.
    for f in &l.folds {
        let m = Px((f.x0 + f.x1) / 2.0);
        let y = Px(top + 12.0);
        let _ = write!(
            s,
            r#"<g class="fold" role="img" aria-label="{words}"><title>{words}</title><rect x="{x}" y="2" width="{fw}" height="{fh}"/><path class="fold-break" d="M{a} {y}l6 -12M{m} {y}l6 -12"/><text class="fold-label" x="{m}" y="{ly}" text-anchor="middle">{label}</text></g>"#,
            words = esc(&f.words),
            x = Px(f.x0 + 4.0),
            fw = Px(f.x1 - f.x0 - 8.0),
            fh = Px(top + AXIS - 4.0),
            a = Px((f.x0 + f.x1) / 2.0 - 6.0),
            ly = Px(top + 34.0),
            label = esc(&f.label)
        );
    }
    for t in &l.ticks {
        let _ = write!(
            s,
            r#"<line class="tick" x1="{x}" x2="{x}" y1="4" y2="{y}"/><text class="tick-label" x="{lx}" y="{ly}" text-anchor="middle">{label}</text>"#,
            x = Px(t.x),
            y = Px(top + 6.0),
            lx = Px(t.label_x),
            ly = Px(top + 22.0),
            label = esc(&t.label)
        );
    }
    let _ = write!(
        s,
        r#"<rect id="timeline-range" class="range" x="0" y="2" width="0" height="{}"/>"#,
        Px(top - 2.0)
    );
    if l.binned {
        bins(&mut s, l);
    } else {
        for m in l.marks.iter().filter(|m| !m.undated) {
            let event = &b.events[order[m.position]];
            let name = esc(&format!("{} — {}", event.title, event.date.display()));
            let _ = write!(
                s,
                r#"<g class="mark m-{}{}{}{}{}" id="{}" data-p="{}" tabindex="0" role="button" aria-label="{name}"><title>{name}</title><rect class="hit" x="{}" y="{}" width="{}" height="{target}"/>"#,
                event.channel.modality.key(),
                if m.planned { " planned" } else { "" },
                if m.open_start { " open-start" } else { "" },
                if m.open_end { " open-end" } else { "" },
                if m.point { " point" } else { " span" },
                mark_id(m.position),
                m.position,
                Px(m.hit.0),
                Px(m.y - TARGET / 2.0),
                Px(m.hit.1 - m.hit.0),
            );
            if m.point {
                let _ = write!(
                    s,
                    r#"<circle class="shape" cx="{}" cy="{}" r="6"/>"#,
                    Px((m.x0 + m.x1) / 2.0),
                    Px(m.y)
                );
            } else {
                let _ = write!(
                    s,
                    r#"<rect class="shape" x="{}" y="{}" width="{}" height="14" rx="3"/>"#,
                    Px(m.x0),
                    Px(m.y - 7.0),
                    Px((m.x1 - m.x0).max(4.0))
                );
            }
            if let Some(label) = &m.label {
                let _ = write!(
                    s,
                    r#"<text class="mark-label" x="{}" y="{}" text-anchor="{}" aria-hidden="true">{}</text>"#,
                    Px(label.x),
                    Px(m.y + 4.0),
                    if label.end { "end" } else { "start" },
                    esc(&label.text)
                );
            }
            s.push_str("</g>");
        }
    }
    let _ = write!(
        s,
        r#"<rect id="timeline-brush" class="brush" x="0" y="2" width="0" height="{}"/><rect class="axis-band" data-band="1" x="0" y="{}" width="{w}" height="{axis}"><title>Drag along the dates to filter by date range</title></rect></svg>"#,
        Px(top + AXIS - 2.0),
        Px(top)
    );
    s
}

/// Bar height for `n` events when the busiest bin holds `most`.
pub fn bin_height(n: usize, most: usize) -> f64 {
    if n == 0 {
        0.0
    } else {
        4.0 + (TARGET - 4.0) * (n as f64 / most.max(1) as f64).sqrt()
    }
}

/// Counts per bin: each bin a target that sets the date range to its days;
/// the kept share is drawn over them by `kept_paths`.
fn bins(s: &mut String, l: &TimelineLayout) {
    let all = vec![true; l.marks.len()];
    let bins = super::timeline::bins(l, &all);
    let most = bins.iter().map(|x| x.total).max().unwrap_or(1);
    for (i, bin) in bins.iter().enumerate() {
        let lane = &l.lanes[bin.lane];
        let y = lane.row_y(0);
        let (from, to) = (l.axis.day(bin.x0 + 0.5), l.axis.day(bin.x1 - 0.5));
        let name = format!(
            "{} {} events from {} to {}",
            bin.total,
            lane.modality.label().to_ascii_lowercase(),
            crate::model::Day::from_ordinal(from).long(),
            crate::model::Day::from_ordinal(to).long()
        );
        let bh = bin_height(bin.total, most);
        let _ = write!(
            s,
            r#"<g class="bin m-{}" id="timeline-bin-{i}" data-from="{from}" data-to="{to}" tabindex="0" role="button" aria-label="{name}"><title>{name}</title><rect class="hit" x="{}" y="{}" width="{}" height="{}"/><rect class="all" x="{}" y="{}" width="{}" height="{}"/></g>"#,
            lane.modality.key(),
            Px(bin.x0),
            Px(y - TARGET / 2.0),
            Px(bin.x1 - bin.x0),
            Px(TARGET),
            Px(bin.x0 + 1.0),
            Px(y - bh / 2.0),
            Px(bin.x1 - bin.x0 - 2.0),
            Px(bh)
        );
    }
    for (i, lane) in l.lanes.iter().enumerate() {
        let _ = write!(
            s,
            r#"<path class="kept-bars m-{}" id="timeline-kept-{i}" aria-hidden="true" d=""/>"#,
            lane.modality.key()
        );
    }
}

/// One path per lane drawing the kept share of every bin.
pub fn kept_paths(l: &TimelineLayout, kept: &[bool]) -> Vec<String> {
    let all = vec![true; l.marks.len()];
    let most = super::timeline::bins(l, &all)
        .iter()
        .map(|x| x.total)
        .max()
        .unwrap_or(1);
    let mut paths = vec![String::new(); l.lanes.len()];
    for bin in super::timeline::bins(l, kept) {
        let (y, height) = (l.lanes[bin.lane].row_y(0), bin_height(bin.kept, most));
        if height > 0.0 {
            let _ = write!(
                paths[bin.lane],
                "M{} {}h{}v{}h{}Z",
                Px(bin.x0 + 1.0),
                Px(y - height / 2.0),
                Px(bin.x1 - bin.x0 - 2.0),
                Px(height),
                Px(bin.x0 - bin.x1 + 2.0)
            );
        }
    }
    paths
}

/// "Steve Witkoff – Yuriy Ushakov: 1 event, phone call, happened (…)".
pub fn edge_words(l: &NetworkLayout, index: &Index, e: usize) -> String {
    let e = &l.edges[e];
    let name = |n: usize| index.actors[l.nodes[n].option].label.as_str();
    format!(
        "{} – {}: {} event{}, {}, {}",
        name(e.a),
        name(e.b),
        e.events.len(),
        if e.events.len() == 1 { "" } else { "s" },
        e.modality.label().to_ascii_lowercase(),
        e.known.words()
    )
}

/// A node's shape: circles on the left, squares on the right, diamonds between.
fn shape(side: Side, x: f64, y: f64, r: f64) -> String {
    let (px, py, pr) = (Px(x), Px(y), Px(r));
    match side {
        Side::Left => format!(r#"<circle class="shape" cx="{px}" cy="{py}" r="{pr}"/>"#),
        Side::Right => format!(
            r#"<rect class="shape" x="{}" y="{}" width="{w}" height="{w}"/>"#,
            Px(x - r * 0.9),
            Px(y - r * 0.9),
            w = Px(r * 1.8)
        ),
        Side::Middle => {
            let (r, minus) = (Px(r * 1.15), Px(-r * 1.15));
            format!(
                r#"<path class="shape" d="M{px} {}l{r} {r}l{minus} {r}l{minus} {minus}z"/>"#,
                Px(y - r.0)
            )
        }
    }
}

/// The network picture and its legend.
pub fn network(l: &NetworkLayout, b: &Briefing, index: &Index) -> String {
    let (w, h) = (Px(l.width.round()), Px(l.height.round()));
    let mut s = String::with_capacity(512 * (l.nodes.len() + l.edges.len() + 8));
    let _ = write!(
        s,
        r#"<div class="network-scroll"><svg class="network" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="group" aria-label="Who communicated with whom; each actor and each contact is a button that filters">"#
    );
    for c in &l.columns {
        let _ = write!(
            s,
            r#"<text class="column-title side-{}" x="{}" y="16" text-anchor="middle">{}</text>"#,
            c.side.key(),
            Px(c.x),
            esc(&c.title)
        );
    }
    s.push_str(r#"<g class="edges">"#);
    for (i, e) in l.edges.iter().enumerate() {
        let words = edge_words(l, index, i);
        let names = [e.a, e.b].map(|n| index.actors[l.nodes[n].option].label.as_str());
        let _ = write!(
            s,
            r#"<g class="edge known-{} m-{}{}" id="network-edge-{i}" data-edge="{i}" tabindex="0" role="button" aria-label="{}"><title>{}</title><path class="hit" d="{}"/><path class="line" d="{}" stroke-width="{}"/>"#,
            e.known.key(),
            e.modality.key(),
            if e.report { " report" } else { "" },
            esc(&format!(
                "{words}. Show events involving {} or {}",
                names[0], names[1]
            )),
            esc(&format!("{words}. Click to show these actors' events.")),
            e.path,
            e.path,
            Px(e.width)
        );
        if e.known == Known::Denied {
            let _ = write!(
                s,
                r#"<path class="denied-mark" d="M{} {}l8 8m0 -8l-8 8"/>"#,
                Px(e.mid.0 - 4.0),
                Px(e.mid.1 - 4.0)
            );
        }
        s.push_str("</g>");
    }
    s.push_str(r#"</g><g class="nodes">"#);
    for (i, n) in l.nodes.iter().enumerate() {
        let name = &index.actors[n.option].label;
        let affiliation = &l.groups[n.group].0;
        let events = format!("{} event{}", n.events, if n.events == 1 { "" } else { "s" });
        let _ = write!(
            s,
            r#"<g class="node side-{}" id="network-node-{i}" data-node="{i}" tabindex="0" role="button" aria-pressed="false" aria-label="{}"><title>{}</title>{}<text class="node-label" x="{}" y="{}" text-anchor="{}" dominant-baseline="middle">{}{}</text></g>"#,
            n.side.key(),
            esc(&format!("{name} ({affiliation}), {events}")),
            esc(&format!(
                "{name} ({affiliation}): {events}. Click to filter."
            )),
            shape(n.side, n.x, n.y, n.r),
            Px(n.label.x),
            Px(n.label.y),
            n.label.anchor,
            esc(&n.label.text),
            if n.label.cut {
                r#"<tspan aria-hidden="true">…</tspan>"#
            } else {
                ""
            }
        );
    }
    s.push_str("</g></svg></div>");
    legend(&mut s, l, b);
    s
}

fn legend(s: &mut String, l: &NetworkLayout, _b: &Briefing) {
    s.push_str(r#"<div class="network-legend"><ul class="legend-list" aria-label="Affiliations">"#);
    for (name, side) in &l.groups {
        let _ = write!(
            s,
            r#"<li class="node side-{}"><svg class="key" width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">{}</svg> {}</li>"#,
            side.key(),
            shape(*side, 7.0, 7.0, 5.0),
            esc(name)
        );
    }
    s.push_str(r#"</ul><ul class="legend-list" aria-label="What is known of a contact">"#);
    for k in Known::ALL {
        let _ = write!(
            s,
            r#"<li class="edge known-{}"><svg class="key" width="40" height="12" viewBox="0 0 40 12" aria-hidden="true"><path class="line" d="M1 6H39" stroke-width="2.5"/>{}</svg> {}</li>"#,
            k.key(),
            if k == Known::Denied {
                r#"<path class="denied-mark" d="M16 2l8 8m0 -8l-8 8"/>"#
            } else {
                ""
            },
            k.words()
        );
    }
    s.push_str("</ul><p>Thicker: more events. Node size: events involving the actor.");
    if l.hidden_nodes > 0 {
        let _ = write!(
            s,
            " {} less involved actors are not drawn (they are in the Actor filter).",
            l.hidden_nodes
        );
    }
    if l.hidden_edges > 0 {
        let _ = write!(
            s,
            " {} quieter contacts are not drawn (see the table).",
            l.hidden_edges
        );
    }
    if l.stars > 0 {
        let _ = write!(
            s,
            " {} event{} with more than {STAR_ABOVE} participants {} drawn as a star from the first participant.",
            l.stars,
            if l.stars == 1 { "" } else { "s" },
            if l.stars == 1 { "is" } else { "are" }
        );
    }
    s.push_str("</p></div>");
}

/// The network's contacts as table rows: actor, with, events, channel, what is known.
pub fn contacts_html(l: &NetworkLayout, index: &Index) -> String {
    let mut s = String::new();
    for e in &l.edges {
        let name = |n: usize| esc(&index.actors[l.nodes[n].option].label);
        let _ = write!(
            s,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            name(e.a),
            name(e.b),
            e.events.len(),
            e.modality.label(),
            e.known.words()
        );
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_text_is_escaped() {
        assert_eq!(
            esc(r#"<img src=x onerror="a">&'"#),
            "&lt;img src=x onerror=&quot;a&quot;&gt;&amp;&#39;"
        );
    }
}
