/* Client-side search, on the home page (query and region) and the search page (every filter),
   over the index shards (search/*.js), which register themselves with
   catalogcSearch.add(): plain <script> files, so the site works from disk as well as served.
   Results are built with textContent only: catalog text never becomes markup.
   The shards carry each item's text folded as the checker folds it; the query is folded here
   the same way: NFKC, the traditional → simplified table of search/fold.js, no spacing. */
(function () {
  "use strict";
  var FIELDS = ["id", "name", "sub", "text", "domain", "department", "level", "audience", "method", "channels", "href",
    "region", "haystack"];
  var items = [];
  var loaded = {};
  var shards = {};  // region code → shard path, from search/index.js
  var simplified = {};  // traditional → simplified character, from search/fold.js
  window.catalogcSearch = {
    regions: function (list) {
      for (var i = 0; i < list.length; i++) { shards[list[i][0]] = list[i][1]; }
    },
    fold: function (table) { simplified = table; },
    add: function (rows) {
      for (var i = 0; i < rows.length; i++) {
        var row = rows[i], item = {};
        for (var f = 0; f < FIELDS.length; f++) { item[FIELDS[f]] = row[f]; }
        items.push(item);
      }
    }
  };
  function fold(text) {
    return text.normalize("NFKC").replace(/[\u3400-\u9fff]/g, function (c) { return simplified[c] || c; })
      .replace(/\s+/g, "").toLowerCase();
  }
  function has(list, value) { return !value || list.indexOf(value) !== -1; }
  function render(found, total, query) {
    var results = document.getElementById("results");
    var status = document.getElementById("status");
    while (results.firstChild) { results.removeChild(results.firstChild); }
    var shown = found.slice(0, 200);
    for (var i = 0; i < shown.length; i++) {
      var item = shown[i];
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.setAttribute("href", item.href);
      a.textContent = item.name + (item.sub ? " · " + item.sub : "");
      var meta = document.createElement("p");
      meta.className = "meta";
      meta.textContent = item.domain + " | " + item.department + " | " + item.level.join("、");
      var text = document.createElement("p");
      text.textContent = item.text;
      li.appendChild(a); li.appendChild(meta); li.appendChild(text);
      results.appendChild(li);
    }
    status.textContent = "找到 " + found.length + " 个事项" + (found.length > shown.length ? "，显示前 " + shown.length + " 个" : "") +
      (query ? "（关键词：" + query + "）" : "") + "，共 " + total + " 个事项。";
  }
  function load(region) {
    // Shards are <script> files, so loading works from disk (file://) as well as over HTTP.
    if (!loaded[region]) {
      loaded[region] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = shards[region];
        script.onload = resolve;
        script.onerror = function () { reject(new Error("无法载入 " + shards[region])); };
        document.body.appendChild(script);
      });
    }
    return loaded[region];
  }
  function value(form, name) { return form.elements[name] ? form.elements[name].value : ""; }
  function search(event) {
    if (event) { event.preventDefault(); }
    var form = document.getElementById("search");
    var region = value(form, "region");
    var wanted = region ? [region] : Object.keys(shards);
    document.getElementById("status").textContent = "正在载入索引……";
    Promise.all(wanted.map(load)).then(function () { filter(form, region); }, function (error) {
      document.getElementById("status").textContent = error.message;
    });
  }
  function filter(form, region) {
    var query = fold(form.q.value);
    var f = {};
    ["domain", "department", "level", "audience", "method", "channel"].forEach(function (k) { f[k] = value(form, k); });
    var pool = region ? items.filter(function (item) { return item.region === region; }) : items;
    var found = pool.filter(function (item) {
      return (!query || item.haystack.indexOf(query) !== -1) &&
        (!f.domain || item.domain === f.domain) && (!f.department || item.department === f.department) &&
        has(item.level, f.level) && has(item.audience, f.audience) && has(item.method, f.method) &&
        has(item.channels, f.channel);
    });
    render(found, pool.length, form.q.value.trim());
  }
  var asked = false;  // the page was opened with a query (search.html?q=…&region=…, as the home page's form sends)
  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("search");
    form.addEventListener("submit", search);
    new URLSearchParams(window.location.search).forEach(function (v, k) {
      var field = form.elements[k];
      if (v && field && (field.tagName !== "SELECT" || field.querySelector("option[value=\"" + CSS.escape(v) + "\"]"))) {
        field.value = v;
        asked = true;
      }
    });
  });
  window.addEventListener("load", function () {
    if (asked) { search(); }
  });
})();
