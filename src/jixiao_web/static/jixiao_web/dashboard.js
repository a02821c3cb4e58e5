// Findings by rule code, coloured by severity; budget execution against plan (ECharts, vendored).
(function () {
  var data = JSON.parse(document.getElementById("chart-data").textContent);
  var ex = data.execution, exEl = document.getElementById("chart-execution");
  if (exEl && window.echarts) {
    if (!ex.checkpoints.length) { exEl.textContent = "暂无执行数据（公开后的运行监控中填报）。"; exEl.style.height = "auto"; }
    else echarts.init(exEl).setOption({
      grid: { left: 70, right: 20, top: 40, bottom: 30 },
      tooltip: { trigger: "axis" },
      legend: { top: 0, data: ["计划累计支出", "实际累计支出"] },
      xAxis: { type: "category", data: ex.checkpoints },
      yAxis: { type: "value", name: "万元（预算 " + ex.budget + "）" },
      series: [
        { name: "计划累计支出", type: "bar", data: ex.planned, itemStyle: { color: "#b8c2cf" } },
        { name: "实际累计支出", type: "bar", data: ex.spent, itemStyle: { color: "#1f6feb" } },
      ],
    });
  }
  var el = document.getElementById("chart-findings");
  if (!el || !window.echarts) return;
  if (!data.codes.length) { el.textContent = "暂无审核问题。"; el.style.height = "auto"; return; }
  var colour = { error: "#b42318", warning: "#d68a00", hint: "#8a94a3" };
  var series = Object.keys(colour).map(function (severity) {  // one series a severity: the legend explains the colours
    return {
      name: data.severity_labels[severity], type: "bar", stack: "all", itemStyle: { color: colour[severity] },
      data: data.counts.map(function (n, i) { return data.severities[i] === severity ? n : "-"; }),
    };
  });
  echarts.init(el).setOption({
    grid: { left: 60, right: 20, top: 36, bottom: 40 },
    legend: { top: 0 },
    tooltip: {
      formatter: function (p) {  // the rule's title, not only its code
        var i = p.dataIndex;
        return data.codes[i] + " " + echarts.format.encodeHTML(data.titles[i]) + "<br>" + p.seriesName + "：" + p.value + " 个";
      },
    },
    xAxis: { type: "category", data: data.codes, axisLabel: { rotate: 45 } },
    yAxis: { type: "value", name: "个数" },
    series: series,
  });
})();
