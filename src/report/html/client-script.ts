/**
 * The report's only script: filters, search and print preparation. Plain ES5-style JavaScript in a
 * string (not compiled TypeScript) so it runs as written from a file opened on disk, with no
 * server and no modules. It touches only attributes the renderer wrote (data-units, data-kind,
 * data-verdicts, data-verdict) and reads text through textContent, never innerHTML. The department
 * filter and the search also narrow the site cards of the veto warning (article.site). Links within
 * the page (a period's citation of a page as read, of evidence shown under an earlier period) unfold
 * and unhide what they point at.
 *
 * Large reports: row texts are read once, lazily, on the first search that needs them; filters
 * toggle the `hidden` attribute only where it changes, and search input is debounced.
 */
export const CLIENT_SCRIPT = `(function () {
  'use strict';
  var form = document.getElementById('filters');
  if (!form) return;
  var unitSel = document.getElementById('f-unit');
  var verdictSel = document.getElementById('f-verdict');
  var kindSel = document.getElementById('f-kind');
  var groupSel = document.getElementById('f-group');
  var search = document.getElementById('f-q');
  var status = document.getElementById('f-status');
  var printed = document.getElementById('f-printed');
  var slice = Array.prototype.slice;
  function norm(s) { return s.toLowerCase().replace(/\\s+/g, ' '); }
  var items = slice.call(document.querySelectorAll('section.obl')).map(function (el) {
    var details = el.querySelector('details.periods');
    var units = [];
    try { units = JSON.parse(el.getAttribute('data-units') || '[]'); } catch (e) { units = []; }
    return {
      el: el, units: units, kind: el.getAttribute('data-kind') || '',
      verdicts: (el.getAttribute('data-verdicts') || '').split(' '), group: el.getAttribute('data-group') || '',
      header: el.querySelector('header'), head: null, details: details,
      rows: details ? slice.call(details.querySelectorAll('tr[data-verdict]')) : [], rowText: null, auto: false
    };
  });
  // Site cards of the veto warning follow the department filter and the search; verdict and
  // schedule filters concern obligation-periods and leave them alone.
  var sites = slice.call(document.querySelectorAll('article.site')).map(function (el) {
    var units = [];
    try { units = JSON.parse(el.getAttribute('data-units') || '[]'); } catch (e) { units = []; }
    return { el: el, units: units, text: null };
  });
  // Rows of the first screen, department and flags tables: each names its units (and kind of duty).
  var rowsOut = slice.call(document.querySelectorAll('main tr[data-units]')).filter(function (r) {
    return !r.closest('section.obl');
  }).map(function (el) {
    var units = [];
    try { units = JSON.parse(el.getAttribute('data-units') || '[]'); } catch (e) { units = []; }
    return { el: el, units: units, group: el.getAttribute('data-group'), text: null };
  });
  var groupCards = slice.call(document.querySelectorAll('button.group-pick'));
  function selectedText(sel) { return sel.options[sel.selectedIndex] ? sel.options[sel.selectedIndex].text : ''; }
  function apply() {
    var unit = unitSel.value, verdict = verdictSel.value, kind = kindSel.value, term = norm(search.value.trim());
    var group = groupSel ? groupSel.value : '';
    var rowFilter = verdict !== '' || term !== '';
    var shown = 0;
    items.forEach(function (it) {
      var ok = (unit === '' || it.units.indexOf(unit) >= 0) && (kind === '' || it.kind === kind) &&
        (group === '' || it.group === group) &&
        (verdict === '' || it.verdicts.indexOf(verdict) >= 0);
      if (ok) {
        var headMatch = true;
        if (term) {
          if (it.head === null) it.head = norm(it.header ? it.header.textContent : '');
          headMatch = it.head.indexOf(term) >= 0;
          if (!headMatch && it.rowText === null) it.rowText = it.rows.map(function (r) { return norm(r.textContent); });
        }
        var anyRow = false;
        it.rows.forEach(function (r, i) {
          var rowVerdict = verdict === '' || r.getAttribute('data-verdict') === verdict ||
            (verdict === 'withdrawn' && r.hasAttribute('data-withdrawn'));
          var show = rowVerdict && (headMatch || it.rowText[i].indexOf(term) >= 0);
          if (r.hidden === show) r.hidden = !show;
          if (show) anyRow = true;
        });
        if (term && !headMatch && !anyRow) ok = false;
      }
      if (it.el.hidden === ok) it.el.hidden = !ok;
      if (ok) shown += 1;
      if (it.details) {
        if (ok && rowFilter && !it.details.open) { it.details.open = true; it.auto = true; }
        else if (!rowFilter && it.auto) { it.details.open = false; it.auto = false; }
      }
    });
    sites.forEach(function (site) {
      var ok = unit === '' || site.units.indexOf(unit) >= 0;
      if (ok && term) {
        if (site.text === null) site.text = norm(site.el.textContent);
        ok = site.text.indexOf(term) >= 0;
      }
      if (site.el.hidden === ok) site.el.hidden = !ok;
    });
    rowsOut.forEach(function (row) {
      var ok = (unit === '' || row.units.indexOf(unit) >= 0) && (group === '' || row.group === null || row.group === group);
      if (ok && term) {
        if (row.text === null) row.text = norm(row.el.textContent);
        ok = row.text.indexOf(term) >= 0;
      }
      if (row.el.hidden === ok) row.el.hidden = !ok;
    });
    groupCards.forEach(function (b) { b.setAttribute('aria-pressed', String(b.getAttribute('data-group') === group)); });
    // One department chosen: paper carries its view only (see the print styles).
    // A department's own page (data-department) always prints as that department's view.
    document.body.classList.toggle('dept-view', unit !== '' || document.body.hasAttribute('data-department'));
    status.textContent = status.getAttribute('data-template').replace('{shown}', String(shown)).replace('{total}', String(items.length));
    var active = [];
    if (group) active.push(selectedText(groupSel));
    if (unit) active.push(selectedText(unitSel));
    if (verdict) active.push(selectedText(verdictSel));
    if (kind) active.push(selectedText(kindSel));
    if (term) active.push('"' + search.value.trim() + '"');
    printed.textContent = active.length ? printed.getAttribute('data-prefix') + active.join('; ') : '';
    printed.hidden = active.length === 0;
  }
  var timer = 0;
  form.addEventListener('change', apply);
  form.addEventListener('submit', function (e) { e.preventDefault(); apply(); });
  form.addEventListener('reset', function () { setTimeout(apply, 0); });
  search.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(apply, 120); });
  document.addEventListener('click', function (e) {
    var a = e.target && e.target.closest ? e.target.closest('a[data-unit]') : null;
    if (!a) return;
    unitSel.value = a.getAttribute('data-unit');
    apply();
  });
  // A kind-of-duty card is a filter: pressing the pressed one clears it.
  groupCards.forEach(function (b) {
    b.addEventListener('click', function () {
      var g = b.getAttribute('data-group');
      groupSel.value = groupSel.value === g ? '' : g;
      apply();
    });
  });
  // Sortable tables: a heading sorts by its column (numbers by data-v), again to reverse.
  slice.call(document.querySelectorAll('table.sortable')).forEach(function (tbl) {
    var heads = slice.call(tbl.querySelectorAll('thead th'));
    heads.forEach(function (th, col) {
      var b = document.createElement('button');
      b.type = 'button';
      b.className = 'sort';
      while (th.firstChild) b.appendChild(th.firstChild);
      th.appendChild(b);
      th.setAttribute('aria-sort', 'none');
      b.addEventListener('click', function () {
        var asc = th.getAttribute('aria-sort') !== 'ascending';
        heads.forEach(function (h) { h.setAttribute('aria-sort', 'none'); });
        th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
        var body = tbl.tBodies[0];
        var rows = slice.call(body.rows).map(function (r, i) {
          var cell = r.cells[col];
          var v = cell ? cell.getAttribute('data-v') : null;
          return { r: r, i: i, n: v === null ? null : Number(v), t: cell ? cell.textContent : '' };
        });
        rows.sort(function (a, b2) {
          var d = a.n !== null && b2.n !== null ? a.n - b2.n : a.t.localeCompare(b2.t, document.documentElement.lang);
          return (asc ? d : -d) || a.i - b2.i;
        });
        rows.forEach(function (x) { body.appendChild(x.r); });
      });
    });
  });
  // The filter bar folds away (folded to start with on a narrow screen).
  var toggle = document.getElementById('f-toggle');
  var fbody = document.getElementById('f-body');
  function fold(open) { toggle.setAttribute('aria-expanded', String(open)); fbody.hidden = !open; }
  if (toggle && fbody) {
    toggle.addEventListener('click', function () { fold(toggle.getAttribute('aria-expanded') !== 'true'); });
    if (window.matchMedia && window.matchMedia('(max-width: 700px)').matches) fold(false);
  }
  // A link to something the filters hide (an obligation from the flags table, a period row whose
  // evidence another row cites) clears the filters first; one inside folded tables (a page as read
  // in a site card, evidence in a period table) unfolds them, so the link always lands in view.
  function show(target) {
    if (target.closest('section.obl[hidden], article.site[hidden], tr[hidden]')) { form.reset(); apply(); }
    for (var d = target.closest('details'); d; d = d.parentElement && d.parentElement.closest('details')) d.open = true;
  }
  function targetOf(hash) {
    var id = hash.slice(1);
    try { id = decodeURIComponent(id); } catch (e) { /* keep the raw fragment */ }
    return id ? document.getElementById(id) : null;
  }
  // #unit=<name>: one department's view (its outstanding items, row, site cards, obligations,
  // flags), a link a supervisor can bookmark or send; the department table's names link to it.
  function unitView() {
    if (location.hash.indexOf('#unit=') !== 0) return false;
    var unit = location.hash.slice(6);
    try { unit = decodeURIComponent(unit); } catch (e) { return false; }
    var known = slice.call(unitSel.options).some(function (o) { return o.value === unit; });
    if (!known) return false;
    if (unitSel.value !== unit) { unitSel.value = unit; apply(); }
    var now = document.getElementById('now');
    if (now) now.scrollIntoView();
    return true;
  }
  function reveal() {
    if (unitView()) return;
    var target = targetOf(location.hash);
    if (!target) return;
    var hidden = target.closest('section.obl[hidden], article.site[hidden], tr[hidden], details:not([open])');
    show(target);
    if (hidden) target.scrollIntoView();
  }
  // Clicking a link to the fragment already in the address bar fires no hashchange: unfold first.
  document.addEventListener('click', function (e) {
    var a = e.target && e.target.closest ? e.target.closest('a[href^="#"]') : null;
    var target = a ? targetOf(a.getAttribute('href')) : null;
    if (target) show(target);
  });
  window.addEventListener('hashchange', reveal);
  // Paper shows every period: open all collapsed tables before printing, restore them afterwards.
  var closedForPrint = [];
  window.addEventListener('beforeprint', function () {
    closedForPrint = slice.call(document.querySelectorAll('details:not([open])'));
    closedForPrint.forEach(function (d) { d.open = true; });
  });
  window.addEventListener('afterprint', function () {
    closedForPrint.forEach(function (d) { d.open = false; });
    closedForPrint = [];
  });
  form.hidden = false;
  apply();
  reveal();
})();`;
