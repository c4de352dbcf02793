/* First-party analytics (stand-in). Loaded by components/cookie-banner.tsx only after consent. */
(function () {
  if (window.portalAnalytics) return;
  var match = document.cookie.match(/(?:^|; )_pa_id=([^;]+)/);
  var id = match ? match[1] : crypto.randomUUID ? crypto.randomUUID() : String(Math.random()).slice(2);
  if (!match) document.cookie = "_pa_id=" + id + "; path=/; max-age=31536000; samesite=lax";
  window.portalAnalytics = { id: id, page: location.pathname, loadedAt: new Date().toISOString() };
  document.documentElement.setAttribute("data-analytics", "loaded");
})();
