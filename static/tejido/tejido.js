// Tejido's only script of its own: small behaviours declared with data attributes, so the
// pages need no inline JavaScript and the Content-Security-Policy can forbid it.
//   data-pick="<input id>" data-value="<value>" [data-focus="<id>"]  a search result's "Elegir" button
//   data-insert="<text>"  (a button) puts the text at the cursor of the last focused textarea[data-narrative]
//                         (the report's text editor: a reference to a table cell)
//   data-print                                                       prints the page
//   data-autosubmit                                                  submits its form on change
//   data-autofocus="<id>"  (on any element)                          focuses that field on load
//   data-export  (on an export link)   exports what the page shows now: filters applied with htmx
//                                      change the address bar, not the link
//   data-shown-for="<field>:<v1> <v2>"  (on a field)  its box is shown only while <field> of the same
//                                      form has one of those values (the report's period fields)
//   data-no-draft  (on a POST form)    never kept as a draft (codes, tokens, child-protection cases:
//                                      their content must not stay on a device)
//   data-picker="<placeholder>"  (on a <select>)  a box above it to type part of a name: the list
//                                      narrows to the options whose label has every typed word,
//                                      ignoring accents and case («quiche» finds Quiché), the first
//                                      match is chosen; Enter in the box goes on to the next field.
//                                      data-picker-preset="<text>" narrows it at load while nothing
//                                      is chosen (the user's department). Without JS: the plain select
//   data-entry  (on a form)            a data-entry form: its first field has the focus on load
//   data-enter-adds-row="<prefix>"  (on a form with a formset table)  Enter never submits it: in
//                                      a row it goes to the next row's first cell, adding a row (a
//                                      copy of the last, emptied) after the last one; a draft
//                                      with more rows gets them back
// and two behaviours of every logged-in page (body data-user, data-idle-seconds):
//   drafts: what is typed in a POST form is kept in this browser until the form is saved, so a
//           session that ended, a lost link or a closed tab loses nothing (see below);
//   idle warning: a dialog a few minutes before the session ends, with «Seguir trabajando».
(function () {
  "use strict";
  var lastNarrative = null;
  document.addEventListener("focusin", function (event) {
    if (event.target.matches && event.target.matches("textarea[data-narrative]")) { lastNarrative = event.target; }
  });
  document.addEventListener("click", function (event) {
    var insert = event.target.closest("[data-insert]");
    if (insert) {
      var area = lastNarrative || document.querySelector("textarea[data-narrative]");
      if (!area) { return; }
      var at = area.selectionStart === undefined ? area.value.length : area.selectionStart;
      var end = area.selectionEnd === undefined ? at : area.selectionEnd;
      area.value = area.value.slice(0, at) + insert.dataset.insert + area.value.slice(end);
      area.focus();
      area.selectionStart = area.selectionEnd = at + insert.dataset.insert.length;
      area.dispatchEvent(new Event("input", {bubbles: true}));  // the draft keeps it
      return;
    }
    var pick = event.target.closest("[data-pick]");
    if (pick) {
      var input = document.getElementById(pick.dataset.pick);
      if (input) { input.value = pick.dataset.value; }
      var next = pick.dataset.focus && document.getElementById(pick.dataset.focus);
      if (next) { next.focus(); }
      return;
    }
    if (event.target.closest("[data-print]")) { window.print(); return; }
    var exportLink = event.target.closest("a[data-export]");
    if (exportLink) { exportLink.href = exportLink.href.split("?")[0] + window.location.search; }
  });
  document.addEventListener("change", function (event) {
    var field = event.target.closest("[data-autosubmit]");
    if (field && field.form) { field.form.submit(); }
  });
  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("select[data-picker]"), picker);
    Array.prototype.forEach.call(document.querySelectorAll("form[data-enter-adds-row]"), enterAddsRow);
    var marker = document.querySelector("[data-autofocus]");
    var field = marker && document.getElementById(marker.dataset.autofocus);
    if (!field) { field = firstField(document.querySelector("form[data-entry]")); }
    if (field) { field.focus(); }
    shownFor();
    drafts();
    idleWarning();
  });

  // ---- Typing fast: pickers, first field, Enter in a table of rows ------------------------
  function fold(text) {  // the same on both sides: no accents, lower case, single spaces
    return (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ").trim();
  }
  function firstField(form) {
    if (!form) { return null; }
    var invalid = form.querySelector("[aria-invalid=true]");
    if (invalid) { return invalid; }
    return Array.prototype.find.call(form.elements, function (el) {
      return !el.disabled && el.type !== "hidden" && el.type !== "submit" && el.type !== "button" &&
        el.tagName !== "FIELDSET" && el.offsetParent !== null;
    }) || null;
  }
  function picker(select) {
    var options = Array.prototype.slice.call(select.options);
    if (options.length < 8 || select.multiple) { return; }
    var blank = options.filter(function (o) { return o.value === ""; });
    var words = options.map(function (o) { return fold(o.textContent); });
    var box = document.createElement("input");
    box.type = "search";
    box.id = select.id + "-buscar";
    box.autocomplete = "off";
    box.placeholder = select.dataset.picker;
    box.setAttribute("aria-label", select.dataset.picker);
    box.setAttribute("aria-controls", select.id);
    box.className = "picker";
    var note = document.createElement("small");
    note.className = "muted picker-note";
    note.setAttribute("aria-live", "polite");
    select.parentNode.insertBefore(box, select);
    select.parentNode.insertBefore(note, select);
    function narrow(query, choose) {
      var q = fold(query).split(" ").filter(Boolean);
      var starts = [], inside = [];
      options.forEach(function (o, i) {
        if (o.value === "") { return; }
        if (!q.every(function (w) { return words[i].indexOf(w) >= 0; })) { return; }
        var atStart = q.length && words[i].split(/[\s—,.-]+/).some(function (part) { return part.indexOf(q[0]) === 0; });
        (atStart ? starts : inside).push(o);
      });
      var found = q.length ? starts.concat(inside) : options.filter(function (o) { return o.value !== ""; });
      var keep = select.value;
      select.textContent = "";
      (found.length ? blank.concat(found) : options).forEach(function (o) { select.appendChild(o); });
      note.textContent = q.length && !found.length ? select.dataset.pickerNone || "" : "";
      if (choose && q.length && found.length) { select.value = found[0].value; }
      else { select.value = keep; if (select.value !== keep) { select.value = ""; } }
      if (choose && select.value !== keep) { select.dispatchEvent(new Event("change", {bubbles: true})); }
    }
    box.addEventListener("input", function () { narrow(box.value, true); });
    box.addEventListener("focus", function () { box.select(); });
    box.addEventListener("keydown", function (event) {
      if (event.key !== "Enter") { return; }
      event.preventDefault();
      event.stopPropagation();
      var fields = Array.prototype.filter.call(select.form ? select.form.elements : [], function (el) {
        return !el.disabled && el.type !== "hidden" && el.tagName !== "FIELDSET" && el.offsetParent !== null;
      });
      var next = fields[fields.indexOf(select) + 1];
      if (next) { next.focus(); }
    });
    if (select.form) {
      select.form.addEventListener("reset", function () { box.value = ""; setTimeout(function () { narrow("", false); }, 0); });
    }
    if (select.dataset.pickerPreset && !select.value) {
      box.value = select.dataset.pickerPreset;
      narrow(box.value, false);
    }
  }
  function enterAddsRow(form) {
    var prefix = form.dataset.enterAddsRow, total = form.elements[prefix + "-TOTAL_FORMS"];
    var max = parseInt((form.elements[prefix + "-MAX_NUM_FORMS"] || {}).value || "1000", 10);
    var pattern = new RegExp("^(id_)?" + prefix + "-(\\d+)-");
    function rowOf(el) { var tr = el.closest("tr"); return tr && tr.querySelector("[name^='" + prefix + "-']") ? tr : null; }
    function firstCell(tr) { return tr.querySelector("input:not([type=hidden]), select"); }
    function addRow(last) {
      var n = parseInt(total.value, 10);
      if (n >= max) { return null; }
      var copy = last.cloneNode(true);
      copy.querySelectorAll(".errorlist").forEach(function (el) { el.remove(); });
      copy.querySelectorAll(".field-error").forEach(function (el) { el.classList.remove("field-error"); });
      copy.querySelectorAll("[name], [id]").forEach(function (el) {
        ["name", "id"].forEach(function (attr) {
          var v = el.getAttribute(attr);
          if (v && pattern.test(v)) { el.setAttribute(attr, v.replace(pattern, function (m, id) { return (id || "") + prefix + "-" + n + "-"; })); }
        });
        var label = el.getAttribute("aria-label");
        if (label) { el.setAttribute("aria-label", label.replace(/\d+$/, String(n + 1))); }
        el.removeAttribute("aria-invalid");
        el.removeAttribute("aria-describedby");
        if (el.tagName === "SELECT") {
          var initial = el.dataset.rowInitial || "";
          el.value = initial;
          if (el.value !== initial) { el.selectedIndex = 0; }
        } else if (el.type !== "checkbox" && el.type !== "radio") { el.value = ""; }
        else { el.checked = false; }
      });
      if (copy.id) { copy.id = copy.id.replace(/\d+$/, String(n + 1)); }
      var number = copy.querySelector("td.n");
      if (number) { number.textContent = String(n + 1); }
      last.parentNode.insertBefore(copy, last.nextSibling);
      total.value = String(n + 1);
      return copy;
    }
    // A draft with more rows than the page has (rows added with Enter): drafts() adds them first.
    form.tejidoRows = function (wanted) {
      while (parseInt(total.value, 10) < wanted) {
        var rows = form.querySelectorAll("tr [name^='" + prefix + "-']");
        if (!rows.length || !addRow(rows[rows.length - 1].closest("tr"))) { return; }
      }
    };
    form.addEventListener("keydown", function (event) {
      var el = event.target;
      if (event.key !== "Enter" || event.isComposing || event.defaultPrevented) { return; }
      if (el.tagName === "TEXTAREA" || el.tagName === "BUTTON" || el.tagName === "A" || el.type === "submit") { return; }
      event.preventDefault();  // Enter never saves this form: «Guardar» does
      var tr = rowOf(el);
      if (!tr) { return; }
      var rows = Array.prototype.filter.call(tr.parentNode.children, function (r) { return r.querySelector("[name^='" + prefix + "-']"); });
      var next = rows[rows.indexOf(tr) + 1] || addRow(rows[rows.length - 1]);
      var cell = next && firstCell(next);
      if (cell) { cell.focus(); }
    });
  }

  function shownFor() {
    var fields = document.querySelectorAll("[data-shown-for]");
    if (!fields.length) { return; }
    var update = function () {
      Array.prototype.forEach.call(fields, function (el) {
        var rule = el.dataset.shownFor.split(":"), control = el.form && el.form.elements[rule[0]];
        var box = el.closest("div");
        if (control && box) { box.hidden = rule[1].split(" ").indexOf(control.value) < 0; }
      });
    };
    document.addEventListener("change", update);
    update();
  }

  // ---- Drafts ----------------------------------------------------------------------------
  // Key: user, page and form, so another user of the same phone never sees them. A draft lives
  // until its form is saved (the next page has no error list for it), the user discards it, logs
  // out, or a day passes. After a submit that ended at the login page (session over), the draft
  // waits; logging in again brings the user back to the form (?next=) and fills it in.
  var DRAFT = "tejido-borrador:", SENT = "tejido-enviado", DAY = 24 * 3600 * 1000;
  var TYPED = "input[type=text],input[type=date],input[type=number],input[type=email],input[type=tel]," +
              "input[type=search],input:not([type]),textarea";

  function draftFields(form) {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && !el.disabled && el.name !== "csrfmiddlewaretoken" &&
        ["hidden", "password", "file", "submit", "button", "reset"].indexOf(el.type) < 0;
    });
  }
  function readForm(form) {
    var data = {};
    draftFields(form).forEach(function (el) {
      var list = data[el.name] = data[el.name] || [];
      if (el.type === "checkbox" || el.type === "radio") { if (el.checked) { list.push(el.value); } }
      else if (el.multiple) { Array.prototype.forEach.call(el.selectedOptions, function (o) { list.push(o.value); }); }
      else { list.push(el.value); }
    });
    return data;
  }
  function fillForm(form, data) {
    var seen = {};
    draftFields(form).forEach(function (el) {
      var values = data[el.name];
      if (!values) { return; }
      if (el.type === "checkbox" || el.type === "radio") { el.checked = values.indexOf(el.value) >= 0; }
      else if (el.multiple) { Array.prototype.forEach.call(el.options, function (o) { o.selected = values.indexOf(o.value) >= 0; }); }
      else { var i = seen[el.name] || 0; if (i < values.length) { el.value = values[i]; } seen[el.name] = i + 1; }
    });
  }
  function draftForms(user) {
    var forms = Array.prototype.filter.call(document.querySelectorAll("form"), function (form) {
      return (form.getAttribute("method") || "").toLowerCase() === "post" && !form.hasAttribute("data-no-draft") &&
        !form.hasAttribute("data-logout") && form.querySelector(TYPED);
    });
    return forms.map(function (form, index) {
      return {form: form, key: DRAFT + user + ":" + location.pathname + ":" + (form.id || index)};
    });
  }
  function load(key) {
    try {
      var draft = JSON.parse(localStorage.getItem(key) || "null");
      if (draft && Date.now() - draft.at < DAY) { return draft; }
    } catch (e) { /* a damaged draft is dropped */ }
    localStorage.removeItem(key);
    return null;
  }
  function forgetAll(user) {
    for (var i = localStorage.length - 1; i >= 0; i--) {
      var key = localStorage.key(i);
      if (key && key.indexOf(DRAFT + user + ":") === 0) { localStorage.removeItem(key); }
    }
  }
  function drafts() {
    var user = document.body.dataset.user;
    if (!user || !window.localStorage) { return; }
    var sent = sessionStorage.getItem(SENT);
    sessionStorage.removeItem(SENT);
    var found = draftForms(user);
    var keys = found.map(function (f) { return f.key; });
    var success = document.querySelector(".messages .success");
    if (sent && (keys.indexOf(sent) < 0 || success)) {
      localStorage.removeItem(sent);  // the form was saved: the page moved on, or said so
    }
    found.forEach(function (f) {
      var draft = load(f.key);
      var answered = f.form.querySelector(".errorlist, [aria-invalid=true]");
      if (draft && !answered) {  // errors: the server shows what was sent, which is the draft
        if (f.form.tejidoRows) {
          var wanted = 0, row = new RegExp("^" + f.form.dataset.enterAddsRow + "-(\\d+)-");
          Object.keys(draft.data).forEach(function (name) {
            var m = row.exec(name);
            if (m) { wanted = Math.max(wanted, parseInt(m[1], 10) + 1); }
          });
          f.form.tejidoRows(wanted);
        }
        fillForm(f.form, draft.data);
        var notice = document.getElementById("borrador-aviso").content.firstElementChild.cloneNode(true);
        notice.querySelector("[data-discard-draft]").addEventListener("click", function () {
          localStorage.removeItem(f.key);
          location.reload();
        });
        f.form.parentNode.insertBefore(notice, f.form);
      }
      var timer = null;
      var keep = function () {
        localStorage.setItem(f.key, JSON.stringify({at: Date.now(), data: readForm(f.form)}));
      };
      f.form.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(keep, 400); });
      f.form.addEventListener("change", keep);
      f.form.addEventListener("submit", function () { keep(); sessionStorage.setItem(SENT, f.key); });
    });
    var logout = document.querySelector("form[data-logout]");
    if (logout) { logout.addEventListener("submit", function () { forgetAll(user); }); }
  }

  // ---- Idle warning ----------------------------------------------------------------------
  // The server ends a session after data-idle-seconds without a request (renewed at most once a
  // minute), so the page warns early enough: a third of the limit before, at most three minutes.
  function idleWarning() {
    var body = document.body, dialog = document.getElementById("sesion-por-cerrar");
    var limit = parseInt(body.dataset.idleSeconds || "0", 10);
    if (!body.dataset.user || !limit || !dialog || !dialog.showModal) { return; }
    var full = parseInt(body.dataset.idleLimit || "0", 10) || limit;
    var before = Math.min(180, Math.floor(full / 3));
    var warnTimer, endTimer;
    var texts = dialog.querySelectorAll("[data-before]");
    var relogin = dialog.querySelector("[data-relogin]"), stay = dialog.querySelector("[data-stay]");
    relogin.href = body.dataset.login + "?next=" + encodeURIComponent(location.pathname + location.search);
    function show(ended) {
      Array.prototype.forEach.call(texts, function (el) { el.textContent = ended ? el.dataset.after : el.dataset.before; });
      stay.hidden = ended;
      relogin.hidden = !ended;
      if (!dialog.open) { dialog.showModal(); }
    }
    function start(left) {
      clearTimeout(warnTimer); clearTimeout(endTimer);
      warnTimer = setTimeout(function () { show(false); }, Math.max(0, left - before) * 1000);
      endTimer = setTimeout(function () { show(true); }, left * 1000);
    }
    stay.addEventListener("click", function () {
      var token = JSON.parse(body.getAttribute("hx-headers") || "{}")["X-CSRFToken"];
      fetch(body.dataset.keepAlive, {method: "POST", credentials: "same-origin", headers: {"X-CSRFToken": token}})
        .then(function (response) {
          if (response.status === 204) { dialog.close(); start(full); } else { show(true); }
        })
        .catch(function () { show(true); });
    });
    // an htmx request renews the session too, unless it was renewed less than a minute ago: the
    // warning keeps the page's own count, which is never later than the server's
    start(limit);
  }
})();
