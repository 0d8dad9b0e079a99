// Hogwatch web view: data caps and the latest alert from /api/alerts (hidden when there is none).
(() => {
  'use strict';
  const UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
  function bytes(v) {
    v = Math.max(0, v || 0);
    let i = 0;
    while (i < UNITS.length - 1 && v >= 999.5) { v /= 1000; i++; }
    if (i === 0) return Math.round(v) + ' B';
    const s = v >= 99.95 ? v.toFixed(0) : v >= 9.995 ? v.toFixed(1) : v.toFixed(2);
    return s + ' ' + UNITS[i];
  }
  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const state = { loads: 0, caps: 0, error: null };
  window.hogwatchAlerts = state;

  function show(a) {
    const card = document.getElementById('caps');
    const list = document.getElementById('caps-list');
    const latest = document.getElementById('alerts-latest');
    list.replaceChildren();
    for (const c of a.caps || []) {
      const row = el('div', 'cap ' + c.level);
      row.dataset.rule = c.rule;
      const head = el('div', 'cap-head');
      head.append(el('span', 'cap-name', 'Data ' + c.describe + ':'));
      head.append(el('span', 'cap-used',
        bytes(c.usedBytes) + ' of ' + bytes(c.limitBytes) + ' (' + c.percent + ' %)'));
      row.append(head);
      const bar = el('div', 'cap-bar');
      const fill = el('div', 'cap-fill');
      fill.style.width = Math.min(100, Math.max(0, c.ratio * 100)).toFixed(1) + '%';
      bar.append(fill);
      bar.setAttribute('role', 'progressbar');
      bar.setAttribute('aria-valuemin', '0');
      bar.setAttribute('aria-valuemax', '100');
      bar.setAttribute('aria-valuenow', String(Math.min(100, c.percent)));
      row.append(bar);
      // "241 GB of 300 GB (80 %) since 1 Dec; at this pace 312 GB of 300 GB by 31 Dec"
      const detail = c.text.replace(/^[^(]*\([^)]*\)\s*/, '');
      const reset = /end of the day$/.test(detail)
        ? 'resets at midnight'
        : 'resets on ' + new Date(c.periodEnd + 'T00:00:00')
          .toLocaleDateString('en-GB', { day: 'numeric', month: 'short' });
      row.append(el('p', 'hint cap-detail',
        detail.charAt(0).toUpperCase() + detail.slice(1) + '; ' + reset + '.'));
      list.append(row);
    }
    const last = (a.alerts || [])[0];
    latest.textContent = last
      ? 'Latest alert, ' + new Date(last.at).toLocaleString() + ': ' + last.title + '. ' + last.body
      : '';
    latest.hidden = !last;
    state.caps = (a.caps || []).length;
    card.hidden = state.caps === 0 && !last;
  }

  async function load() {
    try {
      const r = await fetch('/api/alerts', { credentials: 'same-origin' });
      if (!r.ok) {
        document.getElementById('caps').hidden = true;
        state.error = r.status;
        return;
      }
      show(await r.json());
      state.error = null;
    } catch (e) {
      state.error = String(e);
    } finally {
      state.loads++;
    }
  }
  load();
  setInterval(load, 10000);
})();
