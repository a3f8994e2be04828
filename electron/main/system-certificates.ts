/**
 * The back end's TLS (the AWS SDK's calls) trusts the operating system's certificate store as well as
 * Node's bundled roots.
 *
 * Why: the packaged app turns the `enableNodeOptionsEnvironmentVariable` fuse off (NODE_OPTIONS must
 * not inject code), and that fuse also makes Electron ignore NODE_EXTRA_CA_CERTS, the usual way to
 * trust a TLS-inspecting corporate proxy. Such a proxy's CA is installed in the OS store (the window's
 * Chromium trusts it already), so the main process adds that store to Node's default CA list once at
 * start-up. Nothing is trusted that the OS does not trust; the CLI (plain Node) is not affected and
 * still honours NODE_EXTRA_CA_CERTS.
 */
import * as tls from 'node:tls';

export type TlsCertificateApi = Partial<Pick<typeof tls, 'getCACertificates' | 'setDefaultCACertificates'>>;

export type SystemCertificatesOutcome = { status: 'added'; count: number } | { status: 'unsupported' } | { status: 'failed'; message: string };

/** Adds the OS store's certificates to Node's default CA list. Never throws. */
export function trustSystemCertificates(api: TlsCertificateApi = tls): SystemCertificatesOutcome {
  const { getCACertificates, setDefaultCACertificates } = api;
  // Both exist from Node 22.19 / 24.5 on (Electron 45 ships Node 24); feature-tested all the same.
  if (typeof getCACertificates !== 'function' || typeof setDefaultCACertificates !== 'function') return { status: 'unsupported' };
  try {
    const current = getCACertificates('default');
    const known = new Set(current);
    const added = getCACertificates('system').filter((certificate) => !known.has(certificate));
    if (added.length > 0) setDefaultCACertificates([...current, ...added]);
    return { status: 'added', count: added.length };
  } catch (error) {
    return { status: 'failed', message: error instanceof Error ? error.message : String(error) };
  }
}
