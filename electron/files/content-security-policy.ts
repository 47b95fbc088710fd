// The Content-Security-Policy of every page the app serves: web mode's HTTP server and the desktop
// app's app:// protocol send the same header. (renderer/index.html repeats it as a <meta> tag, which
// cannot carry frame-ancestors.)

/** Content-Security-Policy of the served pages: nothing but this origin (antd needs inline styles). */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
