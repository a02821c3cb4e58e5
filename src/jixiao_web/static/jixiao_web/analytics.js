// The analytics charts (ECharts, vendored): each chart draws the rows of one figure, the same
// rows its CSV link downloads. A chart names the columns that label a bar (x), the columns drawn
// (series) and their colours, whether they stack, and whether rows with the same label are added up (sum).
(function () {
  var charts = JSON.parse(document.getElementById("charts").textContent);
  if (!window.echarts) return;
  charts.forEach(function (c) {
    var el = document.getElementById("chart-" + c.id);
    if (!el) return;
    var xi = c.x.map(function (n) { return c.columns.indexOf(n); });
    var si = c.series.map(function (n) { return c.columns.indexOf(n); });
    var labels = [], values = {};
    c.rows.forEach(function (row) {
      var label = xi.map(function (i) { return row[i]; }).join(" ");
      if (!(label in values) || !c.sum) { labels.push(label); values[label] = si.map(function () { return 0; }); }
      si.forEach(function (i, k) { values[label][k] += row[i] === "" ? 0 : Number(row[i]); });
    });
    echarts.init(el).setOption({
      grid: { left: 60, right: 20, top: 40, bottom: 90 },
      legend: { top: 0 },
      tooltip: { trigger: "axis" },
      xAxis: { type: "category", data: labels, axisLabel: { rotate: 30, width: 160, overflow: "truncate" } },
      yAxis: { type: "value" },
      dataZoom: labels.length > 30 ? [{ type: "slider", bottom: 0 }] : [],
      series: c.series.map(function (name, k) {
        return {
          name: name, type: "bar", stack: c.stack ? "all" : undefined, barMaxWidth: 48, itemStyle: { color: c.colours[k] },
          data: labels.map(function (l) { return values[l][k]; }),
        };
      }),
    });
  });
})();
