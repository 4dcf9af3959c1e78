(function () {
  'use strict';
  // Everything here is linear in the number of rows: one pass to read the
  // page, one pass per change of scope, search or filter. No layout is read
  // inside a loop that writes it.
  var DAY = 86400000, LABEL_DAYS = 62;
  var axis = document.getElementById('axis');
  // Rows a day shows before "Show N more" (0: every row).
  var COLLAPSED = Number(axis.getAttribute('data-collapsed')) || 0;
  var $ = function (id) { return document.getElementById(id); };
  var each = function (list, fn) { Array.prototype.forEach.call(list, fn); };

  // The rows, read once.
  var groups = [], cards = [], byId = {};
  each(axis.querySelectorAll('li.group'), function (g) {
    var G = {
      el: g, cards: [], top: g.hasAttribute('data-top'), expanded: false,
      start: Date.parse(g.getAttribute('data-start') + 'Z'), end: Date.parse(g.getAttribute('data-end') + 'Z'),
      label: g.querySelector('.when').textContent, more: g.querySelector('.more'), point: g.classList.contains('point')
    };
    each(g.querySelectorAll('article.event'), function (a) {
      var c = {
        el: a, li: a.parentNode, group: G, id: a.id.slice(3), rank: Number(a.getAttribute('data-rank')),
        top: a.hasAttribute('data-top'), sources: a.getAttribute('data-sources').split('\n'),
        conflicts: a.getAttribute('data-conflicts').split(' ').filter(Boolean),
        assumptions: a.getAttribute('data-assumptions').split(' ').filter(Boolean),
        text: null, shown: !a.parentNode.hidden
      };
      G.cards.push(c); cards.push(c); byId[c.id] = c;
    });
    groups.push(G);
  });
  var tableRows = {};
  each(document.querySelectorAll('#table tbody tr'), function (tr) { tableRows[tr.getAttribute('data-row')] = tr; });

  var conflictsBox = document.querySelector('#findings details.conflicts');
  var conflictsChosen = false;
  conflictsBox.querySelector('summary').addEventListener('click', function () { conflictsChosen = true; });
  var state = { scope: axis.getAttribute('data-scope'), q: [], source: '', check: '' };

  function searchText(c) {
    if (c.text === null) c.text = (c.group.label + ' ' + c.el.textContent).toLowerCase();
    return c.text;
  }
  function matches(c) {
    if (state.source && c.sources.indexOf(state.source) < 0) return false;
    if (state.check === 'conflict' && !c.conflicts.length) return false;
    if (state.check === 'assumption' && !c.assumptions.length) return false;
    if (state.check === 'clean' && (c.conflicts.length || c.assumptions.length)) return false;
    for (var i = 0; i < state.q.length; i++) if (searchText(c).indexOf(state.q[i]) < 0) return false;
    return true;
  }
  function setHidden(el, hidden) { if (el.hidden !== hidden) el.hidden = hidden; }
  function plural(n, one, many) { return n + ' ' + (n === 1 ? one : many); }
  function gapText(days) {
    var y = Math.floor(days / 365.25), mo = Math.round((days - y * 365.25) / 30.44);
    if (mo === 12) { y += 1; mo = 0; }
    var parts = [];
    if (y) parts.push(plural(y, 'year', 'years'));
    if (mo) parts.push(plural(mo, 'month', 'months'));
    if (!parts.length) parts.push(plural(Math.round(days), 'day', 'days'));
    return '… ' + parts.join(' ') + ' …';
  }

  // Which rows to show: the scope, then search and filters, then each day's
  // collapsing. Writes the page only where something changed.
  function apply() {
    var shown = 0, days = 0, conflicts = {}, assumptions = {}, nc = 0, na = 0;
    var gaps = axis.querySelectorAll('li.gap');
    for (var i = gaps.length - 1; i >= 0; i--) gaps[i].remove();
    var lastEnd = null;
    groups.forEach(function (G) {
      var candidates = (state.scope === 'top' && !G.top) ? [] : G.cards.filter(matches);
      var keep = {};
      if (G.expanded) {
        candidates.forEach(function (c) { keep[c.id] = 1; });
      } else {
        var limit = state.scope === 'top' ? 1
          : (!COLLAPSED || candidates.length <= COLLAPSED + 1 ? candidates.length : COLLAPSED);
        var best = candidates.slice().sort(function (a, b) {
          if (state.scope === 'top' && a.top !== b.top) return a.top ? -1 : 1;
          return a.rank - b.rank;
        });
        best.slice(0, limit).forEach(function (c) { keep[c.id] = 1; });
      }
      var n = 0;
      G.cards.forEach(function (c) {
        c.shown = !!keep[c.id];
        setHidden(c.li, !c.shown);
        var tr = tableRows[c.id];
        if (tr) setHidden(tr, !c.shown);
        if (!c.shown) return;
        n++;
        c.conflicts.forEach(function (k) { if (!conflicts[k]) { conflicts[k] = 1; nc++; } });
        c.assumptions.forEach(function (k) { if (!assumptions[k]) { assumptions[k] = 1; na++; } });
      });
      setHidden(G.el, n === 0);
      var rest = candidates.length - n;
      if (n > 0 && (rest > 0 || G.expanded) && candidates.length > 1) {
        G.more.textContent = G.expanded ? 'Show fewer' : 'Show ' + rest + ' more ' + (G.point ? 'on this day' : 'of this time');
        G.more.setAttribute('aria-expanded', G.expanded ? 'true' : 'false');
        setHidden(G.more, false);
      } else {
        setHidden(G.more, true);
      }
      if (!n) return;
      shown += n; days++;
      // The space before a day grows with the time since the last one; long
      // empty stretches are labelled. A gap is a list item of its own, in
      // normal flow: it cannot overlap a card.
      if (lastEnd !== null && G.start > lastEnd) {
        var d = (G.start - lastEnd) / DAY;
        var gap = document.createElement('li');
        gap.className = 'gap';
        gap.style.height = Math.round(Math.min(64, 4 + 7 * Math.log(1 + d) / Math.LN2)) + 'px';
        if (d > LABEL_DAYS) {
          var label = document.createElement('span');
          label.textContent = gapText(d);
          gap.appendChild(label);
          gap.style.height = '';
          gap.style.minHeight = '28px';
        } else {
          gap.setAttribute('aria-hidden', 'true');
        }
        axis.insertBefore(gap, G.el);
      }
      lastEnd = lastEnd === null ? G.end : Math.max(lastEnd, G.end);
    });
    // Undated rows (table only) follow the filters but no scope.
    each(document.querySelectorAll('#table tbody tr'), function (tr) {
      if (!byId[tr.getAttribute('data-row')]) setHidden(tr, state.scope === 'top');
    });

    // The header counts what is shown.
    $('n-shown').textContent = String(shown);
    $('n-days').textContent = plural(days, 'date', 'dates');
    var ncEl = $('n-conflicts');
    ncEl.textContent = plural(nc, 'conflict', 'conflicts');
    ncEl.className = nc ? 'bad' : 'ok';
    $('n-assumptions').textContent = plural(na, 'assumption', 'assumptions');
    $('conflicts-title').textContent = plural(nc, 'conflict', 'conflicts');
    $('assumptions-title').textContent = plural(na, 'assumption', 'assumptions');
    each(document.querySelectorAll('#findings li[id^="conflict-"]'), function (li) {
      setHidden(li, !conflicts[li.id.slice(9)]);
    });
    each(document.querySelectorAll('#findings li[id^="assumption-"]'), function (li) {
      setHidden(li, !assumptions[li.id.slice(11)]);
    });
    setHidden($('empty'), shown > 0);
    // A few conflicts are listed open; many, folded (unless the reader chose).
    if (!conflictsChosen) conflictsBox.open = nc > 0 && nc <= 3;
  }

  // Controls.
  function setScope(scope) {
    state.scope = scope;
    each(document.querySelectorAll('input[name=scope]'), function (r) { r.checked = r.value === scope; });
  }
  each(document.querySelectorAll('input[name=scope]'), function (r) {
    r.addEventListener('change', function () {
      if (!r.checked) return;
      state.scope = r.value;
      groups.forEach(function (G) { G.expanded = false; });
      apply();
    });
  });
  // Searching and filtering look through every row.
  function widen() { if (state.scope === 'top') setScope('all'); }
  var timer = null;
  $('q').addEventListener('input', function (e) {
    clearTimeout(timer);
    timer = setTimeout(function () {
      state.q = e.target.value.toLowerCase().split(/\s+/).filter(Boolean);
      if (state.q.length) widen();
      apply();
    }, 120);
  });
  $('source').addEventListener('change', function (e) {
    state.source = e.target.value;
    if (state.source) widen();
    apply();
  });
  $('check').addEventListener('change', function (e) {
    state.check = e.target.value;
    if (state.check) widen();
    apply();
  });
  axis.addEventListener('click', function (e) {
    var more = e.target.closest('button.more');
    if (more) {
      var G = groups.filter(function (g) { return g.more === more; })[0];
      G.expanded = !G.expanded;
      apply();
      more.focus();
      return;
    }
    var open = e.target.closest('button.open');
    if (open) toggleCites(open);
  });
  function toggleCites(button, force) {
    var box = $(button.getAttribute('aria-controls'));
    var show = force === undefined ? box.hidden : force;
    box.hidden = !show;
    button.setAttribute('aria-expanded', show ? 'true' : 'false');
  }

  // A link to a row shows it, whatever the scope and filters.
  function reveal(id) {
    var c = byId[id];
    if (!c) return false;
    if (!c.shown) {
      setScope('all');
      state.q = []; state.source = ''; state.check = '';
      $('q').value = ''; $('source').value = ''; $('check').value = '';
      c.group.expanded = true;
      apply();
    }
    show('axis');
    var prev = axis.querySelector('.event.target');
    if (prev) prev.classList.remove('target');
    c.el.classList.add('target');
    toggleCites(c.el.querySelector('button.open'), true);
    c.el.scrollIntoView({ block: 'center' });
    c.el.querySelector('button.open').focus({ preventScroll: true });
    return true;
  }
  document.addEventListener('click', function (e) {
    var a = e.target.closest('a.row-link');
    if (a && reveal(a.getAttribute('href').slice(4))) e.preventDefault();
  });

  // Views.
  function show(which) {
    setHidden($('axis-view'), which !== 'axis');
    setHidden($('table-view'), which !== 'table');
    $('show-axis').setAttribute('aria-pressed', which === 'axis' ? 'true' : 'false');
    $('show-table').setAttribute('aria-pressed', which === 'table' ? 'true' : 'false');
  }
  $('show-axis').addEventListener('click', function () { show('axis'); });
  $('show-table').addEventListener('click', function () { show('table'); });
  $('print').addEventListener('click', function () { window.print(); });

  // Table sorting.
  var ths = document.querySelectorAll('#table th');
  each(ths, function (th, col) {
    th.querySelector('button').addEventListener('click', function () {
      var asc = th.getAttribute('aria-sort') !== 'ascending';
      each(ths, function (o) { o.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
      var num = th.getAttribute('data-kind') === 'num';
      var tbody = document.querySelector('#table tbody');
      var rows = Array.prototype.slice.call(tbody.rows).map(function (r, i) {
        var cell = r.cells[col];
        var v = cell.getAttribute('data-sort') || cell.textContent;
        return { r: r, v: num ? Number(v) : v.toLowerCase(), i: i };
      });
      rows.sort(function (a, b) {
        var x = a.v < b.v ? -1 : a.v > b.v ? 1 : 0;
        return (asc ? x : -x) || a.i - b.i;
      });
      var frag = document.createDocumentFragment();
      rows.forEach(function (o) { frag.appendChild(o.r); });
      tbody.appendChild(frag);
    });
  });

  // On paper: the rows shown, each with its citations, and every finding about them.
  var opened = [];
  window.addEventListener('beforeprint', function () {
    opened = [];
    each(document.querySelectorAll('#findings details'), function (d) { if (!d.open) { d.open = true; opened.push(d); } });
  });
  window.addEventListener('afterprint', function () {
    opened.forEach(function (d) { d.open = false; });
  });

  apply();
  document.documentElement.setAttribute('data-ready', 'true');
})();
