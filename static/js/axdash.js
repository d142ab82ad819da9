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
    var option = prepare(JSON.parse(block.textContent));
    option.animation = false;
    option.toolbox = { show: false };
    var shown = echarts.getInstanceByDom(el);
    if (shown) {
      // The SVG shows what the page shows: intervals on or off.
      var now = shown.getOption().series || [];
      (option.series || []).forEach(function (s, i) {
        if (isInterval(s) && now[i]) { s.data = now[i].data; }
      });
    }
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

  // fmt1 writes a number with one decimal, as the tables do.
  function fmt1(v) {
    return Number(v).toLocaleString("ko-KR", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  }

  // A withheld cell has no value: its tooltip says why (the option lists
  // each point's status in series[].withheld), never a bare "-". A value
  // with an interval reads "16.3% (95% 신뢰구간 12.1–20.5%, n=101)", an
  // imprecise one marked "*", an analyst's value the public would not see
  // labelled (series[].intervals, caution, internal and unit).
  function tooltips(option) {
    (option.series || []).forEach(function (s) {
      var status = s.withheld, intervals = s.intervals, caution = s.caution, internal = s.internal, unit = s.unit || "";
      if (!status && !intervals && !caution && !internal) {
        return;
      }
      s.tooltip = s.tooltip || {};
      s.tooltip.valueFormatter = function (value, i) {
        if (status && status[i]) {
          return status[i];
        }
        if (typeof value !== "number") {
          return value;
        }
        var text = fmt1(value) + unit + (caution && caution[i] ? "*" : "");
        var iv = intervals && intervals[i];
        if (iv) {
          text += " (95% 신뢰구간 " + fmt1(iv[0]) + "–" + fmt1(iv[1]) + unit +
            (iv[2] === null || iv[2] === undefined ? "" : ", n=" + Number(iv[2]).toLocaleString("ko-KR")) + ")";
        }
        if (internal && internal[i]) {
          text += " [" + internal[i] + "]"; // an analyst's view: the public would not see it
        }
        return text;
      };
    });
  }

  // The named functions that draw intervals (charts/intervals.go): an
  // option is data, so its custom series name their renderItem and get it
  // here. Whisker data are [category, low, high, series, of series]: the
  // whisker stands over the series' own bar of the category.
  function whisker(horizontal) {
    return function (params, api) {
      var cat = api.value(0), lo = api.value(1), hi = api.value(2);
      var of = api.value(4) || 1, layout = api.barLayout({ count: of })[api.value(3) || 0];
      var shift = layout ? layout.offsetCenter : 0;
      var half = Math.max(3, Math.min(7, (layout ? layout.width : 12) / 4));
      var a = api.coord(horizontal ? [lo, cat] : [cat, lo]);
      var b = api.coord(horizontal ? [hi, cat] : [cat, hi]);
      var style = { stroke: api.visual("color"), lineWidth: 1.5 };
      var seg = function (x1, y1, x2, y2) {
        return { type: "line", shape: { x1: x1, y1: y1, x2: x2, y2: y2 }, style: style, silent: true };
      };
      if (horizontal) {
        var y = a[1] + shift;
        return { type: "group", children: [seg(a[0], y, b[0], y), seg(a[0], y - half, a[0], y + half), seg(b[0], y - half, b[0], y + half)] };
      }
      var x = a[0] + shift;
      return { type: "group", children: [seg(x, a[1], x, b[1]), seg(x - half, a[1], x + half, a[1]), seg(x - half, b[1], x + half, b[1])] };
    };
  }

  // band draws one stretch of a trend line's interval: [wave, low, high,
  // next low, next high], a whisker where the next wave has none.
  function band(params, api) {
    var w = api.value(0), colour = api.visual("color");
    var a = api.coord([w, api.value(1)]), b = api.coord([w, api.value(2)]);
    var lo2 = api.value(3), hi2 = api.value(4);
    if (isNaN(lo2) || isNaN(hi2)) {
      return { type: "line", shape: { x1: a[0], y1: a[1], x2: b[0], y2: b[1] }, style: { stroke: colour, lineWidth: 1.5, opacity: 0.6 }, silent: true };
    }
    var c = api.coord([w + 1, hi2]), d = api.coord([w + 1, lo2]);
    return { type: "polygon", shape: { points: [a, b, c, d] }, style: { fill: colour, opacity: 0.16 }, silent: true };
  }

  var RENDERERS = { axdashWhisker: whisker(false), axdashWhiskerH: whisker(true), axdashBand: band };

  // isInterval says whether a series draws intervals (charts/intervals.go).
  function isInterval(s) {
    return s.type === "custom" && (RENDERERS[s.renderItem] !== undefined || Object.values(RENDERERS).indexOf(s.renderItem) >= 0);
  }

  // prepare makes an option drawable: renderItem names become the
  // functions, tooltips read the intervals. The page, the SVG export and
  // the print all draw through it, so they all carry the intervals.
  function prepare(option) {
    (option.series || []).forEach(function (s) {
      if (typeof s.renderItem === "string") {
        s.renderItem = RENDERERS[s.renderItem];
      }
    });
    tooltips(option);
    return option;
  }

  // intervalSwitch wires the toolbox's switch and the page's button (the
  // keyboard's way to it, aria-pressed when the intervals show) to hide
  // and show the intervals: their series are emptied and refilled, which
  // the PNG and SVG saves then follow.
  function intervalSwitch(chart, option, el) {
    var btn = document.querySelector("button[data-intervals='" + el.id + "']");
    var series = (option.series || []).map(function (s, i) { return { i: i, s: s }; }).filter(function (x) { return isInterval(x.s); });
    if (series.length === 0) {
      if (btn) { btn.hidden = true; }
      return;
    }
    var shown = true;
    var toggle = function () {
      shown = !shown;
      var update = (option.series || []).map(function () { return {}; });
      series.forEach(function (x) { update[x.i] = { data: shown ? x.s.data : [] }; });
      chart.setOption({ series: update });
      if (btn) { btn.setAttribute("aria-pressed", shown ? "true" : "false"); }
    };
    var feature = option.toolbox && option.toolbox.feature;
    if (feature && feature.myIntervals) {
      feature.myIntervals.onclick = toggle;
    }
    if (btn) {
      btn.hidden = false;
      btn.addEventListener("click", toggle);
    }
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
        // axis its unit; the notes say what the intervals are. The room goes
        // to the plot.
        var drawn = (option.series || []).filter(function (s) { return s.type !== "custom"; });
        var single = drawn.length === 1;
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
      prepare(option);
      intervalSwitch(chart, option, el);
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
