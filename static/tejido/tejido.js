// Tejido's only script of its own: small behaviours declared with data attributes, so the
// pages need no inline JavaScript and the Content-Security-Policy can forbid it.
//   data-pick="<input id>" data-value="<value>" [data-focus="<id>"]  a search result's "Elegir" button
//   data-print                                                       prints the page
//   data-autosubmit                                                  submits its form on change
//   data-autofocus="<id>"  (on any element)                          focuses that field on load
//   data-export  (on an export link)   exports what the page shows now: filters applied with htmx
//                                      change the address bar, not the link
//   data-shown-for="<field>:<v1> <v2>"  (on a field)  its box is shown only while <field> of the same
//                                      form has one of those values (the report's period fields)
//   data-no-draft  (on a POST form)    never kept as a draft (codes, tokens, child-protection cases:
//                                      their content must not stay on a device)
// and two behaviours of every logged-in page (body data-user, data-idle-seconds):
//   drafts: what is typed in a POST form is kept in this browser until the form is saved, so a
//           session that ended, a lost link or a closed tab loses nothing (see below);
//   idle warning: a dialog a few minutes before the session ends, with «Seguir trabajando».
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
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
    var marker = document.querySelector("[data-autofocus]");
    var field = marker && document.getElementById(marker.dataset.autofocus);
    if (field) { field.focus(); }
    shownFor();
    drafts();
    idleWarning();
  });

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
