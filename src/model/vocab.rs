//! Closed vocabularies of the data model (see `docs/data-model.md`).
//!
//! Each is a plain enum with a stable JSON key and a reader-facing label. The
//! `vocab!` macro keeps the key, the label and the list of allowed values in
//! one place, so validation messages, the JSON Schema test and the filters all
//! read the same list.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A closed set of values with a JSON key and a label for readers.
pub trait Vocab: Sized + Copy + Eq + 'static {
    /// Every value, in display order.
    const ALL: &'static [Self];
    /// What the type is called in messages ("claim status").
    const NAME: &'static str;
    fn key(self) -> &'static str;
    fn label(self) -> &'static str;

    fn parse(key: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.key() == key)
    }

    /// "a, b or c", for error messages.
    fn allowed() -> String {
        let keys: Vec<&str> = Self::ALL.iter().map(|v| v.key()).collect();
        match keys.split_last() {
            Some((last, [])) => (*last).to_string(),
            Some((last, rest)) => format!("{} or {}", rest.join(", "), last),
            None => String::new(),
        }
    }
}

macro_rules! vocab {
    ($(#[$meta:meta])* $name:ident, $what:literal { $($variant:ident = $key:literal, $label:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }

        impl Vocab for $name {
            const ALL: &'static [Self] = &[$(Self::$variant),+];
            const NAME: &'static str = $what;
            fn key(self) -> &'static str { match self { $(Self::$variant => $key),+ } }
            fn label(self) -> &'static str { match self { $(Self::$variant => $label),+ } }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.key())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let key = String::deserialize(d)?;
                Self::parse(&key).ok_or_else(|| {
                    serde::de::Error::custom(format!(
                        "unknown {} \"{}\" (allowed: {})", $what, key, Self::allowed()
                    ))
                })
            }
        }
    };
}

vocab!(
    /// What kind of person or body an actor is.
    ActorKind, "actor kind" {
        GovernmentOfficial = "government_official", "government official";
        FormerOfficial = "former_official", "former official";
        PrivateCitizen = "private_citizen", "private citizen";
        Government = "government", "government or state body";
        StateMedia = "state_media", "state media";
        IndependentMedia = "independent_media", "independent media";
        PublicBroadcaster = "public_broadcaster", "public broadcaster";
        Media = "media", "media (unspecified)";
    }
);

vocab!(
    /// What part an actor played in an event.
    Role, "participant role" {
        Initiator = "initiator", "initiator";
        Recipient = "recipient", "recipient";
        Participant = "participant", "participant";
        Host = "host", "host";
        Guest = "guest", "guest";
        Intermediary = "intermediary", "intermediary";
        Speaker = "speaker", "speaker";
        Publisher = "publisher", "publisher";
        Subject = "subject", "subject";
    }
);

vocab!(
    /// Who takes part in a contact (the "track" axis of a channel).
    Track, "track" {
        Track1 = "track_1", "Track 1";
        Track1_5 = "track_1_5", "Track 1.5";
        Track2 = "track_2", "Track 2";
        Internal = "internal", "Within one government";
    }
);

vocab!(
    /// How the parties communicated (the "modality" axis of a channel).
    Modality, "modality" {
        PhoneCall = "phone_call", "Phone call";
        MessagingApp = "messaging_app", "Messaging app";
        InPerson = "in_person", "In person";
        VideoCall = "video_call", "Video call";
        ViaIntermediary = "via_intermediary", "Via intermediary";
        PublicStatement = "public_statement", "Public statement";
        Publication = "publication", "Publication";
        Unspecified = "unspecified", "Not stated";
    }
);

vocab!(
    /// Whether an event happened or was announced for later.
    EventStatus, "event status" {
        Happened = "happened", "happened";
        Planned = "planned", "planned";
    }
);

vocab!(
    /// What is known about a claim. Labels are the words readers see.
    ClaimStatus, "claim status" {
        Confirmed = "confirmed", "confirmed";
        PartiallyConfirmed = "partially_confirmed", "partially confirmed";
        Alleged = "alleged", "alleged";
        Disputed = "disputed", "disputed";
        Denied = "denied", "denied";
        Unverified = "unverified", "unverified";
        Retracted = "retracted", "retracted";
    }
);

vocab!(
    /// What an actor does with a claim.
    StanceKind, "stance kind" {
        Asserts = "asserts", "asserts";
        Confirms = "confirms", "confirms";
        Denies = "denies", "denies";
        DisputesAuthenticity = "disputes_authenticity", "disputes authenticity";
        DeclinesToComment = "declines_to_comment", "declines to comment";
        Downplays = "downplays", "downplays";
        Retracts = "retracts", "retracts";
    }
);

vocab!(
    /// Whether a quote is the speaker's own words or the outlet's rendering of them.
    Speech, "speech" {
        Direct = "direct", "direct quote";
        Reported = "reported", "reported speech";
    }
);

vocab!(
    /// How exact a date is.
    Precision, "date precision" {
        Day = "day", "day";
        Week = "week", "week";
        Month = "month", "month";
        PartOfMonth = "part_of_month", "part of month";
        Year = "year", "year";
        Range = "range", "range";
        NotBefore = "not_before", "not before";
        NotAfter = "not_after", "not after";
        Undated = "undated", "date not given";
    }
);

vocab!(
    /// Why a date or a source chain is more than the source says in so many words.
    InferenceKind, "inference kind" {
        DayFromWeekday = "day_from_weekday", "day derived from a weekday and the publication date";
        YearFromContext = "year_from_context", "year inferred from context";
        WeekdayFromContext = "weekday_from_context", "weekday taken from a neighbouring sentence";
        DateFromContext = "date_from_context", "date bounds inferred from context";
        ChainFromContext = "chain_from_context", "source chain inferred, not stated";
    }
);

impl InferenceKind {
    /// Whether the kind is about a date (otherwise about a source chain).
    pub fn is_about_a_date(self) -> bool {
        !matches!(self, InferenceKind::ChainFromContext)
    }
}

vocab!(
    /// Which part of a month a "part_of_month" date means.
    MonthPart, "part of month" {
        Early = "early", "early";
        Mid = "mid", "mid";
        Late = "late", "late";
    }
);

vocab!(
    /// A day of the week, when the source names only that ("on Wednesday").
    Weekday, "weekday" {
        Monday = "monday", "Monday";
        Tuesday = "tuesday", "Tuesday";
        Wednesday = "wednesday", "Wednesday";
        Thursday = "thursday", "Thursday";
        Friday = "friday", "Friday";
        Saturday = "saturday", "Saturday";
        Sunday = "sunday", "Sunday";
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_and_unknown_keys_list_the_allowed_ones() {
        for status in ClaimStatus::ALL {
            assert_eq!(ClaimStatus::parse(status.key()), Some(*status));
        }
        assert_eq!(ClaimStatus::parse("rumoured"), None);
        let err = serde_json::from_str::<ClaimStatus>("\"rumoured\"").unwrap_err();
        assert!(err
            .to_string()
            .contains("allowed: confirmed, partially_confirmed"));
        assert_eq!(MonthPart::allowed(), "early, mid or late");
    }

    #[test]
    fn channel_labels_are_ascii() {
        // The pictures lower-case them with `to_ascii_lowercase`: Unicode
        // lower-casing of a whole string brings its tables into the wasm.
        for m in Modality::ALL {
            assert!(m.label().is_ascii(), "{}", m.label());
        }
    }
}
