// Offline capture (docs/offline.md). Every page: registers the service worker (static/tejido/sw.js)
// for a logged-in user, forgets everything at logout and the cached pages when nobody is logged in.
// Pages with offline forms (the day's roll, a child's screening, the migrant reception form; they
// include offline/_capture.html):
//   form[data-offline="roll|screening|reception"][data-api]  without a connection, saving keeps the
//       record in this browser (IndexedDB, one database per user) instead of posting the form;
//   #sin-conexion  the list of records still pending, with their time, state and the server's
//       answer; they are sent through the API when the connection returns, each with its own
//       Idempotency-Key (sent twice, created once), and only while the session is the same user's.
// The roll is sent with the version the page showed (If-Match): if someone else saved that day's
// list meanwhile, both lists are shown and the officer decides.
(function () {
  "use strict";
  var script = document.currentScript;
  var PAGES = "tejido-pages-", DB_PREFIX = "tejido-sin-conexion-", STORE = "pendientes";
  var SESSION_API = "/api/v1/sin-conexion/sesion", HUB = "/sin-conexion/";
  var user = "", texts = {}, box = null, syncing = false;

  function ready(fn) {
    if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", fn); } else { fn(); }
  }
  function fmt(text, values) {
    return (text || "").replace(/%\((\w+)\)s/g, function (_m, name) { return values[name] === undefined ? "" : values[name]; });
  }
  function newKey() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    var bytes = crypto.getRandomValues(new Uint8Array(16));
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }
  function localDay(date) {
    var d = date || new Date();
    return d.getFullYear() + "-" + ("0" + (d.getMonth() + 1)).slice(-2) + "-" + ("0" + d.getDate()).slice(-2);
  }
  function showDay(iso) {
    var parts = iso.split("-");
    return new Date(+parts[0], +parts[1] - 1, +parts[2]).toLocaleDateString("es-GT",
      {weekday: "long", day: "numeric", month: "long", year: "numeric"});
  }
  function showTime(iso) {
    return new Date(iso).toLocaleString("es-GT", {day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit"});
  }

  // ---- Storage on this phone ---------------------------------------------------------------
  function openDb() {
    return new Promise(function (resolve, reject) {
      var request = indexedDB.open(DB_PREFIX + user, 1);
      request.onupgradeneeded = function () { request.result.createObjectStore(STORE, {keyPath: "key"}); };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }
  function tx(mode, work) {
    return openDb().then(function (db) {
      return new Promise(function (resolve, reject) {
        var t = db.transaction(STORE, mode), store = t.objectStore(STORE), result;
        var request = work(store);
        if (request) { request.onsuccess = function () { result = request.result; }; }
        t.oncomplete = function () { db.close(); resolve(result); };
        t.onerror = t.onabort = function () { db.close(); reject(t.error); };
      });
    });
  }
  function hasDb() {  // reading never creates the database: a user who never worked offline has none
    if (!indexedDB.databases) { return Promise.resolve(true); }
    return indexedDB.databases().then(function (list) {
      return list.some(function (d) { return d.name === DB_PREFIX + user; });
    });
  }
  function allRecords() {
    return hasDb().then(function (has) {
      return has ? tx("readonly", function (s) { return s.getAll(); }) : [];
    }).then(function (list) {
      return (list || []).sort(function (a, b) { return a.capturedAt < b.capturedAt ? -1 : 1; });
    });
  }
  function putRecord(record) { return tx("readwrite", function (s) { return s.put(record); }); }
  function removeRecord(key) { return tx("readwrite", function (s) { return s.delete(key); }); }
  function deleteDb(name) {
    return new Promise(function (resolve) {
      var request = indexedDB.deleteDatabase(name);
      request.onsuccess = request.onerror = request.onblocked = function () { resolve(); };
    });
  }
  function forgetCaches(onlyPages) {
    if (!window.caches) { return Promise.resolve(); }
    return caches.keys().then(function (names) {
      return Promise.all(names.filter(function (n) {
        return onlyPages ? (n.indexOf(PAGES) === 0 || n === "tejido-meta") : n.indexOf("tejido-") === 0;
      }).map(function (n) { return caches.delete(n); }));
    });
  }

  // ---- Logout and nobody logged in ---------------------------------------------------------
  function guardLogout() {
    var form = document.querySelector("form[data-logout]");
    if (!form) { return; }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      allRecords().catch(function () { return []; }).then(function (records) {
        if (records.length && !window.confirm(fmt(script.dataset.logoutPending, {n: records.length}))) { return; }
        var done = false;
        var leave = function () { if (!done) { done = true; form.submit(); } };
        setTimeout(leave, 3000);  // never keep the officer from logging out
        Promise.all([deleteDb(DB_PREFIX + user), forgetCaches(false)]).then(leave, leave);
      });
    });
  }

  // ---- Service worker -----------------------------------------------------------------------
  function pageAssets() {
    var urls = [];
    document.querySelectorAll("link[rel~=stylesheet][href], link[rel~=icon][href], script[src]").forEach(function (el) {
      urls.push(el.href || el.src);
    });
    return urls;
  }
  function ask(worker, message) {
    return new Promise(function (resolve) {
      var channel = new MessageChannel();
      channel.port1.onmessage = function (event) { resolve(event.data); };
      worker.postMessage(message, [channel.port2]);
      setTimeout(resolve, 15000);
    });
  }
  function cachedAt(path) {
    return caches.open(PAGES + user).then(function (cache) {
      return cache.match(location.origin + path, {ignoreSearch: true, ignoreVary: true});
    }).then(function (found) { return found ? parseInt(found.headers.get("X-Tejido-Cached-At") || "0", 10) : 0; });
  }
  function waitCached(path, since) {
    var tries = 0;
    return new Promise(function (resolve) {
      (function again() {
        cachedAt(path).then(function (at) {
          if (at >= since || ++tries > 50) { resolve(); } else { setTimeout(again, 100); }
        });
      })();
    });
  }
  function serviceWorker() {
    if (!("serviceWorker" in navigator) || !window.caches) { return; }
    var controlled = !!navigator.serviceWorker.controller, capable = !!box, loadedAt = Date.now() - 60000;
    navigator.serviceWorker.register("/sw.js", {scope: "/"}).then(function () {
      return navigator.serviceWorker.ready;
    }).then(function (registration) {
      if (!navigator.onLine) { return null; }
      return cachedAt(HUB).then(function (hubAt) {
        var urls = [];
        if (capable && !controlled) { urls.push(location.pathname + location.search); }
        if (Date.now() - hubAt > 12 * 3600 * 1000) { urls.push(HUB); }
        var work = (urls.length || !controlled) ? ask(registration.active, {type: "keep", urls: urls, assets: pageAssets()})
                                               : Promise.resolve();
        // A page opened under the worker is kept by the worker itself as it passes.
        return work.then(function () { return capable && controlled ? waitCached(location.pathname, loadedAt) : null; });
      });
    }).then(function () {
      document.documentElement.setAttribute("data-offline-ready", "1");
    }).catch(function () { /* no service worker: the pages still work online */ });
  }

  // ---- Taking a record offline --------------------------------------------------------------
  function checked(form, name) {
    return Array.prototype.filter.call(form.querySelectorAll("input[name='" + name + "']"), function (el) { return el.checked; })
      .map(function (el) { return el.value; });
  }
  function value(form, name) { var el = form.elements[name]; return el ? (el.value || "").trim() : ""; }
  function decimal(text) { text = (text || "").replace(",", ".").trim(); return text === "" ? null : text; }

  var BUILD = {
    roll: function (form, now) {
      var present = checked(form, "presente").map(Number), day = value(form, "fecha");
      return {ifMatch: value(form, "version"), page: location.pathname + "?fecha=" + day,
              body: {center_id: +form.dataset.center, date: day, present_enrolment_ids: present, captured_at: now},
              label: fmt(texts.rollLabel, {center: form.dataset.label, date: showDay(day), n: present.length})};
    },
    screening: function (form, now) {
      var day = value(form, "measured_on"), weight = decimal(value(form, "weight_kg")), height = decimal(value(form, "height_cm"));
      if (!day) { return {error: texts.missingDate}; }
      if (weight === null && height === null) { return {error: texts.missingMeasure}; }
      return {page: location.pathname,
              body: {enrolment_id: +form.dataset.enrolment, measured_on: day, weight_kg: weight, height_cm: height,
                     measured: value(form, "measured"), oedema: !!(form.elements.oedema && form.elements.oedema.checked),
                     captured_at: now},
              label: fmt(texts.screeningLabel, {name: form.dataset.label, date: showDay(day)})};
    },
    reception: function (form, now) {
      var members = [], total = parseInt(value(form, "m-TOTAL_FORMS") || "0", 10);
      for (var i = 0; i < total; i++) {
        var p = "m-" + i + "-", typed = ["given_names", "first_surname", "second_surname", "sex", "age_years", "birth_date"]
          .some(function (n) { return value(form, p + n) !== ""; });
        if (!typed) { continue; }
        var age = value(form, p + "age_years");
        members.push({given_names: value(form, p + "given_names"), first_surname: value(form, p + "first_surname"),
                      second_surname: value(form, p + "second_surname"), sex: value(form, p + "sex"),
                      age_years: age === "" ? null : parseInt(age, 10), birth_date: value(form, p + "birth_date") || null,
                      relationship: value(form, p + "relationship")});
      }
      var day = value(form, "date");
      if (!day) { return {error: texts.missingDate}; }
      if (!members.length) { return {error: texts.missingMember}; }
      return {page: location.pathname,
              body: {date: day, center_id: +value(form, "center"), arrival_mode: checked(form, "arrival_mode")[0] || "",
                     returned_from: checked(form, "returned_from")[0] || "", returned_from_other: value(form, "returned_from_other"),
                     destination_municipality_id: +value(form, "destination_municipality") || 0,
                     care: checked(form, "care"), vulnerabilities: checked(form, "vulnerabilities"),
                     vulnerability_other: value(form, "vulnerability_other"), notes: value(form, "notes"),
                     members: members, captured_at: now},
              label: fmt(texts.receptionLabel, {date: showDay(day), n: members.length})};
    },
  };

  function forgetDraftsOfThisPage() {
    // tejido.js keeps what is typed in a POST form until it is saved: this one is saved (pending).
    var prefix = "tejido-borrador:" + user + ":" + location.pathname + ":";
    for (var i = localStorage.length - 1; i >= 0; i--) {
      var k = localStorage.key(i);
      if (k && k.indexOf(prefix) === 0) { localStorage.removeItem(k); }
    }
    sessionStorage.removeItem("tejido-enviado");
  }

  function onSubmit(event) {
    var form = event.target.closest("form[data-offline]");
    if (!form || navigator.onLine || !BUILD[form.dataset.offline]) { return; }
    var submitter = event.submitter;
    if (submitter && submitter.name === "agregar") { return; }  // «Agregar fila» needs the server
    event.preventDefault();
    var now = new Date().toISOString();
    var built = BUILD[form.dataset.offline](form, now);
    if (built.error) { status(built.error, true); return; }
    var record = {key: newKey(), kind: form.dataset.offline, api: form.dataset.api, body: built.body,
                  ifMatch: built.ifMatch === undefined ? null : built.ifMatch, label: built.label, page: built.page,
                  capturedAt: now, state: "pendiente", error: "", server: null};
    putRecord(record).then(function () {
      setTimeout(forgetDraftsOfThisPage, 0);
      if (form.dataset.offline !== "roll") { form.reset(); }
      status(texts.queued);
      return render();
    }).then(function () { box.scrollIntoView({block: "nearest"}); });
  }

  // ---- The list of pending records ----------------------------------------------------------
  function status(text, isError) {
    if (!box) { return; }
    var p = box.querySelector(".offline-status");
    p.textContent = text || "";
    p.classList.toggle("errorlist", !!isError);
    if (text) { box.hidden = false; }
  }
  function conflictTable(record) {
    var tpl = document.getElementById("pendiente-conflicto").content.firstElementChild.cloneNode(true);
    var server = record.server || {marks: []}, mine = record.body.present_enrolment_ids;
    var words = tpl.querySelector("[data-present]"), rows = tpl.querySelector("tbody");
    var who = tpl.querySelector("[data-server-who]");
    who.textContent = fmt(who.dataset.text, {who: server.taken_by || "", when: server.taken_at ? showTime(server.taken_at) : ""});
    var seen = {};
    server.marks.forEach(function (m) {
      seen[m.enrolment_id] = true;
      var tr = document.createElement("tr");
      [m.name, m.present ? words.dataset.present : words.dataset.absent,
       mine.indexOf(m.enrolment_id) >= 0 ? words.dataset.present : words.dataset.absent].forEach(function (text, i) {
        var td = document.createElement("td");
        td.textContent = text;
        if (i === 2 && (mine.indexOf(m.enrolment_id) >= 0) !== m.present) { td.className = "differs"; td.style.fontWeight = "bold"; }
        tr.appendChild(td);
      });
      rows.appendChild(tr);
    });
    mine.filter(function (id) { return !seen[id]; }).forEach(function (id) {
      var tr = document.createElement("tr");
      ["#" + id, "—", words.dataset.present].forEach(function (text) {
        var td = document.createElement("td"); td.textContent = text; tr.appendChild(td);
      });
      rows.appendChild(tr);
    });
    tpl.querySelector("[data-keep-mine]").addEventListener("click", function () {
      record.ifMatch = server.version || "";
      record.state = "pendiente"; record.server = null; record.error = "";
      putRecord(record).then(render).then(sync);
    });
    tpl.querySelector("[data-keep-server]").addEventListener("click", function () {
      removeRecord(record.key).then(render);
    });
    return tpl;
  }
  function matchesChoice(record) {
    // The same family twice (issue 16 item 6): the server found registered people like these members.
    var tpl = document.getElementById("pendiente-coincidencias").content.firstElementChild.cloneNode(true);
    var rows = tpl.querySelector("[data-rows]"), words = tpl.querySelector("[data-words]");
    (record.server.rows || []).forEach(function (row) {
      var member = record.body.members[row.row] || {}, set = document.createElement("fieldset");
      var legend = document.createElement("legend");
      legend.textContent = fmt(words.dataset.member, {n: row.row + 1, name: [member.given_names, member.first_surname,
        member.second_surname].join(" ").trim()});
      set.appendChild(legend);
      var name = "coincide-" + record.key + "-" + row.row;
      row.matches.concat([null]).forEach(function (m) {
        var label = document.createElement("label"), input = document.createElement("input");
        input.type = "radio"; input.name = name; input.value = m ? String(m.id) : "nueva";
        label.appendChild(input);
        label.appendChild(document.createTextNode(" " + (m ? fmt(words.dataset.same, {name: m.full_name,
          birth: showDay(m.birth_date), place: m.municipality}) + " (" + m.reasons.join(", ") + ")" : words.dataset.other)));
        set.appendChild(label);
      });
      rows.appendChild(set);
    });
    var error = tpl.querySelector("[data-choice-error]");
    tpl.querySelector("[data-send-choices]").addEventListener("click", function () {
      var chosen = {}, missing = false;
      (record.server.rows || []).forEach(function (row) {
        var picked = tpl.querySelector("input[name='coincide-" + record.key + "-" + row.row + "']:checked");
        if (!picked) { missing = true; } else { chosen[row.row] = picked.value; }
      });
      if (missing) { error.hidden = false; return; }
      Object.keys(chosen).forEach(function (i) {
        if (chosen[i] === "nueva") { record.body.confirm_distinct = true; } else { record.body.members[i].person_id = +chosen[i]; }
      });
      record.state = "pendiente"; record.server = null; record.error = "";
      putRecord(record).then(render).then(sync);
    });
    tpl.querySelector("[data-keep-server]").addEventListener("click", function () {
      removeRecord(record.key).then(render);
    });
    return tpl;
  }
  function render() {
    if (!box) { return Promise.resolve(); }
    return allRecords().then(function (records) {
      var list = box.querySelector(".offline-pending");
      list.textContent = "";
      records.forEach(function (record) {
        var li = document.getElementById("pendiente-fila").content.firstElementChild.cloneNode(true);
        li.dataset.key = record.key;
        li.dataset.kind = record.kind;
        li.dataset.stateCode = record.state;
        li.querySelector("[data-state]").textContent = texts["state" + record.state.charAt(0).toUpperCase() + record.state.slice(1)] || record.state;
        li.querySelector("[data-label]").textContent = record.label;
        li.querySelector("[data-time]").textContent = texts.taken + " " + showTime(record.capturedAt);
        if (record.error) {
          var error = li.querySelector("[data-error]");
          error.textContent = record.error; error.hidden = false;
        }
        if (record.state === "conflicto" || record.state === "coincidencias") {
          var holder = li.querySelector("[data-conflict]");
          holder.appendChild(record.state === "conflicto" ? conflictTable(record) : matchesChoice(record));
          holder.hidden = false;
        }
        if (record.state === "rechazado") {
          var discard = li.querySelector("[data-discard]");
          discard.hidden = false;
          discard.addEventListener("click", function () { removeRecord(record.key).then(render); });
        }
        list.appendChild(li);
      });
      box.hidden = !records.length && navigator.onLine && !box.querySelector(".offline-status").textContent;
      box.dataset.count = String(records.length);
      return records;
    });
  }

  // ---- Sending ------------------------------------------------------------------------------
  var STOP = {};
  function send(record, csrf) {
    record.state = "enviando";
    var headers = {"Content-Type": "application/json", "X-CSRFToken": csrf, "Idempotency-Key": record.key};
    if (record.ifMatch !== null && record.ifMatch !== undefined) { headers["If-Match"] = "\"" + record.ifMatch + "\""; }
    return putRecord(record).then(render).then(function () {
      return fetch(record.api, {method: "POST", credentials: "same-origin", headers: headers, body: JSON.stringify(record.body)});
    }).then(function (response) {
      if (response.status === 201) { return removeRecord(record.key).then(function () { return true; }); }
      return response.json().catch(function () { return {}; }).then(function (answer) {
        var detail = answer.detail || "";
        if (response.status === 401 || (response.status === 403 && /csrf/i.test(detail)) || response.status >= 500) {
          record.state = "pendiente";
          return putRecord(record).then(function () {
            if (response.status < 500) { status(texts.login, true); }
            throw STOP;
          });
        }
        if (response.status === 409 && record.kind === "roll") {
          var b = record.body;
          return fetch(record.api + "?centro=" + b.center_id + "&fecha=" + b.date, {credentials: "same-origin", cache: "no-store"})
            .then(function (r) { return r.ok ? r.json() : null; })
            .then(function (server) {
              record.state = "conflicto"; record.server = server || {marks: [], version: answer.version || ""};
              record.server.version = answer.version || record.server.version;
              record.error = "";
              return putRecord(record);
            });
        }
        if (response.status === 409 && record.kind === "reception" && answer.rows) {
          record.state = "coincidencias"; record.server = answer; record.error = "";
          return putRecord(record);
        }
        record.state = "rechazado";
        record.error = detail || texts.refused;
        return putRecord(record);
      });
    }, function () {
      record.state = "pendiente";
      return putRecord(record).then(function () { throw STOP; });
    });
  }
  function sync() {
    if (syncing || !navigator.onLine || !user) { return Promise.resolve(); }
    syncing = true;
    var sent = 0;
    return allRecords().then(function (records) {
      var todo = records.filter(function (r) { return r.state === "pendiente" || r.state === "enviando"; });
      if (!todo.length) { return null; }
      return fetch(SESSION_API, {credentials: "same-origin", cache: "no-store"}).then(function (response) {
        if (response.status === 401 || response.status === 403) { status(texts.login, true); throw STOP; }
        if (!response.ok) { throw STOP; }
        return response.json();
      }).then(function (session) {
        if (String(session.user_id) !== user) { status(texts.login, true); throw STOP; }
        return todo.reduce(function (chain, record) {
          return chain.then(function () { return send(record, session.csrf_token); })
            .then(function (ok) { if (ok === true) { sent += 1; } });
        }, Promise.resolve());
      });
    }).catch(function (error) { if (error !== STOP) { throw error; } }).then(function () {
      syncing = false;
      if (sent) { status(fmt(texts.sent, {n: sent})); }
      return render();
    }, function () { syncing = false; return render(); });
  }

  // ---- The roll opened from the phone's copy for another day ---------------------------------
  function lastWeekday() {
    var d = new Date();
    while (d.getDay() === 0 || d.getDay() === 6) { d.setDate(d.getDate() - 1); }
    return localDay(d);
  }
  function rollForAnotherDay() {
    var form = document.querySelector("form[data-offline=roll]");
    if (!form || navigator.onLine) { return; }
    var pageDay = value(form, "fecha");
    var wanted = new URLSearchParams(location.search).get("fecha") || lastWeekday();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(wanted) || wanted === pageDay) { return; }
    form.elements.fecha.value = wanted;
    form.elements.version.value = "";  // this phone never saw that day's list: any list saved is a conflict
    form.querySelectorAll("input[name=presente]").forEach(function (el) { el.checked = false; });
    var heading = document.querySelector("[data-roll-day]");
    if (heading) { heading.textContent = showDay(wanted); }
    status(texts.otherDay);
  }

  // ---- Hub: the pages kept on this phone ------------------------------------------------------
  function listPages() {
    var list = document.getElementById("paginas-sin-conexion");
    if (!list || !window.caches) { return; }
    caches.open(PAGES + user).then(function (cache) {
      return cache.keys().then(function (requests) {
        return Promise.all(requests.map(function (request) {
          return cache.match(request).then(function (response) { return response.text(); }).then(function (html) {
            var title = new DOMParser().parseFromString(html, "text/html").title;
            return {url: request.url, title: title};
          });
        }));
      });
    }).then(function (pages) {
      pages = pages.filter(function (p) { return new URL(p.url).pathname !== HUB; });
      list.textContent = "";
      if (!pages.length) { var li = document.createElement("li"); li.textContent = list.dataset.empty; list.appendChild(li); }
      pages.forEach(function (p) {
        var li = document.createElement("li"), a = document.createElement("a");
        a.href = p.url; a.textContent = p.title; li.appendChild(a); list.appendChild(li);
      });
    });
  }

  ready(function () {
    user = document.body.dataset.user || "";
    if (!user) {
      forgetCaches(true);  // nobody logged in: no copy of any page stays usable
      return;
    }
    if (!window.indexedDB) { return; }
    box = document.getElementById("sin-conexion");
    if (box) {
      Object.keys(box.dataset).forEach(function (name) { texts[name] = box.dataset[name]; });
      document.addEventListener("submit", onSubmit);
      rollForAnotherDay();
      if (!navigator.onLine) { status(texts.offlineNow); }
      render();
      listPages();
    }
    guardLogout();
    serviceWorker();
    window.addEventListener("online", function () { status(""); sync(); });
    window.addEventListener("offline", function () { status(texts.offlineNow); });
    sync();
    setInterval(sync, 60000);
  });
})();
