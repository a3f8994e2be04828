/**
 * Per service and access level, how many of the catalogue's actions a principal may use: the
 * "effective permissions by service" of the agent page, and what the tiers and several rules gate on.
 *
 * Speed and memory: this runs for every principal of a scan, and a principal holding ReadOnlyAccess
 * or PowerUserAccess touches ~400 services and ~20,000 actions. So the counting is word by word over
 * the bitset (a popcount per access level for the words that lie inside one service, bit by bit only
 * for the few words that straddle two services), and the result is a few typed arrays over the
 * touched services; `ServiceAccess` objects are made only when someone asks for the list.
 */
import type { AccessLevel, ServiceAccess, ServiceSummaryView } from '../types';
import { ACCESS_LEVELS } from '../types';
import type { ActionCatalogue } from './action-catalogue';
import type { ActionSet } from './action-set';

const LEVELS = ACCESS_LEVELS.length;

/** Per-catalogue tables the counting reads. */
interface Layout {
  /** Per access level, the catalogue actions at that level, as words. */
  levelMasks: Uint32Array[];
  /** Per word: the service all its actions belong to, or -1 when it straddles two (or is past the end). */
  wordService: Int32Array;
  /** Per service and level: the catalogue's number of actions (the "of N"). */
  totals: Int32Array;
  serviceIndex: Map<string, number>;
}

const layouts = new WeakMap<ActionCatalogue, Layout>();

function layoutOf(catalogue: ActionCatalogue): Layout {
  let layout = layouts.get(catalogue);
  if (layout !== undefined) return layout;
  const words = (catalogue.size + 31) >>> 5;
  const levelMasks = Array.from({ length: LEVELS }, () => new Uint32Array(words));
  const totals = new Int32Array(catalogue.services.length * LEVELS);
  for (let i = 0; i < catalogue.size; i++) {
    const level = catalogue.levelOf[i] ?? 0;
    const mask = levelMasks[level];
    if (mask !== undefined) mask[i >>> 5] = (mask[i >>> 5] ?? 0) | (1 << (i & 31));
    const at = (catalogue.serviceOf[i] ?? 0) * LEVELS + level;
    totals[at] = (totals[at] ?? 0) + 1;
  }
  const wordService = new Int32Array(words).fill(-1);
  for (let w = 0; w < words; w++) {
    const first = w << 5;
    const last = Math.min(first + 31, catalogue.size - 1);
    if (last < first) continue;
    const s = catalogue.serviceOf[first] ?? 0;
    if ((catalogue.serviceOf[last] ?? -1) === s && first + 31 === last) wordService[w] = s;
  }
  layout = { levelMasks, wordService, totals, serviceIndex: new Map(catalogue.services.map((r, i) => [r.service, i])) };
  layouts.set(catalogue, layout);
  return layout;
}

function popcount(value: number): number {
  let v = value - ((value >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

// Scratch space reused across principals (the analysis is synchronous): per service and level.
let scratchCounts = new Int32Array(0);
let scratchAny = new Uint8Array(0);
let scratchSeen = new Uint8Array(0);

export class ServiceSummaryTable implements ServiceSummaryView {
  private constructor(
    private readonly catalogue: ActionCatalogue,
    /** Touched services' indexes in the catalogue, increasing. */
    private readonly touched: Uint16Array,
    /** touched.length × levels. */
    private readonly counts: Int32Array,
    private readonly anyResource: Uint8Array,
  ) {}

  /**
   * Counts of `allowed` (actions allowed on some resource). `everywhere`: groups of sets, the union
   * of each group intersected across groups (identity Allows on `*`, then the boundary's), which with
   * `allowed` is what is allowed on every resource; it marks the services where some action applies
   * to `*`.
   */
  static of(catalogue: ActionCatalogue, allowed: ActionSet, everywhere: readonly (readonly ActionSet[])[]): ServiceSummaryTable {
    const layout = layoutOf(catalogue);
    const serviceCount = catalogue.services.length;
    if (scratchCounts.length < serviceCount * LEVELS) {
      scratchCounts = new Int32Array(serviceCount * LEVELS);
      scratchAny = new Uint8Array(serviceCount);
      scratchSeen = new Uint8Array(serviceCount);
    }
    const counts = scratchCounts;
    const anyRes = scratchAny;
    const seen = scratchSeen;
    const touched: number[] = [];
    const a = allowed.words;
    const groups = everywhere.map((group) => group.map((set) => set.words));
    const everywhereAt = (w: number): number => {
      let word = 0xffffffff;
      for (const group of groups) {
        let union = 0;
        for (const words of group) union |= words[w] ?? 0;
        word &= union;
      }
      return word;
    };
    const { levelMasks, wordService } = layout;
    const serviceOf = catalogue.serviceOf;
    const levelOf = catalogue.levelOf;
    for (let w = 0; w < a.length; w++) {
      const word = a[w] ?? 0;
      if (word === 0) continue;
      const s = wordService[w] ?? -1;
      if (s >= 0) {
        if (seen[s] === 0) {
          seen[s] = 1;
          touched.push(s);
        }
        for (let l = 0; l < LEVELS; l++) {
          const c = popcount(word & (levelMasks[l]?.[w] ?? 0));
          if (c !== 0) counts[s * LEVELS + l] = (counts[s * LEVELS + l] ?? 0) + c;
        }
        if (anyRes[s] === 0 && (word & everywhereAt(w)) !== 0) anyRes[s] = 1;
        continue;
      }
      let rest = word;
      const wordEverywhere = everywhereAt(w);
      while (rest !== 0) {
        const bit = 31 - Math.clz32(rest & -rest);
        rest &= rest - 1;
        const i = (w << 5) + bit;
        const si = serviceOf[i] ?? 0;
        if (seen[si] === 0) {
          seen[si] = 1;
          touched.push(si);
        }
        const at = si * LEVELS + (levelOf[i] ?? 0);
        counts[at] = (counts[at] ?? 0) + 1;
        if ((wordEverywhere & (1 << bit)) !== 0) anyRes[si] = 1;
      }
    }
    touched.sort((x, y) => x - y);
    const outCounts = new Int32Array(touched.length * LEVELS);
    const outAny = new Uint8Array(touched.length);
    touched.forEach((s, k) => {
      for (let l = 0; l < LEVELS; l++) {
        outCounts[k * LEVELS + l] = counts[s * LEVELS + l] ?? 0;
        counts[s * LEVELS + l] = 0;
      }
      outAny[k] = anyRes[s] ?? 0;
      anyRes[s] = 0;
      seen[s] = 0;
    });
    return new ServiceSummaryTable(catalogue, Uint16Array.from(touched), outCounts, outAny);
  }

  /** Position of a service among the touched ones, or -1. */
  private position(service: string): number {
    const index = layoutOf(this.catalogue).serviceIndex.get(service.toLowerCase());
    if (index === undefined) return -1;
    // Binary search: the touched list is sorted.
    let lo = 0;
    let hi = this.touched.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const value = this.touched[mid] ?? 0;
      if (value === index) return mid;
      if (value < index) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  count(service: string, level: AccessLevel): number {
    const k = this.position(service);
    return k < 0 ? 0 : (this.counts[k * LEVELS + ACCESS_LEVELS.indexOf(level)] ?? 0);
  }

  touches(service: string): boolean {
    return this.position(service) >= 0;
  }

  services(): readonly string[] {
    return Array.from(this.touched, (s) => this.catalogue.services[s]?.service ?? '');
  }

  toList(): ServiceAccess[] {
    const totals = layoutOf(this.catalogue).totals;
    return Array.from(this.touched, (s, k) => {
      const levels = {} as Record<AccessLevel, { allowed: number; total: number }>;
      ACCESS_LEVELS.forEach((level, l) => {
        levels[level] = { allowed: this.counts[k * LEVELS + l] ?? 0, total: totals[s * LEVELS + l] ?? 0 };
      });
      return { service: this.catalogue.services[s]?.service ?? '', levels, anyResource: this.anyResource[k] === 1 };
    });
  }
}
