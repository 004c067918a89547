// The peers: TimelineJS and itemsjs get the viewer's events converted ahead
// of time (not timed), and one static site holds the viewer, the peers'
// pages and every dataset.
import { copyFile, cp, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DIST_DIR } from '../tests/e2e/harness.mjs';
import { BENCH, DATA, ROOT } from './common.mjs';

/** TimelineJS date parts from a DateSpec: its first possible day, as exact as stored. */
function tlDate(date) {
  const [year, month, day] = date.value.split('-').map(Number);
  const d = { year };
  if (month) d.month = month;
  if (day) d.day = day;
  if (date.precision === 'part_of_month') d.day = { early: 1, mid: 11, late: 21 }[date.part];
  return d;
}

function toTimeline(b) {
  const names = new Map(b.actors.map((a) => [a.id, a.name]));
  return {
    // An undated event has no place on TimelineJS's axis.
    events: b.events.filter((e) => e.date.value).map((e) => ({
      unique_id: e.id,
      start_date: tlDate(e.date),
      ...(e.date.precision === 'range' ? { end_date: tlDate({ value: e.date.end, precision: 'day' }) } : {}),
      text: { headline: e.title, text: `${e.summary} (${e.participants.map((p) => names.get(p.actor)).join(', ')})` },
    })),
  };
}

/**
 * itemsjs records with the viewer's three facets and the very text the
 * viewer searches (query::Index::new), in date order: title and summary, the
 * names and aliases of everyone involved (participants and whoever takes a
 * stance on a claim about the event), the text of those claims and their
 * quotes. Its Actor facet, like the viewer's, counts the stance actors too.
 */
function toItems(b) {
  const actors = new Map(b.actors.map((a) => [a.id, a]));
  const claimsOf = new Map();
  for (const c of b.claims) for (const e of c.events) claimsOf.set(e, [...(claimsOf.get(e) ?? []), c]);
  const key = (e) => {
    if (!e.date.value) return Infinity; // undated: last, as in the viewer
    const [y, m = 1, d = 1] = e.date.value.split('-').map(Number);
    return y * 10000 + m * 100 + d;
  };
  return [...b.events]
    .sort((x, y) => key(x) - key(y))
    .map((e) => {
      const claims = claimsOf.get(e.id) ?? [];
      const involved = [...new Set([...e.participants.map((p) => p.actor), ...claims.flatMap((c) => c.stances.map((s) => s.actor))])]
        .map((id) => actors.get(id))
        .filter(Boolean);
      return {
        id: e.id,
        title: e.title,
        actors: involved.map((a) => a.name),
        channels: [e.channel.track, e.secret ? 'secret' : null, e.channel.modality].filter(Boolean),
        statuses: [...new Set(claims.map((c) => c.status))],
        text: [
          e.title,
          e.summary,
          ...involved.flatMap((a) => [a.name, ...(a.aliases ?? [])]),
          ...claims.flatMap((c) => [c.text, ...c.stances.map((s) => s.quote)]),
        ].join(' '),
      };
    });
}

const PEER_HTML = (title, head, body) => `<!doctype html><html lang=en><head><meta charset=utf-8>
<title>${title}</title><link rel=icon href="data:,">${head}</head><body>${body}</body></html>\n`;

// TimelineJS from the served node_modules copy; no fonts (its default font CSS
// loads Google Fonts), no hash bookmarks.
const TIMELINE_JS = `const data = await (await fetch(new URLSearchParams(location.search).get('data'))).json();
window.timeline = new TL.Timeline('timeline', data, {
  script_path: new URL('../tl/js/', location.href).href, font: null, hash_bookmark: false,
});
`;

// itemsjs: the three facets (OR within one, like the viewer), full-text on
// the text field, a plain list of the first 50 results.
const ITEMS_JS = `const records = await (await fetch(new URLSearchParams(location.search).get('data'))).json();
const facet = (title) => ({ title, size: 1000, conjunction: false });
const engine = itemsjs(records, {
  aggregations: { actors: facet('Actor'), channels: facet('Channel'), statuses: facet('Claim status') },
  searchableFields: ['text'],
});
const list = document.getElementById('results');
const status = document.getElementById('status');
window.benchSearch = (filters, query) => engine.search({ filters, query, per_page: 50 });
window.benchRender = (r) => {
  status.textContent = r.pagination.total + ' of ' + records.length + ' events';
  list.replaceChildren(...r.data.items.map((it) => {
    const li = document.createElement('li');
    li.textContent = it.title;
    return li;
  }));
};
window.benchTotal = records.length;
benchRender(benchSearch({}));
`;

/** A copy of dist/ plus the datasets and the peers' pages, served on loopback. */
export async function buildSite(tmp, datasets) {
  const site = join(tmp, 'site');
  await cp(DIST_DIR, site, { recursive: true });
  await mkdir(join(site, 'data'), { recursive: true });
  await mkdir(join(site, 'peers'), { recursive: true });
  const tl = join(ROOT, 'bench/node_modules/@knight-lab/timelinejs/dist');
  await cp(join(tl, 'js'), join(site, 'tl/js'), { recursive: true });
  await cp(join(tl, 'css'), join(site, 'tl/css'), { recursive: true });
  await mkdir(join(site, 'vendor'), { recursive: true });
  await copyFile(join(ROOT, 'bench/node_modules/itemsjs/dist/index.umd.js'), join(site, 'vendor/itemsjs.umd.js'));
  await writeFile(join(site, 'peers/timeline.js'), TIMELINE_JS);
  await writeFile(join(site, 'peers/itemsjs.js'), ITEMS_JS);
  await writeFile(
    join(site, 'peers/timeline.html'),
    PEER_HTML('TimelineJS', '<link rel=stylesheet href="../tl/css/timeline.css"><script src="../tl/js/timeline.js"></script>',
      '<div id=timeline style="width:100%;height:800px"></div><script type=module src="./timeline.js"></script>'),
  );
  await writeFile(
    join(site, 'peers/itemsjs.html'),
    PEER_HTML('itemsjs', '<script src="../vendor/itemsjs.umd.js"></script>',
      '<p id=status role=status></p><ul id=results></ul><script type=module src="./itemsjs.js"></script>'),
  );
  for (const d of datasets.filter((d) => !d.failed)) {
    if (d.file) await copyFile(join(DATA, d.file), join(site, 'data', d.file));
    if (d.pack) {
      await copyFile(join(DATA, d.pack), join(site, 'data', d.pack));
      d.packBytes = (await stat(join(DATA, d.pack))).size;
    }
    const briefing = JSON.parse(await readFile(d.file ? join(DATA, d.file) : join(ROOT, 'data/briefing.json'), 'utf8'));
    d.events = briefing.events.length;
    d.bytes = (await stat(d.file ? join(DATA, d.file) : join(ROOT, 'data/briefing.json'))).size;
    await writeFile(join(site, `peers/tl-${d.label}.json`), JSON.stringify(toTimeline(briefing)));
    await writeFile(join(site, `peers/items-${d.label}.json`), JSON.stringify(toItems(briefing)));
  }
  return site;
}

