// Autosave of an application draft (我的办件 → 填写). The form works without
// this script: it posts to the page, which saves. With it, the answers are
// also saved through the JSON API a moment after each change, keeping the
// page's revision current so a later "保存" is not taken for a stale page.
(function () {
  "use strict";
  var form = document.getElementById("draft-form");
  if (!form || !window.fetch || !form.dataset.api) { return; }
  var status = document.getElementById("autosave");
  var token = document.querySelector('meta[name="csrf-token"]');
  var timer = null, busy = false, again = false;

  function say(text) { if (status) { status.textContent = text; } }

  // collect mirrors the page's own reading of the form: empty answers and
  // empty rows are left out.
  function collect() {
    var out = { revision: parseInt(form.elements.revision.value, 10), form: {}, parties: [], use_commitment: false };
    var tables = {}, parties = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.disabled || el.type === "file" || el.type === "submit") { return; }
      if ((el.type === "checkbox" || el.type === "radio") && !el.checked) { return; }
      var v = (el.value || "").trim(), m;
      if (el.name === "use_commitment") { out.use_commitment = v === "1"; return; }
      if ((m = /^f\.(.+)$/.exec(el.name))) {
        if (v === "") { return; }
        if (el.type === "checkbox") { (out.form[m[1]] = out.form[m[1]] || []).push(v); } else { out.form[m[1]] = v; }
      } else if ((m = /^t\.([^.]+)\.(\d+)\.(.+)$/.exec(el.name))) {
        if (v === "") { return; }
        var t = tables[m[1]] = tables[m[1]] || {};
        (t[m[2]] = t[m[2]] || {})[m[3]] = v;
      } else if ((m = /^p\.(\d+)\.(.+)$/.exec(el.name))) {
        (parties[m[1]] = parties[m[1]] || {})[m[2]] = v;
      }
    });
    Object.keys(tables).forEach(function (name) {
      out.form[name] = Object.keys(tables[name]).sort(function (a, b) { return a - b; }).map(function (i) { return tables[name][i]; });
    });
    Object.keys(parties).sort(function (a, b) { return a - b; }).forEach(function (i) {
      var p = parties[i];
      if (!p.name && !p.code) { return; }
      out.parties.push({ role: p.role || "", subject_kind: p.kind || "", name: p.name || "", code: p.code || "" });
    });
    return out;
  }

  function save() {
    if (busy) { again = true; return; }
    busy = true;
    say("正在保存…");
    fetch(form.dataset.api, {
      method: "PUT", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": token ? token.content : "" },
      body: JSON.stringify(collect())
    }).then(function (res) {
      return res.json().then(function (body) { return { ok: res.ok, status: res.status, body: body }; });
    }).then(function (r) {
      if (r.ok) {
        form.elements.revision.value = r.body.revision;
        say("已自动保存 " + new Date().toTimeString().slice(0, 5));
      } else if (r.status === 409) {
        say("办件已在别处更新，请刷新页面后再填写。");
      } else {
        say("暂未自动保存：" + ((r.body.error && r.body.error.message) || "请检查填写内容"));
      }
    }).catch(function () {
      say("网络不通，暂未自动保存；点“保存”可重试。");
    }).then(function () {
      busy = false;
      if (again) { again = false; save(); }
    });
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(save, 1500);
  }
  form.addEventListener("input", function (e) { if (e.target.type !== "file") { later(); } });
  form.addEventListener("change", function (e) { if (e.target.type !== "file") { later(); } });
  form.addEventListener("submit", function () { clearTimeout(timer); });
})();
