// The smallest page of the same shape: a search box, checkboxes with counts,
// a keyed list of cards that open. The floor Leptos 0.8 (csr) sets.
use leptos::prelude::*;

#[derive(Clone)]
struct Item {
    id: usize,
    title: String,
    tag: usize,
}

#[component]
fn App() -> impl IntoView {
    let items: Vec<Item> = (0..17)
        .map(|i| Item {
            id: i,
            title: format!("Event {i}"),
            tag: i % 3,
        })
        .collect();
    let items = StoredValue::new(items);
    let (query, set_query) = signal(String::new());
    let tags = RwSignal::new([false; 3]);
    let open = RwSignal::new(std::collections::BTreeSet::<usize>::new());
    let shown = Memo::new(move |_| {
        let q = query.get().to_lowercase();
        let t = tags.get();
        items.with_value(|all| {
            all.iter()
                .filter(|i| {
                    i.title.to_lowercase().contains(&q) && (!t.iter().any(|x| *x) || t[i.tag])
                })
                .cloned()
                .map(|i| (i.id, i.title))
                .collect::<Vec<_>>()
        })
    });
    view! {
        <input type="search" aria-label="Search" on:input=move |e| set_query.set(event_target_value(&e))/>
        <fieldset><legend>"Tag"</legend>
            {(0..3).map(|t| view! {
                <label><input type="checkbox" on:change=move |e| tags.update(|x| x[t] = event_target_checked(&e))/>
                {format!("Tag {t}")} " " {move || shown.with(|s| s.len())}</label>
            }).collect_view()}
        </fieldset>
        <p role="status">{move || format!("{} events", shown.with(|s| s.len()))}</p>
        <For each=move || shown.get() key=|(id, _)| *id children=move |(id, title)| view! {
            <article>
                <h3><button on:click=move |_| open.update(|o| { if !o.remove(&id) { o.insert(id); } })>{title}</button></h3>
                <Show when=move || open.with(|o| o.contains(&id))><p>"Detail"</p></Show>
            </article>
        }/>
    }
}

fn main() {
    leptos::mount::mount_to_body(App);
}
