// The one inline script of our own: it runs in the head before the page is drawn and
// marks <html> when this browser has made a cookie choice (a readable marker cookie
// beside the httpOnly choice) or sends an opt-out signal, so the cookie banner that
// every cached page carries does not flash. Its hash is in every page's CSP.

/** Readable marker: "this browser has chosen"; the choice itself stays in the httpOnly cookie. */
export const COOKIE_CHOICE_MARKER = "cookie_choice_made";

export const COOKIE_BOOT_SCRIPT = `try{var n=navigator;if(/(?:^|; )${COOKIE_CHOICE_MARKER}=1/.test(document.cookie)||n.globalPrivacyControl===true||n.doNotTrack==="1")document.documentElement.setAttribute("data-cookie-choice","")}catch(e){}`;

/** sha256 of COOKIE_BOOT_SCRIPT as a CSP source (boot-script.test.ts checks it). */
export const COOKIE_BOOT_SCRIPT_HASH = "'sha256-oqybUMTZwdchl35fAYEIk4f+QwtTWOTce2pWuhczk2Y='";
