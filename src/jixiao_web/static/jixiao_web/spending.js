// Planned vs actual cumulative spending (percent of budget) per section (ECharts, vendored).
(function () {
  var data = JSON.parse(document.getElementById("chart-data").textContent);
  if (!window.echarts) return;
  document.querySelectorAll(".chart-spending").forEach(function (el) {
    var s = data[Number(el.dataset.index)];
    echarts.init(el).setOption({
      grid: { left: 50, right: 20, top: 40, bottom: 30 },
      tooltip: { trigger: "axis", valueFormatter: function (v) { return v == null ? "未报" : v + "%"; } },
      legend: { top: 0, data: ["计划累计", "实际累计"] },
      xAxis: { type: "category", data: s.checkpoints },
      yAxis: { type: "value", name: "%", max: 100 },
      series: [
        { name: "计划累计", type: "line", data: s.planned, lineStyle: { type: "dashed" }, itemStyle: { color: "#8a94a3" } },
        { name: "实际累计", type: "line", data: s.actual, connectNulls: false, itemStyle: { color: "#1f6feb" } },
      ],
    });
  });
})();
