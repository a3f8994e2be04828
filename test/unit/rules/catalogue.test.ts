/** The rules are exactly FINDINGS.md's required table, in its order, with its severities, steps and references. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULE_IDS, RULES } from '@core/analysis/rules/index';
import { findingFingerprint } from '@core/analysis/rules/fingerprint';

interface CatalogueRow {
  id: string;
  severity: string;
  step: number;
  refs: string;
}

function requiredTable(): CatalogueRow[] {
  const text = readFileSync(resolve(process.cwd(), '../shared/FINDINGS.md'), 'utf8');
  const start = text.indexOf('## Required in the first analysis release');
  const end = text.indexOf('\n## ', start + 1);
  const rows: CatalogueRow[] = [];
  for (const line of text.slice(start, end).split('\n')) {
    const match = /^\|\s*`([a-z0-9_]+)`\s*\|([^|]*)\|([^|]*)\|([^|]*)\|/.exec(line);
    if (match === null) continue;
    rows.push({ id: match[1] ?? '', severity: (match[2] ?? '').trim(), step: Number((match[3] ?? '').trim()), refs: (match[4] ?? '').trim() });
  }
  return rows;
}

describe('the findings catalogue', () => {
  const table = requiredTable();

  it('has every required rule, IDs exactly as written, in catalogue order', () => {
    expect(table.length).toBeGreaterThan(20);
    expect([...RULE_IDS]).toEqual(table.map((row) => row.id));
  });

  it.each(table)('$id: step, default severity and framework references match the table', (row) => {
    const rule = RULES.find((candidate) => candidate.id === row.id);
    expect(rule?.step).toBe(row.step);
    // "critical (non-T1 agent: high)", "high (T1) / medium", "per policy": the first word is the default.
    const first = /^(critical|high|medium|low|info)/.exec(row.severity)?.[1];
    if (first !== undefined && row.id !== 'bedrock_action_without_confirmation') expect(rule?.defaultSeverity).toBe(first);
    const refs = row.refs === '—' ? [] : row.refs.split(',').map((ref) => ref.trim());
    expect(rule?.frameworks).toEqual(refs);
  });
});

describe('fingerprints', () => {
  it('are sha256 hex, stable, and differ by rule, resource and discriminator', () => {
    const a = findingFingerprint('static_access_key', 'arn:aws:iam::1:user/x/access-key/1');
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(findingFingerprint('static_access_key', 'arn:aws:iam::1:user/x/access-key/1')).toBe(a);
    expect(findingFingerprint('static_access_key', 'arn:aws:iam::1:user/x/access-key/2')).not.toBe(a);
    expect(findingFingerprint('access_key_unused', 'arn:aws:iam::1:user/x/access-key/1')).not.toBe(a);
    expect(findingFingerprint('static_access_key', 'arn:aws:iam::1:user/x/access-key/1', 's3')).not.toBe(a);
    expect(findingFingerprint('a', 'b:c')).not.toBe(findingFingerprint('a:b', 'c'));
  });

  it('keep their values across versions: a stored finding must match itself in the next scan', () => {
    // sha256 of the UTF-8 text "rule NUL resource [NUL discriminator]", computed apart (Python hashlib).
    expect(findingFingerprint('static_access_key', 'arn:aws:iam::1:user/x/access-key/1')).toBe('44b99703c6febcfa2370b7ee8bcb49321f35debbbbb0cf80ca5db49028dd1eb0');
    expect(findingFingerprint('policy_service_wildcard', 'arn:aws:iam::1:policy/é', 's3')).toBe('1c33651be1df81eac504160ae7f094bcb078e7cd658b7f72427b98c33332256e');
  });
});
