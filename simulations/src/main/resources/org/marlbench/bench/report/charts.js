// Self-contained charts for report.html: SVG markup built as strings (no libraries, no network).
// After drawing, <body data-charts-drawn="N"> tells a headless check how many charts have data on screen.
(function () {
  var data = JSON.parse(document.getElementById('bench-data').textContent);
  var W = 640, H = 270, L = 64, R = 16, T = 28, B = 48;
  var COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728'];

  function esc(s) {
    return String(s).replace(/[&<>"]/g, function (c) {
      return {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;'}[c];
    });
  }
  function niceMax(v) {
    if (!(v > 0)) { return 1; }
    var p = Math.pow(10, Math.floor(Math.log10(v)));
    var m = v / p;
    return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
  }
  function fmt(v) {
    return Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(1) : v.toFixed(3);
  }
  function frame(title, yMax, yLabel, xLabel) {
    var s = '<text x="' + W / 2 + '" y="16" text-anchor="middle" class="title">' + esc(title) + '</text>';
    for (var i = 0; i <= 4; i++) {
      var y = H - B - i / 4 * (H - T - B);
      s += '<line x1="' + L + '" x2="' + (W - R) + '" y1="' + y + '" y2="' + y + '" class="grid"/>';
      s += '<text x="' + (L - 6) + '" y="' + (y + 4) + '" text-anchor="end" class="tick">' + fmt(yMax * i / 4) + '</text>';
    }
    s += '<line x1="' + L + '" x2="' + L + '" y1="' + T + '" y2="' + (H - B) + '" class="axis"/>';
    s += '<line x1="' + L + '" x2="' + (W - R) + '" y1="' + (H - B) + '" y2="' + (H - B) + '" class="axis"/>';
    s += '<text x="14" y="' + (H / 2) + '" transform="rotate(-90 14 ' + (H / 2) + ')" text-anchor="middle" class="label">' + esc(yLabel) + '</text>';
    s += '<text x="' + (L + (W - L - R) / 2) + '" y="' + (H - 8) + '" text-anchor="middle" class="label">' + esc(xLabel) + '</text>';
    return s;
  }
  function legend(names) {
    var s = '';
    names.forEach(function (n, i) {
      var x = L + 10 + i * 150;
      s += '<rect x="' + x + '" y="' + (T + 2) + '" width="10" height="10" fill="' + COLORS[i % 4] + '"/>';
      s += '<text x="' + (x + 14) + '" y="' + (T + 11) + '" class="tick">' + esc(n) + '</text>';
    });
    return s;
  }
  function svg(inner) {
    return '<svg viewBox="0 0 ' + W + ' ' + H + '" width="' + W + '" height="' + H + '" role="img">' + inner + '</svg>';
  }
  function lineChart(el, title, xs, series, xLabel, yLabel, hline, xTicks) {
    var xMin = Math.min.apply(null, xs), xMax = Math.max.apply(null, xs);
    if (xMax === xMin) { xMax = xMin + 1; }
    var top = 0;
    series.forEach(function (s) { s.y.forEach(function (v) { if (v !== null && v > top) { top = v; } }); });
    if (hline != null && hline.value > top) { top = hline.value; }
    var yMax = niceMax(top * 1.05);
    function sx(x) { return L + (x - xMin) / (xMax - xMin) * (W - L - R); }
    function sy(y) { return H - B - y / yMax * (H - T - B); }
    var s = frame(title, yMax, yLabel, xLabel), drawn = 0;
    (xTicks || []).forEach(function (t) {
      s += '<text x="' + sx(t.x) + '" y="' + (H - B + 14) + '" text-anchor="middle" class="tick">' + esc(t.label) + '</text>';
    });
    if (hline != null) {
      s += '<line x1="' + L + '" x2="' + (W - R) + '" y1="' + sy(hline.value) + '" y2="' + sy(hline.value) + '" class="target"/>';
      s += '<text x="' + (W - R) + '" y="' + (sy(hline.value) - 4) + '" text-anchor="end" class="tick">' + esc(hline.label) + '</text>';
    }
    series.forEach(function (ser, i) {
      var pts = [];
      var sxs = ser.x || xs;
      ser.y.forEach(function (v, j) { if (v !== null && isFinite(v)) { pts.push(sx(sxs[j]).toFixed(1) + ',' + sy(v).toFixed(1)); } });
      if (pts.length > 0) {
        s += '<path class="series" fill="none" stroke="' + COLORS[i % 4] + '" stroke-width="2" d="M' + pts.join('L') + '"/>';
        drawn++;
      }
    });
    s += legend(series.map(function (x) { return x.name; }));
    el.innerHTML = svg(s);
    return drawn > 0;
  }
  function barChart(el, title, groups, referenceLabel) {
    var top = 0;
    groups.forEach(function (g) { top = Math.max(top, g.current, g.baseline == null ? 0 : g.baseline); });
    var yMax = niceMax(top * 1.05);
    var slot = (W - L - R) / groups.length, bw = slot * 0.35;
    var s = frame(title, yMax, 'ms', ''), drawn = 0;
    groups.forEach(function (g, i) {
      var x0 = L + i * slot + slot * 0.12;
      [[referenceLabel, g.baseline, 1], ['current', g.current, 0]].forEach(function (b, k) {
        if (b[1] == null) { return; }
        var h = b[1] / yMax * (H - T - B), x = x0 + k * bw, y = H - B - h;
        s += '<path class="series" fill="' + COLORS[b[2]] + '" d="M' + x.toFixed(1) + ',' + (H - B) + 'V' + y.toFixed(1)
          + 'H' + (x + bw - 2).toFixed(1) + 'V' + (H - B) + 'Z"><title>' + esc(g.label + ' ' + b[0] + ': ' + fmt(b[1]) + ' ms') + '</title></path>';
        drawn++;
      });
      s += '<text x="' + (x0 + bw) + '" y="' + (H - B + 14) + '" text-anchor="middle" class="tick">' + esc(g.label) + '</text>';
    });
    s += legend(['current', referenceLabel]);
    el.innerHTML = svg(s);
    return drawn > 0;
  }
  function seq(n) { var a = []; for (var i = 0; i < n; i++) { a.push(i + 1); } return a; }

  var drawers = {
    bars: function (el, d) { return barChart(el, 'Percentiles: current vs ' + d.referenceLabel, d.bars, d.referenceLabel); },
    timeline: function (el, d) {
      var t = d.timeline, last = t.t[t.t.length - 1];
      var series = [{name: 'client p50', y: t.p50Ms}, {name: 'client p99', y: t.p99Ms}];
      if (t.refT) { series.push({name: 'reference p50', x: t.refT, y: t.refP50Ms}); }
      var ticks = [{x: t.t[0], label: '0'}, {x: last, label: String(last)}];
      if (t.warmupSeconds != null && t.warmupSeconds > 0 && t.warmupSeconds < last) {
        ticks.push({x: t.warmupSeconds, label: 'warm-up ends'});
      }
      return lineChart(el, 'Client latency over time (per second, warm-up included)', t.t, series, 'seconds', 'ms', null, ticks);
    },
    rounds: function (el, d) {
      var r = d.rounds;
      return lineChart(el, 'A/B rounds: client p50 of each round', r.x, [{name: 'A (reference)', y: r.a}, {name: 'B (under test)', y: r.b}],
        'round', 'ms', null, [{x: 1, label: '1'}, {x: r.x.length, label: String(r.x.length)}]);
    },
    curve: function (el, d) {
      return lineChart(el, 'Latency by percentile (from the recorded histograms)', d.curve.x, d.curve.series,
        'percentile', 'ms', null,
        [{x: 0, label: 'p0'}, {x: 1, label: 'p90'}, {x: 2, label: 'p99'}, {x: 3, label: 'p99.9'}, {x: 4, label: 'p99.99'}]);
    },
    rss: function (el, d) {
      return lineChart(el, 'Server RSS over the run', d.resources.t, [{name: 'RSS MB', y: d.resources.rssMb}], 'seconds', 'MB', null,
        [{x: d.resources.t[0], label: '0'}, {x: d.resources.t[d.resources.t.length - 1], label: fmt(d.resources.t[d.resources.t.length - 1])}]);
    },
    cpu: function (el, d) {
      return lineChart(el, 'Server process CPU over the run (100 = one core)', d.resources.t, [{name: 'CPU %', y: d.resources.cpuPercent}],
        'seconds', '%', null,
        [{x: d.resources.t[0], label: '0'}, {x: d.resources.t[d.resources.t.length - 1], label: fmt(d.resources.t[d.resources.t.length - 1])}]);
    },
    leak: function (el, d) {
      var s0 = d.leak.series[0], last = s0.x[s0.x.length - 1];
      return lineChart(el, 'Soak: memory over time (' + d.leak.verdict + ')', s0.x, d.leak.series, 'seconds after warm-up', 'MB', null,
        [{x: 0, label: '0'}, {x: last, label: fmt(last)}]);
    },
    capacity: function (el, d) {
      var c = d.capacity, n = c.offered.length;
      return lineChart(el, 'Capacity: served vs offered decisions/s' + (c.knee != null ? ' (knee ' + fmt(c.knee) + '/s)' : ''),
        c.offered, [{name: 'served/s', y: c.served}, {name: 'offered/s', y: c.offered}], 'offered decisions/s', 'decisions/s', null,
        [{x: c.offered[0], label: fmt(c.offered[0])}, {x: c.offered[n - 1], label: fmt(c.offered[n - 1])}]);
    },
    capacitylatency: function (el, d) {
      var c = d.capacity, n = c.offered.length;
      return lineChart(el, 'Capacity: client p50 and p99 per step', c.offered, [{name: 'p50 ms', y: c.p50Ms}, {name: 'p99 ms', y: c.p99Ms}],
        'offered decisions/s', 'ms', {value: c.targetP99Ms, label: 'p99 target ' + c.targetP99Ms + ' ms'},
        [{x: c.offered[0], label: fmt(c.offered[0])}, {x: c.offered[n - 1], label: fmt(c.offered[n - 1])}]);
    },
    p95history: function (el, d) {
      var xs = seq(d.history.p95Ms.length);
      return lineChart(el, 'Client p95 over past runs', xs, [{name: 'p95 ms', y: d.history.p95Ms}], 'run', 'ms',
        d.history.targetP95Ms == null ? null : {value: d.history.targetP95Ms, label: 'target ' + d.history.targetP95Ms + ' ms'},
        [{x: 1, label: '1'}, {x: xs.length, label: String(xs.length)}]);
    },
    tputhistory: function (el, d) {
      var xs = seq(d.history.throughput.length);
      return lineChart(el, 'Throughput over past runs', xs, [{name: 'ops/s', y: d.history.throughput}], 'run', 'ops/s',
        d.history.minThroughputOps == null ? null : {value: d.history.minThroughputOps, label: 'min ' + d.history.minThroughputOps + ' ops/s'},
        [{x: 1, label: '1'}, {x: xs.length, label: String(xs.length)}]);
    }
  };

  var drawnCharts = 0;
  Array.prototype.forEach.call(document.querySelectorAll('div.chart'), function (el) {
    var d = data[Number(el.getAttribute('data-sim'))];
    try {
      if (drawers[el.getAttribute('data-kind')](el, d)) { drawnCharts++; }
    } catch (e) {
      el.className += ' chart-error';
      el.textContent = 'chart failed: ' + e;
    }
  });
  document.body.setAttribute('data-charts-drawn', String(drawnCharts));
})();
