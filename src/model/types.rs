//! The briefing's data types. Field names are the JSON keys of `data/briefing.json`
//! (see `data/briefing.schema.json`, kept in step by a test).

use super::date::DateSpec;
use super::vocab::{
    ActorKind, ClaimStatus, EventStatus, InferenceKind, Modality, Role, Speech, StanceKind, Track,
};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// An id that refers to an actor, a source or an event from elsewhere in
/// the dataset. Shared: the decoder keeps one copy of each id however often
/// it is referred to (2.2 million references at 100,000 events, which as
/// strings of their own were about a third of the dataset's memory).
pub type Ref = Arc<str>;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Briefing {
    /// Editor hint pointing at the JSON Schema; ignored by the app.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    pub meta: Meta,
    pub actors: Vec<Actor>,
    pub sources: Vec<Source>,
    pub events: Vec<Event>,
    pub claims: Vec<Claim>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<String>,
    /// The day the briefing's information is current to (YYYY-MM-DD).
    pub as_of: String,
    pub compiled_by: String,
    pub summary: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub key_points: Vec<String>,
    /// A handling marking such as "UNCLASSIFIED // FOR INTERNAL USE".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handling: Option<String>,
}

/// A person or body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Actor {
    /// Shared with every reference to the actor (see [`Ref`]).
    pub id: Ref,
    pub name: String,
    /// Other names and transliterations ("Ušakov", "Ушаков").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Role at the time of the events.
    pub role: String,
    /// Country or organisation.
    pub affiliation: String,
    pub kind: ActorKind,
    /// Not named in the sources ("one of the individuals involved"): what it
    /// says is never on record.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub anonymous: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A machine-readable mark that something is inferred, not stated, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Inference {
    pub kind: InferenceKind,
    pub reason: String,
}

/// A report that carries a stance or a fact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Shared with every reference to the source (see [`Ref`]).
    pub id: Ref,
    /// The outlet whose text we hold.
    pub outlet: String,
    /// Outlets it came through, nearest first; the last is its origin.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub chain: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// Publication day (YYYY-MM-DD), only when the source gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// Language of the text we hold (BCP 47, e.g. "en").
    pub language: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Set when the chain is inferred from context rather than stated.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inferred: Vec<Inference>,
}

impl Source {
    /// The outlet the report originates from: two sources with one origin are one source.
    pub fn origin(&self) -> &str {
        self.chain.last().unwrap_or(&self.outlet)
    }

    /// "TASR, citing DPA, citing TASS"
    pub fn chain_text(&self) -> String {
        std::iter::once(self.outlet.as_str())
            .chain(self.chain.iter().map(String::as_str))
            .collect::<Vec<_>>()
            .join(", citing ")
    }
}

/// How the parties communicated: who takes part (track) and how (modality).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Channel {
    /// Absent for statements and publications, which are not contacts between parties.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub track: Option<Track>,
    pub modality: Modality,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Participant {
    pub actor: Ref,
    pub role: Role,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Something that happened, or is said to have happened, or is planned.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// Shared with every reference to the event (see [`Ref`]).
    pub id: Ref,
    pub title: String,
    pub date: DateSpec,
    pub status: EventStatus,
    pub channel: Channel,
    /// Secret or backchannel: not public when it happened.
    #[serde(default)]
    pub secret: bool,
    pub participants: Vec<Participant>,
    /// A short neutral summary.
    pub summary: String,
    /// Why, where a judgement (a date, a flag) is not literal in the sources.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Sources that report the event.
    pub sources: Vec<Ref>,
}

/// A proposition about events that someone asserts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    pub id: String,
    pub text: String,
    pub status: ClaimStatus,
    /// Events the claim is about.
    pub events: Vec<Ref>,
    pub stances: Vec<Stance>,
    /// Why this status, where it is a judgement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The curator keeps a status the stances do not allow by rule, and says why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_override: Option<StatusOverride>,
}

/// A curator's judgement that overrides the status rules (see `rules.rs`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusOverride {
    pub reason: String,
}

/// Who said what about a claim, when, in which words, and where it was reported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stance {
    pub actor: Ref,
    pub kind: StanceKind,
    pub date: DateSpec,
    /// Verbatim from the source.
    pub quote: String,
    pub speech: Speech,
    pub source: Ref,
    /// The actor the speaker speaks for (a spokeswoman for her minister), which
    /// makes the stance a party's when that actor is a party to the claim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_behalf_of: Option<Ref>,
    /// The event (a statement, a post) in which the stance was taken.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<Ref>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}
