// The Electron security baseline's decisions, as pure functions the shell and its tests share.

/** The renderer's policy: only our own bundle, no remote code, no plugins, no framing. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // antd's CSS-in-JS writes <style> elements at run time.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Links the app may hand to the operating system: web pages over TLS and e-mail only. */
export function isSafeExternalUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    if (url.protocol === 'mailto:') return url.pathname.length > 0;
    return url.protocol === 'https:' && url.hostname.length > 0 && !url.username && !url.password;
  } catch {
    return false;
  }
}

/** True when `raw` is the app's own page (same file, any hash): the only place it may be. */
export function isAppUrl(raw: string, appUrl: string): boolean {
  try {
    const url = new URL(raw);
    const app = new URL(appUrl);
    return url.protocol === app.protocol && url.host === app.host && url.pathname === app.pathname;
  } catch {
    return false;
  }
}

/** IPC is answered only for our own top-level page, never for a frame or a foreign page. */
export function isTrustedSender(
  frame: { url: string; parent: unknown } | null | undefined,
  appUrl: string,
): boolean {
  return Boolean(frame) && frame!.parent === null && isAppUrl(frame!.url, appUrl);
}
