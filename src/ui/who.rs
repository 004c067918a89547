//! The claims view, "who says what": each claim once (status, why, the
//! events it concerns) by each speaker, each cell the stance in words, which
//! opens the quotes and their sources. A list on a narrow screen (CSS).
//!
//! Built with plain DOM calls in one loop rather than `view!`: a table of
//! claims × speakers in Leptos' typed views cost about 10 KB gzip of wasm,
//! and the page has a size budget. Text is set as text nodes, never HTML.
//! One delegated click listener serves its buttons and links.

use super::dom::{self, add, badge, set, text};
use super::{ctx, Ctx};
use crate::model::Vocab;
use crate::report::{self, Table};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;

/// Claims shown at first, and added by each "Show more": a table of
/// thousands took tens of seconds to build.
const WHO_ROWS: usize = 30;

/// A cell's quotes and sources are built after the table is painted (a
/// slice at a time: [`fill_later`]), or at once when it is opened or the
/// page printed, not with the table: every cell's were 40% of a click's
/// script. The closed cell holds what to build in `data-cell`,
/// "claim,stance,stance"; building it removes the attribute.
fn fill(details: &Element, cx: &Ctx) {
    let Some(cell) = details.get_attribute("data-cell") else {
        return;
    };
    let _ = details.remove_attribute("data-cell");
    let mut numbers = cell.split(',').filter_map(|n| n.parse::<usize>().ok());
    let Some(claim) = numbers.next() else {
        return;
    };
    let list = add(details, "ul", "stances", "");
    for s in numbers {
        dom::stance(&list, cx, claim, s, false);
    }
}

/// Builds the closed cells of `root` of at most `most` stances, for up to
/// `ms` milliseconds; true once none is left to build.
fn fill_cells(root: &Element, cx: &Ctx, ms: f64, most: usize) -> bool {
    let Ok(cells) = root.query_selector_all("details[data-cell]") else {
        return true;
    };
    let start = js_sys::Date::now();
    let mut i = 0;
    while i < cells.length() && js_sys::Date::now() - start < ms {
        if let Some(details) = cells.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
            // "claim,stance,stance...": a comma per stance.
            let stances = details
                .get_attribute("data-cell")
                .map_or(0, |cell| cell.matches(',').count());
            if stances <= most {
                fill(&details, cx);
            }
        }
        i += 1;
    }
    i == cells.length()
}

/// Milliseconds of cell building between two frames.
const FILL_SLICE_MS: f64 = 4.0;

/// The most stances of a cell built unasked: one speaker's 3,000 stances
/// on one claim took 215 ms to build, a freeze nobody asked for. A larger
/// cell is built when opened (or printed); find-in-page finds its quotes
/// from then.
const FILL_LATER_MOST: usize = 50;

/// Builds the cells the table left closed, a few milliseconds at a time
/// once its frame is painted, so that the browser's find-in-page finds
/// every quote (it searches, and opens, closed `<details>`) without the
/// click paying for them. Stops when the view is gone; a table built since
/// is filled by the same run (it asks the page, not a list it kept).
fn fill_later(root: Element, cx: Ctx) {
    if root.is_connected() && !fill_cells(&root, &cx, FILL_SLICE_MS, FILL_LATER_MOST) {
        super::soon(Box::new(move || fill_later(root, cx)));
    }
}

/// Writes the table into `root`, replacing what was there, its cells
/// closed and not yet built.
fn build(root: &Element, cx: &Ctx, t: &Table, names: &[String]) {
    let (b, index) = (&cx.briefing, &cx.index);
    root.set_text_content(None);
    if t.rows.is_empty() {
        add(
            root,
            "p",
            "hint",
            "No claims about these events match the filters.",
        );
        return;
    }
    // What the table leaves out, in words, and the way to the rest.
    let mut left_out = Vec::new();
    let first = t.rows.len() - usize::from(t.followed);
    if first < t.claims {
        left_out.push(format!("the first {first} claims"));
    }
    if t.followed {
        left_out.push("the claim you followed, last".into());
    }
    if t.actors.len() < t.speakers {
        left_out.push(format!(
            "the {} speakers with the most stances ({} more speak on these claims: tick them under Actor to see what they say)",
            t.actors.len(),
            t.speakers - t.actors.len()
        ));
    }
    if !left_out.is_empty() {
        add(
            root,
            "p",
            "hint",
            &format!("Shown: {}.", left_out.join(" and ")),
        );
    }
    let table = add(root, "table", "who", "");
    add(
        &table,
        "caption",
        "visually-hidden",
        "Claims by speaker, with each speaker's stance",
    );
    let head = add(&add(&table, "thead", "", ""), "tr", "", "");
    set(&add(&head, "th", "", "Claim"), "scope", "col");
    for name in names {
        set(&add(&head, "th", "", name), "scope", "col");
    }
    let body = add(&table, "tbody", "", "");
    for row in &t.rows {
        let c = &b.claims[row.claim];
        let tr = add(&body, "tr", "", "");
        set(&tr, "id", &format!("claim-{}", c.id));
        let th = add(&tr, "th", "", "");
        set(&th, "scope", "row");
        let line = add(&th, "p", "claim-text", "");
        set(&line, "tabindex", "-1");
        badge(&line, c.status);
        text(&line, &format!(" {}", c.text));
        super::marks::curators_judgement_in(&th, c);
        if let Some(note) = &c.note {
            let why = add(&th, "details", "why", "");
            add(&why, "summary", "", "Why this status");
            add(&why, "p", "note", note);
        }
        let about = add(&th, "p", "claim-about", "About: ");
        for (i, p) in report::claim_events(index, b, row.claim)
            .into_iter()
            .enumerate()
        {
            let event = &b.events[index.order[p]];
            if i > 0 {
                text(&about, " · ");
            }
            let link = add(&about, "a", "", &event.title);
            set(&link, "href", &format!("#event-{}", event.id));
            set(&link, "data-event", &event.id);
        }
        for (a, cell) in row.cells.iter().enumerate() {
            let td = add(&tr, "td", "", "");
            let Some(&first) = cell.first() else {
                td.set_class_name("empty");
                continue;
            };
            td.set_class_name(&format!("cell kind-{}", c.stances[first].kind.key()));
            let details = add(&td, "details", "", "");
            let summary = add(&details, "summary", "", "");
            add(&summary, "span", "cell-actor", &format!("{}: ", names[a]));
            text(&summary, &report::cell_words(b, row.claim, cell));
            let mut numbers = row.claim.to_string();
            for s in cell {
                numbers.push(',');
                numbers.push_str(&s.to_string());
            }
            set(&details, "data-cell", &numbers);
        }
    }
    let more = t.claims - first;
    if more > 0 {
        let next = more.min(WHO_ROWS);
        let label = format!("Show {next} more {}", report::noun(next, "claim", "claims"));
        set(&add(root, "button", "more", &label), "type", "button");
    }
}

#[component]
pub fn WhoSaysWhat() -> impl IntoView {
    let cx = ctx();
    let (state, outcome) = (cx.state, cx.outcome);
    let root = NodeRef::<leptos::html::Div>::new();
    let said = RwSignal::new("");
    // Rows asked for ("Show more" adds to them), and the claims in the view.
    let rows = RwSignal::new(WHO_ROWS);
    let claims = RwSignal::new(0usize);
    // After "Show more", the first claim it added takes the focus (the
    // button is rebuilt with the table, and a keyboard would lose its place).
    let focus_row = StoredValue::new(None::<usize>);
    {
        let cx = cx.clone();
        Effect::new(move |_| {
            let asked = rows.get();
            let wanted = cx.wanted_claim.get();
            let table = state.with(|s| {
                outcome.with(|o| {
                    let wanted = (wanted != usize::MAX).then_some(wanted);
                    report::who_says_what(&cx.briefing, &cx.index, &o.matches, s, asked, wanted)
                })
            });
            let names: Vec<String> = table.actors.iter().map(|a| cx.actor_name(a)).collect();
            claims.set(table.claims);
            if let Some(el) = root.get() {
                build(&el, &cx, &table, &names);
                // Not tracked: printing builds the cells left in place
                // (below), so that a cell the reader opened stays open.
                if cx.printing.get_untracked() {
                    fill_cells(&el, &cx, f64::INFINITY, usize::MAX);
                } else {
                    let (root, cx) = (el.clone().into(), cx.clone());
                    super::after_paint(Box::new(move || fill_later(root, cx)));
                }
                let first_added = focus_row.try_update_value(Option::take).flatten();
                let selector =
                    first_added.map(|i| format!("tbody tr:nth-child({}) .claim-text", i + 1));
                if let Some(Ok(Some(line))) = selector.map(|s| el.query_selector(&s)) {
                    let _ = line.unchecked_into::<web_sys::HtmlElement>().focus();
                }
            }
        });
    }
    {
        let cx = cx.clone();
        Effect::new(move |_| {
            if cx.printing.get() {
                if let Some(el) = root.get_untracked() {
                    fill_cells(&el, &cx, f64::INFINITY, usize::MAX);
                }
            }
        });
    }
    let on_click = move |e: leptos::ev::MouseEvent| {
        // A click on a closed cell's summary builds it before it opens.
        if let Some(details) = dom::hit(&e, "summary").and_then(|s| s.parent_element()) {
            fill(&details, &cx);
        }
        if dom::hit(&e, "button.more").is_some() {
            focus_row.set_value(Some(rows.get_untracked()));
            rows.update(|r| *r += WHO_ROWS);
        } else {
            dom::on_click(&cx, &e, said);
        }
    };
    view! {
        <section class="who-view" aria-labelledby="who-heading">
            <h2 id="who-heading" class="view-title">
                {move || format!("Who says what: {}", report::count(claims.get(), "claim", "claims"))}
            </h2>
            <p class="hint">"Each claim once, with what each speaker says about it. Open a cell for the quotes and their sources."</p>
            <p class="copied" aria-live="polite">{move || said.get()}</p>
            <div class="who-scroll" node_ref=root on:click=on_click></div>
        </section>
    }
}
