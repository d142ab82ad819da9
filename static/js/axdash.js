// axdash page script: draws every chart from the JSON option block the server
// put next to it. Served from /static so that the page needs no inline script
// (the Content-Security-Policy forbids it). Options are data only: nothing in
// them is ever evaluated as code.
(function () {
  "use strict";

  var BOUNDARY_MAP = "kr-sido";

  // download saves a data URL under a file name.
  function download(url, name) {
    var a = document.createElement("a");
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
  }

  // imageName is the file name stem the server chose for a chart's images
  // (charts.Table.ImageName), carried in the toolbox's saveAsImage.
  function imageName(option) {
    var feature = option.toolbox && option.toolbox.feature;
    return (feature && feature.saveAsImage && feature.saveAsImage.name) || "chart";
  }

  // saveSVG draws the option once more with the SVG renderer in an
  // off-screen box and downloads that, text as text (Korean intact): the
  // page's charts draw on canvas, which cannot export SVG.
  function saveSVG(el, block) {
    var box = document.createElement("div");
    box.style.position = "absolute";
    box.style.left = "-10000px";
    box.style.top = "0";
    box.style.width = (el.clientWidth || 800) + "px";
    box.style.height = (el.clientHeight || 400) + "px";
    document.body.appendChild(box);
    var off = echarts.init(box, null, { renderer: "svg" });
    var option = JSON.parse(block.textContent);
    option.animation = false;
    option.toolbox = { show: false };
    off.setOption(option);
    var url = off.getDataURL({ type: "svg" });
    off.dispose();
    box.remove();
    download(url, imageName(JSON.parse(block.textContent)) + ".svg");
  }

  // savePNG saves what the canvas shows, like the toolbox's saveAsImage.
  function savePNG(el, block) {
    var chart = echarts.getInstanceByDom(el);
    if (!chart) {
      return;
    }
    var url = chart.getDataURL({ type: "png", pixelRatio: 2, backgroundColor: "#fff", excludeComponents: ["toolbox"] });
    download(url, imageName(JSON.parse(block.textContent)) + ".png");
  }

  // saveButtons wires the "PNG 저장"/"SVG 저장" buttons: real buttons, so
  // saving works from the keyboard (the toolbox is drawn on the canvas).
  function saveButtons() {
    document.querySelectorAll("button[data-save]").forEach(function (btn) {
      btn.addEventListener("click", function () {
        var el = document.getElementById(btn.getAttribute("data-chart"));
        var block = el && document.getElementById(el.getAttribute("data-option"));
        if (!block) {
          return;
        }
        if (btn.getAttribute("data-save") === "svg") {
          saveSVG(el, block);
        } else {
          savePNG(el, block);
        }
      });
    });
  }

  // svgTool is the toolbox's SVG button, for mouse users; the same save.
  function svgTool(el, block) {
    return {
      show: true,
      title: "SVG 저장",
      icon: "path://M4,2H14L20,8V22H4Z M14,2V8H20 M7,17L10,12L13,15L17,10",
      onclick: function () { saveSVG(el, block); }
    };
  }

  // A withheld cell has no value: its tooltip says why (the option lists
  // each point's status in series[].withheld), never a bare "-".
  function withheldTooltips(option) {
    (option.series || []).forEach(function (s) {
      var status = s.withheld;
      if (!status) {
        return;
      }
      s.tooltip = s.tooltip || {};
      s.tooltip.valueFormatter = function (value, i) {
        return status[i] || value;
      };
    });
  }

  function drawCharts() {
    var charts = [];
    var reducedMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    document.querySelectorAll(".chart[data-option]").forEach(function (el) {
      var block = document.getElementById(el.getAttribute("data-option"));
      if (!block) {
        return;
      }
      var option = JSON.parse(block.textContent);
      // A print page asks for SVG, which prints sharp; it needs no toolbox
      // and no animation (the print must catch the final frame).
      var svg = el.getAttribute("data-renderer") === "svg";
      var chart = echarts.init(el, null, { renderer: svg ? "svg" : "canvas" });
      if (reducedMotion) {
        option.animation = false; // the reader asked for no motion (WCAG 2.3.3)
      }
      if (svg) {
        option.toolbox = { show: false };
        option.animation = false;
        option.title = { show: false }; // the figure caption names it
        // One series needs no legend on paper: the caption names it and the
        // axis its unit. The room goes to the plot.
        var single = Array.isArray(option.series) && option.series.length === 1;
        if (single) {
          option.legend = { show: false };
        }
        (Array.isArray(option.grid) ? option.grid : [option.grid]).forEach(function (g) {
          if (g) {
            g.top = "32"; // room for the value axis's unit above it
            if (single) { g.bottom = "6"; }
          }
        });
      }
      var feature = option.toolbox && option.toolbox.feature;
      if (feature && feature.saveAsImage) {
        feature.saveAsImage.pixelRatio = 2; // sharp PNGs for slides
        feature.mySaveSvg = svgTool(el, block);
      }
      withheldTooltips(option);
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

  // The trend highlights at most three 시도 (charts.MaxHighlight; the server
  // refuses more): once three are ticked, the other boxes are disabled.
  function limitHighlight() {
    var boxes = document.querySelectorAll("input[name=highlight]");
    function update() {
      var n = 0;
      boxes.forEach(function (b) { if (b.checked) { n++; } });
      boxes.forEach(function (b) { b.disabled = !b.checked && n >= 3; });
    }
    boxes.forEach(function (b) { b.addEventListener("change", update); });
    update();
  }

  document.addEventListener("DOMContentLoaded", function () {
    limitHighlight();
    if (typeof echarts === "undefined") {
      return;
    }
    registerBoundary().then(drawCharts).then(saveButtons);
  });
})();
