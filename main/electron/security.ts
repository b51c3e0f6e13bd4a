// The Electron security baseline's decisions, as pure functions the shell and its tests share.

export { CONTENT_SECURITY_POLICY } from '../contentSecurityPolicy';

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
