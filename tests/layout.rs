//! The pictures' layout on the bundled data and on synthetic crowds: no two
//! marks or nodes overlap, every label stays whole inside the picture, the
//! sides read apart, and the work stays linear.

use briefing::layout::chronology;
use briefing::layout::network::{self, Known, Side};
use briefing::layout::timeline::{self, text_width, TARGET};
mod common;

use briefing::model::{load, Briefing, Day, Vocab};
use briefing::query::{Facet, Index, ViewState};
use common::bundled;
use serde_json::json;

/// Widths the timeline is drawn at: desktop, the 700 px embed, a 360 px phone.
const WIDTHS: [f64; 3] = [900.0, 640.0, 300.0];

fn assert_timeline_reads(b: &Briefing, index: &Index, t: &timeline::TimelineLayout) {
    let titles: Vec<&str> = index
        .order
        .iter()
        .map(|&e| b.events[e].title.as_str())
        .collect();
    let drawn: Vec<&timeline::Mark> = t.marks.iter().filter(|m| !m.undated).collect();
    for (i, m) in drawn.iter().enumerate() {
        assert!(
            m.hit.1 - m.hit.0 >= TARGET - 1e-9,
            "a target at least 24 px wide"
        );
        assert!(
            m.hit.0 >= 0.0 && m.hit.1 <= t.width,
            "{m:?} inside {}",
            t.width
        );
        assert!(m.x0 <= m.x1 && m.x0 >= t.axis.x0() - 1e-9 && m.x1 <= t.axis.x1() + 1e-9);
        for other in &drawn[i + 1..] {
            if (other.y - m.y).abs() < timeline::ROW - 1e-9 {
                let (a0, a1) = label_extent(m);
                let (b0, b1) = label_extent(other);
                assert!(
                    a1 <= b0 || b1 <= a0,
                    "overlap at {}: {m:?} / {other:?}",
                    t.width
                );
            }
        }
        if let Some(l) = &m.label {
            let (a, c) = l.extent();
            assert!(a >= 0.0 && c <= t.width, "label whole: {l:?}");
            assert!(l.text == titles[m.position] || l.text.ends_with('…'));
        }
    }
    for w in t.ticks.windows(2) {
        assert!(
            w[0].label_x + text_width(&w[0].label) / 2.0
                < w[1].label_x - text_width(&w[1].label) / 2.0
        );
    }
    for tick in &t.ticks {
        let half = text_width(&tick.label) / 2.0;
        assert!(
            tick.label_x - half >= 0.0 && tick.label_x + half <= t.width,
            "tick {tick:?} whole"
        );
    }
}

/// What a mark takes in its row: its target, and its label if drawn.
fn label_extent(m: &timeline::Mark) -> (f64, f64) {
    m.label.as_ref().map_or(m.hit, |l| {
        let (a, c) = l.extent();
        (a.min(m.hit.0), c.max(m.hit.1))
    })
}

#[test]
fn the_timeline_folds_the_empty_years_and_stacks_what_would_overlap() {
    let (b, index) = bundled();
    for width in WIDTHS {
        let t = timeline::layout(&b, &index.order, width);
        assert!(!t.binned);
        assert_eq!(t.marks.len(), b.events.len());
        assert_eq!(
            t.folds.len(),
            1,
            "2023 and 2025, two years folded out at {width}: {:?}",
            t.axis
        );
        assert_eq!(t.folds[0].label, "2 yr");
        assert_timeline_reads(&b, &index, &t);
        let mark = |id: &str| &t.marks[index.position_of(id).unwrap()];
        assert!(
            mark("white-house-denies-back-channel").point,
            "a day is a point"
        );
        let october = mark("witkoff-ushakov-call");
        assert!(
            !october.point && october.x1 - october.x0 > 20.0,
            "a month is a span"
        );
        let later = mark("peskov-leak-undermines-peace");
        assert!(
            later.open_end && later.x1 == t.axis.x1(),
            "'or later' runs to the edge"
        );
        assert!(mark("talks-former-us-officials-moscow").open_start);
        assert!(mark("witkoff-putin-moscow-planned").planned);
        // An event with no date is not placed on the axis, and no lane is made for it alone.
        assert!(mark("whatsapp-conversations").undated);
        assert!(t
            .lanes
            .iter()
            .all(|l| l.modality != briefing::model::Modality::MessagingApp));
        // The six statements "October 2025 or later" were drawn on the same
        // pixels; now each has its own row.
        let statements: Vec<_> = t
            .marks
            .iter()
            .filter(|m| t.lanes[m.lane].modality.key() == "public_statement")
            .collect();
        assert!(t.lanes.iter().any(|l| l.rows >= 6), "{:?}", t.lanes);
        assert!(statements.len() >= 7);
        assert_eq!(
            t,
            timeline::layout(&b, &index.order, width),
            "deterministic"
        );
    }
    // At desktop width the busiest lane is labelled.
    let t = timeline::layout(&b, &index.order, 900.0);
    let busiest = (0..t.lanes.len()).max_by_key(|&l| t.lanes[l].rows).unwrap();
    let labelled = t
        .marks
        .iter()
        .filter(|m| m.lane == busiest && m.label.is_some())
        .count();
    assert!(labelled >= 4, "{labelled} labels in the busiest lane");
}

#[test]
fn a_brush_on_the_bundled_axis_snaps_to_months() {
    let (b, index) = bundled();
    let t = timeline::layout(&b, &index.order, 900.0);
    let s = t.axis.segments[1];
    let (from, to, unit) = timeline::snap(&t.axis, s.x0 + 5.0, s.x1 - 5.0);
    assert_eq!(unit, timeline::Unit::Month);
    assert_eq!(from.day, 1);
    assert!(timeline::range_words(from, to, unit).contains("2025"));
}

#[test]
fn a_date_range_shades_from_its_first_day_to_the_end_of_its_last() {
    let (b, index) = bundled();
    let axis = timeline::layout(&b, &index.order, 900.0).axis;
    assert_eq!(axis.span(None, None), (axis.x0(), axis.x1()));
    let (first, last) = (
        Day::from_ordinal(axis.start()),
        Day::from_ordinal(axis.end()),
    );
    let whole = axis.span(Some(first), Some(last));
    assert!((whole.0 - axis.x0()).abs() < 1e-9 && (whole.1 - axis.x1()).abs() < 1e-9);
    let s = axis.segments[1];
    let day = Day::from_ordinal(s.start + 1);
    let (x0, x1) = axis.span(Some(day), Some(day));
    assert_eq!(x0, axis.x(day.ordinal()));
    assert_eq!(x1, axis.x_end(day.ordinal()));
    assert!(x0 < x1, "one day has a width");
    assert_eq!(axis.span(Some(day), None), (x0, axis.x1()));
    assert_eq!(axis.span(None, Some(day)), (axis.x0(), x1));
}

#[test]
fn the_network_puts_the_sides_apart_and_styles_what_is_known() {
    let (b, index) = bundled();
    let n = network::layout(&b, &index, false);
    assert_eq!(
        n,
        network::layout(&b, &index, false),
        "same data, same picture"
    );
    let node = |id: &str| {
        n.nodes
            .iter()
            .position(|x| index.actors[x.option].key == id)
            .unwrap_or_else(|| panic!("{id} not drawn"))
    };
    let edge = |a: &str, c: &str| {
        let (a, c) = (node(a).min(node(c)), node(a).max(node(c)));
        n.edges
            .iter()
            .find(|e| e.a == a && e.b == c)
            .unwrap_or_else(|| panic!("no edge {a}-{c}"))
    };
    // US on the left (met first in the chronology), Russia on the right.
    for us in ["steve-witkoff", "former-us-officials"] {
        assert_eq!(n.nodes[node(us)].side, Side::Left, "{us}");
    }
    for ru in [
        "yuriy-ushakov",
        "kirill-dmitriev",
        "vladimir-putin",
        "dmitry-peskov",
    ] {
        assert_eq!(n.nodes[node(ru)].side, Side::Right, "{ru}");
    }
    assert_eq!(n.nodes[node("kyrgyzstan")].side, Side::Middle);
    assert!(n.nodes[node("steve-witkoff")].x < n.nodes[node("kyrgyzstan")].x);
    assert!(n.nodes[node("kyrgyzstan")].x < n.nodes[node("yuriy-ushakov")].x);
    for (a, c, known) in [
        ("steve-witkoff", "yuriy-ushakov", Known::Happened),
        ("yuriy-ushakov", "kirill-dmitriev", Known::Denied),
        ("former-us-officials", "kremlin-officials", Known::Denied),
        ("steve-witkoff", "vladimir-putin", Known::Planned),
        ("vladimir-putin", "kyrgyzstan", Known::Happened),
    ] {
        assert_eq!(edge(a, c).known, known, "{a} – {c}");
    }
    // By default, contacts only: the White House spokeswoman (statements) is not drawn.
    assert!(n
        .nodes
        .iter()
        .all(|x| index.actors[x.option].key != "adrienne-watson"));
    assert!(n.edges.iter().all(|e| !e.report));
    assert_network_reads(&n);

    // With statements and publications: everyone involved, and alleged reports.
    let all = network::layout(&b, &index, true);
    let participants: std::collections::BTreeSet<&str> = b
        .events
        .iter()
        .flat_map(|e| e.participants.iter().map(|p| p.actor.as_ref()))
        .collect();
    assert_eq!(all.nodes.len(), participants.len());
    assert!(all.edges.iter().any(|e| e.known == Known::Alleged));
    assert!(all.edges.len() > n.edges.len());
    assert_network_reads(&all);
}

#[test]
fn the_network_dims_what_the_filters_leave_out() {
    let (b, index) = bundled();
    let n = network::layout(&b, &index, true);
    let all = network::shown(&n, &index, &vec![true; index.len()]);
    assert!(
        all.nodes.iter().chain(&all.edges).all(|&s| s),
        "nothing kept out"
    );
    let none = network::shown(&n, &index, &[]);
    assert!(
        none.nodes.iter().chain(&none.edges).all(|&s| !s),
        "all dimmed"
    );
    let matches = |actor: &str| {
        let mut state = ViewState::default();
        state.set(Facet::Actor, actor, true);
        index.query(&state).matches
    };
    let key = |node: usize| index.actors[n.nodes[node].option].key.as_str();
    for chosen in 0..n.nodes.len() {
        let kept_positions = matches(key(chosen));
        let mut kept = vec![false; index.len()];
        kept_positions.iter().for_each(|&p| kept[p] = true);
        let shown = network::shown(&n, &index, &kept);
        assert!(
            shown.nodes[chosen],
            "{} is kept by its own filter",
            key(chosen)
        );
        for node in 0..n.nodes.len() {
            // Shown when the two actors share a kept event.
            let shares = matches(key(node))
                .iter()
                .any(|p| kept_positions.contains(p));
            assert_eq!(
                shown.nodes[node],
                shares,
                "{} with {}",
                key(node),
                key(chosen)
            );
        }
        for (e, edge) in n.edges.iter().enumerate() {
            let behind = edge.events.iter().any(|p| kept_positions.contains(p));
            assert_eq!(shown.edges[e], behind);
            // An edge's events involve both its actors.
            assert!(!behind || (shown.nodes[edge.a] && shown.nodes[edge.b]));
        }
    }
}

/// No two nodes overlap, no label leaves the picture or covers a node, and
/// the picture is no larger than its content.
fn assert_network_reads(n: &network::NetworkLayout) {
    for (i, a) in n.nodes.iter().enumerate() {
        assert!(
            a.x - a.r >= 0.0 && a.x + a.r <= n.width && a.y - a.r >= 0.0 && a.y + a.r <= n.height
        );
        let (l0, l1) = label_box(a);
        assert!(
            l0 >= 0.0 && l1 <= n.width,
            "label of {a:?} inside {}",
            n.width
        );
        for b in &n.nodes[i + 1..] {
            let d = ((a.x - b.x).powi(2) + (a.y - b.y).powi(2)).sqrt();
            assert!(d >= a.r + b.r + 4.0, "nodes overlap: {a:?} {b:?}");
            // Labels on the same line do not overlap.
            if (a.label.y - b.label.y).abs() < 14.0 {
                let (m0, m1) = label_box(b);
                assert!(l1 <= m0 || m1 <= l0, "labels overlap: {a:?} {b:?}");
            }
        }
    }
    let right = n.nodes.iter().map(|x| label_box(x).1).fold(0.0, f64::max);
    assert!(
        n.width - right < 200.0,
        "no large empty area: {} of {}",
        right,
        n.width
    );
}

fn label_box(n: &network::Node) -> (f64, f64) {
    let w = text_width(&n.label.text) + if n.label.cut { 8.0 } else { 0.0 };
    match n.label.anchor {
        "end" => (n.label.x - w, n.label.x),
        "middle" => (n.label.x - w / 2.0, n.label.x + w / 2.0),
        _ => (n.label.x, n.label.x + w),
    }
}

fn crowd(actors: usize, events: usize, per_event: usize) -> Briefing {
    let actor_list: Vec<_> = (0..actors)
        .map(|i| json!({"id": format!("a{i}"), "name": format!("Actor number {i}"), "role": "r", "affiliation": format!("Country {}", i % 7), "kind": "government_official"}))
        .collect();
    let events: Vec<_> = (0..events)
        .map(|i| {
            let participants: Vec<_> = (0..per_event)
                .map(|k| json!({"actor": format!("a{}", (i * 7 + k * 13 + 3) % actors), "role": "participant"}))
                .collect();
            json!({
                "id": format!("e{i}"), "title": "Call", "date": {"precision": "day", "value": format!("2025-{:02}-{:02}", 1 + i % 12, 1 + i % 28)},
                "status": "happened", "channel": {"modality": "phone_call"},
                "participants": participants,
                "summary": "s", "sources": ["s"]
            })
        })
        .collect();
    let data = json!({
        "meta": {"title": "Crowd", "as_of": "2025-12-31", "compiled_by": "tests", "summary": "s"},
        "actors": actor_list, "sources": [{"id": "s", "outlet": "o", "language": "en"}], "events": events
    });
    load(&data.to_string()).unwrap()
}

/// The contacts network of `crowd(actors, events, per_event)`, whose
/// events involve every actor: the first `MAX_NODES` are drawn, the others
/// counted, and the picture reads.
fn crowd_network(
    actors: usize,
    events: usize,
    per_event: usize,
) -> (Briefing, Index, network::NetworkLayout) {
    let b = crowd(actors, events, per_event);
    let index = Index::new(&b);
    let n = network::layout(&b, &index, false);
    assert_eq!(n.nodes.len(), actors.min(network::MAX_NODES));
    assert_eq!(n.hidden_nodes, actors - n.nodes.len());
    assert_network_reads(&n);
    (b, index, n)
}

#[test]
fn the_network_stays_legible_from_5_to_300_actors() {
    for actors in [5, 40, 120, 300] {
        let (_, _, n) = crowd_network(actors, actors, 2);
        assert!(!n.edges.is_empty());
    }
}

/// Issue 15: one contact with 10,000 participants built ~50 million pairs.
/// Now it is a star over the actors drawn: the work is bounded by the
/// participants, not their square.
#[test]
fn a_contact_with_10000_participants_costs_linear_work() {
    let (_, _, n) = crowd_network(10_000, 1, 10_000);
    assert_eq!(n.stars, 1);
    assert!(n.work < network::MAX_NODES, "{} pair insertions", n.work);
    assert!(n.edges.len() <= network::MAX_NODES);
}

#[test]
fn ten_thousand_actors_in_ten_thousand_events_stay_bounded() {
    let (b, index, n) = crowd_network(10_000, 10_000, 3);
    assert!(n.work <= 3 * 10_000, "{} pair insertions", n.work);
    assert!(n.edges.len() <= network::MAX_EDGES);
    let t = timeline::layout(&b, &index.order, 900.0);
    assert!(t.binned, "10,000 marks are counted in bins");
    let bins = timeline::bins(&t, &vec![true; t.marks.len()]);
    assert_eq!(bins.iter().map(|x| x.total).sum::<usize>(), 10_000);
    assert!(bins.iter().all(|x| x.x1 - x.x0 >= TARGET - 1e-9));
}

#[test]
fn many_events_are_counted_in_bins_that_follow_the_filters() {
    let (b, index) = bundled();
    let t = timeline::layout(&b, &index.order, 900.0);
    let mut kept = vec![false; t.marks.len()];
    kept[0] = true;
    let bins = timeline::bins(&t, &kept);
    // An event whose sources give no date is in no bin.
    let dated = b.events.iter().filter(|e| !e.date.is_undated()).count();
    assert_eq!(bins.iter().map(|x| x.total).sum::<usize>(), dated);
    assert_eq!(bins.iter().map(|x| x.kept).sum::<usize>(), 1);
    assert!(bins
        .iter()
        .all(|x| x.x0 >= t.axis.x0() - 1e-9 && x.x1 <= t.axis.x1() + 1e-9 && x.total >= x.kept));
}

#[test]
fn the_chronology_has_a_row_per_event_shown_with_its_date_as_given() {
    let (b, index) = bundled();
    let all: Vec<usize> = (0..index.len()).collect();
    let rows = chronology::rows(&b, &index, &all);
    assert_eq!(rows.len(), b.events.len());
    let call = rows
        .iter()
        .find(|r| {
            r.title
                .starts_with("Ushakov and Dmitriev discuss a peace plan by phone")
        })
        .unwrap();
    assert_eq!(call.date, "late October 2025");
    assert!(call.channel.starts_with("Phone call"));
    assert!(call.statuses.contains("denied") && call.statuses.starts_with("happened"));
    let later = rows
        .iter()
        .find(|r| r.title.starts_with("Peskov: the leak"))
        .unwrap();
    assert!(later.date.contains("or later"), "{}", later.date);
}
