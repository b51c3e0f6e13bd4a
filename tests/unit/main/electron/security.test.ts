import {
  CONTENT_SECURITY_POLICY,
  isAppUrl,
  isSafeExternalUrl,
  isTrustedSender,
} from '../../../../main/electron/security';

const APP = 'file:///opt/csm/dist/renderer/index.html';

describe('security decisions', () => {
  it('lets only https and mailto links out', () => {
    expect(isSafeExternalUrl('https://docs.example.com/a?b=c')).toBe(true);
    expect(isSafeExternalUrl('mailto:someone@example.com')).toBe(true);
    for (const bad of [
      'http://example.com',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'https://user:pw@example.com',
      'not a url',
      'mailto:',
    ]) {
      expect(isSafeExternalUrl(bad)).toBe(false);
    }
  });

  it('recognises the app page whatever its hash, and nothing else', () => {
    expect(isAppUrl(`${APP}#/account/x/issues`, APP)).toBe(true);
    expect(isAppUrl('file:///opt/csm/dist/renderer/other.html', APP)).toBe(false);
    expect(isAppUrl('https://opt/csm/dist/renderer/index.html', APP)).toBe(false);
  });

  it('answers IPC only for the top frame of the app page', () => {
    expect(isTrustedSender({ url: `${APP}#/today`, parent: null }, APP)).toBe(true);
    expect(isTrustedSender({ url: APP, parent: {} }, APP)).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example', parent: null }, APP)).toBe(false);
    expect(isTrustedSender(null, APP)).toBe(false);
  });

  it('has a CSP without remote or inline script', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(
      /script-src[^;]*(unsafe-inline|unsafe-eval|https?:)/,
    );
  });
});
