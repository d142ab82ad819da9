// axdash page script: draws every chart from the JSON option block the server
// put next to it. Served from /static so that the page needs no inline script
// (the Content-Security-Policy forbids it).
(function () {
  "use strict";

  function drawCharts() {
    if (typeof echarts === "undefined") {
      return;
    }
    var charts = [];
    document.querySelectorAll(".chart[data-option]").forEach(function (el) {
      var block = document.getElementById(el.getAttribute("data-option"));
      if (!block) {
        return;
      }
      var option = JSON.parse(block.textContent);
      var chart = echarts.init(el, null, { renderer: "canvas" });
      chart.setOption(option);
      charts.push(chart);
    });
    window.addEventListener("resize", function () {
      charts.forEach(function (c) { c.resize(); });
    });
  }

  function autosubmit() {
    document.querySelectorAll("select[data-autosubmit]").forEach(function (sel) {
      sel.addEventListener("change", function () { sel.form.submit(); });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    drawCharts();
    autosubmit();
  });
})();
