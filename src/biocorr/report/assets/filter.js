// Filter bars above the report's long tables: tabs (one value of a row attribute), selects
// ('*' = every value) and an "adjusted p < .05 only" box. Rows carry data-* attributes; nothing
// here builds HTML, so no label or cell text is ever interpreted.
document.querySelectorAll('.filters').forEach(function (bar) {
  var table = document.getElementById(bar.getAttribute('data-table'));
  if (!table) { return; }
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var count = bar.querySelector('.count');
  function wanted() {
    var want = {};
    bar.querySelectorAll('button.tab[aria-selected="true"]').forEach(function (b) { want[b.name] = b.value; });
    bar.querySelectorAll('select').forEach(function (s) { if (s.value !== '*') { want[s.name] = s.value; } });
    return want;
  }
  function matches(row, want) {
    for (var k in want) { if (row.getAttribute('data-' + k) !== want[k]) { return false; } }
    return true;
  }
  function apply() {
    var want = wanted(), sig = bar.querySelector('input[name="significant"]'), shown = 0;
    rows.forEach(function (r) {
      var ok = matches(r, want) && !(sig && sig.checked && !r.classList.contains('sig'));
      r.hidden = !ok;
      if (ok) { shown++; }
    });
    count.textContent = shown + ' of ' + rows.length + ' rows shown';
  }
  bar.querySelectorAll('button.tab').forEach(function (b) {
    b.addEventListener('click', function () {
      bar.querySelectorAll('button.tab').forEach(function (o) {
        if (o.name === b.name) { o.setAttribute('aria-selected', o === b ? 'true' : 'false'); }
      });
      // a selection that no row of the new tab has falls back to every value
      bar.querySelectorAll('select').forEach(function (s) {
        if (s.value === '*') { return; }
        var want = {}; want[b.name] = b.value; want[s.name] = s.value;
        if (!rows.some(function (r) { return matches(r, want); })) { s.value = '*'; }
      });
      apply();
    });
  });
  bar.querySelectorAll('select, input').forEach(function (s) { s.addEventListener('change', apply); });
  apply();
});
