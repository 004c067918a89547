// Functions that run inside the measured pages (passed to addInitScript or
// page.evaluate, so each is self-contained), and the memory reading.

/**
 * Installed before any page script. Records the first moment the page shows
 * its results (a MutationObserver, so no polling delay), then the next
 * animation frame, then a task posted from that frame (it runs after the
 * frame's style, layout and paint). Also keeps every WebAssembly.Memory the
 * page instantiates, to read its size later.
 */
export function probe({ kind, expected, status }) {
  const B = (window.__bench = { first: null, memories: [], status: null, alerts: '' });
  B.afterFrame = () =>
    new Promise((resolve) =>
      requestAnimationFrame(() => {
        const raf = performance.now();
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve({ raf, after: performance.now() });
        channel.port2.postMessage(0);
      }),
    );
  const keep = (result) => {
    const exports = (result.instance ?? result).exports ?? {};
    for (const v of Object.values(exports)) if (v instanceof WebAssembly.Memory) B.memories.push(v);
    return result;
  };
  for (const name of ['instantiate', 'instantiateStreaming']) {
    const original = WebAssembly[name];
    WebAssembly[name] = function (...args) {
      return original.apply(this, args).then(keep);
    };
  }
  B.statusText = () => {
    for (const el of document.querySelectorAll('[role=status]')) {
      const m = new RegExp(status).exec(el.textContent.trim());
      if (m) return m[0];
    }
    return null;
  };
  const ready = {
    ours: () => {
      const text = B.statusText();
      B.status = text;
      B.alerts = [...document.querySelectorAll('[role=alert]')].map((a) => a.textContent).join(' | ');
      const m = text && new RegExp(status).exec(text);
      const n = (i) => Number(m[i].replace(/,/g, ''));
      return m && n(2) === expected && document.querySelector('article') ? { shown: n(1) } : null;
    },
    timeline: () => {
      const markers = document.querySelectorAll('.tl-timemarker').length;
      const slides = document.querySelectorAll('.tl-slide').length;
      return markers && slides ? { markers, slides } : null;
    },
    itemsjs: () => (document.querySelector('#results li') ? { shown: document.querySelectorAll('#results li').length } : null),
  }[kind];
  const observer = new MutationObserver(() => {
    if (B.first) return;
    const found = ready();
    if (!found) return;
    observer.disconnect();
    B.first = { seen: performance.now(), ...found };
    B.afterFrame().then((f) => Object.assign(B.first, f, { done: true }));
  });
  observer.observe(document, { subtree: true, childList: true, characterData: true });
}

/**
 * In the viewer: clicks (or types) and times until the status line changes,
 * then the next frame. If the status does not change within `settle` ms
 * (a keystroke that keeps the same matches), the sample is the first frame
 * after the input instead, flagged unchanged.
 */
export async function timedInput({ action, id, key, settle, limit }) {
  const B = window.__bench;
  const before = B.statusText();
  return new Promise((resolve) => {
    let finished = false;
    let t0 = 0;
    const finish = (changed) => {
      if (finished) return;
      finished = true;
      observer.disconnect();
      clearTimeout(timer);
      const seen = performance.now() - t0;
      B.afterFrame().then((f) => resolve({ changed, seen, raf: f.raf - t0, after: f.after - t0, status: B.statusText() }));
    };
    const observer = new MutationObserver(() => B.statusText() !== before && finish(true));
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    let firstFrame = null;
    const timer = setTimeout(() => {
      if (finished) return;
      finished = true;
      observer.disconnect();
      if (action === 'click') resolve({ timedOut: true });
      else firstFrame.then((f) => resolve({ changed: false, raf: f.raf - t0, after: f.after - t0, status: B.statusText() }));
    }, action === 'key' ? settle : limit);
    t0 = performance.now();
    if (action === 'click') document.getElementById(id).click();
    else {
      const input = document.getElementById(id);
      input.value = key === 'Backspace' ? input.value.slice(0, -1) : input.value + key;
      input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: key === 'Backspace' ? 'deleteContentBackward' : 'insertText', data: key === 'Backspace' ? null : key }));
    }
    firstFrame = B.afterFrame();
  });
}

/** In the itemsjs page: the facet search alone, then render and the next frame. */
export async function timedItems({ filters, query }) {
  const t0 = performance.now();
  const result = window.benchSearch(filters, query);
  const compute = performance.now() - t0;
  window.benchRender(result);
  const f = await window.__bench.afterFrame();
  return { compute, raf: f.raf - t0, after: f.after - t0, total: result.pagination.total };
}

export async function pageMemory(page, cdp, limit) {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const jsHeap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? null;
  const inPage = await page.evaluate(async (limit) => {
    const wasm = window.__bench.memories.reduce((sum, m) => sum + m.buffer.byteLength, 0);
    if (!self.crossOriginIsolated || !performance.measureUserAgentSpecificMemory) return { wasm, ua: null, uaError: 'not available' };
    try {
      const r = await Promise.race([
        performance.measureUserAgentSpecificMemory(),
        new Promise((_, no) => setTimeout(() => no(new Error('timed out')), limit)),
      ]);
      const by = {};
      for (const b of r.breakdown) {
        const types = b.types.length ? b.types : ['other'];
        for (const t of types) by[t] = (by[t] ?? 0) + b.bytes / types.length;
      }
      return { wasm, ua: { bytes: r.bytes, ...by } };
    } catch (e) {
      return { wasm, ua: null, uaError: String(e) };
    }
  }, limit);
  // measureUserAgentSpecificMemory counts JS and DOM but not wasm linear memory; add it.
  const total = inPage.ua ? inPage.ua.bytes + inPage.wasm : jsHeap + inPage.wasm;
  return { jsHeap, wasm: inPage.wasm, dom: inPage.ua?.DOM ?? null, ua: inPage.ua, uaError: inPage.uaError, total, totalIncludesDom: Boolean(inPage.ua) };
}
