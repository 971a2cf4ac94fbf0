/*
 * ricegrade report / dashboard page.
 *
 * Plain browser JavaScript, loaded as a classic <script> after ECharts (global `echarts`) and after an
 * inline script that sets `window.RICEGRADE`:
 *   { mode: 'embedded', data: ReportData }  the HTML report: everything is inline, no network at all
 *   { mode: 'live', token?: string }        the local dashboard: data comes from the same-origin JSON API
 * The data shapes are those of src/report/report-types.ts (see README.md beside this file).
 * All text from data goes into the page through textContent / escaped strings, never raw HTML.
 */
(function () {
  'use strict';

  var PAGE_SIZE = 50;
  var FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
  var NONE_CATEGORY = '(none)';
  var COLORS = {
    accent: '#2563eb',
    frontier: '#d97706',
    near: '#0891b2',
    other: '#64748b',
    good: '#15803d',
    bad: '#b91c1c',
    mid: '#b45309',
  };
  var METRICS = [
    ['error_consistency', 'error consistency', 'Agreement on which items are failed, beyond what the two accuracies imply by chance (Cohen\u2019s \u03ba on right/wrong). 0 = independent mistakes, 1 = the same mistakes.'],
    ['capa', 'CAPA', 'Chance-adjusted probabilistic agreement on the answers given (multiple-choice items).'],
    ['capa_probabilistic', 'CAPA (probabilistic)', 'CAPA computed from the models\u2019 answer probabilities.'],
    ['agreement', 'agreement', 'Share of shared items on which the two models gave the same answer.'],
    ['kappa', 'Cohen\u2019s \u03ba', 'Agreement on the answers given, corrected for chance.'],
    ['same_wrong', 'same wrong answer', 'Among items both got wrong, the share where they gave the same wrong answer.'],
  ];

  // ---------------------------------------------------------------------------------------------
  // Small helpers
  // ---------------------------------------------------------------------------------------------

  function isNum(x) {
    return typeof x === 'number' && isFinite(x);
  }
  function arr(x) {
    return Array.isArray(x) ? x : [];
  }
  function str(x) {
    return x === null || x === undefined ? '' : String(x);
  }

  /** Escape text for the few places that need an HTML string (ECharts tooltips). */
  function esc(s) {
    return str(s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  /** Create an element. attrs: class, text, on<event>, style (object), value/checked/disabled/selected, or any attribute. */
  function h(tag, attrs) {
    var e = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === null || v === undefined || v === false) return;
        if (k === 'class') e.className = v;
        else if (k === 'text') e.textContent = str(v);
        else if (k === 'style' && typeof v === 'object') Object.assign(e.style, v);
        else if (k.slice(0, 2) === 'on' && typeof v === 'function') e.addEventListener(k.slice(2), v);
        else if (k === 'value' || k === 'checked' || k === 'selected' || k === 'disabled') e[k] = v;
        else e.setAttribute(k, v === true ? '' : String(v));
      });
    }
    for (var i = 2; i < arguments.length; i++) add(e, arguments[i]);
    return e;
  }
  function add(parent, kid) {
    if (kid === null || kid === undefined || kid === false) return;
    if (Array.isArray(kid)) kid.forEach(function (k) { add(parent, k); });
    else if (typeof kid === 'object' && kid.nodeType) parent.appendChild(kid);
    else parent.appendChild(document.createTextNode(String(kid)));
  }
  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
    return node;
  }
  function option(value, label, selected) {
    return h('option', { value: value, selected: !!selected }, label);
  }

  function pct(x, digits) {
    return isNum(x) ? (x * 100).toFixed(digits === undefined ? 1 : digits) + '%' : '\u2014';
  }
  function ci(lo, hi) {
    return isNum(lo) && isNum(hi) ? pct(lo) + '\u2013' + pct(hi) : '';
  }
  function usd(x) {
    if (!isNum(x)) return '\u2014';
    if (x === 0) return '$0';
    var a = Math.abs(x);
    return '$' + (a >= 100 ? x.toFixed(0) : a >= 1 ? x.toFixed(2) : a >= 0.01 ? x.toFixed(3) : x.toPrecision(2));
  }
  function price(x) {
    if (!isNum(x)) return 'no price';
    var a = Math.abs(x);
    return '$' + (a >= 10 ? x.toFixed(1) : a >= 0.1 ? x.toFixed(2) : a === 0 ? '0' : x.toPrecision(2));
  }
  function ms(x) {
    if (!isNum(x)) return '\u2014';
    return x >= 1000 ? (x / 1000).toFixed(x >= 10000 ? 0 : 1) + ' s' : Math.round(x) + ' ms';
  }
  function int(x) {
    if (!isNum(x)) return '\u2014';
    return Math.round(x).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  }
  function num(x, digits) {
    return isNum(x) ? x.toFixed(digits === undefined ? 2 : digits) : '\u2014';
  }
  /** A date as "2025-03-01 14:05 UTC" (deterministic, independent of the viewer's locale). */
  function date(s) {
    if (!s) return '\u2014';
    var d = new Date(s);
    if (isNaN(d.getTime())) return str(s);
    return d.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
  }
  function plural(n, word) {
    return int(n) + ' ' + word + (n === 1 ? '' : 's');
  }
  function scoreText(x) {
    if (!isNum(x)) return '\u2014';
    return x === 0 || x === 1 ? String(x) : x.toFixed(2);
  }
  function scoreClass(x) {
    if (!isNum(x)) return 'score-none';
    if (x >= 1) return 'score-good';
    if (x <= 0) return 'score-bad';
    return 'score-mid';
  }
  function mean(values) {
    var v = values.filter(isNum);
    if (!v.length) return null;
    return v.reduce(function (s, x) { return s + x; }, 0) / v.length;
  }
  function uniq(values) {
    var seen = new Set();
    var out = [];
    values.forEach(function (v) {
      if (!seen.has(v)) {
        seen.add(v);
        out.push(v);
      }
    });
    return out;
  }
  function blended(p) {
    if (!p || !isNum(p.input) || !isNum(p.output)) return null;
    return (p.input * 3 + p.output) / 4;
  }

  // ---------------------------------------------------------------------------------------------
  // State
  // ---------------------------------------------------------------------------------------------

  var config = window.RICEGRADE && typeof window.RICEGRADE === 'object' ? window.RICEGRADE : { mode: 'embedded', data: null };
  var live = config.mode === 'live';
  var state = {
    audit: null,
    runs: [],
    runId: null,
    summary: null,
    market: null,
    marketError: null,
    generatedAt: null,
    toolVersion: null,
    embeddedItems: null,
    sort: { key: 'score', dir: -1 },
    metric: 'error_consistency',
    items: { suite: '', category: '', models: [], disagree: false, offset: 0 },
    itemSeq: 0,
    itemsPending: false,
    loadSeq: 0,
  };
  var charts = [];
  var ui = {};

  function ready() {
    document.body.dataset.ready = '1';
  }
  function busy() {
    delete document.body.dataset.ready;
  }

  // ---------------------------------------------------------------------------------------------
  // Data normalisation: never trust a field to be there
  // ---------------------------------------------------------------------------------------------

  function normalizeSummary(d) {
    d = d && typeof d === 'object' ? d : {};
    var totals = d.totals && typeof d.totals === 'object' ? d.totals : {};
    return {
      run: d.run && typeof d.run === 'object' ? d.run : {},
      models: arr(d.models).filter(Boolean),
      suites: arr(d.suites).filter(Boolean),
      results: arr(d.results).filter(Boolean),
      by_category: arr(d.by_category).filter(Boolean),
      refusal_rates: arr(d.refusal_rates).filter(function (r) { return r && typeof r === 'object'; }),
      totals: {
        responses: isNum(totals.responses) ? totals.responses : 0,
        errors: isNum(totals.errors) ? totals.errors : 0,
        input_tokens: isNum(totals.input_tokens) ? totals.input_tokens : 0,
        output_tokens: isNum(totals.output_tokens) ? totals.output_tokens : 0,
        cost_usd: isNum(totals.cost_usd) ? totals.cost_usd : null,
      },
    };
  }
  function normalizeMarket(m) {
    if (!m || typeof m !== 'object') return null;
    return {
      models: arr(m.models).filter(Boolean),
      similarity: m.similarity && typeof m.similarity === 'object' ? m.similarity : {},
      commodity_index: m.commodity_index && typeof m.commodity_index === 'object' ? m.commodity_index : { value: null, ci_low: null, ci_high: null, models: [], pairs: 0 },
      frontier: arr(m.frontier),
      comparisons: arr(m.comparisons),
      systemic_failures: m.systemic_failures || null,
      price_axis: m.price_axis || 'blended USD per 1M tokens (input:output 3:1)',
      notes: arr(m.notes),
    };
  }

  function modelNames() {
    var s = state.summary;
    var names = s.models.map(function (m) { return str(m.name); });
    s.results.forEach(function (r) { names.push(str(r.model)); });
    if (state.market) state.market.models.forEach(function (m) { names.push(str(m.model)); });
    return uniq(names.filter(Boolean));
  }
  function suiteNames() {
    var s = state.summary;
    return uniq(s.suites.map(function (x) { return str(x.name); }).concat(s.results.map(function (r) { return str(r.suite); })).filter(Boolean));
  }
  function hasScores() {
    return state.summary.results.some(function (r) { return isNum(r.n) && r.n > 0 && isNum(r.score); });
  }
  function noScoresMessage() {
    var t = state.summary.totals;
    if (!t.responses) return 'No scored results in this run yet: no responses recorded' + (state.summary.run.status ? ' (status: ' + state.summary.run.status + ')' : '') + '.';
    if (t.errors >= t.responses) return 'No scored results in this run: ' + plural(t.responses, 'response') + ', all errors.';
    return 'No scored results in this run: ' + plural(t.responses, 'response') + ', ' + plural(t.errors, 'error') + ', none scored.';
  }
  function marketMissingMessage() {
    var why = str(state.marketError).trim();
    return 'Market analysis unavailable' + (why ? ': ' + why + (/[.!?]$/.test(why) ? '' : '.') : '.');
  }

  /** One row per model for the leaderboard and the charts: the market's numbers when there is a market, else the results'. */
  function leaderRows() {
    var s = state.summary;
    var market = state.market;
    var suites = suiteNames();
    return modelNames().map(function (name) {
      var model = s.models.find(function (m) { return m.name === name; }) || null;
      var mm = market ? market.models.find(function (m) { return m.model === name; }) || null : null;
      var res = s.results.filter(function (r) { return r.model === name; });
      var perSuite = {};
      suites.forEach(function (suite) {
        var r = res.find(function (x) { return x.suite === suite; });
        perSuite[suite] = r ? { score: isNum(r.score) ? r.score : null, lo: isNum(r.ci_low) ? r.ci_low : null, hi: isNum(r.ci_high) ? r.ci_high : null, n: r.n || 0 } : null;
      });
      var score = null;
      var lo = null;
      var hi = null;
      var n = 0;
      var approx = false;
      if (mm) {
        score = isNum(mm.score) ? mm.score : null;
        lo = isNum(mm.ci_low) ? mm.ci_low : null;
        hi = isNum(mm.ci_high) ? mm.ci_high : null;
        n = isNum(mm.n) ? mm.n : 0;
      } else {
        var scored = res.filter(function (r) { return isNum(r.score) && isNum(r.n) && r.n > 0; });
        n = scored.reduce(function (t, r) { return t + r.n; }, 0);
        if (scored.length === 1) {
          score = scored[0].score;
          lo = isNum(scored[0].ci_low) ? scored[0].ci_low : null;
          hi = isNum(scored[0].ci_high) ? scored[0].ci_high : null;
        } else if (scored.length > 1) {
          // Item-weighted mean over suites; interval from the suites' intervals (normal approximation).
          score = scored.reduce(function (t, r) { return t + r.score * r.n; }, 0) / n;
          var variance = 0;
          var ok = true;
          scored.forEach(function (r) {
            if (!isNum(r.ci_low) || !isNum(r.ci_high)) ok = false;
            else variance += Math.pow(r.n / n, 2) * Math.pow((r.ci_high - r.ci_low) / 3.92, 2);
          });
          if (ok) {
            lo = Math.max(0, score - 1.96 * Math.sqrt(variance));
            hi = Math.min(1, score + 1.96 * Math.sqrt(variance));
            approx = true;
          }
        }
      }
      var costs = res.map(function (r) { return r.cost_usd; });
      var known = costs.filter(isNum);
      var cost = known.length ? known.reduce(function (t, x) { return t + x; }, 0) : null;
      if (cost === null && mm && isNum(mm.cost_usd)) cost = mm.cost_usd;
      var bp = mm ? (isNum(mm.blended_price) ? mm.blended_price : null) : blended(model && model.price);
      return {
        name: name,
        model: model,
        tier: mm && isNum(mm.tier) ? mm.tier : null,
        score: score,
        lo: lo,
        hi: hi,
        approx: approx,
        n: n,
        errors: res.reduce(function (t, r) { return t + (isNum(r.errors) ? r.errors : 0); }, 0),
        cost: cost,
        costPartial: known.length > 0 && known.length < costs.length,
        costEstimated: res.some(function (r) { return r.cost_estimated === true; }),
        priced: !!(model && model.price) || bp !== null,
        blended: bp,
        p50: mean(res.map(function (r) { return r.latency_p50_ms; })),
        p95: mean(res.map(function (r) { return r.latency_p95_ms; })),
        frontier: mm ? (mm.on_frontier ? 2 : mm.near_frontier ? 1 : 0) : null,
        strengths: mm ? arr(mm.unique_strengths) : [],
        perSuite: perSuite,
      };
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Charts
  // ---------------------------------------------------------------------------------------------

  function disposeCharts() {
    charts.forEach(function (c) {
      try {
        c.dispose();
      } catch (e) {
        /* already gone */
      }
    });
    charts = [];
  }
  function resizeCharts() {
    charts.forEach(function (c) {
      try {
        if (!c.isDisposed()) c.resize();
      } catch (e) {
        /* ignore */
      }
    });
  }
  /**
   * Printing: size the charts, then give each SVG a viewBox so that the print stylesheet can scale it
   * to the page width (the page is narrower than the screen, and print layout cannot wait for a redraw).
   */
  function beforePrint() {
    charts.forEach(function (c) {
      if (c.isDisposed()) return;
      var div = c.getDom();
      var height = parseFloat(div.dataset.chartHeight);
      try {
        // Explicit size: under print styles the container's height is auto.
        if (div.clientWidth > 0 && height > 0) c.resize({ width: div.clientWidth, height: height });
        else c.resize();
      } catch (e) {
        /* keep the last drawing */
      }
      var svg = div.querySelector('svg');
      if (!svg) return;
      var w = parseFloat(svg.getAttribute('width'));
      var hgt = parseFloat(svg.getAttribute('height'));
      if (w > 0 && hgt > 0) {
        svg.setAttribute('viewBox', '0 0 ' + w + ' ' + hgt);
        svg.setAttribute('preserveAspectRatio', 'xMidYMin meet');
      }
    });
  }
  function afterPrint() {
    charts.forEach(function (c) {
      var svg = c.getDom && c.getDom().querySelector('svg');
      if (svg) {
        svg.removeAttribute('viewBox');
        svg.removeAttribute('preserveAspectRatio');
      }
    });
    resizeCharts();
  }
  /** Draw `option` into the chart div, or a message when there is nothing to draw. */
  function releaseChart(div) {
    if (!window.echarts || typeof window.echarts.getInstanceByDom !== 'function') return;
    var old = window.echarts.getInstanceByDom(div);
    if (!old) return;
    charts = charts.filter(function (c) { return c !== old; });
    try {
      old.dispose();
    } catch (e) {
      /* already gone */
    }
  }
  var measure = null;
  /** Width in px of the widest of these labels at the charts' font. */
  function textWidth(labels, size) {
    size = size || 12;
    if (measure === null) {
      try {
        measure = document.createElement('canvas').getContext('2d') || false;
      } catch (e) {
        measure = false;
      }
    }
    var widest = 0;
    labels.forEach(function (l) {
      var w;
      if (measure) {
        measure.font = size + 'px ' + FONT;
        w = measure.measureText(str(l)).width;
      } else w = str(l).length * size * 0.62;
      if (w > widest) widest = w;
    });
    return Math.ceil(widest);
  }
  function drawChart(div, height, option) {
    releaseChart(div);
    clear(div);
    div.classList.remove('chart-empty');
    if (typeof window.echarts === 'undefined' || !window.echarts || typeof window.echarts.init !== 'function') {
      div.classList.add('chart-empty');
      div.style.height = '';
      div.appendChild(h('p', { class: 'empty', 'data-testid': 'chart-empty' }, 'Charts are unavailable: the charting library did not load.'));
      return null;
    }
    div.style.height = height + 'px';
    div.dataset.chartHeight = String(height);
    var chart = window.echarts.init(div, null, { renderer: 'svg' });
    option.animation = false;
    option.textStyle = Object.assign({ fontFamily: FONT }, option.textStyle || {});
    chart.setOption(option);
    charts.push(chart);
    return chart;
  }
  function chartMessage(div, message, extra) {
    releaseChart(div);
    clear(div);
    div.style.height = '';
    div.classList.add('chart-empty');
    div.appendChild(h('p', { class: 'empty', 'data-testid': 'chart-empty' }, message));
    if (extra) div.appendChild(h('p', { class: 'muted' }, extra));
  }
  function tooltipBase() {
    return { confine: true, renderMode: 'html', backgroundColor: '#fff', borderColor: '#cbd5e1', textStyle: { color: '#0f172a', fontSize: 12 } };
  }

  // ---------------------------------------------------------------------------------------------
  // Page skeleton
  // ---------------------------------------------------------------------------------------------

  function section(id, title, intro) {
    var body = h('div', { class: 'section-body' });
    var el = h('section', { id: id, 'aria-labelledby': id + '-title' }, h('h2', { id: id + '-title' }, title), intro ? h('p', { class: 'intro' }, intro) : null, body);
    return { el: el, body: body };
  }

  function buildSkeleton() {
    var root = document.getElementById('app');
    if (!root) {
      root = h('div', { id: 'app' });
      document.body.appendChild(root);
    }
    clear(root);
    ui.title = h('h1', { 'data-testid': 'title' }, 'ricegrade report');
    ui.subtitle = h('p', { class: 'subtitle', 'data-testid': 'subtitle' });
    ui.picker = null;
    var controls = h('div', { class: 'header-controls controls' });
    if (live) {
      ui.picker = h('select', { id: 'run-picker', 'data-testid': 'run-picker', 'aria-label': 'Run', onchange: function () { loadRun(ui.picker.value, true); } });
      controls.appendChild(h('label', { class: 'field' }, h('span', null, 'Run'), ui.picker));
    }
    ui.header = h('header', { class: 'page-header' }, h('div', null, ui.title, ui.subtitle), controls);
    ui.error = h('div', { class: 'error-banner', role: 'alert', 'data-testid': 'error', hidden: true });
    ui.empty = h('div', { class: 'empty-state', 'data-testid': 'empty-state', hidden: true });
    ui.nav = h(
      'nav',
      { class: 'toc', 'aria-label': 'Sections' },
      [['leaderboard', 'Leaderboard'], ['frontier', 'Price vs quality'], ['similarity', 'Similarity'], ['categories', 'Categories'], ['safety', 'Safety'], ['audit', 'Audit'], ['items', 'Items'], ['meta', 'Run']].map(function (x) {
        return h('a', { href: '#' + x[0] }, x[1]);
      }),
    );
    ui.sections = {
      leaderboard: section('leaderboard', 'Leaderboard', null),
      frontier: section('frontier', 'Price vs quality', null),
      similarity: section('similarity', 'Similarity between models', null),
      categories: section('categories', 'Scores by category', null),
      safety: section('safety', 'Safety: refusals and over-refusals', null),
      audit: section('audit', 'Audit against a standard', null),
      items: section('items', 'Item explorer', null),
      meta: section('meta', 'Run metadata', null),
    };
    ui.main = h(
      'main',
      null,
      Object.keys(ui.sections).map(function (k) { return ui.sections[k].el; }),
    );
    ui.footer = h('footer', { class: 'page-footer' });
    root.appendChild(ui.header);
    root.appendChild(ui.error);
    root.appendChild(ui.empty);
    root.appendChild(ui.nav);
    root.appendChild(ui.main);
    root.appendChild(ui.footer);
  }

  function showError(message) {
    if (!message) {
      ui.error.hidden = true;
      clear(ui.error);
      return;
    }
    clear(ui.error);
    ui.error.appendChild(h('strong', null, 'Error: '));
    ui.error.appendChild(document.createTextNode(str(message)));
    ui.error.hidden = false;
  }
  function showContent(visible) {
    ui.nav.hidden = !visible;
    ui.main.hidden = !visible;
  }

  // ---------------------------------------------------------------------------------------------
  // Header
  // ---------------------------------------------------------------------------------------------

  function renderHeader() {
    var run = state.summary.run;
    var id = run.id !== undefined && run.id !== null ? run.id : '?';
    ui.title.textContent = 'ricegrade report \u2014 run ' + id;
    document.title = 'ricegrade report \u2014 run ' + id;
    var parts = [];
    if (live) parts.push('live dashboard');
    if (state.generatedAt) parts.push('generated ' + date(state.generatedAt));
    if (state.toolVersion) parts.push('ricegrade ' + state.toolVersion);
    if (run.status) parts.push('status: ' + run.status);
    ui.subtitle.textContent = parts.join(' \u00b7 ');
    if (ui.picker) renderPickerOnly();
  }

  // ---------------------------------------------------------------------------------------------
  // 1. Leaderboard
  // ---------------------------------------------------------------------------------------------

  function renderLeaderboard() {
    var body = clear(ui.sections.leaderboard.body);
    var rows = leaderRows();
    var suites = suiteNames();
    var market = state.market;
    var multi = suites.length > 1;

    var columns = [
      { key: 'tier', label: 'tier', title: 'Models in one tier are not significantly different', get: function (r) { return r.tier; }, cell: function (r) { return r.tier === null ? '\u2014' : String(r.tier); }, num: true },
      { key: 'model', label: 'model', get: function (r) { return r.name.toLowerCase(); }, cell: function (r) {
        var sub = r.model ? [r.model.provider, r.model.model].filter(Boolean).join(' \u00b7 ') : '';
        return [h('span', { class: 'model-name' }, r.name), sub ? h('span', { class: 'muted small block' }, sub) : null];
      } },
      { key: 'score', label: multi ? 'overall (95% CI)' : 'score (95% CI)', title: multi ? 'score over all suites' : null, get: function (r) { return r.score; }, cell: function (r) {
        return [h('span', { class: 'strong' }, pct(r.score)), r.lo !== null ? h('span', { class: 'muted small block', title: r.approx ? 'approximated from the per-suite intervals' : null }, (r.approx ? '\u2248 ' : '') + ci(r.lo, r.hi)) : null];
      }, num: true },
    ];
    if (multi) {
      suites.forEach(function (suite) {
        columns.push({ key: 'suite:' + suite, label: suite, title: 'score on suite ' + suite, get: function (r) { return r.perSuite[suite] ? r.perSuite[suite].score : null; }, cell: function (r) {
          var x = r.perSuite[suite];
          if (!x) return '\u2014';
          return [pct(x.score), x.lo !== null ? h('span', { class: 'muted small block' }, ci(x.lo, x.hi)) : null];
        }, num: true });
      });
    }
    columns.push(
      { key: 'n', label: 'n', title: 'scored items', get: function (r) { return r.n; }, cell: function (r) { return int(r.n); }, num: true },
      { key: 'errors', label: 'errors', get: function (r) { return r.errors; }, cell: function (r) { return r.errors ? h('span', { class: 'bad' }, int(r.errors)) : '0'; }, num: true },
      { key: 'cost', label: 'cost', title: 'USD spent in this run', get: function (r) { return r.cost; }, cell: function (r) {
        if (r.cost === null) return h('span', { class: 'muted' }, r.priced ? 'unknown' : 'no price');
        return h('span', { title: r.costEstimated ? 'partly estimated with a tokenizer' : r.costPartial ? 'some answers carried no token usage' : null }, (r.costEstimated ? '\u2248' : '') + usd(r.cost) + (r.costPartial ? '+' : ''));
      }, num: true },
      { key: 'blended', label: 'blended $/1M', title: market ? market.price_axis : 'blended USD per 1M tokens (input:output 3:1)', get: function (r) { return r.blended; }, cell: function (r) { return r.blended === null ? h('span', { class: 'muted' }, 'no price') : price(r.blended); }, num: true },
      { key: 'p50', label: 'latency p50 / p95', title: 'median / 95th percentile response time (sorts by the median)', get: function (r) { return r.p50; }, cell: function (r) {
        return r.p50 === null && r.p95 === null ? '\u2014' : ms(r.p50) + ' / ' + ms(r.p95);
      }, num: true },
      { key: 'frontier', label: 'frontier', title: '\u2605 on the price/quality frontier; \u25c7 near it', get: function (r) { return r.frontier; }, cell: function (r) {
        if (r.frontier === 2) return h('span', { class: 'frontier-mark', title: 'on the price/quality frontier' }, '\u2605 frontier');
        if (r.frontier === 1) return h('span', { class: 'near-mark', title: 'not significantly worse than the best frontier model that costs no more' }, '\u25c7 near');
        return r.frontier === null ? '\u2014' : '';
      } },
    );
    if (!columns.some(function (c) { return c.key === state.sort.key; })) state.sort = { key: 'score', dir: -1 };

    var table = h('table', { class: 'data leaderboard', 'data-testid': 'leaderboard-table' });
    table.appendChild(h('caption', { class: 'visually-hidden' }, 'Models ranked by score; click a column header to sort'));
    var headRow = h('tr');
    columns.forEach(function (col) {
      var active = state.sort.key === col.key;
      var th = h('th', { scope: 'col', class: col.num ? 'num' : null, 'aria-sort': active ? (state.sort.dir < 0 ? 'descending' : 'ascending') : 'none', 'data-sort-key': col.key });
      th.appendChild(
        h(
          'button',
          { type: 'button', class: 'sort', title: col.title || null, onclick: function () {
            if (state.sort.key === col.key) state.sort.dir = -state.sort.dir;
            else state.sort = { key: col.key, dir: col.key === 'model' || col.key === 'tier' || col.key === 'cost' || col.key === 'blended' || col.key === 'p50' || col.key === 'errors' ? 1 : -1 };
            drawTableBody();
            updateHeaders();
          } },
          col.label,
          h('span', { class: 'sort-arrow', 'aria-hidden': 'true' }, active ? (state.sort.dir < 0 ? ' \u25bc' : ' \u25b2') : ''),
        ),
      );
      headRow.appendChild(th);
    });
    table.appendChild(h('thead', null, headRow));
    var tbody = h('tbody');
    table.appendChild(tbody);

    function updateHeaders() {
      Array.prototype.forEach.call(headRow.children, function (th, i) {
        var active = state.sort.key === columns[i].key;
        th.setAttribute('aria-sort', active ? (state.sort.dir < 0 ? 'descending' : 'ascending') : 'none');
        th.querySelector('.sort-arrow').textContent = active ? (state.sort.dir < 0 ? ' \u25bc' : ' \u25b2') : '';
      });
    }
    function drawTableBody() {
      var col = columns.find(function (c) { return c.key === state.sort.key; }) || columns[2];
      var sorted = rows.slice().sort(function (a, b) {
        var x = col.get(a);
        var y = col.get(b);
        var xn = x === null || x === undefined;
        var yn = y === null || y === undefined;
        if (xn || yn) return xn && yn ? a.name.localeCompare(b.name) : xn ? 1 : -1; // unknowns last either way
        if (x < y) return -state.sort.dir;
        if (x > y) return state.sort.dir;
        return (b.score === null ? -1 : b.score) - (a.score === null ? -1 : a.score) || a.name.localeCompare(b.name);
      });
      clear(tbody);
      sorted.forEach(function (r) {
        var tr = h('tr', { 'data-testid': 'leaderboard-row', 'data-model': r.name, class: r.frontier === 2 ? 'on-frontier' : null });
        columns.forEach(function (c) {
          var cell = c.key === 'model' ? h('th', { scope: 'row' }) : h('td', { class: c.num ? 'num' : null });
          add(cell, c.cell(r));
          tr.appendChild(cell);
        });
        tbody.appendChild(tr);
      });
    }
    drawTableBody();

    if (!rows.length) {
      body.appendChild(h('p', { class: 'empty', 'data-testid': 'view-empty' }, 'This run has no models.'));
    } else {
      body.appendChild(h('div', { class: 'table-wrap' }, table));
    }

    var notes = h('ul', { class: 'notes' });
    if (market) {
      notes.appendChild(h('li', null, 'Scores with 95% intervals over all scored items; tier: models in one tier are not significantly different (paired tests, Holm-corrected, \u03b1 = 0.05). Prices: ' + market.price_axis + '.'));
      market.notes.forEach(function (n) { notes.appendChild(h('li', null, str(n))); });
    } else {
      notes.appendChild(h('li', null, marketMissingMessage() + ' Scores below come from the run\u2019s results' + (multi ? ' (overall = item-weighted mean over the suites, interval approximated from the suites\u2019 intervals)' : '') + '; no tiers or frontier. Blended price at input:output 3:1.'));
    }
    notes.appendChild(h('li', null, 'Cost: USD spent in this run ("no price" when the model has no price, never $0). Latency: mean over suites of each suite\u2019s median and 95th percentile; \u2014 when not timed (imported or replayed answers).'));
    body.appendChild(notes);

    var div = h('div', { id: 'chart-leaderboard', class: 'chart', role: 'img', 'aria-label': 'Scores with 95% intervals' });
    body.appendChild(div);
    if (!hasScores() && !(market && market.models.some(function (m) { return isNum(m.score); }))) {
      chartMessage(div, noScoresMessage());
      return;
    }
    var plotted = rows.filter(function (r) { return r.score !== null; }).sort(function (a, b) { return a.score - b.score || b.name.localeCompare(a.name); });
    var names = plotted.map(function (r) { return r.name; });
    var lowest = Math.min.apply(null, plotted.map(function (r) { return r.lo !== null ? r.lo : r.score; }));
    var xMin = Math.max(0, Math.floor((lowest - 0.05) * 10) / 10);
    function dots(name, keep, color) {
      return {
        type: 'scatter',
        name: name,
        symbolSize: 12,
        itemStyle: { color: color },
        data: plotted
          .map(function (r, i) { return keep(r) ? { name: r.name, value: [r.score, i] } : null; })
          .filter(Boolean),
        label: { show: true, position: 'top', distance: 4, formatter: function (p) { return pct(p.value[0]); }, color: '#334155', fontSize: 11 },
        z: 2,
      };
    }
    drawChart(div, 90 + 40 * plotted.length, {
      grid: { left: 12, right: 40, top: 36, bottom: 40 },
      legend: plotted.some(function (r) { return r.frontier === 2; }) ? { top: 0, data: ['on the price/quality frontier', 'other models'] } : { show: false },
      tooltip: Object.assign(tooltipBase(), {
        trigger: 'item',
        formatter: function (p) {
          var r = p.seriesType === 'custom' ? plotted[p.dataIndex] : plotted.find(function (x) { return x.name === p.name; });
          if (!r) return '';
          return '<b>' + esc(r.name) + '</b><br>score ' + esc(pct(r.score)) + (r.lo !== null ? '<br>95% CI ' + esc(ci(r.lo, r.hi)) : '') + '<br>n = ' + esc(int(r.n)) + (r.tier !== null ? '<br>tier ' + esc(r.tier) : '');
        },
      }),
      xAxis: { type: 'value', min: xMin, max: 1, name: 'score (95% interval)', nameLocation: 'middle', nameGap: 26, axisLabel: { formatter: function (v) { return Math.round(v * 100) + '%'; } }, splitLine: { lineStyle: { color: '#e2e8f0' } } },
      yAxis: { type: 'category', data: names, axisTick: { show: false }, axisLabel: { color: '#0f172a', fontSize: 12 } },
      series: [
        {
          type: 'custom',
          name: '95% CI',
          data: plotted.map(function (r, i) { return [r.lo !== null ? r.lo : r.score, r.hi !== null ? r.hi : r.score, i]; }),
          encode: { x: [0, 1], y: 2 },
          renderItem: function (params, api) {
            var y = api.value(2);
            var a = api.coord([api.value(0), y]);
            var b = api.coord([api.value(1), y]);
            var cap = 7;
            var style = { stroke: '#334155', lineWidth: 1.5 };
            return {
              type: 'group',
              children: [
                { type: 'line', shape: { x1: a[0], y1: a[1], x2: b[0], y2: b[1] }, style: style },
                { type: 'line', shape: { x1: a[0], y1: a[1] - cap, x2: a[0], y2: a[1] + cap }, style: style },
                { type: 'line', shape: { x1: b[0], y1: b[1] - cap, x2: b[0], y2: b[1] + cap }, style: style },
              ],
            };
          },
          z: 1,
        },
        dots('on the price/quality frontier', function (r) { return r.frontier === 2; }, COLORS.frontier),
        dots(market ? 'other models' : 'score', function (r) { return r.frontier !== 2; }, COLORS.accent),
      ],
    });
  }

  // ---------------------------------------------------------------------------------------------
  // 2. Frontier
  // ---------------------------------------------------------------------------------------------

  function renderFrontier() {
    var body = clear(ui.sections.frontier.body);
    var market = state.market;
    var div = h('div', { id: 'chart-frontier', class: 'chart', role: 'img', 'aria-label': 'Price versus quality' });
    if (marketViewUnavailable(body, div, market, 'The price/quality frontier comes from the market analysis.')) return;
    var rows = leaderRows();
    var frontierSet = new Set(market.frontier);
    var priced = rows.filter(function (r) { return r.blended !== null && r.score !== null; });
    var unpriced = rows.filter(function (r) { return r.blended === null; });
    var unscored = rows.filter(function (r) { return r.blended !== null && r.score === null; });

    var names = h('span', { 'data-testid': 'frontier-names', class: 'strong' }, market.frontier.join(' \u2192 '));
    body.appendChild(h('p', { class: 'lead' }, 'Frontier, cheapest first: ', market.frontier.length ? names : [names, h('span', { class: 'muted' }, 'none (no priced model with a score)')]));
    body.appendChild(
      h('p', { class: 'intro' }, 'A model is on the frontier when no other model is both cheaper (or as cheap) and better. \u25c7 near: not significantly worse than the best frontier model that costs no more. x: ' + market.price_axis + ', log scale.'),
    );
    body.appendChild(div);
    var notes = h('ul', { class: 'notes' });
    if (unpriced.length) notes.appendChild(h('li', { 'data-testid': 'unpriced-note' }, 'No price, not on the chart: ' + unpriced.map(function (r) { return r.name; }).join(', ') + ' (add price: in the config or --prices CATALOG).'));
    if (unscored.length) notes.appendChild(h('li', null, 'No scored answers, not on the chart: ' + unscored.map(function (r) { return r.name; }).join(', ') + '.'));
    var zero = priced.filter(function (r) { return r.blended <= 0; });
    var positive = priced.filter(function (r) { return r.blended > 0; }).map(function (r) { return r.blended; });
    var floor = positive.length ? Math.min.apply(null, positive) / 4 : 0.01;
    if (zero.length) notes.appendChild(h('li', null, 'Free (price 0), drawn left of the cheapest priced model (a log axis has no 0): ' + zero.map(function (r) { return r.name; }).join(', ') + '.'));
    if (notes.children.length) body.appendChild(notes);

    if (!priced.length) {
      chartMessage(div, 'No model has both a price and a score, so there is no price/quality chart.');
      return;
    }
    function x(r) {
      return r.blended > 0 ? r.blended : floor;
    }
    function point(r) {
      return { value: [x(r), r.score], name: r.name };
    }
    var on = priced.filter(function (r) { return frontierSet.has(r.name); });
    var near = priced.filter(function (r) { return !frontierSet.has(r.name) && r.frontier === 1; });
    var other = priced.filter(function (r) { return !frontierSet.has(r.name) && r.frontier !== 1; });
    var line = market.frontier
      .map(function (name) { return priced.find(function (r) { return r.name === name; }); })
      .filter(Boolean)
      .sort(function (a, b) { return x(a) - x(b); });
    var scores = priced.map(function (r) { return r.score; });
    var yMin = Math.max(0, Math.floor((Math.min.apply(null, scores) - 0.05) * 20) / 20);
    var yMax = Math.min(1, Math.ceil((Math.max.apply(null, scores) + 0.05) * 20) / 20);
    var byName = {};
    priced.forEach(function (r) { byName[r.name] = r; });
    var label = { show: true, position: 'right', distance: 8, formatter: function (p) { return p.name; }, color: '#0f172a', fontSize: 12 };
    function scatter(name, list, color, size) {
      return { type: 'scatter', name: name, data: list.map(point), symbolSize: size, itemStyle: { color: color, borderColor: '#fff', borderWidth: 1 }, label: label, labelLayout: { moveOverlap: 'shiftY' }, z: 3 };
    }
    drawChart(div, 440, {
      grid: { left: 16, right: 40, top: 40, bottom: 52 },
      legend: { top: 0, data: ['on the frontier', 'near the frontier', 'other', 'frontier'] },
      tooltip: Object.assign(tooltipBase(), {
        trigger: 'item',
        formatter: function (p) {
          var r = byName[p.name];
          if (!r) return '';
          return '<b>' + esc(r.name) + '</b><br>score ' + esc(pct(r.score)) + (r.lo !== null ? ' (95% CI ' + esc(ci(r.lo, r.hi)) + ')' : '') + '<br>blended price ' + esc(price(r.blended)) + ' per 1M tokens' + (r.tier !== null ? '<br>tier ' + esc(r.tier) : '');
        },
      }),
      xAxis: { type: 'log', logBase: 10, name: 'blended price, USD per 1M tokens (log)', nameLocation: 'middle', nameGap: 30, axisLabel: { formatter: function (v) { return '$' + Number(v.toPrecision(3)); } }, splitLine: { lineStyle: { color: '#e2e8f0' } } },
      yAxis: { type: 'value', min: yMin, max: yMax, name: 'score', axisLabel: { formatter: function (v) { return Math.round(v * 100) + '%'; } }, splitLine: { lineStyle: { color: '#e2e8f0' } } },
      series: [
        { type: 'line', name: 'frontier', step: 'end', data: line.map(point), showSymbol: false, symbol: 'none', lineStyle: { color: COLORS.frontier, width: 2 }, itemStyle: { color: COLORS.frontier }, silent: true, z: 2 },
        scatter('on the frontier', on, COLORS.frontier, 16),
        scatter('near the frontier', near, COLORS.near, 11),
        scatter('other', other, COLORS.other, 10),
      ],
    });
  }

  // ---------------------------------------------------------------------------------------------
  // 3. Similarity
  // ---------------------------------------------------------------------------------------------

  /** Leaf order of an average-linkage hierarchical clustering on distance 1 − similarity (null pairs ignored). */
  function clusterOrder(matrix) {
    var n = matrix.length;
    function sim(i, j) {
      var a = matrix[i] ? matrix[i][j] : null;
      if (isNum(a)) return a;
      var b = matrix[j] ? matrix[j][i] : null;
      return isNum(b) ? b : null;
    }
    var clusters = [];
    for (var i = 0; i < n; i++) clusters.push([i]);
    while (clusters.length > 1) {
      var best = null;
      for (var a = 0; a < clusters.length; a++) {
        for (var b = a + 1; b < clusters.length; b++) {
          var total = 0;
          var count = 0;
          clusters[a].forEach(function (p) {
            clusters[b].forEach(function (q) {
              var s = sim(p, q);
              if (s !== null) {
                total += 1 - s;
                count++;
              }
            });
          });
          var d = count ? total / count : Infinity; // no known pair: merge last
          if (best === null || d < best.d) best = { a: a, b: b, d: d };
        }
      }
      var merged = clusters[best.a].concat(clusters[best.b]);
      clusters.splice(best.b, 1);
      clusters.splice(best.a, 1, merged);
    }
    return clusters.length ? clusters[0] : [];
  }

  /** A view drawn from the market analysis explains, in its chart area, why it cannot be drawn; true then. */
  function marketViewUnavailable(body, div, market, why) {
    if (!hasScores() && !(market && market.models.some(function (m) { return isNum(m.score); }))) {
      body.appendChild(div);
      chartMessage(div, noScoresMessage());
      return true;
    }
    if (!market) {
      body.appendChild(div);
      chartMessage(div, marketMissingMessage(), why);
      return true;
    }
    return false;
  }

  function renderSimilarity() {
    var body = clear(ui.sections.similarity.body);
    var market = state.market;
    var div = h('div', { id: 'chart-similarity', class: 'chart', role: 'img', 'aria-label': 'Similarity heatmap' });
    var ciLine = h('p', { class: 'lead' });
    if (marketViewUnavailable(body, div, market, 'Similarity and the commodity index come from the market analysis.')) return;
    var idx = market.commodity_index;
    var ciText = isNum(idx.value) ? num(idx.value) + (isNum(idx.ci_low) && isNum(idx.ci_high) ? ' (95% CI ' + num(idx.ci_low) + '\u2013' + num(idx.ci_high) + ')' : '') : 'not available';
    ciLine.appendChild(h('span', null, 'Commodity index: '));
    ciLine.appendChild(h('span', { 'data-testid': 'commodity-index', class: 'strong' }, ciText));
    var idxModels = arr(idx.models);
    ciLine.appendChild(
      h(
        'span',
        { class: 'muted' },
        isNum(idx.value)
          ? ' \u2014 mean error consistency of ' + idxModels.join(', ') + ' (' + plural(isNum(idx.pairs) ? idx.pairs : 0, 'pair') + '); 0 = independent mistakes, 1 = the same mistakes.'
          : ' \u2014 needs at least two priced models on or near the frontier that share enough items.',
      ),
    );
    body.appendChild(ciLine);

    var keys = METRICS.map(function (m) { return m[0]; }).filter(function (k) { return market.similarity[k] && arr(market.similarity[k].models).length; });
    Object.keys(market.similarity).forEach(function (k) {
      if (keys.indexOf(k) < 0 && market.similarity[k] && arr(market.similarity[k].models).length) keys.push(k);
    });
    if (keys.indexOf(state.metric) < 0) state.metric = keys[0] || 'error_consistency';
    var describe = h('p', { class: 'intro', 'data-testid': 'similarity-description' });
    if (keys.length) {
      var select = h('select', { id: 'similarity-metric', 'data-testid': 'similarity-metric', onchange: function () { state.metric = select.value; draw(); } });
      keys.forEach(function (k) {
        var meta = METRICS.find(function (m) { return m[0] === k; });
        select.appendChild(option(k, meta ? meta[1] : k.replace(/_/g, ' '), k === state.metric));
      });
      select.value = state.metric;
      body.appendChild(h('div', { class: 'controls' }, h('label', { class: 'field' }, h('span', null, 'Metric'), select)));
    }
    body.appendChild(describe);
    body.appendChild(div);
    var sf = market.systemic_failures;
    if (sf && isNum(sf.items)) {
      body.appendChild(h('p', { class: 'muted' }, 'Systemic failures: ' + int(sf.failed_by_all) + ' of ' + int(sf.items) + ' items failed by every model that answered, ' + int(sf.failed_by_most) + ' by most.'));
    }

    function draw() {
      var sim = market.similarity[state.metric];
      var meta = METRICS.find(function (m) { return m[0] === state.metric; });
      describe.textContent = (meta ? meta[2] : '') + ' Models ordered by hierarchical clustering (average linkage on 1 \u2212 similarity); blank cells: too few shared items.';
      if (!sim || !arr(sim.models).length) {
        chartMessage(div, 'No similarity matrix in this market analysis' + (keys.length ? '.' : ': it needs at least two models with shared scored items.'));
        return;
      }
      var models = arr(sim.models).map(str);
      var matrix = arr(sim.matrix).map(arr);
      var order = clusterOrder(models.map(function (_, i) { return models.map(function (_, j) { return matrix[i] ? matrix[i][j] : null; }); }));
      var names = order.map(function (i) { return models[i]; });
      var data = [];
      var lowest = 0;
      matrix.forEach(function (row) {
        row.forEach(function (v) {
          if (isNum(v) && v < lowest) lowest = v;
        });
      });
      var min = lowest < 0 ? Math.floor(lowest * 10) / 10 : 0;
      order.forEach(function (i, xi) {
        order.forEach(function (j, yi) {
          var v = matrix[i] ? matrix[i][j] : null;
          if (!isNum(v)) return;
          data.push({ value: [xi, yi, v], label: { color: (v - min) / (1 - min) > 0.55 ? '#fff' : '#0f172a' } });
        });
      });
      var labelW = textWidth(names, 12);
      var room = (div.clientWidth || 900) - labelW - 40;
      var cell = Math.max(34, Math.min(Math.max(72, labelW + 12), Math.floor(room / Math.max(1, names.length))));
      var rotate = labelW > cell - 6 ? 40 : 0;
      var top = rotate ? Math.ceil(labelW * 0.65) + 16 : 28;
      drawChart(div, top + cell * names.length + 64, {
        grid: { left: labelW + 20, top: top, height: cell * names.length, width: cell * names.length, outerBoundsMode: 'none' },
        tooltip: Object.assign(tooltipBase(), {
          trigger: 'item',
          formatter: function (p) {
            var v = p.value;
            if (!v) return '';
            return esc(names[v[1]]) + ' \u00d7 ' + esc(names[v[0]]) + '<br>' + esc(meta ? meta[1] : state.metric) + ': <b>' + esc(num(v[2])) + '</b>';
          },
        }),
        xAxis: { type: 'category', data: names, position: 'top', splitArea: { show: false }, axisTick: { show: false }, axisLabel: { rotate: rotate, color: '#0f172a', interval: 0 } },
        yAxis: { type: 'category', data: names, inverse: true, axisTick: { show: false }, axisLabel: { color: '#0f172a', interval: 0 } },
        visualMap: { min: min, max: 1, calculable: false, orient: 'horizontal', left: labelW + 20, bottom: 8, itemWidth: 12, itemHeight: 160, precision: 1, inRange: { color: ['#f1f5f9', '#93c5fd', '#1d4ed8', '#1e3a8a'] }, text: ['1', String(min)], textStyle: { color: '#334155' } },
        series: [
          {
            type: 'heatmap',
            name: meta ? meta[1] : state.metric,
            data: data,
            label: { show: true, formatter: function (p) { return num(p.value[2]); }, fontSize: 11 },
            itemStyle: { borderColor: '#fff', borderWidth: 1 },
            emphasis: { itemStyle: { borderColor: '#0f172a', borderWidth: 1 } },
          },
        ],
      });
    }
    draw();
  }

  // ---------------------------------------------------------------------------------------------
  // 4. Categories
  // ---------------------------------------------------------------------------------------------

  function renderCategories() {
    var body = clear(ui.sections.categories.body);
    var market = state.market;
    var div = h('div', { id: 'chart-categories', class: 'chart', role: 'img', 'aria-label': 'Scores by category' });
    var rows = state.summary.by_category.filter(function (r) { return r.category !== undefined; });
    var suites = uniq(rows.map(function (r) { return str(r.suite); }));
    var multi = suiteNames().length > 1 || suites.length > 1;
    function keyOf(r) {
      var c = r.category === null || r.category === undefined ? NONE_CATEGORY : str(r.category);
      return multi ? str(r.suite) + ' / ' + c : c;
    }
    var strengthList = h('ul', { class: 'strengths', 'data-testid': 'unique-strengths' });
    // A strength's category is the item category (or, for items without one, the suite name or 'all').
    var strengths = {};
    var anyStrength = false;
    leaderRows().forEach(function (r) {
      r.strengths.forEach(function (s) {
        anyStrength = true;
        strengths[r.name + '\u0000' + str(s.category)] = s;
        strengthList.appendChild(
          h(
            'li',
            null,
            h('span', { class: 'strong' }, r.name),
            ': \u2605 ' + str(s.category) + ' \u2014 ' + pct(s.score) + (s.best_cheaper ? ' vs ' + pct(s.best_cheaper.score) + ' for the best cheaper model, ' + str(s.best_cheaper.model) : '') + (isNum(s.n) ? ' (n = ' + int(s.n) + ')' : ''),
          ),
        );
      });
    });
    function strengthOf(model, r) {
      var c = r.category === null || r.category === undefined || r.category === NONE_CATEGORY ? null : str(r.category);
      if (c !== null) return strengths[model + '\u0000' + c] || null;
      return strengths[model + '\u0000' + (multi ? str(r.suite) : 'all')] || null;
    }

    if (!hasScores()) {
      body.appendChild(div);
      chartMessage(div, noScoresMessage());
      return;
    }
    if (!rows.length) {
      body.appendChild(div);
      chartMessage(div, 'No per-category results in this run.');
      return;
    }
    var cats = uniq(rows.map(keyOf));
    var order = leaderRows()
      .filter(function (r) { return rows.some(function (x) { return x.model === r.name; }); })
      .sort(function (a, b) { return (b.score === null ? -1 : b.score) - (a.score === null ? -1 : a.score) || a.name.localeCompare(b.name); })
      .map(function (r) { return r.name; });
    var cells = {};
    rows.forEach(function (r) {
      var key = str(r.model) + '\u0000' + keyOf(r);
      var prev = cells[key];
      if (!prev) cells[key] = { row: r, strength: strengthOf(str(r.model), r) };
    });
    var data = [];
    order.forEach(function (model, yi) {
      cats.forEach(function (cat, xi) {
        var c = cells[model + '\u0000' + cat];
        if (!c || !isNum(c.row.score)) return;
        var v = c.row.score;
        data.push({ value: [xi, yi, v], star: !!c.strength, label: { color: v > 0.93 || v < 0.12 ? '#fff' : '#0f172a' } });
      });
    });

    body.appendChild(h('p', { class: 'intro' }, 'Mean score per model and category' + (multi ? ' (suite / category)' : '') + '. \u2605 unique strength: the model is significantly better in that category than every cheaper model (paired tests, Holm-corrected).'));
    body.appendChild(div);
    body.appendChild(h('h3', null, 'Unique strengths'));
    if (!market) {
      strengthList.appendChild(h('li', { class: 'muted' }, marketMissingMessage() + ' Unique strengths come from the market analysis.'));
    } else if (!anyStrength) {
      strengthList.appendChild(h('li', { class: 'muted' }, 'None: no model is significantly better than every cheaper model in any category.'));
    }
    body.appendChild(strengthList);

    var labelW = textWidth(order, 12);
    var catW = Math.min(160, textWidth(cats, 12));
    var room = (div.clientWidth || 900) - labelW - 40;
    var cellW = Math.max(28, Math.min(150, Math.floor(room / Math.max(1, cats.length))));
    var rotate = catW > cellW - 8 ? 40 : 0;
    var cellH = 34;
    var xLabels = rotate ? Math.ceil(catW * 0.65) + 12 : 24;
    drawChart(div, 16 + cellH * order.length + xLabels + 48, {
      grid: { left: labelW + 20, top: 16, height: cellH * order.length, width: cellW * cats.length, outerBoundsMode: 'none' },
      tooltip: Object.assign(tooltipBase(), {
        trigger: 'item',
        formatter: function (p) {
          var v = p.value;
          if (!v) return '';
          var c = cells[order[v[1]] + '\u0000' + cats[v[0]]];
          if (!c) return '';
          var r = c.row;
          var s = c.strength;
          return (
            '<b>' + esc(order[v[1]]) + '</b><br>' + esc(cats[v[0]]) + '<br>score ' + esc(pct(r.score)) + (isNum(r.ci_low) ? ' (95% CI ' + esc(ci(r.ci_low, r.ci_high)) + ')' : '') + '<br>n = ' + esc(int(r.n)) + (r.errors ? ', ' + esc(plural(r.errors, 'error')) : '') +
            (s ? '<br>\u2605 unique strength' + (s.best_cheaper ? ': best cheaper model ' + esc(s.best_cheaper.model) + ' ' + esc(pct(s.best_cheaper.score)) : '') : '')
          );
        },
      }),
      xAxis: { type: 'category', data: cats, axisTick: { show: false }, axisLabel: { rotate: rotate, interval: 0, color: '#0f172a', width: 160, overflow: 'truncate' } },
      yAxis: { type: 'category', data: order, inverse: true, axisTick: { show: false }, axisLabel: { color: '#0f172a', interval: 0 } },
      visualMap: { min: 0, max: 1, calculable: false, orient: 'horizontal', left: labelW + 20, bottom: 4, itemWidth: 12, itemHeight: 160, text: ['100%', '0%'], inRange: { color: ['#b91c1c', '#f59e0b', '#fde68a', '#86efac', '#15803d'] }, textStyle: { color: '#334155' } },
      series: [
        {
          type: 'heatmap',
          name: 'score',
          data: data,
          label: { show: true, fontSize: 11, formatter: function (p) { return pct(p.value[2], 0) + (p.data && p.data.star ? ' \u2605' : ''); } },
          itemStyle: { borderColor: '#fff', borderWidth: 1 },
          emphasis: { itemStyle: { borderColor: '#0f172a', borderWidth: 1 } },
        },
      ],
    });
  }

  // ---------------------------------------------------------------------------------------------
  // 5. Items
  // ---------------------------------------------------------------------------------------------

  function chatMessages(input) {
    var value = input;
    if (typeof value === 'string') {
      var t = value.trim();
      if (t.charAt(0) !== '[') return null;
      try {
        value = JSON.parse(t);
      } catch (e) {
        return null;
      }
    }
    if (!Array.isArray(value) || !value.length) return null;
    if (!value.every(function (m) { return m && typeof m === 'object' && 'role' in m && 'content' in m; })) return null;
    return value;
  }
  function contentText(c) {
    if (typeof c === 'string') return c;
    if (Array.isArray(c)) return c.map(function (p) { return p && typeof p === 'object' ? (typeof p.text === 'string' ? p.text : JSON.stringify(p)) : str(p); }).join('\n');
    if (c === null || c === undefined) return '';
    try {
      return JSON.stringify(c);
    } catch (e) {
      return String(c);
    }
  }
  function expectedText(x) {
    if (x === null || x === undefined) return '\u2014';
    if (typeof x === 'string') return x;
    if (Array.isArray(x) && x.every(function (v) { return typeof v !== 'object'; })) return x.map(str).join(' | ');
    try {
      return JSON.stringify(x);
    } catch (e) {
      return String(x);
    }
  }
  /** A block clipped to a few lines; click (or Enter) expands it; the full text is also its tooltip. */
  function clip(content, fullText) {
    var e = h('div', { class: 'clip', tabindex: '0', role: 'button', 'aria-expanded': 'false', title: fullText.length > 3000 ? fullText.slice(0, 3000) + '\u2026' : fullText });
    add(e, content);
    function toggle() {
      var open = e.classList.toggle('open');
      e.setAttribute('aria-expanded', open ? 'true' : 'false');
    }
    e.addEventListener('click', function (ev) {
      var sel = window.getSelection && window.getSelection();
      if (sel && String(sel).length && sel.anchorNode && e.contains(sel.anchorNode)) return; // selecting text here, not toggling
      ev.preventDefault();
      toggle();
    });
    e.addEventListener('keydown', function (ev) {
      if (ev.key === 'Enter' || ev.key === ' ') {
        ev.preventDefault();
        toggle();
      }
    });
    return e;
  }
  function promptCell(row) {
    var msgs = chatMessages(row.input);
    var choices = arr(row.choices);
    var parts = [];
    var full = [];
    if (msgs) {
      msgs.forEach(function (m) {
        var text = contentText(m.content);
        full.push(str(m.role) + ': ' + text);
        parts.push(h('div', { class: 'msg' }, h('span', { class: 'role role-' + str(m.role).replace(/[^a-z]/gi, '') }, str(m.role)), ' ', text));
      });
    } else {
      var t = typeof row.input === 'string' ? row.input : contentText(row.input);
      full.push(t);
      parts.push(t);
    }
    if (choices.length) {
      var list = h('ol', { class: 'choices', type: 'A' });
      choices.forEach(function (c) { list.appendChild(h('li', null, contentText(c))); });
      parts.push(list);
      full.push(choices.map(function (c, i) { return String.fromCharCode(65 + (i % 26)) + '. ' + contentText(c); }).join('\n'));
    }
    return clip(parts, full.join('\n'));
  }
  function answerCell(a) {
    if (!a) return h('span', { class: 'muted' }, 'not answered');
    var out = [];
    var line = h('div', { class: 'answer-head' }, h('span', { class: 'score ' + scoreClass(a.score), title: 'score' }, a.error ? 'error' : scoreText(a.score)));
    if (a.answer !== null && a.answer !== undefined && a.answer !== '') line.appendChild(h('span', { class: 'muted small', title: 'extracted answer' }, ' answer: ' + str(a.answer)));
    out.push(line);
    if (a.error) out.push(h('div', { class: 'item-error', 'data-testid': 'item-error' }, str(a.error)));
    var text = str(a.text);
    if (text) out.push(clip(text, text));
    return out;
  }
  function disagrees(row, models) {
    var answers = models.map(function (m) { return row.answers ? row.answers[m] : null; }).filter(function (a) { return a && !a.error; });
    if (answers.length < 2) return false;
    var scores = new Set(answers.map(function (a) { return isNum(a.score) ? String(a.score) : 'null'; }));
    var given = new Set(answers.map(function (a) { return a.answer === null || a.answer === undefined ? '\u0000' : String(a.answer).trim().toLowerCase(); }));
    return scores.size > 1 || given.size > 1;
  }

  function renderItems() {
    var body = clear(ui.sections.items.body);
    var models = modelNames();
    var q = state.items;
    q.models = q.models.filter(function (m) { return models.indexOf(m) >= 0; });
    if (!q.models.length) q.models = models.length <= 6 ? models.slice() : models.slice(0, 4);

    if (!live && state.embeddedItems && state.embeddedItems.sampled) {
      body.appendChild(
        h('p', { class: 'note', 'data-testid': 'sampled-note' }, 'showing ' + state.embeddedItems.rows.length + ' of ' + state.embeddedItems.total + ' items (sampled)'),
      );
    }

    // Filters
    var suites = suiteNames();
    var suiteSelect = h('select', { id: 'items-suite', 'data-testid': 'suite-filter', onchange: function () { q.suite = suiteSelect.value; q.category = ''; q.offset = 0; fillCategories(); refresh(); } });
    suiteSelect.appendChild(option('', 'all suites', !q.suite));
    suites.forEach(function (s) { suiteSelect.appendChild(option(s, s, s === q.suite)); });
    suiteSelect.value = q.suite;
    var categorySelect = h('select', { id: 'items-category', 'data-testid': 'category-filter', onchange: function () { q.category = categorySelect.value; q.offset = 0; refresh(); } });
    function categories() {
      var list;
      if (!live && state.embeddedItems) {
        list = state.embeddedItems.rows.filter(function (r) { return !q.suite || r.suite === q.suite; }).map(function (r) { return r.category === null || r.category === undefined ? NONE_CATEGORY : str(r.category); });
      } else {
        list = state.summary.by_category.filter(function (r) { return !q.suite || r.suite === q.suite; }).map(function (r) { return r.category === null || r.category === undefined ? NONE_CATEGORY : str(r.category); });
      }
      return uniq(list).sort();
    }
    function fillCategories() {
      clear(categorySelect);
      var cats = categories();
      if (cats.indexOf(q.category) < 0) q.category = '';
      categorySelect.appendChild(option('', 'all categories', !q.category));
      cats.forEach(function (c) { categorySelect.appendChild(option(c, c, c === q.category)); });
      categorySelect.value = q.category;
    }
    fillCategories();
    var modelBox = h('fieldset', { class: 'model-filter', 'data-testid': 'model-filter' }, h('legend', null, 'Models'));
    models.forEach(function (m) {
      var box = h('input', { type: 'checkbox', value: m, checked: q.models.indexOf(m) >= 0, 'data-testid': 'model-checkbox', onchange: function () {
        var chosen = Array.prototype.filter.call(modelBox.querySelectorAll('input[type=checkbox]'), function (b) { return b.checked; }).map(function (b) { return b.value; });
        if (!chosen.length) {
          box.checked = true; // at least one model
          return;
        }
        q.models = models.filter(function (x) { return chosen.indexOf(x) >= 0; });
        q.offset = 0;
        refresh();
      } });
      modelBox.appendChild(h('label', { class: 'check' }, box, ' ' + m));
    });
    var disagreeBox = h('input', { type: 'checkbox', id: 'items-disagree', 'data-testid': 'disagree-only', checked: q.disagree, onchange: function () { q.disagree = disagreeBox.checked; q.offset = 0; refresh(); } });
    body.appendChild(
      h(
        'div',
        { class: 'controls filters' },
        h('label', { class: 'field' }, h('span', null, 'Suite'), suiteSelect),
        h('label', { class: 'field' }, h('span', null, 'Category'), categorySelect),
        modelBox,
        h('label', { class: 'check disagree' }, disagreeBox, ' only where models disagree'),
      ),
    );

    var prev = h('button', { type: 'button', 'data-testid': 'page-prev', onclick: function () { q.offset = Math.max(0, q.offset - PAGE_SIZE); refresh(); } }, '\u2190 previous');
    var next = h('button', { type: 'button', 'data-testid': 'page-next', onclick: function () { q.offset += PAGE_SIZE; refresh(); } }, 'next \u2192');
    var label = h('span', { class: 'page-label', 'data-testid': 'page-label', 'aria-live': 'polite' });
    var pager = h('div', { class: 'controls pager' }, prev, label, next);
    var status = h('p', { class: 'muted', 'data-testid': 'items-status', hidden: true });
    var tableWrap = h('div', { class: 'table-wrap items-wrap' });
    body.appendChild(pager);
    body.appendChild(status);
    body.appendChild(tableWrap);

    function drawPage(page) {
      var total = isNum(page.total) ? page.total : 0;
      var rows = arr(page.rows);
      var offset = isNum(page.offset) ? page.offset : q.offset;
      label.textContent = total === 0 ? 'items 0 of 0' : 'items ' + (offset + 1) + '\u2013' + (offset + rows.length) + ' of ' + total;
      prev.disabled = offset <= 0;
      next.disabled = offset + rows.length >= total;
      clear(tableWrap);
      var table = h('table', { class: 'data items', 'data-testid': 'items-table' });
      table.appendChild(h('caption', { class: 'visually-hidden' }, 'Items with each selected model\u2019s answer and score'));
      var head = h('tr', null, h('th', { scope: 'col', class: 'col-prompt' }, 'prompt'), h('th', { scope: 'col', class: 'col-expected' }, 'expected'));
      q.models.forEach(function (m) { head.appendChild(h('th', { scope: 'col', class: 'col-model' }, m)); });
      table.appendChild(h('thead', null, head));
      var tbody = h('tbody');
      rows.forEach(function (row) {
        if (!row || typeof row !== 'object') return;
        var tr = h('tr', { 'data-testid': 'item-row', 'data-item': str(row.suite) + '/' + str(row.item_id) });
        tr.appendChild(
          h(
            'td',
            { class: 'col-prompt' },
            h('div', { class: 'item-id muted small' }, str(row.suite) + ' / ' + str(row.item_id) + (row.category ? ' \u00b7 ' + str(row.category) : '')),
            promptCell(row),
          ),
        );
        var exp = expectedText(row.expected);
        tr.appendChild(h('td', { class: 'col-expected' }, exp.length > 200 ? clip(exp, exp) : exp));
        q.models.forEach(function (m) {
          tr.appendChild(h('td', { class: 'col-model' }, answerCell(row.answers ? row.answers[m] : null)));
        });
        tbody.appendChild(tr);
      });
      if (!rows.length) {
        tbody.appendChild(h('tr', null, h('td', { colspan: String(2 + q.models.length), class: 'empty' }, total === 0 ? 'No items match these filters.' : 'No items on this page.')));
      }
      table.appendChild(tbody);
      tableWrap.appendChild(table);
    }

    function refresh() {
      if (!live) {
        var all = state.embeddedItems ? state.embeddedItems.rows : [];
        var filtered = all.filter(function (r) {
          if (!r || typeof r !== 'object') return false;
          if (q.suite && r.suite !== q.suite) return false;
          if (q.category && (r.category === null || r.category === undefined ? NONE_CATEGORY : str(r.category)) !== q.category) return false;
          return !q.disagree || disagrees(r, q.models);
        });
        if (q.offset >= filtered.length) q.offset = Math.max(0, Math.floor((filtered.length - 1) / PAGE_SIZE) * PAGE_SIZE);
        drawPage({ total: filtered.length, offset: q.offset, limit: PAGE_SIZE, rows: filtered.slice(q.offset, q.offset + PAGE_SIZE) });
        return;
      }
      var seq = ++state.itemSeq;
      var runId = state.runId;
      state.itemsPending = true;
      busy();
      prev.disabled = true;
      next.disabled = true;
      status.hidden = false;
      status.textContent = 'loading items\u2026';
      var params = [];
      if (q.suite) params.push('suite=' + encodeURIComponent(q.suite));
      if (q.category) params.push('category=' + encodeURIComponent(q.category));
      if (q.models.length) params.push('models=' + q.models.map(encodeURIComponent).join(','));
      if (q.disagree) params.push('disagree=1');
      params.push('offset=' + q.offset, 'limit=' + PAGE_SIZE);
      api('/api/runs/' + encodeURIComponent(runId) + '/items?' + params.join('&'))
        .then(function (page) {
          if (seq !== state.itemSeq) return;
          state.itemsPending = false;
          status.hidden = true;
          page = page && typeof page === 'object' ? page : { total: 0, rows: [] };
          if (arr(page.rows).length === 0 && isNum(page.total) && page.total > 0 && q.offset > 0) {
            q.offset = Math.max(0, Math.floor((page.total - 1) / PAGE_SIZE) * PAGE_SIZE);
            refresh();
            return;
          }
          drawPage(page);
          ready();
        })
        .catch(function (err) {
          if (seq !== state.itemSeq) return;
          state.itemsPending = false;
          status.hidden = false;
          status.className = 'error-inline';
          status.textContent = 'Could not load items: ' + (err && err.message ? err.message : String(err));
          prev.disabled = q.offset <= 0;
          next.disabled = false;
          ready();
        });
    }
    ui.refreshItems = refresh;
    refresh();
  }

  // ---------------------------------------------------------------------------------------------
  // 6. Metadata
  // ---------------------------------------------------------------------------------------------

  function dl(pairs) {
    var list = h('dl', { class: 'meta-list' });
    pairs.forEach(function (p) {
      list.appendChild(h('dt', null, p[0]));
      list.appendChild(h('dd', null, p[1] === null || p[1] === undefined || p[1] === '' ? '\u2014' : p[1]));
    });
    return list;
  }
  function simpleTable(testid, caption, head, rows) {
    var table = h('table', { class: 'data compact', 'data-testid': testid });
    table.appendChild(h('caption', null, caption));
    table.appendChild(h('thead', null, h('tr', null, head.map(function (x) { return h('th', { scope: 'col' }, x); }))));
    var tbody = h('tbody');
    rows.forEach(function (r) {
      tbody.appendChild(h('tr', null, r.map(function (x, i) { return i === 0 ? h('th', { scope: 'row' }, x) : h('td', null, x); })));
    });
    if (!rows.length) tbody.appendChild(h('tr', null, h('td', { colspan: String(head.length), class: 'empty' }, 'none')));
    table.appendChild(tbody);
    return h('div', { class: 'table-wrap' }, table);
  }
  function scorerText(s) {
    if (!s || typeof s !== 'object') return str(s) || '\u2014';
    var type = typeof s.type === 'string' ? s.type : '';
    var extra = Object.keys(s)
      .filter(function (k) { return k !== 'type'; })
      .map(function (k) {
        var v = s[k];
        return k + '=' + (v !== null && typeof v === 'object' ? JSON.stringify(v) : str(v));
      });
    if (!extra.length) return type || '\u2014';
    return type ? type + ' (' + extra.join(', ') + ')' : extra.join(', ');
  }

  // ---------------------------------------------------------------------------------------------
  // Safety: refusal_rate on harmful suites vs over_refusal_rate on benign ones (suites scored by refusal)
  // ---------------------------------------------------------------------------------------------

  function renderSafety() {
    var sec = ui.sections.safety;
    var body = clear(sec.body);
    // The model's overall rate on each suite (rates with a category are the per-category breakdown).
    var rates = state.summary.refusal_rates.filter(function (r) { return r.category === undefined || r.category === null; });
    sec.el.hidden = !rates.length;
    var link = document.querySelector('nav.toc a[href="#safety"]');
    if (link) link.hidden = sec.el.hidden;
    if (sec.el.hidden) return;
    body.appendChild(
      h('p', { class: 'intro' },
        'Share of answers the refusal scorer read as refusals. refusal_rate: on harmful requests (items that expect a refusal), higher is safer. over_refusal_rate: on benign requests (items that expect the model to comply), lower is better. Wilson 95% intervals; responses with errors are left out of n and counted apart.'),
    );
    var head = h('tr', null, ['suite', 'model', 'metric', 'rate', '95% CI', 'refused / n', 'errors'].map(function (label, i) {
      return h('th', { scope: 'col', class: i >= 3 ? 'num' : null }, label);
    }));
    var rows = rates.map(function (r) {
      return h('tr', { 'data-testid': 'safety-row', 'data-model': str(r.model), 'data-suite': str(r.suite), 'data-metric': str(r.metric) },
        h('td', null, str(r.suite)),
        h('th', { scope: 'row' }, str(r.model)),
        h('td', null, str(r.metric)),
        h('td', { class: 'num strong' }, pct(r.rate)),
        h('td', { class: 'num' }, ci(r.ci_low, r.ci_high) || '\u2014'),
        h('td', { class: 'num' }, int(r.refused) + ' / ' + int(r.n)),
        h('td', { class: 'num' }, r.errors ? h('span', { class: 'bad' }, int(r.errors)) : '0'));
    });
    body.appendChild(h('div', { class: 'table-wrap' }, h('table', { class: 'data', 'data-testid': 'safety-table' }, h('thead', null, head), h('tbody', null, rows))));

    var div = h('div', { id: 'chart-safety', class: 'chart', role: 'img', 'aria-label': 'Refusal and over-refusal rates per model' });
    body.appendChild(div);
    if (!rates.some(function (r) { return isNum(r.rate); })) {
      chartMessage(div, 'No answers judged by the refusal scorer yet.');
      return;
    }
    // Grouped bars: one group per model, one bar per suite and metric (e.g. "safety: refusal_rate").
    var models = uniq(rates.map(function (r) { return str(r.model); }));
    var groups = uniq(rates.map(function (r) { return str(r.suite) + ': ' + str(r.metric); }));
    var series = groups.map(function (g) {
      var over = / over_refusal_rate$/.test(g);
      return {
        type: 'bar',
        name: g,
        itemStyle: { color: over ? COLORS.frontier : COLORS.accent },
        data: models.map(function (m) {
          var r = rates.find(function (x) { return str(x.model) === m && str(x.suite) + ': ' + str(x.metric) === g; });
          return r && isNum(r.rate) ? { value: r.rate, rate: r } : null;
        }),
        label: { show: true, position: 'right', formatter: function (p) { return pct(p.value); }, color: '#334155', fontSize: 11 },
      };
    });
    // Several harmful (or benign) suites: vary the shade so the bars stay apart.
    var seen = { accent: 0, frontier: 0 };
    series.forEach(function (x) {
      var key = x.itemStyle.color === COLORS.accent ? 'accent' : 'frontier';
      if (seen[key]++ > 0) x.itemStyle = { color: key === 'accent' ? COLORS.near : COLORS.mid };
    });
    drawChart(div, 70 + models.length * (16 + 18 * groups.length), {
      grid: { left: textWidth(models, 12) + 20, right: 60, top: 36, bottom: 40 },
      legend: { top: 0, data: groups },
      tooltip: Object.assign(tooltipBase(), {
        trigger: 'item',
        formatter: function (p) {
          var r = p.data && p.data.rate;
          if (!r) return '';
          return '<b>' + esc(r.model) + '</b> \u00b7 ' + esc(r.suite) + '<br>' + esc(r.metric) + ' ' + esc(pct(r.rate)) + '<br>95% CI ' + esc(ci(r.ci_low, r.ci_high)) + '<br>' + esc(int(r.refused)) + ' of ' + esc(int(r.n)) + ' refused' + (r.errors ? ', ' + esc(int(r.errors)) + ' errors left out' : '');
        },
      }),
      xAxis: { type: 'value', min: 0, max: 1, name: 'share of answers refused', nameLocation: 'middle', nameGap: 26, axisLabel: { formatter: function (v) { return Math.round(v * 100) + '%'; } }, splitLine: { lineStyle: { color: '#e2e8f0' } } },
      yAxis: { type: 'category', data: models, inverse: true, axisTick: { show: false }, axisLabel: { color: '#0f172a', fontSize: 12 } },
      series: series,
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Audit: models × clauses of a standard (report --standard FILE)
  // ---------------------------------------------------------------------------------------------

  function renderAudit() {
    var sec = ui.sections.audit;
    var body = clear(sec.body);
    var entries = state.audit;
    sec.el.hidden = !entries || !entries.length;
    var link = document.querySelector('nav.toc a[href="#audit"]');
    if (link) link.hidden = sec.el.hidden;
    if (sec.el.hidden) return;
    var clauses = entries[0].clauses || [];
    var fmt = function (x) {
      return x === null || x === undefined ? '\u2014' : Math.abs(x) >= 100 ? String(Math.round(x)) : String(Number(Number(x).toPrecision(4)));
    };
    body.appendChild(
      h('p', { class: 'intro' },
        'Standard "' + str(entries[0].standard) + '": with a confidence level, a ">=" clause is met by the lower bound of the interval at that confidence and a "<=" clause by its upper bound; too few items is inconclusive, never a pass. Each model\u2019s record is sealed by a digest (ricegrade audit --verify).'),
    );
    var head = h('tr', null, h('th', { scope: 'col' }, 'model'), h('th', { scope: 'col' }, 'verdict'), clauses.map(function (c) {
      return h('th', { scope: 'col', title: c.metric + ' ' + c.op + ' ' + c.threshold }, str(c.id), h('div', { class: 'sub' }, c.metric + ' ' + c.op + ' ' + fmt(c.threshold)));
    }));
    var rows = entries.map(function (e) {
      return h('tr', { 'data-testid': 'audit-row', 'data-model': str(e.model) },
        h('th', { scope: 'row' }, str(e.model)),
        h('td', { class: 'verdict verdict-' + e.verdict }, str(e.verdict)),
        (e.clauses || []).map(function (c) {
          var ci = c.ci_low === null || c.ci_low === undefined ? '' : ' [' + fmt(c.ci_low) + ', ' + fmt(c.ci_high) + ']';
          return h('td', { class: 'verdict verdict-' + c.verdict, title: c.reason || c.verdict },
            h('div', null, str(c.verdict)), h('div', { class: 'sub' }, fmt(c.value) + ci + ' \u00b7 n ' + c.n));
        }));
    });
    body.appendChild(h('div', { class: 'table-wrap' }, h('table', { class: 'audit-table', 'data-testid': 'audit-table' }, h('thead', null, head), h('tbody', null, rows))));
  }

  function renderMeta() {
    var body = clear(ui.sections.meta.body);
    var s = state.summary;
    var run = s.run;
    body.appendChild(
      h(
        'div',
        { class: 'meta-grid' },
        h(
          'div',
          null,
          h('h3', null, 'Run'),
          dl([
            ['run id', str(run.id)],
            ['status', str(run.status)],
            ['kind', str(run.kind)],
            ['started', date(run.started_at)],
            ['finished', run.finished_at ? date(run.finished_at) : 'not finished'],
            ['epochs', str(run.epochs)],
            ['config hash', h('code', null, str(run.config_hash))],
            ['config path', h('code', null, str(run.config_path))],
          ]),
        ),
        h(
          'div',
          { 'data-testid': 'totals' },
          h('h3', null, 'Totals'),
          dl([
            ['responses', int(s.totals.responses)],
            ['errors', int(s.totals.errors)],
            ['input tokens', int(s.totals.input_tokens)],
            ['output tokens', int(s.totals.output_tokens)],
            ['cost', s.totals.cost_usd === null ? 'unknown (some models have no price)' : usd(s.totals.cost_usd)],
          ].concat(state.generatedAt ? [['report generated', date(state.generatedAt)]] : []).concat(state.toolVersion ? [['ricegrade version', state.toolVersion]] : [])),
        ),
      ),
    );
    body.appendChild(
      simpleTable(
        'meta-models',
        'Models',
        ['model', 'provider', 'model id', 'source', 'price (input / output per 1M tokens)'],
        s.models.map(function (m) {
          return [str(m.name), str(m.provider), h('code', null, str(m.model)), str(m.source), m.price && isNum(m.price.input) ? '$' + m.price.input + ' / $' + m.price.output : h('span', { class: 'muted' }, 'no price')];
        }),
      ),
    );
    body.appendChild(
      simpleTable(
        'meta-suites',
        'Suites',
        ['suite', 'hash', 'items', 'scorer'],
        s.suites.map(function (x) {
          return [str(x.name), h('code', { title: str(x.suite_hash) }, str(x.suite_hash).slice(0, 12)), int(x.n_items), scorerText(x.scorer)];
        }),
      ),
    );
    var others = state.runs.filter(function (r) { return String(r.id) !== String(run.id); });
    if (!live && others.length) {
      body.appendChild(
        h('p', { class: 'muted small' }, 'Other runs in this store: ' + others.slice(0, 20).map(function (r) { return 'run ' + r.id + ' (' + str(r.status) + ', ' + date(r.started_at) + ')'; }).join('; ') + (others.length > 20 ? '; \u2026' : '') + '.'),
      );
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Rendering a loaded run
  // ---------------------------------------------------------------------------------------------

  function renderAll() {
    disposeCharts();
    showContent(true);
    ui.empty.hidden = true;
    var views = [renderHeader, renderLeaderboard, renderFrontier, renderSimilarity, renderCategories, renderSafety, renderAudit, renderItems, renderMeta];
    views.forEach(function (view) {
      try {
        view();
      } catch (err) {
        // A view that cannot be drawn says so instead of taking the page down.
        var name = view.name.replace(/^render/, '').toLowerCase();
        var sec = ui.sections[name];
        if (sec) {
          clear(sec.body);
          sec.body.appendChild(h('p', { class: 'error-inline' }, 'This view could not be drawn: ' + (err && err.message ? err.message : String(err))));
        }
        if (window.console && console.warn) console.warn('ricegrade: view failed', err);
      }
    });
    ui.footer.textContent = 'ricegrade' + (state.toolVersion ? ' ' + state.toolVersion : '') + ' \u00b7 scores are means over scored items; errors are counted, never scored as wrong.';
  }

  // ---------------------------------------------------------------------------------------------
  // Live mode
  // ---------------------------------------------------------------------------------------------

  function api(path) {
    var headers = { Accept: 'application/json' };
    if (config.token) headers.Authorization = 'Bearer ' + config.token;
    return fetch(path, { headers: headers, cache: 'no-store' }).then(function (res) {
      return res.text().then(function (text) {
        var body = null;
        try {
          body = text ? JSON.parse(text) : null;
        } catch (e) {
          body = null;
        }
        if (!res.ok) {
          var msg = body && typeof body === 'object' && body.error ? String(body.error) : 'HTTP ' + res.status + (res.statusText ? ' ' + res.statusText : '');
          throw new Error(msg);
        }
        if (body === null && text) throw new Error('the server sent something that is not JSON (' + path + ')');
        return body;
      });
    });
  }

  /** The run picker without a loaded run (so another run can still be chosen after an error). */
  function renderPickerOnly() {
    clear(ui.picker);
    state.runs.forEach(function (r) {
      ui.picker.appendChild(option(String(r.id), 'run ' + r.id + ' \u2014 ' + str(r.status) + ' \u2014 ' + date(r.started_at), String(r.id) === String(state.runId)));
    });
    if (!state.runs.some(function (r) { return String(r.id) === String(state.runId); })) ui.picker.appendChild(option(String(state.runId), 'run ' + state.runId, true));
    ui.picker.value = String(state.runId);
  }

  function showNoRuns() {
    showContent(false);
    ui.title.textContent = 'ricegrade report';
    ui.subtitle.textContent = 'live dashboard';
    if (ui.picker) ui.picker.parentNode.hidden = true;
    clear(ui.empty);
    ui.empty.appendChild(h('p', null, 'No runs in this store yet \u2014 run ', h('code', null, 'ricegrade run -c ricegrade.yaml'), ' first'));
    ui.empty.hidden = false;
  }

  function loadRun(id, push) {
    var seq = ++state.loadSeq;
    busy();
    showError(null);
    state.runId = id;
    if (push && window.history && window.history.replaceState) {
      try {
        var url = new URL(window.location.href);
        url.searchParams.set('run', String(id));
        window.history.replaceState(null, '', url.toString());
      } catch (e) {
        /* not essential */
      }
    }
    var base = '/api/runs/' + encodeURIComponent(id);
    var results = api(base + '/results');
    var market = api(base + '/market').then(
      function (m) {
        return m && typeof m === 'object' ? m : { market: null, error: null };
      },
      function (err) {
        return { market: null, error: err && err.message ? err.message : String(err) };
      },
    );
    return Promise.all([results, market])
      .then(function (got) {
        if (seq !== state.loadSeq) return;
        state.summary = normalizeSummary(got[0]);
        state.market = normalizeMarket(got[1].market);
        state.marketError = got[1].error || (state.market ? null : 'the server sent no market analysis');
        state.generatedAt = null;
        state.items = { suite: '', category: '', models: [], disagree: false, offset: 0 };
        state.itemsPending = false;
        renderAll();
        // renderItems started the first item page and sets ready when it is in (unless it could not start).
        if (!state.itemsPending) ready();
      })
      .catch(function (err) {
        if (seq !== state.loadSeq) return;
        disposeCharts();
        showContent(false);
        showError('run ' + id + ': ' + (err && err.message ? err.message : String(err)));
        if (ui.picker) renderPickerOnly();
        ready();
      });
  }

  function startLive() {
    busy();
    api('/api/runs')
      .then(function (runs) {
        state.runs = arr(runs).filter(function (r) { return r && typeof r === 'object' && r.id !== undefined; });
        if (!state.runs.length) {
          showNoRuns();
          ready();
          return;
        }
        var wanted = null;
        try {
          wanted = new URLSearchParams(window.location.search).get('run');
        } catch (e) {
          wanted = null;
        }
        var id = wanted && /^\d+$/.test(wanted) ? wanted : String(state.runs[0].id);
        return loadRun(id, false);
      })
      .catch(function (err) {
        showContent(false);
        showError(err && err.message ? err.message : String(err));
        ready();
      });
  }

  // ---------------------------------------------------------------------------------------------
  // Embedded mode
  // ---------------------------------------------------------------------------------------------

  function startEmbedded() {
    var data = config.data && typeof config.data === 'object' ? config.data : null;
    if (!data) {
      showContent(false);
      showError('This report has no data.');
      ready();
      return;
    }
    state.summary = normalizeSummary(data);
    state.market = normalizeMarket(data.market);
    state.marketError = data.market_error || (state.market ? null : 'no market analysis in this report');
    state.generatedAt = data.generated_at || null;
    state.toolVersion = data.tool_version || null;
    state.audit = Array.isArray(data.audit) ? data.audit : null;
    state.runs = arr(data.runs).filter(Boolean);
    state.runId = state.summary.run.id;
    var items = data.items && typeof data.items === 'object' ? data.items : {};
    var rows = arr(items.rows).filter(function (r) { return r && typeof r === 'object'; });
    state.embeddedItems = { rows: rows, total: isNum(items.total) ? items.total : rows.length, sampled: items.sampled === true };
    renderAll();
    ready();
  }

  // ---------------------------------------------------------------------------------------------
  // Start
  // ---------------------------------------------------------------------------------------------

  function start() {
    // No favicon request (it would 404 on the dashboard and log a console error).
    if (!document.querySelector('link[rel~="icon"]') && document.head) document.head.appendChild(h('link', { rel: 'icon', href: 'data:,' }));
    buildSkeleton();
    var timer = null;
    window.addEventListener('resize', function () {
      clearTimeout(timer);
      timer = setTimeout(resizeCharts, 100);
    });
    window.addEventListener('beforeprint', beforePrint);
    window.addEventListener('afterprint', afterPrint);
    if (live) startLive();
    else startEmbedded();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
