// Findings by rule code, coloured by severity (ECharts, vendored).
(function () {
  var data = JSON.parse(document.getElementById("chart-data").textContent);
  var el = document.getElementById("chart-findings");
  if (!el || !window.echarts) return;
  if (!data.codes.length) { el.textContent = "暂无审核问题。"; return; }
  var colour = { error: "#b42318", warning: "#d68a00", hint: "#8a94a3" };
  echarts.init(el).setOption({
    grid: { left: 60, right: 20, top: 20, bottom: 40 },
    tooltip: {},
    xAxis: { type: "category", data: data.codes, axisLabel: { rotate: 45 } },
    yAxis: { type: "value", name: "个数" },
    series: [{ type: "bar", data: data.counts.map(function (n, i) {
      return { value: n, itemStyle: { color: colour[data.severities[i]] } };
    }) }],
  });
})();
