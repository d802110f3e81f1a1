// Tejido's service worker (docs/offline.md), served at /sw.js so it covers the whole site.
// It keeps:
//   - static files (names carry their content's hash: a cached copy never goes stale), and
//   - the pages the server marks as usable offline (header X-Tejido-Offline: <user id>: the day's
//     roll, a child's screening, the migrant reception form, «Trabajo sin conexión»), in a cache of
//     that user only, for MAX_AGE.
// Pages come from the network while there is one; a cached copy is used only when the network
// fails. Nothing else (other pages, the API, exports) is ever kept. The pages clear everything at
// logout and when nobody is logged in (static/tejido/offline.js).
"use strict";

var STATIC = "tejido-static";
var PAGES = "tejido-pages-";          // + user id
var META = "tejido-meta";             // which user the cached pages belong to now
var USER_KEY = "/__tejido/usuario";
var MAX_AGE = 72 * 3600 * 1000;       // a copy of a page older than this is not used
var HEADER = "X-Tejido-Offline";
var STAMP = "X-Tejido-Cached-At";

self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) { event.waitUntil(self.clients.claim()); });

function pageKey(url) {
  var u = new URL(url, self.location.origin);
  return u.origin + u.pathname;  // ?fecha= and the like: one copy per page
}

function currentUser() {
  return caches.open(META).then(function (cache) { return cache.match(USER_KEY); })
    .then(function (found) { return found ? found.text() : ""; });
}

function setUser(user) {
  return currentUser().then(function (before) {
    if (before === user) { return null; }
    // Another user on this phone: the previous user's pages are dropped before any page of the
    // new one is kept, so one never sees the other's copies.
    return caches.keys().then(function (names) {
      return Promise.all(names.filter(function (n) { return n.indexOf(PAGES) === 0 && n !== PAGES + user; })
        .map(function (n) { return caches.delete(n); }));
    }).then(function () {
      return caches.open(META).then(function (cache) { return cache.put(USER_KEY, new Response(user)); });
    });
  });
}

function keepPage(response, url) {
  var user = response.headers.get(HEADER);
  if (!user || !/^\d+$/.test(user) || response.status !== 200 || response.redirected) { return Promise.resolve(false); }
  return response.blob().then(function (body) {
    var headers = new Headers(response.headers);
    headers.set(STAMP, String(Date.now()));
    var copy = new Response(body, {status: 200, statusText: "OK", headers: headers});
    return setUser(user).then(function () { return caches.open(PAGES + user); })
      .then(function (cache) { return cache.put(pageKey(url), copy); })
      .then(function () { return true; });
  });
}

function cachedPage(url) {
  return currentUser().then(function (user) {
    if (!user) { return null; }
    return caches.open(PAGES + user).then(function (cache) {
      return cache.match(pageKey(url), {ignoreSearch: true, ignoreVary: true}).then(function (found) {
        if (!found) { return null; }
        if (Date.now() - parseInt(found.headers.get(STAMP) || "0", 10) > MAX_AGE) {
          return cache.delete(pageKey(url)).then(function () { return null; });
        }
        return found;
      });
    });
  });
}

function forgetPages() {
  return caches.keys().then(function (names) {
    return Promise.all(names.filter(function (n) { return n.indexOf(PAGES) === 0 || n === META; })
      .map(function (n) { return caches.delete(n); }));
  });
}

function forgetAll() {
  return caches.keys().then(function (names) {
    return Promise.all(names.filter(function (n) { return n.indexOf("tejido-") === 0; })
      .map(function (n) { return caches.delete(n); }));
  });
}

function staticFile(request) {
  return caches.open(STATIC).then(function (cache) {
    return cache.match(request, {ignoreVary: true}).then(function (found) {
      if (found) { return found; }
      return fetch(request).then(function (response) {
        if (response.ok && response.type === "basic") { cache.put(request, response.clone()); }
        return response;
      });
    });
  });
}

function page(event) {
  var request = event.request;
  return fetch(request).then(function (response) {
    if (response.headers.get(HEADER)) {
      event.waitUntil(keepPage(response.clone(), request.url));
    } else if (response.redirected && new URL(response.url).pathname.indexOf("/cuenta/ingresar/") === 0) {
      event.waitUntil(forgetPages());  // the session ended: no page copies without a login
    }
    return response;
  }).catch(function () {
    return cachedPage(request.url).then(function (found) {
      return found || cachedPage(self.location.origin + "/sin-conexion/");
    }).then(function (found) { return found || Response.error(); });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") { return; }
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) { return; }
  if (url.pathname.indexOf("/static/") === 0) { event.respondWith(staticFile(request)); return; }
  if (request.mode === "navigate") { event.respondWith(page(event)); }
  // Anything else (the API, htmx fragments, exports) goes to the network and is never kept.
});

// Messages from the pages (static/tejido/offline.js), answered on the port they bring:
//   {type: "keep", urls: [...pages], assets: [...static files]}  first visit, before this worker
//                                                                  controlled the page
//   {type: "forget"}                                              logout: everything goes
//   {type: "forget-pages"}                                        nobody logged in
self.addEventListener("message", function (event) {
  var data = event.data || {}, port = event.ports && event.ports[0];
  var done;
  if (data.type === "keep") {
    var assets = (data.assets || []).filter(function (a) { return new URL(a, self.location.origin).pathname.indexOf("/static/") === 0; });
    done = Promise.all(assets.map(function (a) { return staticFile(new Request(a)).catch(function () { return null; }); }))
      .then(function () {
        return Promise.all((data.urls || []).map(function (u) {
          return fetch(u, {credentials: "same-origin"}).then(function (r) { return keepPage(r, u); })
            .catch(function () { return false; });
        }));
      });
  } else if (data.type === "forget") {
    done = forgetAll();
  } else if (data.type === "forget-pages") {
    done = forgetPages();
  } else {
    done = Promise.resolve(null);
  }
  event.waitUntil(done.then(function (result) { if (port) { port.postMessage({ok: true, result: result}); } },
                            function () { if (port) { port.postMessage({ok: false}); } }));
});
