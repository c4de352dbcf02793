/* Advertising conversion tag (stand-in for e.g. Twitter conversion tracking). Loaded only after consent. */
(function () {
  if (window.portalAds) return;
  var match = document.cookie.match(/(?:^|; )_pa_ads=([^;]+)/);
  var id = match ? match[1] : crypto.randomUUID ? crypto.randomUUID() : String(Math.random()).slice(2);
  if (!match) document.cookie = "_pa_ads=" + id + "; path=/; max-age=7776000; samesite=lax";
  window.portalAds = { id: id, loadedAt: new Date().toISOString() };
  document.documentElement.setAttribute("data-advertising", "loaded");
})();
