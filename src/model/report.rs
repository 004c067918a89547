//! The curator's report (`briefing-check --report`): for each claim, its
//! status and the rule that allows it (or the override), its parties and
//! stances; then every inference the dataset marks.

use super::rules::{self, Lookup};
use super::types::{Briefing, Inference};
use super::vocab::Vocab;
use std::fmt::Write;

/// One inference marker and where it sits.
#[derive(Debug, Clone, PartialEq)]
pub struct Marked<'a> {
    /// A JSON-ish place: `events[witkoff-ushakov-call].date`.
    pub place: String,
    /// What is marked, as a reader sees it ("October 2025", "TASR, citing DPA").
    pub what: String,
    pub inference: &'a Inference,
}

/// Every inference in the dataset, in file order: sources, events, stances.
pub fn inferences(b: &Briefing) -> Vec<Marked<'_>> {
    let mut out = Vec::new();
    each_inference(b, |place, what, inference| {
        out.push(Marked {
            place: place(),
            what: what(),
            inference,
        })
    });
    out
}

/// Calls `f` with each inference in file order, and with how to write where
/// it sits and what it marks: written only when asked, since at 100,000
/// events the places of dates that infer nothing were 345,000 texts made
/// and dropped before the first results (40 ms in the page).
fn each_inference<'a>(
    b: &'a Briefing,
    mut f: impl FnMut(&dyn Fn() -> String, &dyn Fn() -> String, &'a Inference),
) {
    for s in &b.sources {
        for inference in &s.inferred {
            f(
                &|| format!("sources[{}]", s.id),
                &|| s.chain_text(),
                inference,
            );
        }
    }
    for e in &b.events {
        for inference in &e.date.inferred {
            let place = || format!("events[{}].date", e.id);
            f(&place, &|| e.date.display(), inference);
        }
    }
    for c in &b.claims {
        for (i, s) in c.stances.iter().enumerate() {
            for inference in &s.date.inferred {
                let place = || format!("claims[{}].stances[{i}].date", c.id);
                f(&place, &|| s.date.display(), inference);
            }
        }
    }
}

/// The distinct inferences (kind and reason), in file order: the printed
/// briefing lists each once, and its marks refer to them by number.
pub fn inference_notes(b: &Briefing) -> Vec<&Inference> {
    let mut seen = std::collections::HashSet::new();
    let mut notes = Vec::new();
    each_inference(b, |_, _, i| {
        if seen.insert((i.kind, i.reason.as_str())) {
            notes.push(i);
        }
    });
    notes
}

/// The whole report as text.
pub fn report(b: &Briefing) -> String {
    let lookup = Lookup::of(b);
    let name = |id: &str| {
        b.actors
            .iter()
            .find(|a| *a.id == *id)
            .map_or_else(|| id.to_string(), |a| a.name.clone())
    };
    let mut out = String::new();
    let _ = writeln!(out, "Claims ({})", b.claims.len());
    for claim in &b.claims {
        let verdict = lookup.judge(claim);
        let judgement = verdict.judgement(claim.status);
        let _ = writeln!(out, "\n{}", claim.id);
        let _ = writeln!(out, "  text: {}", claim.text);
        match &claim.status_override {
            Some(o) => {
                let _ = writeln!(
                    out,
                    "  status: {} (curator's judgement, overriding the rules: {})",
                    claim.status.key(),
                    o.reason
                );
                let _ = writeln!(
                    out,
                    "  rules: {} needs {}; but {}",
                    claim.status.key(),
                    rules::rule(claim.status),
                    judgement.because
                );
            }
            None => {
                let _ = writeln!(
                    out,
                    "  status: {} ({}: {})",
                    claim.status.key(),
                    if judgement.allowed {
                        "allowed by rule"
                    } else {
                        "NOT ALLOWED by rule"
                    },
                    rules::rule(claim.status)
                );
                let _ = writeln!(out, "  because: {}", judgement.because);
            }
        }
        let others: Vec<_> = verdict
            .allowed()
            .into_iter()
            .filter(|s| *s != claim.status)
            .collect();
        if !others.is_empty() {
            let _ = writeln!(out, "  also allowed: {}", rules::list(&others));
        }
        let parties: Vec<String> = verdict.parties.iter().map(|p| name(p)).collect();
        let _ = writeln!(
            out,
            "  parties: {}",
            if parties.is_empty() {
                "none (no participant of its events other than publishers and subjects)".into()
            } else {
                parties.join(", ")
            }
        );
        let _ = writeln!(out, "  stances:");
        for (stance, facts) in claim.stances.iter().zip(&verdict.stances) {
            let source = b.sources.iter().find(|s| *s.id == *stance.source);
            let mut flags = vec![
                if facts.party { "party" } else { "not a party" },
                if facts.on_record {
                    "on record"
                } else {
                    "unnamed, not on record"
                },
                stance.speech.label(),
            ];
            if !stance.date.inferred.is_empty() {
                flags.push("date inferred");
            }
            if source.is_some_and(|s| !s.inferred.is_empty()) {
                flags.push("chain inferred");
            }
            let _ = writeln!(
                out,
                "    - {} {}{} [{}]",
                name(&stance.actor),
                stance.kind.label(),
                stance
                    .on_behalf_of
                    .as_ref()
                    .map_or_else(String::new, |a| format!(" (for {})", name(a))),
                flags.join(", ")
            );
            let _ = writeln!(
                out,
                "      {} · {} (origin {}){}",
                stance.date.display(),
                source.map_or_else(|| stance.source.to_string(), |s| s.chain_text()),
                facts.origin,
                stance
                    .event
                    .as_ref()
                    .map_or_else(String::new, |e| format!(" · made in {e}"))
            );
            let _ = writeln!(out, "      “{}”", stance.quote);
        }
    }
    let marked = inferences(b);
    let _ = writeln!(out, "\nInferences ({})", marked.len());
    for m in &marked {
        let _ = writeln!(
            out,
            "  {} ({}): {} — {}",
            m.place,
            m.what,
            m.inference.kind.label(),
            m.inference.reason
        );
    }
    out
}
