//! The chronology: one compact row per event shown, for the printed briefing
//! (date as the source gives it, event, channel, what is known).

use crate::model::{Briefing, ClaimStatus, EventStatus, Vocab};
use crate::query::Index;

/// Most rows printed; the events below the table have them all.
pub const MAX_ROWS: usize = 300;

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub position: usize,
    /// As the source has it: "late October 2025", "October 2025 or later".
    pub date: String,
    pub title: String,
    /// "Phone call (backchannel)".
    pub channel: String,
    /// "happened; claims: 1 denied, 2 alleged".
    pub statuses: String,
}

/// Rows for the chronological positions `matches`, at most `MAX_ROWS`.
pub fn rows(b: &Briefing, index: &Index, matches: &[usize]) -> Vec<Row> {
    matches
        .iter()
        .take(MAX_ROWS)
        .map(|&position| {
            let event = &b.events[index.order[position]];
            let channel = match event.channel.track {
                Some(track) => format!("{} ({})", event.channel.modality.label(), track.label()),
                None => event.channel.modality.label().to_string(),
            };
            Row {
                position,
                date: event.date.display(),
                title: event.title.clone(),
                channel,
                statuses: statuses(
                    event.status,
                    index.claims[position].iter().map(|&c| b.claims[c].status),
                ),
            }
        })
        .collect()
}

/// "planned; claims: 1 confirmed, 2 alleged" (statuses in vocabulary order).
pub fn statuses(event: EventStatus, claims: impl Iterator<Item = ClaimStatus>) -> String {
    let mut counts = vec![0usize; ClaimStatus::ALL.len()];
    for c in claims {
        if let Some(i) = ClaimStatus::ALL.iter().position(|x| *x == c) {
            counts[i] += 1;
        }
    }
    let parts: Vec<String> = ClaimStatus::ALL
        .iter()
        .zip(counts)
        .filter(|(_, n)| *n > 0)
        .map(|(s, n)| format!("{n} {}", s.label()))
        .collect();
    if parts.is_empty() {
        format!("{}; no claim", event.label())
    } else {
        format!("{}; claims: {}", event.label(), parts.join(", "))
    }
}

/// The chronology as an HTML table body: one row per event shown.
pub fn rows_html(rows: &[Row]) -> String {
    use super::draw::esc;
    let mut s = String::with_capacity(160 * rows.len());
    for r in rows {
        s.push_str("<tr><td>");
        s.push_str(&esc(&r.date));
        s.push_str("</td><td>");
        s.push_str(&esc(&r.title));
        s.push_str("</td><td>");
        s.push_str(&esc(&r.channel));
        s.push_str("</td><td>");
        s.push_str(&esc(&r.statuses));
        s.push_str("</td></tr>");
    }
    s
}

/// `text` as a CSS string, for the running marking in the page margins
/// (`content: var(--marking)`): quoted, escaped, on one line.
pub fn css_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_count_claims_in_vocabulary_order() {
        let s = statuses(
            EventStatus::Happened,
            [
                ClaimStatus::Alleged,
                ClaimStatus::Denied,
                ClaimStatus::Alleged,
            ]
            .into_iter(),
        );
        assert_eq!(s, "happened; claims: 2 alleged, 1 denied");
        assert_eq!(
            statuses(EventStatus::Planned, std::iter::empty()),
            "planned; no claim"
        );
    }

    #[test]
    fn a_marking_becomes_a_safe_css_string() {
        assert_eq!(css_string("SECRET"), "\"SECRET\"");
        assert_eq!(css_string("a \"b\" \\ c\nd"), "\"a \\\"b\\\" \\\\ c d\"");
    }
}
