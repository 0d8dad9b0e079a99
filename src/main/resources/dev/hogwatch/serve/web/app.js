// Hogwatch web view: live chart from /api/stream, older ranges from /api/history.
// No framework; uPlot (from its webjar) draws the chart. Everything shown comes from the server
// and is inserted as text, never as HTML.
(() => {
  'use strict';

  const LIVE_KEEP_SECONDS = 6 * 3600; // live points kept in the page
  const MAX_ROWS = 200;

  /** Visible state, also read by the browser test. */
  const state = {
    events: 0, lastId: null, selected: null, paused: false, range: 300,
    draws: 0, history: 'none', connected: false,
  };
  window.hogwatch = state;

  // live buffer, one entry per snapshot event: time (s), total rates, per-program rates
  const live = { t: [], up: [], down: [], progs: [] };
  let older = { key: null, t: [], up: [], down: [] }; // history before the first live point
  let latest = null;
  let plot = null;

  // ---- formatting: decimal SI, three significant digits (as the tray and the CLI) ----
  const UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
  function bytes(v) {
    v = Math.max(0, v || 0);
    let i = 0;
    while (i < UNITS.length - 1 && v >= 999.5) { v /= 1000; i++; }
    if (i === 0) return Math.round(v) + ' B';
    const s = v >= 99.95 ? v.toFixed(0) : v >= 9.995 ? v.toFixed(1) : v.toFixed(2);
    return s + ' ' + UNITS[i];
  }
  const rate = (v) => bytes(v) + '/s';
  state.format = { bytes, rate };

  const $ = (id) => document.getElementById(id);
  const css = (name) => getComputedStyle(document.documentElement).getPropertyValue(name).trim();

  // ---- series for the current range and selection ----
  function lowerBound(arr, x) {
    let lo = 0, hi = arr.length;
    while (lo < hi) { const m = (lo + hi) >> 1; if (arr[m] < x) lo = m + 1; else hi = m; }
    return lo;
  }

  function seriesData() {
    const now = Date.now() / 1000;
    const from = state.range > 0 ? now - state.range : -Infinity;
    const t = [], up = [], down = [];
    const firstLive = live.t.length ? live.t[0] : Infinity;
    if (older.key === historyKey()) {
      for (let i = lowerBound(older.t, from); i < older.t.length && older.t[i] < firstLive; i++) {
        t.push(older.t[i]); up.push(older.up[i]); down.push(older.down[i]);
      }
    }
    for (let i = lowerBound(live.t, from); i < live.t.length; i++) {
      t.push(live.t[i]);
      if (state.selected === null) {
        up.push(live.up[i]); down.push(live.down[i]);
      } else {
        const p = live.progs[i].get(state.selected);
        up.push(p ? p[0] : 0); down.push(p ? p[1] : 0);
      }
    }
    return [t, up, down];
  }
  state.lastPlotted = () => {
    if (!plot || plot.data[0].length === 0) return null;
    const n = plot.data[0].length - 1;
    return { up: plot.data[1][n], down: plot.data[2][n], points: n + 1 };
  };

  // ---- chart ----
  function makePlot() {
    const el = $('chart');
    if (plot) plot.destroy();
    const axis = {
      stroke: css('--muted'), grid: { stroke: css('--grid'), width: 1 },
      ticks: { stroke: css('--grid'), width: 1 },
    };
    plot = new uPlot({
      width: Math.max(300, el.clientWidth),
      height: 300,
      scales: { x: { time: true }, y: { range: (u, min, max) => [0, Math.max(1000, max * 1.1)] } },
      axes: [axis, { ...axis, size: 80, values: (u, vals) => vals.map(rate) }],
      series: [
        {},
        { label: '↑ sent', stroke: css('--up'), fill: css('--up-fill'), width: 2,
          value: (u, v) => (v == null ? '–' : rate(v)) },
        { label: '↓ received', stroke: css('--down'), fill: css('--down-fill'), width: 2,
          value: (u, v) => (v == null ? '–' : rate(v)) },
      ],
      cursor: { drag: { x: true, y: false } },
      hooks: {
        draw: [() => { state.draws++; }],
        setSelect: [(u) => { if (u.select.width > 0) setPaused(true); }],
      },
    }, seriesData(), el);
    redraw();
  }

  function redraw() {
    if (!plot) return;
    plot.setData(seriesData(), false);
    if (!state.paused) {
      const now = Date.now() / 1000;
      const min = state.range > 0 ? now - state.range : (plot.data[0][0] ?? now - 60);
      plot.setScale('x', { min, max: now });
    }
  }

  function onWheel(e) {
    if (!plot) return;
    e.preventDefault();
    setPaused(true);
    const { min, max } = plot.scales.x;
    const step = (max - min) * 0.1 * Math.sign(e.deltaY || e.deltaX);
    plot.setScale('x', { min: min + step, max: max + step });
  }

  function setPaused(p) {
    state.paused = p;
    const b = $('pause');
    b.setAttribute('aria-pressed', String(p));
    b.textContent = p ? 'Resume' : 'Pause';
    if (!p) { render(); }
  }

  // ---- history for ranges the page has not seen live ----
  function historyKey() { return state.range + '|' + (state.selected ?? ''); }

  async function loadHistory() {
    const key = historyKey();
    const nowMs = Date.now();
    const firstLiveMs = live.t.length ? live.t[0] * 1000 : nowMs;
    const sinceMs = state.range > 0 ? nowMs - state.range * 1000 : 0;
    if (sinceMs >= firstLiveMs - 2000) { older = { key, t: [], up: [], down: [] }; return; }
    const q = new URLSearchParams({ since: String(sinceMs), until: String(Math.round(firstLiveMs)) });
    if (state.selected !== null) q.set('program', state.selected);
    try {
      const r = await fetch('/api/history?' + q, { credentials: 'same-origin' });
      if (r.status === 503) { state.history = 'unavailable'; older = { key, t: [], up: [], down: [] }; }
      else if (!r.ok) { state.history = 'error ' + r.status; }
      else {
        const h = await r.json();
        const o = { key, t: [], up: [], down: [] };
        const push = (t, up, down) => { o.t.push(t); o.up.push(up); o.down.push(down); };
        let end = null; // end of the previous bucket: buckets without traffic are left out
        for (const p of h.points) {
          const t = p.t / 1000;
          if (end !== null && t > end) { push(end, 0, 0); if (t - p.seconds > end) push(t - p.seconds, 0, 0); }
          push(t, p.sentBytes / p.seconds, p.receivedBytes / p.seconds);
          end = t + p.seconds;
        }
        if (key === historyKey()) { older = o; state.history = 'loaded ' + o.t.length; }
      }
    } catch (err) {
      state.history = 'error';
    }
    showStatus();
    redraw();
  }

  // ---- process table ----
  // rows are updated in place, never replaced: a click that starts on a row also ends on it
  const CELL_CLASSES = ['name', 'num', '', 'num', 'num', 'num', 'num', 'num'];
  function renderTable() {
    const body = document.querySelector('#procs tbody');
    const procs = (latest ? latest.processes : []).slice()
      .sort((a, b) => (b.sentBytes + b.receivedBytes) - (a.sentBytes + a.receivedBytes))
      .slice(0, MAX_ROWS);
    while (body.rows.length > procs.length) body.deleteRow(-1);
    procs.forEach((p, i) => {
      let tr = body.rows[i];
      if (!tr) {
        tr = body.insertRow();
        tr.tabIndex = 0;
        for (const cls of CELL_CLASSES) {
          const td = tr.insertCell();
          if (cls) td.className = cls;
        }
      }
      tr.dataset.name = p.name;
      tr.title = p.name;
      tr.classList.toggle('unattributed', p.pid === 0);
      tr.classList.toggle('selected', p.name === state.selected);
      const texts = [
        p.name, p.pid === 0 ? '–' : p.pid < 0 ? 'exited' : String(p.pid), p.user,
        rate(p.sentRate), rate(p.receivedRate),
        bytes(p.sentBytes), bytes(p.receivedBytes), bytes(p.sentBytes + p.receivedBytes),
      ];
      texts.forEach((text, c) => {
        if (tr.cells[c].textContent !== text) tr.cells[c].textContent = text;
      });
    });
    $('empty').hidden = procs.length > 0;
  }

  function toggle(name) {
    state.selected = state.selected === name ? null : name;
    $('showing').textContent = state.selected === null ? 'All traffic' : state.selected + ' alone';
    renderTable();
    redraw();
    loadHistory();
  }

  // ---- header ----
  function showStatus() {
    const s = $('status');
    if (!state.connected) { s.textContent = 'reconnecting…'; s.className = 'warn'; return; }
    if (!latest) return;
    const c = latest.capture;
    const parts = [];
    if (c.state === 'DEMO') parts.push('demo trace');
    else if (c.state !== 'RUNNING') parts.push(c.state.toLowerCase().replace('_', ' '));
    if (c.message) parts.push(c.message);
    if (c.fix) parts.push('fix: ' + c.fix);
    if (latest.restarts > 0) parts.push('nethogs restarted ' + latest.restarts + '×');
    if (state.history === 'unavailable' && older.key !== null) parts.push('no history recorded');
    s.textContent = parts.length ? parts.join(' · ') : 'live';
    s.className = c.state === 'RUNNING' || c.state === 'DEMO' ? '' : 'warn';
  }

  function render() {
    renderTable();
    redraw();
  }

  // ---- stream ----
  function onSnapshot(snap, id) {
    latest = snap;
    state.events++;
    state.lastId = id;
    const perProcess = snap.capture.state === 'RUNNING' || snap.capture.state === 'DEMO';
    const tot = perProcess ? snap.totals : snap.interfaceTotals;
    const t = snap.epochMillis / 1000;
    const progs = new Map();
    for (const p of snap.processes) {
      if (p.sentRate === 0 && p.receivedRate === 0) continue;
      const v = progs.get(p.name) || [0, 0];
      v[0] += p.sentRate; v[1] += p.receivedRate;
      progs.set(p.name, v);
    }
    if (live.t.length && t <= live.t[live.t.length - 1]) {
      // same instant (reconnect replay): replace rather than add
      live.t.pop(); live.up.pop(); live.down.pop(); live.progs.pop();
    }
    live.t.push(t); live.up.push(tot.sentRate); live.down.push(tot.receivedRate); live.progs.push(progs);
    const drop = lowerBound(live.t, t - LIVE_KEEP_SECONDS);
    if (drop > 0) {
      for (const k of ['t', 'up', 'down', 'progs']) live[k].splice(0, drop);
    }
    $('up').textContent = rate(tot.sentRate);
    $('down').textContent = rate(tot.receivedRate);
    showStatus();
    if (!state.paused) render();
  }

  function connect() {
    const es = new EventSource('/api/stream');
    es.addEventListener('open', () => { state.connected = true; showStatus(); });
    es.addEventListener('snapshot', (e) => {
      state.connected = true;
      onSnapshot(JSON.parse(e.data), e.lastEventId);
    });
    es.addEventListener('error', () => { state.connected = false; showStatus(); });
  }

  // ---- wiring ----
  document.querySelector('#procs tbody').addEventListener('click', (e) => {
    const tr = e.target.closest('tr');
    if (tr) toggle(tr.dataset.name);
  });
  document.querySelector('#procs tbody').addEventListener('keydown', (e) => {
    const tr = e.target.closest('tr');
    if (tr && (e.key === 'Enter' || e.key === ' ')) { e.preventDefault(); toggle(tr.dataset.name); }
  });
  for (const b of document.querySelectorAll('.ranges button')) {
    b.addEventListener('click', () => {
      for (const o of document.querySelectorAll('.ranges button')) o.classList.toggle('on', o === b);
      state.range = Number(b.dataset.range);
      setPaused(false);
      loadHistory();
    });
  }
  $('chart').addEventListener('wheel', onWheel, { passive: false });
  $('pause').addEventListener('click', () => setPaused(!state.paused));
  $('chart').addEventListener('dblclick', () => {
    if (!plot || plot.data[0].length === 0) return;
    setPaused(true);
    plot.setScale('x', { min: plot.data[0][0], max: plot.data[0][plot.data[0].length - 1] });
  });
  window.addEventListener('resize', () => {
    if (plot) plot.setSize({ width: Math.max(300, $('chart').clientWidth), height: 300 });
  });
  window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', makePlot);

  makePlot();
  connect();
  setInterval(() => { if (!state.paused) redraw(); }, 1000);
})();
