/**
 * The per-service summary counts word by word; these check it against the obvious action-by-action
 * count on the real catalogue (whose service ranges straddle words), for random and edge-case sets.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getActionCatalogue } from '@core/analysis/iam-policy/action-catalogue';
import { ActionSet } from '@core/analysis/iam-policy/action-set';
import { ServiceSummaryCache, ServiceSummaryTable } from '@core/analysis/iam-policy/service-summary';
import { ACCESS_LEVELS, type ServiceAccess } from '@core/analysis/types';

const catalogue = getActionCatalogue();

/** The summary the slow way: every member, one by one. */
function naive(allowed: ActionSet, everywhere: readonly (readonly ActionSet[])[]): ServiceAccess[] {
  const rows = new Map<number, ServiceAccess>();
  for (const i of allowed) {
    const s = catalogue.serviceOf[i] ?? 0;
    let row = rows.get(s);
    if (row === undefined) {
      const range = catalogue.services[s];
      const levels = Object.fromEntries(
        ACCESS_LEVELS.map((level) => {
          let total = 0;
          for (let k = range?.start ?? 0; k < (range?.end ?? 0); k++) if (catalogue.levelAt(k) === level) total++;
          return [level, { allowed: 0, total }];
        }),
      ) as ServiceAccess['levels'];
      row = { service: range?.service ?? '', levels, anyResource: false };
      rows.set(s, row);
    }
    row.levels[catalogue.levelAt(i)].allowed++;
    if (everywhere.every((group) => group.some((set) => set.has(i)))) row.anyResource = true;
  }
  return [...rows.entries()].sort(([a], [b]) => a - b).map(([, row]) => row);
}

const actionSet = fc.oneof(
  fc.array(fc.integer({ min: 0, max: catalogue.size - 1 }), { maxLength: 300 }).map((xs) => ActionSet.of(catalogue.size, xs)),
  // Whole services and runs across word and service boundaries.
  fc.tuple(fc.integer({ min: 0, max: catalogue.size - 1 }), fc.integer({ min: 1, max: 3000 })).map(([start, length]) => ActionSet.range(catalogue.size, start, start + length)),
  fc.constantFrom(ActionSet.full(catalogue.size), ActionSet.empty(catalogue.size), catalogue.expand('s3:*'), catalogue.expand('iam:*')),
);

describe('ServiceSummaryTable', () => {
  it('counts exactly what the action-by-action count gives', () => {
    fc.assert(
      fc.property(actionSet, fc.array(actionSet, { maxLength: 3 }), fc.array(actionSet, { minLength: 1, maxLength: 2 }), (allowed, identityOnStar, boundaryOnStar) => {
        const groups = [identityOnStar, boundaryOnStar];
        const table = ServiceSummaryTable.of(catalogue, allowed, groups);
        expect(table.toList()).toEqual(naive(allowed, groups));
        // A second table from the same scratch space is unaffected by the first.
        expect(ServiceSummaryTable.of(catalogue, allowed, groups).toList()).toEqual(table.toList());
      }),
      { numRuns: 60 },
    );
  });

  it('writes the stored JSON exactly as JSON.stringify of the tuples made from its rows', () => {
    // The store keeps [service, allowed per level, total per level, anyResource 0|1] (db/repositories/agents.ts).
    const tuples = (rows: ServiceAccess[]): unknown[] =>
      rows.map((s) => [s.service, ACCESS_LEVELS.map((l) => s.levels[l].allowed), ACCESS_LEVELS.map((l) => s.levels[l].total), s.anyResource ? 1 : 0]);
    fc.assert(
      fc.property(actionSet, fc.array(actionSet, { maxLength: 3 }), fc.array(actionSet, { minLength: 1, maxLength: 2 }), (allowed, identityOnStar, boundaryOnStar) => {
        const table = ServiceSummaryTable.of(catalogue, allowed, [identityOnStar, boundaryOnStar]);
        expect(table.toStoredJson()).toBe(JSON.stringify(tuples(table.toList())));
      }),
      { numRuns: 60 },
    );
    expect(ServiceSummaryTable.of(catalogue, ActionSet.empty(catalogue.size), [[]]).toStoredJson()).toBe('[]');
  });

  it('answers per service and level, and intersects every "everywhere" mask', () => {
    const allowed = catalogue.expand('s3:*').or(catalogue.expand('iam:Get*'));
    const onStar = catalogue.expand('iam:*');
    const table = ServiceSummaryTable.of(catalogue, allowed, [[onStar], [catalogue.expand('s3:*')]]);
    expect(table.services()).toEqual(['iam', 's3']);
    expect(table.touches('S3')).toBe(true);
    expect(table.touches('kms')).toBe(false);
    expect(table.count('kms', 'Read')).toBe(0);
    const all = (service: string): number => ACCESS_LEVELS.reduce((n, level) => n + table.count(service, level), 0);
    expect(all('iam')).toBe(catalogue.expand('iam:Get*').count());
    expect(all('s3')).toBe(catalogue.expand('s3:*').count());
    expect(table.count('s3', 'Write')).toBe([...catalogue.expand('s3:*')].filter((i) => catalogue.levelAt(i) === 'Write').length);
    // iam is on `*` only through the first mask; s3 only through the second: neither in both.
    expect(table.toList().map((row) => row.anyResource)).toEqual([false, false]);
    expect(ServiceSummaryTable.of(catalogue, allowed, [[catalogue.expand('s3:*'), onStar]]).toList().map((row) => row.anyResource)).toEqual([true, true]);
  });

  it('is empty for an empty set', () => {
    const table = ServiceSummaryTable.of(catalogue, ActionSet.empty(catalogue.size), [[catalogue.all()]]);
    expect(table.services()).toEqual([]);
    expect(table.toList()).toEqual([]);
  });
});

describe('ServiceSummaryCache', () => {
  const copy = (set: ActionSet): ActionSet => new ActionSet(set.size, set.words.slice());

  it('gives principals with equal sets one table, equal to the one made for them alone', () => {
    fc.assert(
      fc.property(actionSet, fc.array(actionSet, { maxLength: 3 }), fc.array(actionSet, { minLength: 1, maxLength: 2 }), (allowed, identityOnStar, boundaryOnStar) => {
        const cache = new ServiceSummaryCache();
        const first = cache.of(catalogue, allowed, [identityOnStar, boundaryOnStar]);
        // Equal sets in other objects (another principal's): the same table.
        const again = cache.of(catalogue, copy(allowed), [identityOnStar.map(copy), boundaryOnStar.map(copy)]);
        expect(again).toBe(first);
        expect(first.toList()).toEqual(ServiceSummaryTable.of(catalogue, allowed, [identityOnStar, boundaryOnStar]).toList());
      }),
      { numRuns: 40 },
    );
  });

  it('makes another table when one bit or one group differs', () => {
    const cache = new ServiceSummaryCache();
    const allowed = catalogue.expand('s3:*').or(catalogue.expand('iam:Get*'));
    const onStar = [[catalogue.expand('iam:*')], [catalogue.expand('s3:*')]];
    const table = cache.of(catalogue, allowed, onStar);
    const oneMore = copy(allowed);
    const index = catalogue.indexOf('kms:Decrypt');
    oneMore.words[index >>> 5] = ((oneMore.words[index >>> 5] ?? 0) | (1 << (index & 31))) >>> 0;
    const other = cache.of(catalogue, oneMore, onStar);
    expect(other).not.toBe(table);
    expect(other.touches('kms')).toBe(true);
    expect(table.touches('kms')).toBe(false);
    // The same sets grouped otherwise are another "everywhere": another table.
    const regrouped = cache.of(catalogue, allowed, [[catalogue.expand('iam:*'), catalogue.expand('s3:*')]]);
    expect(regrouped).not.toBe(table);
    expect(regrouped.toList()).toEqual(ServiceSummaryTable.of(catalogue, allowed, [[catalogue.expand('iam:*'), catalogue.expand('s3:*')]]).toList());
    expect(cache.of(catalogue, copy(allowed), onStar)).toBe(table);
  });
});
