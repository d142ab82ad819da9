// axdash upload page and import preview. Everything from the server or the
// file is put in with textContent, never as HTML.
(function () {
  "use strict";

  var STATE_LABELS = {
    queued: "대기 중", parsing: "읽는 중", checked: "검토 대기", committing: "저장 중",
    stored: "저장됨", refused: "거부됨", failed: "실패", cancelled: "취소됨"
  };
  var RUNNING = { queued: true, parsing: true, committing: true };
  var POLL_MS = 1000;

  function $(id) { return document.getElementById(id); }

  function token() {
    if (window.axdash && window.axdash.csrfToken) { return window.axdash.csrfToken(); }
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") || "" : "";
  }

  function errorOf(xhr) {
    try { return JSON.parse(xhr.responseText).error || ("오류 " + xhr.status); } catch (e) { return "오류 " + xhr.status; }
  }

  function request(method, url, body, done) {
    var xhr = new XMLHttpRequest();
    xhr.open(method, url);
    xhr.setRequestHeader("Accept", "application/json");
    if (method !== "GET") { xhr.setRequestHeader("X-CSRF-Token", token()); }
    if (body !== null) { xhr.setRequestHeader("Content-Type", "application/json"); }
    xhr.onload = function () {
      if (xhr.status >= 200 && xhr.status < 300) { done(null, JSON.parse(xhr.responseText)); } else { done(errorOf(xhr)); }
    };
    xhr.onerror = function () { done("서버에 연결할 수 없습니다."); };
    xhr.send(body === null ? null : JSON.stringify(body));
  }

  function setStatus(el, msg, isError) {
    el.textContent = msg || "";
    el.classList.toggle("error", !!isError);
  }

  // --- the upload page ---
  function initUpload(form) {
    var input = $("upload-file"), zone = $("dropzone"), bar = $("upload-progress"), status = $("upload-status");
    var chosen = null;
    function choose(file) {
      chosen = file;
      $("upload-chosen").textContent = file ? file.name + " (" + Math.ceil(file.size / 1024) + " KB)" : "";
    }
    input.addEventListener("change", function () { choose(input.files[0] || null); });
    ["dragenter", "dragover"].forEach(function (ev) {
      zone.addEventListener(ev, function (e) { e.preventDefault(); zone.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (ev) {
      zone.addEventListener(ev, function (e) { e.preventDefault(); zone.classList.remove("over"); });
    });
    zone.addEventListener("drop", function (e) {
      if (e.dataTransfer && e.dataTransfer.files.length) { choose(e.dataTransfer.files[0]); }
    });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      if (!chosen) { setStatus(status, "올릴 파일을 선택하세요.", true); return; }
      var data = new FormData();
      data.append("wave", $("upload-wave").value);
      data.append("sheet", $("upload-sheet").value);
      data.append("period_start", $("upload-period-start").value);
      data.append("period_end", $("upload-period-end").value);
      data.append("agency", $("upload-agency").value);
      data.append("note", $("upload-note").value);
      data.append("file", chosen, chosen.name);
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.getAttribute("action"));
      xhr.setRequestHeader("X-CSRF-Token", token());
      xhr.setRequestHeader("Accept", "application/json");
      bar.hidden = false;
      bar.value = 0;
      $("upload-submit").disabled = true;
      xhr.upload.onprogress = function (p) {
        if (p.lengthComputable) { bar.value = Math.round(100 * p.loaded / p.total); }
      };
      xhr.onload = function () {
        $("upload-submit").disabled = false;
        if (xhr.status === 202) {
          bar.value = 100;
          setStatus(status, "올렸습니다. 파일을 검사하는 화면으로 이동합니다…");
          window.location.assign("/imports/" + JSON.parse(xhr.responseText).id);
        } else {
          setStatus(status, errorOf(xhr), true);
        }
      };
      xhr.onerror = function () { $("upload-submit").disabled = false; setStatus(status, "서버에 연결할 수 없습니다.", true); };
      setStatus(status, "올리는 중…");
      xhr.send(data);
    });
  }

  // --- the preview page ---
  function cell(tr, text) {
    var td = document.createElement("td");
    td.textContent = text === undefined || text === null ? "" : String(text);
    tr.appendChild(td);
  }

  function fillTable(id, rows, fn) {
    var body = $(id).querySelector("tbody");
    while (body.firstChild) { body.removeChild(body.firstChild); }
    rows.forEach(function (r) { var tr = document.createElement("tr"); fn(tr, r); body.appendChild(tr); });
  }

  function initPreview(root) {
    var id = root.getAttribute("data-job");
    var base = "/api/v1/imports/" + id;
    var issuePage = 1, codesShown = "", replaceSkips = false;

    function loadIssues() {
      var code = $("job-issue-code").value;
      request("GET", base + "/issues?code=" + encodeURIComponent(code) + "&page=" + issuePage, null, function (err, p) {
        if (err) { setStatus($("job-status"), err, true); return; }
        // Korean first: the problem's and the field's names, the code and
        // the field key last.
        fillTable("job-issues", p.issues, function (tr, is) {
          tr.className = "sev-" + is.severity;
          [is.severity === "error" ? "오류" : "경고", is.label, is.field_label ? is.field_label + " (" + is.field + ")" : is.header,
            is.sheet, is.cell, is.value, is.message, is.code]
            .forEach(function (t) { cell(tr, t); });
        });
        $("job-issues-page").textContent = p.page + " / " + p.pages + "쪽 (" + p.total + "건)";
        $("job-issues-prev").disabled = p.page <= 1;
        $("job-issues-next").disabled = p.page >= p.pages;
      });
    }

    function showCodes(codes) {
      var key = codes.map(function (c) { return c.code + ":" + c.count; }).join(",");
      if (key === codesShown) { return; }
      codesShown = key;
      var sel = $("job-issue-code"), keep = sel.value;
      while (sel.options.length > 1) { sel.remove(1); }
      codes.forEach(function (c) {
        var o = document.createElement("option");
        o.value = c.code;
        o.textContent = (c.label && c.label !== c.code ? c.label + " · " : "") + c.code + " (" + c.count + ")";
        sel.appendChild(o);
      });
      sel.value = keep;
      loadIssues();
    }

    function showReport(v) {
      var r = v.report;
      if (!r) { return; }
      $("job-counts").hidden = false;
      $("job-sheet").textContent = r.sheet || "-";
      $("job-header-row").textContent = r.header_row || "-";
      $("job-rows-total").textContent = r.rows;
      $("job-valid").textContent = r.valid;
      $("job-stored").textContent = r.stored;
      $("job-issues-total").textContent = r.issues_total;
      $("job-mapping-section").hidden = !(r.mapping && r.mapping.length);
      fillTable("job-mapping", r.mapping || [], function (tr, m) {
        var label = v.field_labels[m.field];
        cell(tr, m.column); cell(tr, m.header); cell(tr, label ? label + " (" + m.field + ")" : m.field);
      });
      $("job-unmapped").textContent = r.unmapped && r.unmapped.length ? "연결되지 않은 열: " + r.unmapped.join(", ") : "모든 열이 연결되었습니다.";
      $("job-issues-section").hidden = v.issue_codes.length === 0;
      showCodes(v.issue_codes);
    }

    // showBlocking lists, above the buttons, the errors about the file or
    // the wave that keep a commit away or ask for a choice.
    function showBlocking(v) {
      var list = $("job-blocking-list");
      while (list.firstChild) { list.removeChild(list.firstChild); }
      (v.blocking || []).forEach(function (is) {
        var li = document.createElement("li"), name = document.createElement("strong"), code = document.createElement("small");
        name.textContent = is.label;
        code.className = "code";
        code.textContent = is.code;
        li.appendChild(name);
        li.appendChild(document.createTextNode(": " + is.message + " "));
        li.appendChild(code);
        list.appendChild(li);
      });
      $("job-blocking").hidden = !(v.blocking && v.blocking.length) || v.state === "stored";
    }

    // showStored turns the preview into the record of a stored import.
    function showStored(v) {
      var stored = v.state === "stored", title = $("job-title");
      $("job-stored-note").hidden = !stored;
      if (stored && title.textContent !== title.getAttribute("data-stored")) {
        title.textContent = title.getAttribute("data-stored");
        document.title = document.title.replace(/^[^0-9]*/, title.textContent + " ");
      }
    }

    function showButtons(v) {
      var act = v.actions;
      replaceSkips = act.replace_skips;
      $("job-commit").hidden = !act.commit;
      $("job-commit-skip").hidden = !act.skip_invalid;
      $("job-replace").hidden = !act.replace;
      $("job-cancel").hidden = !act.cancel;
      $("job-annotated").hidden = !(v.annotated_size > 0) || !!v.file_purged;
      var dash = $("job-dashboard");
      dash.hidden = v.state !== "stored";
      dash.setAttribute("href", "/?wave=" + encodeURIComponent(v.wave));
    }

    // showEvents redraws the job's history as the page template draws it
    // (the "job-events" partial).
    function showEvents(events) {
      var list = $("job-events");
      while (list.firstChild) { list.removeChild(list.firstChild); }
      events.forEach(function (e) {
        var li = document.createElement("li"), when = document.createElement("time"), who = document.createElement("span");
        when.setAttribute("datetime", e.at);
        when.textContent = e.when;
        who.className = "who";
        who.textContent = e.who;
        li.appendChild(when);
        li.appendChild(document.createTextNode(" "));
        li.appendChild(who);
        li.appendChild(document.createTextNode(" " + e.label));
        list.appendChild(li);
      });
    }

    function show(v) {
      var st = $("job-state");
      st.textContent = STATE_LABELS[v.state] || v.state;
      st.setAttribute("data-state", v.state);
      $("job-error").textContent = v.error || "";
      $("job-progress").hidden = !RUNNING[v.state];
      $("job-rows").textContent = v.rows_read;
      showReport(v);
      showBlocking(v);
      showStored(v);
      showButtons(v);
      showEvents(v.events);
    }

    function poll() {
      request("GET", base, null, function (err, v) {
        if (err) { setStatus($("job-status"), err, true); setTimeout(poll, POLL_MS * 3); return; }
        show(v);
        if (!v.final && v.state !== "checked") { setTimeout(poll, POLL_MS); }
      });
    }

    function act(path, body) {
      setStatus($("job-status"), "요청하는 중…");
      request("POST", base + path, body, function (err) {
        if (err) { setStatus($("job-status"), err, true); return; }
        setStatus($("job-status"), "");
        poll();
      });
    }

    $("job-commit").addEventListener("click", function () { act("/commit", { skip_invalid: false, replace: false }); });
    $("job-commit-skip").addEventListener("click", function () { act("/commit", { skip_invalid: true, replace: false }); });
    $("job-replace").addEventListener("click", function () {
      if (window.confirm("이 조사 차수의 기존 자료를 모두 바꿉니다. 계속할까요?")) { act("/commit", { skip_invalid: replaceSkips, replace: true }); }
    });
    $("job-cancel").addEventListener("click", function () { act("/cancel", null); });
    $("job-issue-code").addEventListener("change", function () { issuePage = 1; loadIssues(); });
    $("job-issues-prev").addEventListener("click", function () { issuePage = Math.max(1, issuePage - 1); loadIssues(); });
    $("job-issues-next").addEventListener("click", function () { issuePage += 1; loadIssues(); });
    poll();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = $("upload-form");
    if (form) { initUpload(form); }
    var root = $("import");
    if (root) { initPreview(root); }
  });
})();
