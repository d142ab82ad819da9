// axdash page script: draws every chart from the JSON option block the server
// put next to it. Served from /static so that the page needs no inline script
// (the Content-Security-Policy forbids it). Options are data only: nothing in
// them is ever evaluated as code.
(function () {
  "use strict";

  var BOUNDARY_MAP = "kr-sido";

  function drawCharts() {
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
    document.documentElement.setAttribute("data-charts", "drawn");
  }

  // registerBoundary fetches the operator's 시도 GeoJSON, when the page names
  // one, and registers it before any chart is drawn: a map series needs its
  // map at setOption time. Without one, or if it fails, charts draw at once.
  function registerBoundary() {
    var meta = document.querySelector("meta[name=axdash-boundary]");
    if (!meta || typeof fetch === "undefined") {
      return Promise.resolve();
    }
    return fetch(meta.getAttribute("content"), { credentials: "same-origin" })
      .then(function (res) {
        if (!res.ok) {
          throw new Error("boundary map: HTTP " + res.status);
        }
        return res.json();
      })
      .then(function (geo) { echarts.registerMap(BOUNDARY_MAP, geo); })
      .catch(function (err) { console.warn("axdash:", err); });
  }

  function autosubmit() {
    document.querySelectorAll("select[data-autosubmit]").forEach(function (sel) {
      sel.addEventListener("change", function () { sel.form.submit(); });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    autosubmit();
    if (typeof echarts === "undefined") {
      return;
    }
    registerBoundary().then(drawCharts);
  });
})();
