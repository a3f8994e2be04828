import * as tls from 'node:tls';
import { describe, expect, it, vi } from 'vitest';
import { trustSystemCertificates } from '../../../electron/main/system-certificates';

const ROOT_A = '-----BEGIN CERTIFICATE-----\nA\n-----END CERTIFICATE-----\n';
const ROOT_B = '-----BEGIN CERTIFICATE-----\nB\n-----END CERTIFICATE-----\n';
const PROXY_CA = '-----BEGIN CERTIFICATE-----\nPROXY\n-----END CERTIFICATE-----\n';

function fakeTls(stores: Record<string, string[]>) {
  return {
    getCACertificates: vi.fn((type?: string) => stores[type ?? 'default'] ?? []),
    setDefaultCACertificates: vi.fn<(certs: ReadonlyArray<string | NodeJS.ArrayBufferView>) => void>(),
  };
}

describe('trustSystemCertificates', () => {
  it('adds the OS store (where a corporate proxy CA lives) to the default list, once each', () => {
    const api = fakeTls({ default: [ROOT_A, ROOT_B], system: [ROOT_B, PROXY_CA] });
    expect(trustSystemCertificates(api)).toEqual({ status: 'added', count: 1 });
    expect(api.setDefaultCACertificates).toHaveBeenCalledExactlyOnceWith([ROOT_A, ROOT_B, PROXY_CA]);
  });

  it('changes nothing when the OS store adds nothing', () => {
    const api = fakeTls({ default: [ROOT_A], system: [ROOT_A] });
    expect(trustSystemCertificates(api)).toEqual({ status: 'added', count: 0 });
    expect(api.setDefaultCACertificates).not.toHaveBeenCalled();
  });

  it('says so when the runtime cannot do it, and never throws', () => {
    expect(trustSystemCertificates({})).toEqual({ status: 'unsupported' });
    const api = fakeTls({});
    api.getCACertificates.mockImplementation(() => {
      throw new Error('keychain locked');
    });
    expect(trustSystemCertificates(api)).toEqual({ status: 'failed', message: 'keychain locked' });
  });

  it('works against the real tls module of this Node', () => {
    const before = tls.getCACertificates('default');
    try {
      const outcome = trustSystemCertificates();
      expect(['added', 'failed']).toContain(outcome.status);
    } finally {
      tls.setDefaultCACertificates(before);
    }
  });
});
