import { fileURLToPath } from 'node:url';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { describe, expect, it } from 'vitest';

// electron-builder reads electron-builder.yml (merged with package.json "build") with its own loader,
// and checks it against its own schema: the fuses below are exactly what it will flip.
const root = fileURLToPath(new URL('../../../', import.meta.url));
const quietLogger = { isEnabled: false, add: () => undefined } as unknown as Parameters<typeof validateConfiguration>[1];

describe('Electron fuses of the packaged app (electron-builder.yml)', () => {
  it('are valid for electron-builder and harden the binary', async () => {
    const config = await getConfig(root, null, null);
    await expect(validateConfiguration(config, quietLogger)).resolves.toBeUndefined();
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeCliInspectArguments: false,
      enableNodeOptionsEnvironmentVariable: false,
      grantFileProtocolExtraPrivileges: false,
      enableCookieEncryption: true,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
    });
  });

  it('are checked by name: electron-builder refuses a misspelt fuse (so the test above means something)', async () => {
    const config = await getConfig(root, null, null);
    const misspelt = { ...config, electronFuses: { ...config.electronFuses, enableNodeOptionsEnvironmentVarible: false } };
    await expect(validateConfiguration(misspelt, quietLogger)).rejects.toThrow(/electronFuses/);
  });
});
