import { describe, expect, it } from 'vitest';
import { exportFileName } from '@shared/export-file-name';

const NOW = new Date('2026-12-06T23:30:00Z');

describe('exportFileName', () => {
  it('names the one scan an export came from, or how many accounts, and the UTC day', () => {
    expect(exportFileName('findings', [{ id: '1a2b3c4d-0000-4000-8000-000000000000' }], 'sarif', NOW)).toBe('agent-warden-findings-scan-1a2b3c4d-2026-12-06.sarif');
    expect(exportFileName('inventory', [{ id: 'a' }, { id: 'b' }, { id: 'c' }], 'json', NOW)).toBe('agent-warden-inventory-3-accounts-2026-12-06.json');
  });

  it('keeps only safe characters of a hostile scan ID', () => {
    expect(exportFileName('findings', [{ id: '../../=cmd|x' }], 'csv', NOW)).toBe('agent-warden-findings-scan-cmdx-2026-12-06.csv');
    expect(exportFileName('findings', [{ id: '/../' }], 'csv', NOW)).toBe('agent-warden-findings-scan-unknown-2026-12-06.csv');
  });
});
