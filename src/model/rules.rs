//! Status rules: which claim statuses a claim's stances allow.
//!
//! The data model (`shared/design/data-model.md`) defines each status by who
//! says what on record. This module reads a claim's stances the same way and
//! derives, for every status, whether the stances allow it and why (or why
//! not), so a curated status can be checked and a curator's report explained.
//!
//! The facts it reads, per stance:
//! - **party**: the stance's actor, or the actor it speaks for
//!   (`on_behalf_of`), takes part in one of the claim's events in a role other
//!   than publisher or subject. A publisher reports an event; a subject is
//!   talked about; neither is involved in it.
//! - **on record**: the actor is named (`anonymous` is false). Reported speech
//!   of a named official is on record; an unnamed source never is.
//! - **kind**: asserts and confirms support the claim; denies and disputes
//!   authenticity oppose it; declines to comment and downplays do neither.
//! - **origin**: the last outlet of the source chain. Two supporting stances
//!   are of independent origin only when their origins differ, their actors
//!   differ and their actors' affiliations differ: two outlets repeating one
//!   origin are one source, and two spokesmen of one government voice one line.

use super::by_id::ById;
use super::types::{Actor, Briefing, Claim, Event, Source, Stance};
use super::vocab::{ClaimStatus, Role, StanceKind, Vocab};
use std::collections::HashMap;

/// Ids met so far: a list while few (a claim has a handful of parties and
/// stances), hashed once many, so that a claim with thousands of parties or
/// stances is judged in linear time (a list searched per item was seconds
/// for a file of a few hundred KB).
#[derive(Default)]
struct Seen<'a> {
    list: Vec<&'a str>,
    /// (The map type `load` already holds, as a set: one copy of its code.)
    hashed: Option<HashMap<&'a str, usize>>,
}

impl<'a> Seen<'a> {
    fn contains(&self, id: &str) -> bool {
        match &self.hashed {
            Some(map) => map.contains_key(id),
            None => self.list.contains(&id),
        }
    }

    /// Adds `id`; false if it was there.
    fn insert(&mut self, id: &'a str) -> bool {
        if self.contains(id) {
            return false;
        }
        self.list.push(id);
        match &mut self.hashed {
            Some(map) => {
                map.insert(id, 0);
            }
            None if self.list.len() > 16 => {
                self.hashed = Some(self.list.iter().map(|&id| (id, 0)).collect());
            }
            None => {}
        }
        true
    }
}

/// What each status needs, in the data model's words.
pub fn rule(status: ClaimStatus) -> &'static str {
    match status {
        ClaimStatus::Confirmed => "acknowledged on record by every party, or corroborated by two or more sources of independent origin; denied on record by no party",
        ClaimStatus::PartiallyConfirmed => "acknowledged on record by at least one party; denied on record by none",
        ClaimStatus::Alleged => "asserted only by reports, unnamed sources or non-parties; no party on record either way; not corroborated by sources of independent origin",
        ClaimStatus::Disputed => "asserted on record and denied on record by a party",
        ClaimStatus::Denied => "denied on record by a party; acknowledged on record by no party",
        ClaimStatus::Unverified => "no party on record either way, and not corroborated: no basis to judge yet",
        ClaimStatus::Retracted => "withdrawn (a \"retracts\" stance) by an actor who asserted it",
    }
}

/// The stances' facts as the rules read them.
#[derive(Debug, Clone, PartialEq)]
pub struct StanceFacts<'c> {
    /// Index in `claim.stances`.
    pub index: usize,
    pub actor: &'c str,
    pub kind: StanceKind,
    pub party: bool,
    pub on_record: bool,
    pub origin: &'c str,
    pub affiliation: &'c str,
}

impl StanceFacts<'_> {
    fn supports(&self) -> bool {
        matches!(self.kind, StanceKind::Asserts | StanceKind::Confirms)
    }

    fn opposes(&self) -> bool {
        matches!(
            self.kind,
            StanceKind::Denies | StanceKind::DisputesAuthenticity
        )
    }
}

/// Whether one status is allowed, and the facts that decide it.
#[derive(Debug, Clone, PartialEq)]
pub struct Judgement {
    pub status: ClaimStatus,
    pub allowed: bool,
    pub because: String,
}

/// Every status judged for one claim.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict<'c> {
    /// Actor ids of the parties to what the claim is about.
    pub parties: Vec<&'c str>,
    pub stances: Vec<StanceFacts<'c>>,
    /// One per status, in [`ClaimStatus::ALL`] order.
    pub judgements: Vec<Judgement>,
}

impl Verdict<'_> {
    pub fn judgement(&self, status: ClaimStatus) -> &Judgement {
        self.judgements
            .iter()
            .find(|j| j.status == status)
            .expect("every status is judged")
    }

    pub fn allows(&self, status: ClaimStatus) -> bool {
        self.judgement(status).allowed
    }

    pub fn allowed(&self) -> Vec<ClaimStatus> {
        self.judgements
            .iter()
            .filter(|j| j.allowed)
            .map(|j| j.status)
            .collect()
    }
}

/// The collections a claim's stances refer to, by id: built once per
/// dataset, so judging every claim costs each claim's own size, not a scan
/// of every actor, source and event per claim.
pub struct Lookup<'a> {
    actors: ById<'a>,
    all_actors: &'a [Actor],
    sources: ById<'a>,
    all_sources: &'a [Source],
    /// Position of each event in the dataset, which is the order parties are named in.
    events: ById<'a>,
    all_events: &'a [Event],
}

impl<'a> Lookup<'a> {
    pub fn of(b: &'a Briefing) -> Lookup<'a> {
        Lookup::new(&b.actors, &b.sources, &b.events)
    }

    pub fn new(actors: &'a [Actor], sources: &'a [Source], events: &'a [Event]) -> Lookup<'a> {
        Lookup {
            actors: ById::new(actors.iter().map(|a| &*a.id).collect()),
            all_actors: actors,
            sources: ById::new(sources.iter().map(|s| &*s.id).collect()),
            all_sources: sources,
            events: ById::new(events.iter().map(|e| &*e.id).collect()),
            all_events: events,
        }
    }

    fn actor(&self, id: &str) -> Option<&'a Actor> {
        self.actors.get(id).map(|i| &self.all_actors[i])
    }

    fn name(&self, id: &str) -> String {
        self.actor(id)
            .map_or_else(|| id.to_string(), |a| a.name.clone())
    }

    /// Actors involved in the claim's events: every participant except
    /// publishers and subjects.
    pub fn parties<'c>(&self, claim: &'c Claim) -> Vec<&'c str>
    where
        'a: 'c,
    {
        self.parties_seen(claim).0
    }

    /// The parties, and the same as a set for the stances' party test.
    fn parties_seen<'c>(&self, claim: &'c Claim) -> (Vec<&'c str>, Seen<'c>)
    where
        'a: 'c,
    {
        let mut parties: Vec<&'c str> = Vec::new();
        let mut seen = Seen::default();
        let mut at: Vec<usize> = claim
            .events
            .iter()
            .filter_map(|id| self.events.get(id))
            .collect();
        at.sort_unstable();
        at.dedup();
        for event in at.into_iter().map(|i| &self.all_events[i]) {
            for p in &event.participants {
                if !matches!(p.role, Role::Publisher | Role::Subject) && seen.insert(&p.actor) {
                    parties.push(&p.actor);
                }
            }
        }
        (parties, seen)
    }

    fn facts<'c>(&self, index: usize, stance: &'c Stance, parties: &Seen) -> StanceFacts<'c>
    where
        'a: 'c,
    {
        let actor = self.actor(&stance.actor);
        let party = parties.contains(&stance.actor)
            || stance
                .on_behalf_of
                .as_ref()
                .is_some_and(|a| parties.contains(a));
        let origin = match self.sources.get(&stance.source) {
            Some(s) => self.all_sources[s].origin(),
            None => &stance.source,
        };
        StanceFacts {
            index,
            actor: &stance.actor,
            kind: stance.kind,
            party,
            on_record: actor.is_some_and(|a| !a.anonymous),
            origin,
            affiliation: actor.map_or("", |a| &a.affiliation),
        }
    }

    /// Judges every status for `claim`, each with the reason in words.
    pub fn judge<'c>(&self, claim: &'c Claim) -> Verdict<'c>
    where
        'a: 'c,
    {
        self.judge_with(claim, true)
    }

    /// `reasons` false leaves every `because` empty: loading a dataset only
    /// needs to know which statuses are allowed, and writing the reasons
    /// for every claim was a fifth of a large dataset's load.
    fn judge_with<'c>(&self, claim: &'c Claim, reasons: bool) -> Verdict<'c>
    where
        'a: 'c,
    {
        let (parties, party_set) = self.parties_seen(claim);
        let stances: Vec<StanceFacts> = claim
            .stances
            .iter()
            .enumerate()
            .map(|(i, s)| self.facts(i, s, &party_set))
            .collect();
        drop(party_set);
        let judgements = judge_facts(self, claim, &parties, &stances, reasons);
        Verdict {
            parties,
            stances,
            judgements,
        }
    }
}

/// Judges `claim` against the dataset it belongs to.
pub fn judge<'c>(b: &'c Briefing, claim: &'c Claim) -> Verdict<'c> {
    Lookup::of(b).judge(claim)
}

/// Where a value first comes a second time, if one does.
pub(super) fn first_repeat<'a>(items: impl IntoIterator<Item = &'a str>) -> Option<usize> {
    let mut seen = Seen::default();
    items.into_iter().position(|item| !seen.insert(item))
}

/// Distinct values in first-seen order.
pub(super) fn distinct<'a>(items: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let mut seen = Seen::default();
    for item in items {
        seen.insert(item);
    }
    seen.list
}

fn names<'a>(lookup: &Lookup, ids: impl IntoIterator<Item = &'a str>) -> String {
    let ids = distinct(ids);
    listed(
        ids.iter()
            .take(NAMED + 1)
            .map(|id| lookup.name(id))
            .collect(),
        ids.len(),
    )
}

/// At most this many names in one reason: a claim of 20,000 parties made a
/// sentence of 300 KB.
const NAMED: usize = 8;

/// "A", "A and B", "A, B and C"; past [`NAMED`] of `all`, the rest counted:
/// "A, B, … H and 19,992 others". (`items` may hold only the first ones.)
fn listed(mut items: Vec<String>, all: usize) -> String {
    if all > NAMED {
        items.truncate(NAMED);
        return format!(
            "{} and {} others",
            items.join(", "),
            super::decode::grouped((all - NAMED) as u64)
        );
    }
    match items.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => "nobody".into(),
    }
}

/// The first two supporting stances (by position: the first `a`, then the
/// first `b` after it) of independent origin: different actors, origins and
/// affiliations. A few are compared pair by pair; many (a claim may have
/// 20,000 stances) are counted instead: for each `a`, how many later
/// stances share its actor, origin or affiliation (by inclusion and
/// exclusion over counts of each combination), so only the `a` that has a
/// partner is scanned for it. Linear either way, and the same pair.
fn first_independent(supports: &[&StanceFacts]) -> Option<(usize, usize)> {
    let fits = |a: &StanceFacts, b: &StanceFacts| {
        a.actor != b.actor && a.origin != b.origin && a.affiliation != b.affiliation
    };
    let partner = |i: usize| (i + 1..supports.len()).find(|&j| fits(supports[i], supports[j]));
    if supports.len() <= 32 {
        return (0..supports.len()).find_map(|i| partner(i).map(|j| (i, j)));
    }
    // Keys of each combination of actor (1), origin (2) and affiliation (4),
    // seven per stance; counted in the map type `load` already holds (one
    // copy of its code in the page).
    let keys: Vec<String> = supports
        .iter()
        .flat_map(|s| {
            (1..8u8).map(move |mask| {
                let mut k = String::from(char::from(b'0' + mask));
                for (bit, part) in [(1, s.actor), (2, s.origin), (4, s.affiliation)] {
                    if mask & bit != 0 {
                        k.push_str(part);
                    }
                    // A separator no id, outlet or affiliation holds (no
                    // control characters in names): parts cannot run together.
                    k.push('\u{1}');
                }
                k
            })
        })
        .collect();
    let mut later: HashMap<&str, usize> = HashMap::new();
    for k in &keys {
        *later.entry(k).or_insert(0) += 1;
    }
    for i in 0..supports.len() {
        let own = &keys[i * 7..i * 7 + 7];
        for k in own {
            if let Some(n) = later.get_mut(k.as_str()) {
                *n -= 1;
            }
        }
        // Later stances sharing a part with this one: + singles - pairs + the triple.
        let sharing: isize = (1..8u8)
            .zip(own)
            .map(|(mask, k)| {
                let n = later.get(k.as_str()).copied().unwrap_or(0) as isize;
                if mask.count_ones() % 2 == 1 {
                    n
                } else {
                    -n
                }
            })
            .sum();
        let rest = (supports.len() - i - 1) as isize;
        if rest > sharing {
            return partner(i).map(|j| (i, j));
        }
    }
    None
}

fn judge_facts(
    lookup: &Lookup,
    claim: &Claim,
    parties: &[&str],
    stances: &[StanceFacts],
    reasons: bool,
) -> Vec<Judgement> {
    // Without reasons no text is written (no decision reads one): the
    // texts formatted and dropped were a sixth of a large file's checks.
    macro_rules! text {
        ($($arg:tt)*) => {
            match reasons {
                true => format!($($arg)*),
                false => String::new(),
            }
        };
    }
    let acks: Vec<&StanceFacts> = stances
        .iter()
        .filter(|s| s.party && s.on_record && s.supports())
        .collect();
    let denials: Vec<&StanceFacts> = stances
        .iter()
        .filter(|s| s.party && s.on_record && s.opposes())
        .collect();
    let supports: Vec<&StanceFacts> = stances.iter().filter(|s| s.supports()).collect();
    let on_record_support: Vec<&StanceFacts> =
        supports.iter().copied().filter(|s| s.on_record).collect();
    let independent = first_independent(&supports).map(|(i, j)| (supports[i], supports[j]));
    // Which parties acknowledge, directly or through someone speaking for them.
    let mut acknowledging = Seen::default();
    for s in &acks {
        acknowledging.insert(s.actor);
        if let Some(boss) = &claim.stances[s.index].on_behalf_of {
            acknowledging.insert(boss);
        }
    }
    let silent: Vec<&str> = parties
        .iter()
        .copied()
        .filter(|p| !acknowledging.contains(p))
        .collect();
    let all_parties_ack = !parties.is_empty() && silent.is_empty();

    // Without reasons, every text below is left empty (the verdicts are
    // the same: no decision reads a text).
    let who = |list: &[&StanceFacts]| match reasons {
        true => names(lookup, list.iter().map(|s| s.actor)),
        false => String::new(),
    };
    // "Peskov denies" / "Peskov and Dmitriev deny"
    let says = |list: &[&StanceFacts], verb: &str| {
        if !reasons {
            return String::new();
        }
        let verb = if distinct(list.iter().map(|s| s.actor)).len() == 1 {
            format!("{verb}s")
        } else {
            verb.to_string()
        };
        format!("{} {verb}", who(list))
    };
    let denial_text = || text!("{} it on record as a party", says(&denials, "reject"));
    let ack_text = || text!("{} it on record as a party", says(&acks, "acknowledge"));
    let corroboration_text = |(a, b): (&StanceFacts, &StanceFacts)| {
        if !reasons {
            return String::new();
        }
        format!(
            "{} (origin {}) and {} (origin {}) are of independent origin",
            lookup.name(a.actor),
            a.origin,
            lookup.name(b.actor),
            b.origin
        )
    };
    let no_corroboration = || {
        if !reasons {
            return String::new();
        }
        let origins = distinct(supports.iter().map(|s| s.origin));
        let origins = listed(
            origins
                .iter()
                .take(NAMED + 1)
                .map(|o| o.to_string())
                .collect(),
            origins.len(),
        );
        if supports.is_empty() {
            "nobody asserts it".to_string()
        } else {
            format!(
                "its supporting stances ({}) are not of independent origin (origins: {})",
                who(&supports),
                origins
            )
        }
    };
    // Alleged and unverified both need nobody on record either way and no
    // corroboration: the first reason that rules them out, if any.
    let on_record_or_corroborated = || {
        if !acks.is_empty() {
            Some(ack_text())
        } else if !denials.is_empty() {
            Some(denial_text())
        } else {
            independent.map(|pair| text!("it is corroborated: {}", corroboration_text(pair)))
        }
    };

    let judge = |status: ClaimStatus| -> (bool, String) {
        match status {
            ClaimStatus::Confirmed => {
                if !denials.is_empty() {
                    (false, denial_text())
                } else if all_parties_ack {
                    (
                        true,
                        text!("every party acknowledges it on record ({})", who(&acks)),
                    )
                } else if let Some(pair) = independent {
                    (true, corroboration_text(pair))
                } else if parties.is_empty() {
                    (
                        false,
                        text!(
                            "it has no parties to acknowledge it, and {}",
                            no_corroboration()
                        ),
                    )
                } else {
                    (
                        false,
                        text!(
                            "{} {} not acknowledge it on record, and {}",
                            names(lookup, silent.iter().map(|s| s.as_ref())),
                            if silent.len() == 1 { "does" } else { "do" },
                            no_corroboration()
                        ),
                    )
                }
            }
            ClaimStatus::PartiallyConfirmed => {
                if !denials.is_empty() {
                    (false, denial_text())
                } else if !acks.is_empty() {
                    (true, ack_text())
                } else {
                    (false, text!("no party acknowledges it on record"))
                }
            }
            ClaimStatus::Alleged => {
                if let Some(reason) = on_record_or_corroborated() {
                    (false, reason)
                } else if supports.is_empty() {
                    (false, text!("nobody asserts it"))
                } else {
                    (
                        true,
                        text!(
                            "asserted only by {}, not by a party on record",
                            who(&supports)
                        ),
                    )
                }
            }
            ClaimStatus::Disputed => {
                if denials.is_empty() {
                    (false, text!("no party denies it on record"))
                } else if on_record_support.is_empty() {
                    (
                        false,
                        text!("{}, but nobody asserts it on record", denial_text()),
                    )
                } else {
                    (
                        true,
                        text!(
                            "{} it on record and {}",
                            says(&on_record_support, "assert"),
                            denial_text()
                        ),
                    )
                }
            }
            ClaimStatus::Denied => {
                if denials.is_empty() {
                    (false, text!("no party denies it on record"))
                } else if !acks.is_empty() {
                    (false, text!("{}, but {}", denial_text(), ack_text()))
                } else {
                    (
                        true,
                        text!("{} and no party acknowledges it", denial_text()),
                    )
                }
            }
            ClaimStatus::Unverified => {
                if let Some(reason) = on_record_or_corroborated() {
                    (false, reason)
                } else {
                    (
                        true,
                        text!(
                            "no party is on record either way and {}",
                            no_corroboration()
                        ),
                    )
                }
            }
            ClaimStatus::Retracted => {
                let mut asserted = Seen::default();
                for t in stances.iter().filter(|t| t.kind == StanceKind::Asserts) {
                    asserted.insert(t.actor);
                }
                let retractions: Vec<&StanceFacts> = stances
                    .iter()
                    .filter(|s| s.kind == StanceKind::Retracts && asserted.contains(s.actor))
                    .collect();
                if retractions.is_empty() {
                    (false, text!("nobody who asserted it withdraws it"))
                } else {
                    (
                        true,
                        text!("{} what they asserted", says(&retractions, "withdraw")),
                    )
                }
            }
        }
    };
    ClaimStatus::ALL
        .iter()
        .map(|&status| {
            let (allowed, because) = judge(status);
            Judgement {
                status,
                allowed,
                because,
            }
        })
        .collect()
}

/// "denied or disputed"
pub fn list(statuses: &[ClaimStatus]) -> String {
    let labels: Vec<&str> = statuses.iter().map(|s| s.key()).collect();
    match labels.split_last() {
        Some((last, [])) => (*last).to_string(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => "none".into(),
    }
}

/// A claim's status checked against its stances: `Err` with a sentence for
/// the curator when the status is outside what the stances allow and no
/// override keeps it, or when an override is there without need.
pub fn check(lookup: &Lookup, claim: &Claim) -> Result<(), (&'static str, String)> {
    let status = claim.status;
    let fine = |allowed: bool| claim.status_override.is_some() != allowed;
    if fine(lookup.judge_with(claim, false).allows(status)) {
        return Ok(());
    }
    // Only a claim in the wrong needs its reasons written.
    let verdict = lookup.judge(claim);
    let judgement = verdict.judgement(status);
    match (&claim.status_override, judgement.allowed) {
        (None, false) => Err((
            "status",
            format!(
                "claim \"{}\" is \"{}\", which its stances do not allow. The rule for \"{}\": {}; but {}. Allowed: {}. To keep \"{}\", add \"status_override\": {{\"reason\": \"...\"}}",
                claim.id,
                status.key(),
                status.key(),
                rule(status),
                judgement.because,
                list(&verdict.allowed()),
                status.key()
            ),
        )),
        (Some(_), true) => Err((
            "status_override",
            format!(
                "is not needed: claim \"{}\" is \"{}\" by rule ({}: {}); remove the override",
                claim.id,
                status.key(),
                rule(status),
                judgement.because
            ),
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn judging_without_reasons_allows_the_same_statuses() {
        let bundled = crate::model::load(crate::model::BUNDLED).expect("the bundled dataset reads");
        for b in [bundled, crate::gen::generate(400, 11)] {
            let lookup = Lookup::of(&b);
            for claim in &b.claims {
                let (loud, quiet) = (lookup.judge(claim), lookup.judge_with(claim, false));
                assert_eq!(loud.allowed(), quiet.allowed(), "{}", claim.id);
                assert!(
                    loud.judgements.iter().all(|j| !j.because.is_empty()),
                    "{}",
                    claim.id
                );
                assert!(quiet.judgements.iter().all(|j| j.because.is_empty()));
            }
        }
    }

    /// Counting finds the very pair the pair-by-pair search finds, on
    /// supports of 33 to 120 stances drawn from a few actors, origins and
    /// affiliations (so most pairs share something, and some claims have no
    /// pair at all).
    #[test]
    fn counting_finds_the_first_independent_pair_as_comparing_does() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        let (mut found, mut late, mut none) = (0, 0, 0);
        for _ in 0..400 {
            let (actors, origins, affiliations) = (1 + next(4), 1 + next(4), 1 + next(3));
            // Half the claims start with stances that have no partner at
            // all: (a0, o0, f0), while every later one shares one of those.
            let lonely = if next(2) == 0 { next(30) } else { 0 };
            let facts: Vec<StanceFacts> = (0..33 + next(88))
                .map(|index| {
                    let mut part = [next(actors), next(origins), next(affiliations)];
                    if index < lonely {
                        part = [0, 0, 0];
                    } else if lonely > 0 {
                        part[next(3) as usize] = 0;
                    }
                    StanceFacts {
                        index: index as usize,
                        actor: ["a0", "a1", "a2", "a3"][part[0] as usize],
                        kind: StanceKind::Asserts,
                        party: false,
                        on_record: true,
                        origin: ["o0", "o1", "o2", "o3"][part[1] as usize],
                        affiliation: ["f0", "f1", "f2"][part[2] as usize],
                    }
                })
                .collect();
            let supports: Vec<&StanceFacts> = facts.iter().collect();
            let compared = (0..supports.len()).find_map(|i| {
                (i + 1..supports.len())
                    .find(|&j| {
                        let (a, b) = (supports[i], supports[j]);
                        a.actor != b.actor && a.origin != b.origin && a.affiliation != b.affiliation
                    })
                    .map(|j| (i, j))
            });
            assert_eq!(first_independent(&supports), compared);
            match compared {
                Some((i, _)) if i > 0 => late += 1,
                Some(_) => found += 1,
                None => none += 1,
            }
        }
        assert!(
            found > 30 && late > 30 && none > 30,
            "every outcome drawn: {found} at the first, {late} later, {none} none"
        );
    }
}
