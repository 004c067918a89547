//! What the reader is looking at, and how it lives in the URL's query string.
//!
//! `?q=usakov&actor=yuriy-ushakov,steve-witkoff&channel=phone_call&status=denied&stance=denies&from=2025-10-01&to=2025-12-31&event=witkoff-ushakov-call,ushakov-tells-tass&view=claims`
//!
//! Decoding never fails: an unknown parameter or value is dropped and
//! explained in a notice, and the rest of the link still applies.

use super::IdSet;
use crate::model::Day;
use std::collections::HashSet;

/// What the URL parser must know about a briefing: which event ids and
/// option keys exist. A trait, so that this module need not know the index.
pub trait Known {
    fn has_event(&self, id: &str) -> bool;
    fn has_option(&self, facet: Facet, key: &str) -> bool;
}

// So that `&index`, whether the index is owned, borrowed or shared, will do.
macro_rules! known_through {
    ($($wrapper:ty),*) => {$(
        impl<K: Known + ?Sized> Known for $wrapper {
            fn has_event(&self, id: &str) -> bool {
                (**self).has_event(id)
            }
            fn has_option(&self, facet: Facet, key: &str) -> bool {
                (**self).has_option(facet, key)
            }
        }
    )*};
}
known_through!(&K, std::sync::Arc<K>);

/// The four checkbox filters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Facet {
    Actor = 0,
    Channel = 1,
    Status = 2,
    /// What was said in an event: asserts, denies...
    Stance = 3,
}

impl Facet {
    pub const ALL: [Facet; 4] = [Facet::Actor, Facet::Channel, Facet::Status, Facet::Stance];

    /// The fieldset legend.
    pub fn label(self) -> &'static str {
        match self {
            Facet::Actor => "Actor",
            Facet::Channel => "Channel",
            Facet::Status => "Claim status",
            Facet::Stance => "Stance",
        }
    }

    /// The query-string parameter.
    pub fn param(self) -> &'static str {
        match self {
            Facet::Actor => "actor",
            Facet::Channel => "channel",
            Facet::Status => "status",
            Facet::Stance => "stance",
        }
    }
}

/// Any filter a reader can set, for explaining an empty result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter {
    Facet(Facet),
    Search,
    Dates,
}

impl Filter {
    pub const ALL: [Filter; 6] = [
        Filter::Facet(Facet::Actor),
        Filter::Facet(Facet::Channel),
        Filter::Facet(Facet::Status),
        Filter::Facet(Facet::Stance),
        Filter::Search,
        Filter::Dates,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Filter::Facet(f) => f.label(),
            Filter::Search => "Search",
            Filter::Dates => "Date range",
        }
    }
}

/// Which view of the briefing is shown below the filters.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Tab {
    #[default]
    Events,
    /// Each claim once, by speaker: "who says what".
    Claims,
    Pictures,
}

impl Tab {
    pub const ALL: [Tab; 3] = [Tab::Events, Tab::Claims, Tab::Pictures];

    pub fn label(self) -> &'static str {
        match self {
            Tab::Events => "Events",
            Tab::Claims => "Claims: who says what",
            Tab::Pictures => "Pictures",
        }
    }

    /// The `view=` value ("" for the default).
    pub fn param(self) -> &'static str {
        match self {
            Tab::Events => "",
            Tab::Claims => "claims",
            Tab::Pictures => "pictures",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ViewState {
    pub actors: IdSet,
    pub channels: IdSet,
    pub statuses: IdSet,
    pub stances: IdSet,
    pub search: String,
    pub from: Option<Day>,
    pub to: Option<Day>,
    /// The events whose detail is open (the page keeps these in a signal of
    /// their own, so opening one never re-runs the query).
    pub open: IdSet,
    pub tab: Tab,
    /// A dataset loaded from this site instead of the bundled one (a relative URL).
    pub data: Option<String>,
    /// Embedded in another page: compact, no masthead.
    pub embed: bool,
}

impl ViewState {
    pub fn selected(&self, facet: Facet) -> &IdSet {
        match facet {
            Facet::Actor => &self.actors,
            Facet::Channel => &self.channels,
            Facet::Status => &self.statuses,
            Facet::Stance => &self.stances,
        }
    }

    fn selected_mut(&mut self, facet: Facet) -> &mut IdSet {
        match facet {
            Facet::Actor => &mut self.actors,
            Facet::Channel => &mut self.channels,
            Facet::Status => &mut self.statuses,
            Facet::Stance => &mut self.stances,
        }
    }

    pub fn set(&mut self, facet: Facet, key: &str, on: bool) {
        let selected = self.selected_mut(facet);
        if on {
            selected.insert(key.to_string());
        } else {
            selected.remove(key);
        }
    }

    /// Ticks an option, or unticks it if it was ticked (a network node).
    pub fn toggle(&mut self, facet: Facet, key: &str) {
        let on = !self.selected(facet).contains(key);
        self.set(facet, key, on);
    }

    /// The events involving any of these actors (an actor's name, a network
    /// edge): the actor filter is set to them alone; the others stay.
    pub fn only_actors(&mut self, keys: impl IntoIterator<Item = String>) {
        self.actors.clear();
        self.actors.extend(keys);
    }

    pub fn is_active(&self, filter: Filter) -> bool {
        match filter {
            Filter::Facet(f) => !self.selected(f).is_empty(),
            Filter::Search => !self.search.trim().is_empty(),
            Filter::Dates => self.from.is_some() || self.to.is_some(),
        }
    }

    pub fn clear(&mut self, filter: Filter) {
        match filter {
            Filter::Facet(f) => self.selected_mut(f).clear(),
            Filter::Search => self.search.clear(),
            Filter::Dates => (self.from, self.to) = (None, None),
        }
    }

    pub fn has_filters(&self) -> bool {
        Filter::ALL.iter().any(|&f| self.is_active(f))
    }

    /// The filters set, in the order of `Filter::ALL`.
    pub fn active_filters(&self) -> impl Iterator<Item = Filter> + '_ {
        Filter::ALL.into_iter().filter(|&f| self.is_active(f))
    }

    /// Clears every filter; open events stay open.
    pub fn clear_filters(&mut self) {
        for filter in Filter::ALL {
            self.clear(filter);
        }
    }

    /// The query string for this view: "" or "?a=b&c=d".
    pub fn to_query(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if !self.search.trim().is_empty() {
            pairs.push(("q", self.search.clone()));
        }
        for facet in Facet::ALL {
            let selected = self.selected(facet);
            if !selected.is_empty() {
                pairs.push((
                    facet.param(),
                    selected.iter().cloned().collect::<Vec<_>>().join(","),
                ));
            }
        }
        if let Some(from) = self.from {
            pairs.push(("from", from.iso()));
        }
        if let Some(to) = self.to {
            pairs.push(("to", to.iso()));
        }
        if !self.open.is_empty() {
            pairs.push((
                "event",
                self.open.iter().cloned().collect::<Vec<_>>().join(","),
            ));
        }
        if self.tab != Tab::Events {
            pairs.push(("view", self.tab.param().into()));
        }
        if let Some(data) = &self.data {
            pairs.push(("data", data.clone()));
        }
        if self.embed {
            pairs.push(("embed", "1".into()));
        }
        if pairs.is_empty() {
            return String::new();
        }
        let encoded: Vec<String> = pairs
            .iter()
            .map(|(k, v)| format!("{k}={}", encode(v)))
            .collect();
        format!("?{}", encoded.join("&"))
    }

    /// Reads a query string (with or without its "?"); returns the view and a
    /// notice for each part that was ignored.
    pub fn from_query(query: &str, index: &(impl Known + ?Sized)) -> (ViewState, Vec<String>) {
        let mut state = ViewState::default();
        let mut notices = Vec::new();
        let mut seen = HashSet::new();
        // Gathered, then sorted once: a link may list every event, in any order.
        let (mut opened, mut ticked) = (Vec::new(), [(); 4].map(|_| Vec::new()));
        for pair in query
            .trim_start_matches('?')
            .split('&')
            .filter(|p| !p.is_empty())
        {
            let (raw_key, raw_value) = pair.split_once('=').unwrap_or((pair, ""));
            let (Some(key), Some(value)) = (decode(raw_key), decode(raw_value)) else {
                // A parameter counts as given even when its value is broken, so a
                // second one does not override it (data_param reads links the same way).
                if let Some(key) = decode(raw_key) {
                    seen.insert(key);
                }
                notices.push(format!(
                    "Ignored “{}”: it is not correctly encoded.",
                    shorten(pair)
                ));
                continue;
            };
            if !seen.insert(key.clone()) {
                notices.push(format!("Ignored a second “{}” parameter.", shorten(&key)));
                continue;
            }
            match key.as_str() {
                // A blank search is no search: keep the view equal to its link.
                "q" => {
                    state.search = if value.trim().is_empty() {
                        String::new()
                    } else {
                        value
                    }
                }
                "from" | "to" => match Day::parse(&value) {
                    Some(day) if key == "from" => state.from = Some(day),
                    Some(day) => state.to = Some(day),
                    None => notices.push(format!(
                        "Ignored {key}=“{}”: not a date (YYYY-MM-DD).",
                        shorten(&value)
                    )),
                },
                "data" => match check_data_url(&value) {
                    Ok(url) => state.data = Some(url),
                    Err(notice) => notices.push(notice),
                },
                "embed" => match value.as_str() {
                    "1" | "true" => state.embed = true,
                    "0" | "false" => {}
                    _ => notices.push(format!("Ignored embed=“{}”: use embed=1.", shorten(&value))),
                },
                "event" => {
                    for id in value.split(',').filter(|v| !v.is_empty()) {
                        if index.has_event(id) {
                            opened.push(id.to_string());
                        } else {
                            notices.push(format!(
                                "Ignored event “{}”: no such event in this briefing.",
                                shorten(id)
                            ));
                        }
                    }
                }
                "view" => match Tab::ALL
                    .iter()
                    .find(|t| t.param() == value && !value.is_empty())
                {
                    Some(&tab) => state.tab = tab,
                    None => notices.push(format!(
                        "Ignored view=“{}”: use claims or pictures.",
                        shorten(&value)
                    )),
                },
                _ => match Facet::ALL.iter().find(|f| f.param() == key) {
                    Some(&facet) => {
                        for item in value.split(',').filter(|v| !v.is_empty()) {
                            if index.has_option(facet, item) {
                                ticked[facet as usize].push(item.to_string());
                            } else {
                                notices.push(format!(
                                    "Ignored {} “{}”: not a choice in this briefing.",
                                    facet.label().to_ascii_lowercase(),
                                    shorten(item)
                                ));
                            }
                        }
                    }
                    None => notices.push(format!(
                        "Ignored the link parameter “{}”: this briefing does not use it.",
                        shorten(&key)
                    )),
                },
            }
        }
        state.open = opened.into_iter().collect();
        for (facet, items) in Facet::ALL.into_iter().zip(ticked) {
            *state.selected_mut(facet) = items.into_iter().collect();
        }
        if let (Some(from), Some(to)) = (state.from, state.to) {
            if from > to {
                notices.push("Ignored the date range: it ends before it starts.".into());
                (state.from, state.to) = (None, None);
            }
        }
        // A pasted link can repeat a parameter thousands of times.
        if notices.len() > MAX_NOTICES {
            let more = notices.len() - MAX_NOTICES;
            notices.truncate(MAX_NOTICES);
            notices.push(format!("… and {more} more parts of the link were ignored."));
        }
        (state, notices)
    }
}

/// The `data` parameter of a link, checked: only a relative URL, so only a
/// file on this page's own site, can be loaded. `None` when there is none.
pub fn data_param(query: &str) -> Option<Result<String, String>> {
    query.trim_start_matches('?').split('&').find_map(|pair| {
        // As in from_query: the first `data`, even without "=" or broken, decides.
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        (decode(key)? == "data").then(|| match decode(value) {
            Some(value) => check_data_url(&value),
            None => Err("Ignored “data”: it is not correctly encoded.".to_string()),
        })
    })
}

/// `query` without its `data` parameters: the same view, for the bundled
/// briefing ("?data=x.json&status=denied" → "?status=denied"; "" when
/// nothing else is left). Empty parts are dropped too.
pub fn without_data(query: &str) -> String {
    let kept: Vec<&str> = query
        .trim_start_matches('?')
        .split('&')
        // The key decoded as `data_param` decodes it ("d%61ta" is "data").
        .filter(|p| {
            !p.is_empty() && decode(p.split('=').next().unwrap_or("")).as_deref() != Some("data")
        })
        .collect();
    if kept.is_empty() {
        String::new()
    } else {
        format!("?{}", kept.join("&"))
    }
}

/// A dataset URL must stay on this site: relative, with no scheme, no host
/// ("//host"), no white space at its ends and no backslashes (which browsers
/// read as slashes). The page also resolves it and compares origins before
/// fetching (ui::dataset).
pub fn check_data_url(url: &str) -> Result<String, String> {
    let refused = || {
        Err(format!(
            "Refused to load the dataset “{}”: only a file on this site can be loaded, given as a relative link (e.g. data=datasets/other.json).",
            shorten(url)
        ))
    };
    let before_path = url.split(['/', '?', '#']).next().unwrap_or("");
    // Browsers strip white space at the ends before resolving (" //host"
    // is "//host"); a link is a file name, not a page of text for a heading.
    if url.trim().is_empty()
        || url.trim() != url
        || url.len() > 2_000
        || url.starts_with("//")
        || url.contains('\\')
        || before_path.contains(':')
        || url.chars().any(char::is_control)
    {
        return refused();
    }
    Ok(url.to_string())
}

const MAX_NOTICES: usize = 20;

/// Notices quote what the link said, but never a whole pasted essay.
fn shorten(text: &str) -> String {
    const MAX: usize = 40;
    if text.chars().count() <= MAX {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(MAX).collect::<String>())
    }
}

/// Percent-encodes everything but unreserved characters and commas
/// (commas separate values in a list, and ids never contain one).
pub fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b',' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// Decodes `%XX` and `+` (as a space); `None` for a broken escape or invalid UTF-8.
pub fn decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = text.get(i + 1..i + 3)?;
                if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                    return None;
                }
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}
