//! The pictures' layout on the bundled data and on a synthetic crowd.

use briefing::layout::network::{self, Certainty};
use briefing::layout::timeline;
mod common;

use briefing::model::{load, Briefing};
use briefing::query::Index;
use common::bundled;
use serde_json::json;

#[test]
fn the_timeline_draws_each_event_as_its_date_allows() {
    let (b, index) = bundled();
    let t = timeline::layout(&b, &index.order, 1000.0, 120.0);
    assert_eq!(t.marks.len(), b.events.len());
    let mark = |id: &str| &t.marks[index.position_of(id).unwrap()];
    assert!(
        mark("white-house-denies-back-channel").point,
        "a day is a point"
    );
    let october = mark("witkoff-ushakov-call");
    assert!(
        !october.point && october.x1 > october.x0,
        "a month is a span"
    );
    let later = mark("peskov-leak-undermines-peace");
    assert!(
        later.open_end && later.x1 == t.scale.x1,
        "'or later' runs to the edge"
    );
    assert!(mark("talks-former-us-officials-moscow").open_start);
    assert!(mark("witkoff-putin-moscow-planned").planned);
    // An event with no date is not placed on the axis, and no lane is made for it alone.
    assert!(mark("whatsapp-conversations").undated);
    assert!(!t.lanes.contains(&briefing::model::Modality::MessagingApp));
    for m in t.marks.iter().filter(|m| !m.undated) {
        assert!(m.x0 >= t.scale.x0 && m.x1 <= t.scale.x1 && m.x0 <= m.x1);
        assert_eq!(
            t.lanes[m.lane],
            b.events[index.order[m.position]].channel.modality
        );
    }
    assert!(t.ticks.len() >= 4, "{:?}", t.ticks);
    assert_eq!(
        t,
        timeline::layout(&b, &index.order, 1000.0, 120.0),
        "deterministic"
    );
}

#[test]
fn the_network_links_participants_of_contacts_with_what_is_known() {
    let (b, index) = bundled();
    let n = network::layout(&b, &index);
    assert_eq!(n, network::layout(&b, &index), "same data, same picture");
    assert_eq!(n.nodes.len(), index.actors.len());
    let node = |id: &str| {
        n.nodes
            .iter()
            .position(|x| index.actors[x.option].key == id)
            .unwrap()
    };
    let edge = |a: &str, c: &str| {
        let (a, c) = (node(a).min(node(c)), node(a).max(node(c)));
        n.edges
            .iter()
            .find(|e| e.a == a && e.b == c)
            .unwrap_or_else(|| panic!("no edge {a}-{c}"))
    };
    assert_eq!(
        edge("steve-witkoff", "yuriy-ushakov").certainty,
        Certainty::Confirmed
    );
    assert_eq!(
        edge("yuriy-ushakov", "kirill-dmitriev").certainty,
        Certainty::Contested
    );
    assert_eq!(
        edge("vladimir-putin", "kyrgyzstan").certainty,
        Certainty::Unclaimed
    );
    assert!(
        edge("steve-witkoff", "vladimir-putin").planned,
        "the Moscow meeting is only announced"
    );
    assert!(!edge("steve-witkoff", "yuriy-ushakov").planned);
    // Statements are not contacts: the White House spokeswoman has no edge.
    let watson = node("adrienne-watson");
    assert!(n.edges.iter().all(|e| e.a != watson && e.b != watson));
    // Bigger for more events.
    assert!(n.nodes[node("dmitry-peskov")].r > n.nodes[node("axios")].r);
    assert_labels_apart(&n);
}

/// Labels are radial, so two never overlap when neighbours on the circle are
/// at least a line apart; and everything stays inside the view box.
fn assert_labels_apart(n: &network::NetworkLayout) {
    let centre = n.size / 2.0;
    let mut angles: Vec<f64> = n
        .nodes
        .iter()
        .filter(|x| x.label.is_some())
        .map(|x| (x.y - centre).atan2(x.x - centre))
        .collect();
    angles.sort_by(f64::total_cmp);
    for w in angles.windows(2) {
        assert!(
            (w[1] - w[0]) * n.radius >= 12.0,
            "labels closer than a line"
        );
    }
    for x in &n.nodes {
        // A label at 12 units per line, about 7 units a character, stays in the box.
        if let Some(l) = &x.label {
            assert!(l.text.chars().count() < network::LABEL_CHARS);
            assert!(l.text.chars().count() as f64 * 7.0 < network::LABEL_ROOM);
        }
        assert!(x.x - x.r >= 0.0 && x.x + x.r <= n.size && x.y - x.r >= 0.0 && x.y + x.r <= n.size);
    }
}

fn crowd(actors: usize) -> Briefing {
    let actor_list: Vec<_> = (0..actors)
        .map(|i| json!({"id": format!("a{i}"), "name": format!("Actor number {i}"), "role": "r", "affiliation": format!("Country {}", i % 7), "kind": "government_official"}))
        .collect();
    let events: Vec<_> = (0..actors)
        .map(|i| json!({
            "id": format!("e{i}"), "title": "Call", "date": {"precision": "day", "value": "2025-10-01"},
            "status": "happened", "channel": {"modality": "phone_call"},
            "participants": [{"actor": format!("a{i}"), "role": "initiator"}, {"actor": format!("a{}", (i * 7 + 3) % actors), "role": "recipient"}],
            "summary": "s", "sources": ["s"]
        }))
        .collect();
    let data = json!({
        "meta": {"title": "Crowd", "as_of": "2025-11-01", "compiled_by": "tests", "summary": "s"},
        "actors": actor_list, "sources": [{"id": "s", "outlet": "o", "language": "en"}], "events": events
    });
    load(&data.to_string()).unwrap()
}

#[test]
fn the_network_stays_legible_from_5_to_300_actors() {
    for actors in [5, 40, 120, 300] {
        let b = crowd(actors);
        let index = Index::new(&b);
        let n = network::layout(&b, &index);
        assert_eq!(n.nodes.len(), actors);
        assert_eq!(
            n.nodes.iter().filter(|x| x.label.is_some()).count(),
            actors.min(network::MAX_LABELS)
        );
        assert!(!n.edges.is_empty());
        assert_labels_apart(&n);
    }
}

#[test]
fn many_events_are_counted_in_bins_that_follow_the_filters() {
    let (b, index) = bundled();
    let t = timeline::layout(&b, &index.order, 1000.0, 120.0);
    let mut kept = vec![false; t.marks.len()];
    kept[0] = true;
    let bins = timeline::bins(&t, &kept, 40);
    let dated = b.events.iter().filter(|e| !e.date.is_undated()).count();
    assert_eq!(bins.iter().map(|x| x.total).sum::<usize>(), dated);
    assert_eq!(bins.iter().map(|x| x.kept).sum::<usize>(), 1);
    assert!(bins
        .iter()
        .all(|x| x.x0 >= t.scale.x0 && x.x1 <= t.scale.x1 + 1e-9 && x.total >= x.kept));
}
