// The workbench: one page over the JSON API. Everything shown from the server is set as text,
// never as HTML; the measure view is the server's own page in a sandboxed frame.
'use strict';
(function () {
  const M = window.JIDI_MESSAGES;
  const state = {
    lang: localStorage.getItem('jidi.lang') || 'zh',
    policies: [], policy: null, details: null,
    files: [], results: [], changes: [], histories: [], checkTimer: null, checkSeq: 0
  };
  const $ = (id) => document.getElementById(id);

  function t(key, args) {
    const pair = M[key];
    let text = pair ? pair[state.lang === 'en' ? 1 : 0] : key;
    for (const [k, v] of Object.entries(args || {})) text = text.split('{' + k + '}').join(String(v));
    return text;
  }
  // A word the server sends (a verdict, a status, a kind) in the page's language, if known.
  function word(prefix, value) {
    return M[prefix + '.' + value] ? t(prefix + '.' + value) : String(value == null ? '' : value);
  }
  function el(tag, attrs, children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'text') e.textContent = v; else if (k === 'class') e.className = v; else e.setAttribute(k, v);
    }
    for (const c of children || []) e.append(c);
    return e;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function status(id, text, bad) { const s = $(id); s.textContent = text; s.classList.toggle('bad', !!bad); }

  function translate() {
    document.documentElement.lang = state.lang === 'en' ? 'en' : 'zh-CN';
    for (const e of document.querySelectorAll('[data-i18n]')) e.textContent = t(e.dataset.i18n);
    for (const e of document.querySelectorAll('[data-i18n-placeholder]')) e.placeholder = t(e.dataset.i18nPlaceholder);
    document.title = 'jidi 基地 · ' + t('app.title');
  }

  async function api(path, options) {
    const opts = Object.assign({ headers: {} }, options || {});
    const token = sessionStorage.getItem('jidi.token');
    if (token) opts.headers.Authorization = 'Bearer ' + token;
    const sep = path.includes('?') ? '&' : '?';
    let r = await fetch(path + sep + 'lang=' + state.lang, opts);
    if (r.status === 401) {
      const given = window.prompt(t('token.ask'));
      if (given) { sessionStorage.setItem('jidi.token', given); return api(path, options); }
    }
    return r;
  }
  // An error answer, its message in the page's language where the catalogue knows its code.
  async function failure(r) {
    let e = { message: r.statusText };
    try { const j = await r.json(); if (j.error) e = j.error; } catch (x) { /* not JSON */ }
    if (e.code && M['code.' + e.code]) e = Object.assign({}, e, { message: t('code.' + e.code, e) });
    return e;
  }
  function recordsForm(extra) {
    const form = new FormData();
    for (const f of state.files) form.append('records', f, f.name);
    for (const [k, v] of Object.entries(extra || {})) form.append(k, v);
    return form;
  }
  const q = (s) => encodeURIComponent(s);

  // ---- policies ----
  async function loadPolicies(select) {
    const r = await api('/api/v1/policies');
    state.policies = await r.json();
    for (const id of ['policy', 'old', 'new']) {
      const s = $(id); const was = s.value; clear(s);
      for (const p of state.policies) s.append(el('option', { value: p.id, text: p.id + (p.version ? ' · ' + p.version : '') }));
      if (was) s.value = was;
    }
    if (select) $('policy').value = select;
    if (state.policies.length > 1 && !$('old').dataset.set) {
      $('old').value = state.policies[0].id; $('new').value = state.policies[1].id; $('old').dataset.set = '1';
    }
    await choosePolicy($('policy').value);
  }
  async function choosePolicy(id) {
    state.policy = id;
    const r = await api('/api/v1/policies/' + q(id));
    state.details = await r.json();
    $('policy-meta').textContent = state.details.measure + (state.details.version ? ' · ' + state.details.version : '');
    $('source').value = state.details.text;
    fillThresholds();
    fillInputs();
    showDoc();
    check();
    if (state.files.length) judge();
  }

  // ---- measure ----
  async function showDoc() {
    const r = await api('/api/v1/policies/' + q(state.policy) + '/doc');
    $('doc').srcdoc = await r.text();
  }

  // ---- edit ----
  function scheduleCheck() { clearTimeout(state.checkTimer); state.checkTimer = setTimeout(check, 350); }
  async function check() {
    const seq = ++state.checkSeq;
    status('check-status', t('edit.checking'));
    const r = await api('/api/v1/check?policy=' + q(state.policy), {
      method: 'POST', headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: $('source').value
    });
    if (seq !== state.checkSeq) return;
    if (!r.ok) { status('check-status', t('error', await failure(r)), true); return; }
    const j = await r.json();
    const list = $('diagnostics'); clear(list);
    const n = (s) => j.diagnostics.filter((d) => d.severity === s).length;
    const parts = [j.ok ? t('edit.ok') : t('edit.errors', { n: n('error') }), t('edit.warnings', { n: n('warning') }), t('edit.notes', { n: n('note') })];
    status('check-status', parts.join(' · '), !j.ok);
    for (const d of j.diagnostics) {
      const where = d.line ? t('edit.line', d) : '';
      const item = el('li', { class: 'diag ' + d.severity, 'data-line': d.line || '' }, [
        el('span', { class: 'sev', text: word('severity', d.severity) }), ' ',
        el('code', { text: d.code }), ' ', el('span', { class: 'where', text: where }),
        el('div', { class: 'msg', text: d.message + (d.label ? ': ' + d.label : '') })
      ]);
      if (d.help) item.append(el('div', { class: 'help', text: d.help }));
      item.addEventListener('click', () => goToLine(d.line));
      list.append(item);
    }
    $('save').disabled = !j.ok;
  }
  function goToLine(line) {
    if (!line) return;
    const area = $('source'); const lines = area.value.split('\n');
    let start = 0; for (let i = 0; i < line - 1 && i < lines.length; i++) start += lines[i].length + 1;
    area.focus(); area.setSelectionRange(start, start + (lines[line - 1] || '').length);
    area.scrollTop = Math.max(0, (line - 5) * 18);
  }
  async function save() {
    const name = $('save-name').value.trim();
    const r = await api('/api/v1/policies/' + q(state.policy) + '/versions' + (name ? '?name=' + q(name) : ''), {
      method: 'POST', headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: $('source').value
    });
    if (!r.ok) { status('save-status', t('edit.not_saved', await failure(r)), true); return; }
    const j = await r.json();
    status('save-status', t('edit.saved', j));
    await loadPolicies(j.id);
  }

  // ---- applications ----
  async function judge() {
    if (!state.files.length) { status('apps-status', t('apps.none')); return; }
    status('apps-status', t('apps.judging'));
    const [evalR, loadR] = await Promise.all([
      api('/api/v1/eval?policy=' + q(state.policy), { method: 'POST', body: recordsForm() }),
      api('/api/v1/load?policy=' + q(state.policy), { method: 'POST', body: recordsForm() })
    ]);
    const errors = $('load-errors');
    if (loadR.ok) {
      const l = await loadR.json();
      errors.hidden = !l.text.trim();
      errors.textContent = t('apps.problems') + '\n' + l.text;
    }
    const body = $('verdicts').tBodies[0]; clear(body); clear($('park'));
    if (!evalR.ok) { state.results = []; status('apps-status', t('error', await failure(evalR)), true); fillParks(); return; }
    state.results = await evalR.json();
    const count = (v) => state.results.filter((x) => x.verdict === v).length;
    status('apps-status', t('apps.summary', { n: state.results.length, e: count('eligible'), ne: count('not_eligible'), u: count('undetermined'), r: count('rejected') }));
    state.results.forEach((res, i) => {
      const failed = (res.indicators || []).filter((x) => x.status === 'fail' || x.status === 'unknown').length;
      const row = el('tr', { class: 'park-row', 'data-verdict': res.verdict, 'data-name': res.name || '' }, [
        el('td', { text: String(i + 1) }), el('td', { text: res.name || res.source || '' }), el('td', { text: res.tier || '' }),
        el('td', {}, [el('span', { class: 'verdict ' + res.verdict, text: word('verdict', res.verdict) })]),
        el('td', { text: res.verdict === 'rejected' ? '' : String(failed) })
      ]);
      row.addEventListener('click', () => showPark(i));
      body.append(row);
    });
    for (const b of ['download-report', 'download-template']) $(b).disabled = false;
    fillParks();
    if (state.changes.length) whatif();
  }
  function showPark(i) {
    const res = state.results[i]; const box = $('park'); clear(box);
    for (const r of document.querySelectorAll('#verdicts tr.selected')) r.classList.remove('selected');
    const row = $('verdicts').tBodies[0].rows[i]; if (row) row.classList.add('selected');
    box.append(el('h2', { text: t('park.title', { name: res.name || res.source || '', tier: res.tier || '', verdict: word('verdict', res.verdict) }) }));
    if (res.title) box.append(el('p', { class: 'meta', text: res.title }));
    if (res.errors) {
      const ul = el('ul', { class: 'errors' });
      for (const e of res.errors) ul.append(el('li', { text: (e.field ? e.field + ': ' : '') + e.message }));
      box.append(ul); return;
    }
    const table = el('table', { class: 'grid rules' }, [el('thead', {}, [el('tr', {}, ['col.rule', 'col.kind', 'col.status', 'col.article', 'col.figure', 'col.threshold', 'col.margin'].map((k) => el('th', { text: t(k) })))])]);
    const tb = el('tbody');
    for (const x of res.indicators || []) {
      const figure = x.figure || x.given || x.test || '';
      const extra = x.missing ? ' ' + t('park.missing', { fields: x.missing.join('、') }) : '';
      tb.append(el('tr', { class: 'status-' + x.status }, [
        el('td', { text: x.name }), el('td', { text: word('kind', x.kind) }),
        el('td', {}, [el('span', { class: 'status ' + x.status, text: word('status', x.status) })]),
        el('td', { text: x.article }), el('td', { text: figure + extra }), el('td', { text: x.threshold || '' }),
        el('td', { class: (x.margin || '').startsWith('-') ? 'neg' : 'pos', text: x.margin || '' })
      ]));
    }
    table.append(tb); box.append(table);
  }
  async function download(path, file) {
    const r = await api(path, { method: 'POST', body: state.files.length ? recordsForm() : undefined });
    if (!r.ok) { status('apps-status', t('error', await failure(r)), true); return; }
    const url = URL.createObjectURL(await r.blob());
    const a = el('a', { href: url, download: file }); document.body.append(a); a.click(); a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  // ---- what-if ----
  function fillThresholds() {
    const s = $('threshold'); clear(s);
    (state.details.thresholds || []).forEach((th, i) => {
      s.append(el('option', { value: String(i), text: th.describe + '  ' + th.op + ' ' + th.threshold + ' · ' + th.article }));
    });
  }
  function fillInputs() {
    const s = $('figure-input'); clear(s);
    for (const i of state.details.inputs) s.append(el('option', { value: i.name, text: i.name + ' · ' + i.type }));
  }
  function fillParks() {
    const s = $('figure-park'); clear(s);
    state.results.forEach((r, i) => { if (r.verdict !== 'rejected') s.append(el('option', { value: '#' + (i + 1), text: '#' + (i + 1) + ' ' + (r.name || '') })); });
  }
  function addThreshold() {
    const th = state.details.thresholds[Number($('threshold').value)];
    const value = $('threshold-value').value.trim();
    if (!th || !value) return;
    const c = { threshold: th.rule, tier: th.tier, value: value };
    if (th.case) c.case = th.case;
    if (th.check) c.check = th.check;
    state.changes.push(c); whatif();
  }
  function addFigure() {
    const value = $('figure-value').value.trim();
    if (!value || !$('figure-park').value) return;
    state.changes.push({ figure: $('figure-input').value, park: $('figure-park').value, value: value }); whatif();
  }
  function showChanges(overrides) {
    const list = $('change-list'); clear(list);
    if (!state.changes.length) { list.append(el('li', { class: 'meta', text: t('whatif.no_changes') })); return; }
    state.changes.forEach((c, i) => {
      const o = overrides && overrides[i];
      const text = o ? t('whatif.change', o) : (c.threshold || c.figure) + ' = ' + c.value;
      const remove = el('button', { type: 'button', class: 'small', text: t('whatif.remove') });
      remove.addEventListener('click', () => { state.changes.splice(i, 1); whatif(); });
      list.append(el('li', {}, [text + ' ', remove]));
    });
  }
  async function whatif() {
    showChanges();
    if (!state.files.length) { status('whatif-status', t('whatif.need_records'), true); return; }
    status('whatif-status', t('whatif.computing'));
    const r = await api('/api/v1/whatif?policy=' + q(state.policy), { method: 'POST', body: recordsForm({ changes: JSON.stringify(state.changes) }) });
    const counts = $('counts').tBodies[0]; const flips = $('flips').tBodies[0]; clear(counts); clear(flips);
    if (!r.ok) {
      const e = await failure(r);
      const more = (e.diagnostics || []).map((d) => d.message + (d.help ? ' — ' + d.help : '')).join('; ');
      status('whatif-status', t('error', { message: e.message + (more ? ': ' + more : '') }), true);
      state.changes.pop(); showChanges(); return;
    }
    const j = await r.json();
    showChanges(j.overrides);
    status('whatif-status', t('whatif.result', { n: j.flips.length, q: j.quiet }));
    const before = Object.fromEntries(j.before.map((c) => [c.tier, c]));
    for (const a of j.after) {
      const b = before[a.tier] || a;
      const cell = (k) => el('td', { class: b[k] !== a[k] ? 'moved' : '', text: b[k] === a[k] ? String(a[k]) : b[k] + ' → ' + a[k] });
      counts.append(el('tr', {}, [el('td', { text: a.tier }), cell('eligible'), cell('not_eligible'), cell('undetermined')]));
    }
    for (const f of j.flips) {
      const rules = el('ul', {}, f.rules.map((x) => el('li', { text: x.article + ' ' + x.name + ': ' + word('status', x.before) + ' → ' + word('status', x.after) + (x.after_detail ? ' — ' + x.after_detail : '') })));
      flips.append(el('tr', { class: 'flip', 'data-name': f.name || '', 'data-before': f.before, 'data-after': f.after }, [
        el('td', { text: '#' + f.park }), el('td', { text: f.name || '' }),
        el('td', {}, [el('span', { class: 'verdict ' + f.before, text: word('verdict', f.before) }), ' → ', el('span', { class: 'verdict ' + f.after, text: word('verdict', f.after) })]),
        el('td', {}, [rules])
      ]));
    }
  }

  // ---- versions ----
  async function compare() {
    if (!state.files.length) { status('versions-status', t('whatif.need_records'), true); return; }
    const r = await api('/api/v1/compare?old=' + q($('old').value) + '&new=' + q($('new').value), { method: 'POST', body: recordsForm() });
    const totals = $('totals').tBodies[0]; const changes = $('record-changes').tBodies[0]; clear(totals); clear(changes);
    if (!r.ok) { status('versions-status', t('error', await failure(r)), true); return; }
    const j = await r.json();
    const unread = j.unreadable.map((u) => t('versions.unreadable', u));
    status('versions-status', [t('versions.result', { n: j.totals.records, c: j.changes.length })].concat(unread).join(' · '));
    for (const [tier, pair] of Object.entries(j.totals.eligible)) {
      totals.append(el('tr', {}, [el('td', { text: tier }), el('td', { text: String(pair[0]) }), el('td', { class: pair[0] !== pair[1] ? 'moved' : '', text: String(pair[1]) })]));
    }
    for (const c of j.changes) {
      const rules = el('ul', {}, c.rules.map((x) => el('li', { text: x.article + ' ' + x.name + ': ' + word('status', x.old) + ' → ' + word('status', x.new) + (x.new_detail ? ' — ' + x.new_detail : '') })));
      changes.append(el('tr', {}, [el('td', { text: (c.name || '') + ' · ' + c.place }),
        el('td', {}, [el('span', { class: 'verdict ' + c.old_verdict, text: word('verdict', c.old_verdict) }), ' → ', el('span', { class: 'verdict ' + c.new_verdict, text: word('verdict', c.new_verdict) })]),
        el('td', {}, [rules])]));
    }
  }

  // ---- bases ----
  async function timeline() {
    if (!state.histories.length) { status('bases-status', t('bases.need'), true); return; }
    const form = new FormData();
    for (const f of state.histories) form.append('records', f, f.name);
    const r = await api('/api/v1/timeline?policy=' + q(state.policy) + '&as_of=' + q($('as-of').value), { method: 'POST', body: form });
    const body = $('timelines').tBodies[0]; clear(body);
    if (!r.ok) { status('bases-status', t('error', await failure(r)), true); return; }
    const j = await r.json();
    status('bases-status', t('bases.result', { n: j.length }));
    for (const b of j) {
      const reasons = el('ul', {}, (b.reasons || []).map((x) => el('li', { text: [x.article, x.rule, '→', x.state, x.since || ''].filter(Boolean).join(' ') })));
      const coming = Object.entries(b.next || {}).map(([name, x]) => [x.article, name, x.value].filter(Boolean).join(' '));
      if (b.term) coming.unshift([b.term.article, b.term.name, b.term.start + ' – ' + b.term.end].filter(Boolean).join(' '));
      const next = el('ul', {}, coming.map((text) => el('li', { text: text })));
      body.append(el('tr', { 'data-status': b.status }, [el('td', { text: b.name || '' }), el('td', { text: b.tier || '' }),
        el('td', {}, [el('span', { class: 'base ' + b.status, text: b.state + ' · ' + word('base', b.status) })]),
        el('td', { text: b.since || '' }), el('td', {}, [reasons]), el('td', {}, [next])]));
    }
  }

  // ---- wiring ----
  function showTab(name) {
    for (const v of document.querySelectorAll('.view')) v.classList.toggle('shown', v.id === name);
    for (const b of document.querySelectorAll('#tabs button')) b.classList.toggle('on', b.dataset.tab === name);
    location.hash = name;
  }
  document.addEventListener('DOMContentLoaded', () => {
    translate();
    for (const b of document.querySelectorAll('#tabs button')) b.addEventListener('click', () => showTab(b.dataset.tab));
    showTab((location.hash || '#apps').slice(1) || 'apps');
    $('lang').addEventListener('click', () => {
      state.lang = state.lang === 'en' ? 'zh' : 'en'; localStorage.setItem('jidi.lang', state.lang);
      translate(); showDoc(); check(); if (state.files.length) judge(); showChanges();
    });
    $('policy').addEventListener('change', () => choosePolicy($('policy').value));
    $('source').addEventListener('input', scheduleCheck);
    $('save').addEventListener('click', save);
    $('records').addEventListener('change', () => {
      state.files = Array.from($('records').files);
      $('records-names').textContent = state.files.map((f) => f.name).join('、');
      judge();
    });
    $('download-report').addEventListener('click', () => download('/api/v1/report?policy=' + q(state.policy), 'report.html'));
    $('download-template').addEventListener('click', () => download('/api/v1/template?policy=' + q(state.policy), 'template.xlsx'));
    $('download-blank').addEventListener('click', () => { const keep = state.files; state.files = []; download('/api/v1/template?policy=' + q(state.policy), 'template.xlsx').finally(() => { state.files = keep; }); });
    $('add-threshold').addEventListener('click', addThreshold);
    $('add-figure').addEventListener('click', addFigure);
    $('reset').addEventListener('click', () => { state.changes = []; whatif(); });
    $('compare').addEventListener('click', compare);
    $('histories').addEventListener('change', () => { state.histories = Array.from($('histories').files); timeline(); });
    $('timeline').addEventListener('click', timeline);
    $('as-of').value = new Date().toISOString().slice(0, 10);
    showChanges();
    loadPolicies().catch((e) => status('apps-status', t('error', { message: String(e) }), true));
  });
})();
