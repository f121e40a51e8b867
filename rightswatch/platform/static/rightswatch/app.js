// Dashboard charts (Apache ECharts, served locally). Data comes from a json_script block; no inline script.
(function () {
  function draw() {
    var dataEl = document.getElementById("chart-data");
    if (!dataEl || typeof echarts === "undefined") return;
    var data = JSON.parse(dataEl.textContent);
    var colours = { red: "#c62828", orange: "#ef6c00", yellow: "#f9a825" };
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var key = el.getAttribute("data-chart");
      var d = data[key];
      var chart = echarts.init(el, null, { renderer: "svg" });
      var option;
      if (key === "by_severity") {
        option = { tooltip: {}, series: [{ type: "pie", radius: "65%",
          data: d.map(function (x) { return { name: x.name, value: x.value, itemStyle: { color: colours[x.key] } }; }) }] };
      } else if (key === "by_month") {
        option = { tooltip: {}, xAxis: { type: "category", data: d.labels }, yAxis: { type: "value" },
          series: [{ type: "bar", data: d.values, itemStyle: { color: "#8e1b1b" } }] };
      } else {
        option = { tooltip: {}, grid: { left: 160 }, yAxis: { type: "category", data: d.labels, axisLabel: { width: 150, overflow: "truncate" } },
          xAxis: { type: "value" }, series: [{ type: "bar", data: d.values, itemStyle: { color: "#8e1b1b" } }] };
      }
      chart.setOption(option);
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw); else draw();
})();
