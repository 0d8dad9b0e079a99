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
    // the table: 'apps' (applications, ▸ expands to their processes) or 'processes'
    grouping: 'apps', expanded: [],
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
  /** Pixel column of time t (epoch seconds) inside the chart's plot area (for the browser test). */
  state.xPos = (t) => (plot ? plot.valToPos(t, 'x') : null);
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
      // dragging selects a span (drawn, not zoomed): who used the network then
      cursor: { drag: { x: true, y: false, setScale: false } },
      hooks: {
        draw: [() => { state.draws++; }],
        setSelect: [(u) => {
          if (u.select.width > 0 && !spanDrawing) {
            setPaused(true);
            const a = u.posToVal(u.select.left, 'x');
            const b = u.posToVal(u.select.left + u.select.width, 'x');
            loadSpan(a * 1000, b * 1000);
          }
        }],
        setCursor: [(u) => hoverAt(u.cursor.left >= 0 ? u.posToVal(u.cursor.left, 'x') : null,
          (u.scales.x.max - u.scales.x.min) / Math.max(1, u.over.clientWidth))],
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
    const app = appOf(state.selected);
    if (app !== null) {
      q.set('app', app.kind + ':' + app.id);
      q.set('uid', String(app.uid));
    } else if (state.selected !== null) q.set('program', state.selected);
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

  // ---- who used the network in a span: /api/range ----
  let spanDrawing = false; // setSelect called by drawSpan itself
  let spanSeq = 0;
  const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const two = (n) => String(n).padStart(2, '0');
  function clock(d, seconds) {
    return two(d.getHours()) + ':' + two(d.getMinutes()) + (seconds ? ':' + two(d.getSeconds()) : '');
  }
  /** "Tue 14:05:10 – 14:05:40": the day once unless the span crosses midnight. */
  function spanText(sinceMs, untilMs, resolution) {
    const a = new Date(sinceMs), b = new Date(untilMs);
    const secs = resolution < 60;
    if (resolution >= 86400) {
      const day = (d) => DAY_NAMES[d.getDay()] + ' ' + d.getFullYear() + '-' + two(d.getMonth() + 1) + '-' + two(d.getDate());
      return day(a) + ' – ' + day(new Date(untilMs - 1));
    }
    const sameDay = a.toDateString() === new Date(untilMs - 1).toDateString();
    return DAY_NAMES[a.getDay()] + ' ' + clock(a, secs) + ' – '
      + (sameDay ? '' : DAY_NAMES[b.getDay()] + ' ') + clock(b, secs);
  }
  function resolutionText(s) {
    return s >= 86400 ? 'per day' : s >= 3600 ? 'per hour' : s >= 60 ? 'per minute' : 'per second';
  }
  state.spanText = spanText;

  async function rangeAnswer(sinceMs, untilMs) {
    const q = new URLSearchParams({ since: String(Math.floor(sinceMs)), until: String(Math.ceil(untilMs)) });
    const r = await fetch('/api/range?' + q, { credentials: 'same-origin' });
    if (!r.ok) {
      let msg = 'error ' + r.status;
      try { msg = (await r.json()).error || msg; } catch (e) { /* not JSON */ }
      throw new Error(msg);
    }
    return r.json();
  }

  async function loadSpan(sinceMs, untilMs) {
    const seq = ++spanSeq;
    const card = $('span');
    card.hidden = false;
    $('span-title').textContent = 'Loading…';
    try {
      const a = await rangeAnswer(sinceMs, untilMs);
      if (seq !== spanSeq) return;
      state.span = a;
      showSpan(a);
      drawSpan(a);
    } catch (err) {
      if (seq !== spanSeq) return;
      state.span = null;
      $('span-title').textContent = 'Cannot show this span: ' + err.message;
      $('span-resolution').textContent = '';
      document.querySelector('#span-table tbody').replaceChildren();
    }
  }

  function showSpan(a) {
    const total = a.totals.sentBytes + a.totals.receivedBytes;
    $('span-title').textContent = spanText(a.since, a.until, a.resolutionSeconds) + ', ' + bytes(total);
    $('span-resolution').textContent = 'stored ' + resolutionText(a.resolutionSeconds);
    const body = document.querySelector('#span-table tbody');
    // applications first, like the table below; programs under "Processes" (or from an older file)
    const byApp = state.grouping === 'apps' && Array.isArray(a.apps) && a.apps.length > 0;
    $('span-what').textContent = byApp ? 'Application' : 'Program';
    let rows;
    if (byApp) {
      rows = a.apps.map((x) => {
        const un = x.kind === 'unattributed';
        return { name: x.name, title: x.kind + ' ' + x.id, app: x.kind + ':' + x.id,
          user: un ? '' : x.user, s: x.sentBytes, r: x.receivedBytes, un };
      });
    } else {
      rows = a.programs.map((p) => ({ name: p.name, user: p.user, s: p.sentBytes, r: p.receivedBytes }));
      const u = a.unattributed;
      if (u.sentBytes + u.receivedBytes > 0) {
        rows.push({ name: 'Unattributed', user: '', s: u.sentBytes, r: u.receivedBytes, un: true });
      }
    }
    rows.sort((x, y) => (y.s + y.r) - (x.s + x.r));
    body.replaceChildren();
    for (const row of rows.slice(0, MAX_ROWS)) {
      const tr = body.insertRow();
      tr.dataset.name = row.name;
      if (row.app) tr.dataset.app = row.app;
      if (row.un) tr.className = 'unattributed';
      [row.name, row.user, bytes(row.s), bytes(row.r), bytes(row.s + row.r)].forEach((text, i) => {
        const td = tr.insertCell();
        td.textContent = text;
        if (i >= 2) td.className = 'num';
        if (i === 0) td.title = row.title ?? text;
      });
    }
    $('span-empty').hidden = rows.length > 0;
  }

  /** The span as answered (edges on whole buckets), drawn as uPlot's selection box. */
  function drawSpan(a) {
    if (!plot) return;
    const l = plot.valToPos(a.since / 1000, 'x');
    const r = plot.valToPos(a.until / 1000, 'x');
    spanDrawing = true;
    plot.setSelect({ left: Math.max(0, l), width: Math.max(2, r - Math.max(0, l)), top: 0, height: plot.over.clientHeight }, false);
    spanDrawing = false;
  }

  function backToLive() {
    spanSeq++;
    state.span = null;
    $('span').hidden = true;
    if (plot) plot.setSelect({ left: 0, width: 0, top: 0, height: 0 }, false);
    setPaused(false);
  }

  // hovering: the top three at the pointer, asked once the pointer rests
  let hoverTimer = null;
  let hoverKey = null;
  function hoverAt(t, secondsPerPixel) {
    clearTimeout(hoverTimer);
    if (t === null || !Number.isFinite(t)) { $('hovertop').textContent = ''; hoverKey = null; return; }
    hoverTimer = setTimeout(async () => {
      // one pixel column of the chart (at least the second under the pointer)
      const half = Math.max(0, (secondsPerPixel || 0) / 2) * 1000;
      const key = Math.floor(t - half / 1000) + '|' + Math.floor(t + half / 1000);
      if (key === hoverKey) return;
      hoverKey = key;
      try {
        const a = await rangeAnswer(t * 1000 - half, t * 1000 + half);
        if (hoverKey !== key) return;
        const top = a.programs.slice(0, 3).map((p) => p.name.split('/').pop() + ' ' + bytes(p.sentBytes + p.receivedBytes));
        state.hoverTop = a.programs.slice(0, 3).map((p) => p.name);
        $('hovertop').textContent = spanText(a.since, a.until, a.resolutionSeconds) + ': '
          + (top.length ? top.join(' · ') : 'no traffic');
      } catch (err) {
        $('hovertop').textContent = '';
      }
    }, 150);
  }

  // ---- process table ----
  // rows are updated in place, never replaced: a click that starts on a row also ends on it
  const CELL_CLASSES = ['name', 'num', '', 'num', 'num', 'num', 'num', 'num'];
  const APP_PREFIX = 'app:';
  /** The selection key of an application of one user: "app:<kind>:<id>|<uid>". */
  const appKey = (a) => APP_PREFIX + a.app.kind + ':' + a.app.id + '|' + a.uid;
  /** {kind, id, uid} of an application's selection key, or null for a program's. */
  function appOf(key) {
    if (key === null || !key.startsWith(APP_PREFIX)) return null;
    const rest = key.slice(APP_PREFIX.length);
    const colon = rest.indexOf(':'), bar = rest.lastIndexOf('|');
    return { kind: rest.slice(0, colon), id: rest.slice(colon + 1, bar), uid: Number(rest.slice(bar + 1)) };
  }
  const total = (x) => x.sentBytes + x.receivedBytes;
  const byTotal = (a, b) => total(b) - total(a);

  /** The rows to show: [{kind: 'app'|'child'|'process', key, name, title, data}]. */
  function tableRows() {
    const out = [];
    if (!latest) return out;
    if (state.grouping === 'apps' && latest.apps && latest.apps.length) {
      for (const a of latest.apps.slice().sort(byTotal)) {
        const key = appKey(a);
        const un = a.app.kind === 'unattributed';
        out.push({ kind: 'app', key, name: a.app.name, title: a.app.kind + ' ' + a.app.id, data: a, un });
        if (state.expanded.includes(key)) {
          for (const p of a.processes.slice().sort(byTotal)) {
            out.push({ kind: 'child', key: p.name, name: p.name, title: p.name, data: p, un });
          }
        }
      }
    } else {
      for (const p of latest.processes.slice().sort(byTotal)) {
        out.push({ kind: 'process', key: p.name, name: p.name, title: p.name, data: p, un: p.pid === 0 });
      }
    }
    return out.slice(0, MAX_ROWS);
  }

  function renderTable() {
    const body = document.querySelector('#procs tbody');
    const rows = tableRows();
    while (body.rows.length > rows.length) body.deleteRow(-1);
    rows.forEach((row, i) => {
      let tr = body.rows[i];
      if (!tr) {
        tr = body.insertRow();
        tr.tabIndex = 0;
        for (const cls of CELL_CLASSES) {
          const td = tr.insertCell();
          if (cls) td.className = cls;
        }
        const twisty = document.createElement('span');
        twisty.className = 'twisty';
        const label = document.createElement('span');
        tr.cells[0].replaceChildren(twisty, label);
      }
      const p = row.data;
      tr.dataset.name = row.name;
      tr.dataset.key = row.key;
      if (row.kind === 'app') tr.dataset.app = row.key; else delete tr.dataset.app;
      tr.title = row.title;
      tr.classList.toggle('app', row.kind === 'app');
      tr.classList.toggle('child', row.kind === 'child');
      tr.classList.toggle('unattributed', row.un);
      tr.classList.toggle('selected', row.key === state.selected);
      let pid;
      if (row.kind === 'app') {
        const n = p.processes.length;
        pid = row.un ? '–' : n === 1 ? '1 process' : n + ' processes';
      } else {
        pid = p.pid === 0 ? '–' : p.pid < 0 ? 'exited' : String(p.pid);
      }
      const open = state.expanded.includes(row.key);
      const twisty = row.kind === 'app' && p.processes.length > 0 ? (open ? '▾' : '▸') : '';
      if (row.kind === 'app') tr.setAttribute('aria-expanded', String(open));
      else tr.removeAttribute('aria-expanded');
      const texts = [
        row.name, pid, p.user,
        rate(p.sentRate), rate(p.receivedRate),
        bytes(p.sentBytes), bytes(p.receivedBytes), bytes(p.sentBytes + p.receivedBytes),
      ];
      const [tw, label] = tr.cells[0].children;
      if (tw.textContent !== twisty) tw.textContent = twisty;
      if (label.textContent !== texts[0]) label.textContent = texts[0];
      texts.forEach((text, c) => {
        if (c > 0 && tr.cells[c].textContent !== text) tr.cells[c].textContent = text;
      });
    });
    $('empty').hidden = rows.length > 0;
    // what the interfaces carried that nethogs never reported: its own row, under the programs
    const u = latest && latest.unseen ? latest.unseen : null;
    const unseenRow = $('unseen');
    unseenRow.hidden = !u || u.sentBytes + u.receivedBytes === 0;
    if (u && !unseenRow.hidden) {
      const texts = [rate(u.sentRate), rate(u.receivedRate),
        bytes(u.sentBytes), bytes(u.receivedBytes), bytes(u.sentBytes + u.receivedBytes)];
      texts.forEach((text, c) => {
        if (unseenRow.cells[c + 3].textContent !== text) unseenRow.cells[c + 3].textContent = text;
      });
    }
    renderUsers();
  }

  /** "Users: alice ↓ 20.0 MB ↑ 1.00 MB · root ↓ …": bytes per user, all applications. */
  function renderUsers() {
    const users = latest && latest.users ? latest.users.slice().sort(byTotal) : [];
    const text = users.length === 0 ? '' : 'Users:  ' + users.map((u) =>
      u.user + '  ↓ ' + bytes(u.receivedBytes) + '  ↑ ' + bytes(u.sentBytes)).join('  ·  ');
    if ($('users').textContent !== text) $('users').textContent = text;
  }

  function expand(key, open) {
    const i = state.expanded.indexOf(key);
    if (open && i < 0) state.expanded.push(key);
    if (!open && i >= 0) state.expanded.splice(i, 1);
    renderTable();
  }

  function setGrouping(g) {
    state.grouping = g;
    $('group-apps').classList.toggle('on', g === 'apps');
    $('group-procs').classList.toggle('on', g === 'processes');
    renderTable();
    if (state.span) showSpan(state.span);
  }

  function showingText() {
    if (state.selected === null) return 'All traffic';
    const app = appOf(state.selected);
    if (app === null) return state.selected + ' alone';
    const a = latest && latest.apps ? latest.apps.find((x) => appKey(x) === state.selected) : null;
    return (a ? a.app.name : app.id) + ' alone';
  }

  function toggle(name) {
    state.selected = state.selected === name ? null : name;
    $('showing').textContent = showingText();
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
    for (const a of snap.apps || []) { // an application: all its processes, of one user
      if (a.sentRate === 0 && a.receivedRate === 0) continue;
      progs.set(appKey(a), [a.sentRate, a.receivedRate]);
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
  // a click on an application's arrow expands it; anywhere else on a row shows that row alone
  document.querySelector('#procs tbody').addEventListener('click', (e) => {
    const tr = e.target.closest('tr');
    if (!tr) return;
    if (tr.dataset.app && e.target.closest('.twisty')) {
      expand(tr.dataset.app, !state.expanded.includes(tr.dataset.app));
      return;
    }
    toggle(tr.dataset.key);
  });
  document.querySelector('#procs tbody').addEventListener('keydown', (e) => {
    const tr = e.target.closest('tr');
    if (!tr) return;
    if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); toggle(tr.dataset.key); }
    if (tr.dataset.app && (e.key === 'ArrowRight' || e.key === 'ArrowLeft')) {
      e.preventDefault();
      expand(tr.dataset.app, e.key === 'ArrowRight');
    }
  });
  $('group-apps').addEventListener('click', () => setGrouping('apps'));
  $('group-procs').addEventListener('click', () => setGrouping('processes'));
  for (const b of document.querySelectorAll('.ranges button')) {
    b.addEventListener('click', () => {
      for (const o of document.querySelectorAll('.ranges button')) o.classList.toggle('on', o === b);
      state.range = Number(b.dataset.range);
      setPaused(false);
      loadHistory();
    });
  }
  $('chart').addEventListener('wheel', onWheel, { passive: false });
  $('span-live').addEventListener('click', backToLive);
  document.addEventListener('keydown', (e) => { if (e.key === 'Escape' && !$('span').hidden) backToLive(); });
  // a click without a drag: the point under the pointer (one stored bucket)
  let downX = null;
  $('chart').addEventListener('mousedown', (e) => { downX = e.clientX; });
  $('chart').addEventListener('mouseup', (e) => {
    if (!plot || downX === null || Math.abs(e.clientX - downX) > 2) { downX = null; return; }
    downX = null;
    const rect = plot.over.getBoundingClientRect();
    const x = e.clientX - rect.left;
    if (x < 0 || x > rect.width) return;
    setPaused(true);
    const t = plot.posToVal(x, 'x') * 1000;
    loadSpan(t, t);
  });
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
