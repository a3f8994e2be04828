import { beforeEach, describe, expect, it, vi } from 'vitest';
import { isSafeExternalUrl, openExternalSafely } from '../../../electron/main/external-links';
import { resetElectronMock, shell } from './electron-mock';

vi.mock('electron', () => import('./electron-mock'));

describe('isSafeExternalUrl', () => {
  it.each([
    ['https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html'],
    ['https://example.com'],
    ['https://example.com/'],
    ['https://EXAMPLE.com/Path?q=1#frag'],
    ['https://console.aws.amazon.com/iam/home?region=eu-west-1#/roles'],
    ['https://sub.domain.example.co.uk:8443/path'],
    ['https://xn--bcher-kva.example/'],
    ['https://bücher.example/'],
    ['https://example.com./'],
    ['https://a-b.example.org/%20encoded%20space'],
  ])('allows %s', (url) => {
    expect(isSafeExternalUrl(url)).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['plain http', 'http://example.com'],
    ['plain http, upper case', 'HTTP://example.com'],
    ['javascript:', 'javascript:alert(1)'],
    ['javascript: in mixed case', 'JaVaScRiPt:alert(1)'],
    ['javascript: after whitespace', '  javascript:alert(1)'],
    ['javascript: split by a tab', 'java\tscript:alert(1)'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['file:', 'file:///etc/passwd'],
    ['file: UNC', 'file://server/share'],
    ['the app scheme', 'warden://app/index.html'],
    ['the app scheme with a public-looking host', 'warden://docs.aws.amazon.com/'],
    ['the app scheme in upper case', 'WARDEN://app/index.html'],
    ['vbscript:', 'vbscript:msgbox(1)'],
    ['smb:', 'smb://attacker.example/share'],
    ['custom handler', 'ms-msdt:/id PCWDiagnostic'],
    ['custom scheme', 'x-warden://open'],
    ['mailto:', 'mailto:someone@example.com'],
    ['ftp:', 'ftp://example.com/file'],
    ['scheme-relative', '//example.com/path'],
    ['relative', '/relative/path'],
    ['no scheme', 'example.com'],
    ['no host', 'https://'],
    ['user in URL', 'https://user@example.com'],
    ['credentials in URL', 'https://user:pass@example.com'],
    ['password in URL', 'https://:pass@example.com'],
    ['lookalike with @', 'https://example.com@evil.example'],
    ['localhost', 'https://localhost/'],
    ['localhost, upper case', 'https://LOCALHOST:8080/'],
    ['*.localhost', 'https://app.localhost/'],
    ['.local', 'https://printer.local/'],
    ['.internal', 'https://metadata.google.internal/'],
    ['IPv4 loopback', 'https://127.0.0.1/'],
    ['instance metadata IP', 'https://169.254.169.254/latest/meta-data/'],
    ['private IPv4', 'https://10.0.0.1/'],
    ['public IPv4 literal', 'https://8.8.8.8/'],
    ['IPv4 as one number', 'https://2130706433/'],
    ['IPv4 in hex', 'https://0x7f.1/'],
    ['IPv6 loopback', 'https://[::1]/'],
    ['IPv6 literal', 'https://[2001:db8::1]/'],
    ['single label', 'https://intranet/'],
    ['numeric TLD', 'https://example.123/'],
    ['label starting with a hyphen', 'https://-bad.example.com/'],
    ['label ending with a hyphen', 'https://bad-.example.com/'],
    ['space in host', 'https://exa mple.com/'],
    ['raw space', 'https://example.com/ path'],
    ['newline', 'https://example.com/\npath'],
    ['NUL', 'https://example.com/\u0000'],
    ['backslashes', 'https:\\\\evil.example\\path'],
    ['backslash trick', 'https://example.com\\@evil.example'],
    ['bidi override', 'https://example.com/\u202epath'],
    ['over 2048 characters', `https://example.com/${'a'.repeat(2100)}`],
    ['garbage', 'not a url'],
  ])('refuses %s', (_what, url) => {
    expect(isSafeExternalUrl(url)).toBe(false);
  });

  it('refuses values that are not strings', () => {
    expect(isSafeExternalUrl(undefined as unknown as string)).toBe(false);
    expect(isSafeExternalUrl(null as unknown as string)).toBe(false);
    expect(isSafeExternalUrl({ toString: () => 'https://example.com' } as unknown as string)).toBe(false);
  });
});

describe('openExternalSafely', () => {
  beforeEach(() => {
    resetElectronMock();
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  });

  it('opens a safe URL in its canonical form', async () => {
    await expect(openExternalSafely('https://EXAMPLE.com')).resolves.toBe(true);
    expect(shell.openExternal).toHaveBeenCalledExactlyOnceWith('https://example.com/');
  });

  it('never hands an unsafe URL to the OS', async () => {
    await expect(openExternalSafely('file:///etc/passwd')).resolves.toBe(false);
    await expect(openExternalSafely('javascript:alert(1)')).resolves.toBe(false);
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it('reports a failure to open as false instead of throwing', async () => {
    shell.openExternal.mockRejectedValueOnce(new Error('no browser'));
    await expect(openExternalSafely('https://example.com/')).resolves.toBe(false);
  });
});
