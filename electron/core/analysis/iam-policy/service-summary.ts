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
  /** Per word and access level (w * LEVELS + l): the word's actions at that level. */
  levelMasks: Uint32Array;
  /** Per word: the access levels present in it, as bits (most words hold two or three). */
  wordLevels: Uint8Array;
  /**
   * Per word, its services as segments: segments [segmentStart[w], segmentStart[w + 1]) each with a
   * service and the word's bits of that service. Small services share words, so a word may hold
   * several; counting stays word-wide either way.
   */
  segmentStart: Int32Array;
  segmentService: Int32Array;
  segmentMask: Uint32Array;
  /** Per segment, its access levels: pairs [pairStart[g], pairStart[g + 1]) of a level and its bits. */
  pairStart: Int32Array;
  pairLevel: Uint8Array;
  pairMask: Uint32Array;
  /** Per service and level: the catalogue's number of actions (the "of N"). */
  totals: Int32Array;
  serviceIndex: Map<string, number>;
  /**
   * Per service, what its stored tuple starts and ends with (`["name",[` and `],[totals…],`), made
   * when first written: see ServiceSummaryTable.toStoredJson.
   */
  storedHead: (string | undefined)[];
  storedTotals: (string | undefined)[];
}

const layouts = new WeakMap<ActionCatalogue, Layout>();

function layoutOf(catalogue: ActionCatalogue): Layout {
  let layout = layouts.get(catalogue);
  if (layout !== undefined) return layout;
  const words = (catalogue.size + 31) >>> 5;
  const levelMasks = new Uint32Array(words * LEVELS);
  const wordLevels = new Uint8Array(words);
  const totals = new Int32Array(catalogue.services.length * LEVELS);
  for (let i = 0; i < catalogue.size; i++) {
    const level = catalogue.levelOf[i] ?? 0;
    const at = (i >>> 5) * LEVELS + level;
    levelMasks[at] = (levelMasks[at] ?? 0) | (1 << (i & 31));
    wordLevels[i >>> 5] = (wordLevels[i >>> 5] ?? 0) | (1 << level);
    const total = (catalogue.serviceOf[i] ?? 0) * LEVELS + level;
    totals[total] = (totals[total] ?? 0) + 1;
  }
  const segmentStart = new Int32Array(words + 1);
  const services: number[] = [];
  const masks: number[] = [];
  for (let w = 0; w < words; w++) {
    segmentStart[w] = services.length;
    for (let i = w << 5; i < Math.min((w + 1) << 5, catalogue.size); i++) {
      const service = catalogue.serviceOf[i] ?? 0;
      const last = services.length - 1;
      if (last >= (segmentStart[w] ?? 0) && services[last] === service) masks[last] = (masks[last] ?? 0) | (1 << (i & 31));
      else {
        services.push(service);
        masks.push(1 << (i & 31));
      }
    }
  }
  segmentStart[words] = services.length;
  const pairStart = new Int32Array(services.length + 1);
  const pairLevels: number[] = [];
  const pairMasks: number[] = [];
  for (let w = 0; w < words; w++) {
    for (let g = segmentStart[w] ?? 0; g < (segmentStart[w + 1] ?? 0); g++) {
      pairStart[g] = pairLevels.length;
      for (let l = 0; l < LEVELS; l++) {
        const bits = ((masks[g] ?? 0) & (levelMasks[w * LEVELS + l] ?? 0)) >>> 0;
        if (bits === 0) continue;
        pairLevels.push(l);
        pairMasks.push(bits);
      }
    }
  }
  pairStart[services.length] = pairLevels.length;
  layout = {
    pairStart,
    pairLevel: Uint8Array.from(pairLevels),
    pairMask: Uint32Array.from(pairMasks),
    levelMasks,
    wordLevels,
    segmentStart,
    segmentService: Int32Array.from(services),
    segmentMask: Uint32Array.from(masks, (m) => m >>> 0),
    totals, serviceIndex: new Map(catalogue.services.map((r, i) => [r.service, i])),
    storedHead: [],
    storedTotals: [],
  };
  layouts.set(catalogue, layout);
  return layout;
}

function popcount(value: number): number {
  let v = value - ((value >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

// Scratch space reused across principals (the analysis is synchronous): counts are written by the
// service's position among the touched ones, so the result is a few native slices of these.
let scratchSlot = new Int32Array(0);
let scratchTouched = new Uint16Array(0);
let scratchCounts = new Uint16Array(0);
let scratchAny = new Uint8Array(0);

/**
 * Tables already made in one analysis, by the sets they were made of (`ServiceSummaryTable.of`'s
 * arguments, compared word by word): principals given the same policies — roles made from one
 * template, users of one group — have equal sets, and a table is read-only, so they share one
 * instead of counting the same ~18,000 actions again (about a tenth of the analysis at 10,000 such
 * principals). Held by the analysis's policy context, so it lives as long as one analysis.
 */
export class ServiceSummaryCache {
  private readonly byHash = new Map<number, { allowed: Uint32Array; everywhere: readonly (readonly Uint32Array[])[]; table: ServiceSummaryTable }[]>();

  of(catalogue: ActionCatalogue, allowed: ActionSet, everywhere: readonly (readonly ActionSet[])[]): ServiceSummaryTable {
    const everywhereWords = everywhere.map((group) => group.map((set) => set.words));
    let hash = hashWords(allowed.words, 0x811c9dc5 ^ everywhereWords.length);
    for (const group of everywhereWords) {
      hash = Math.imul(hash ^ group.length, 0x01000193);
      for (const words of group) hash = hashWords(words, hash);
    }
    const candidates = this.byHash.get(hash);
    if (candidates !== undefined) {
      for (const made of candidates) {
        if (sameWords(made.allowed, allowed.words) && sameGroups(made.everywhere, everywhereWords)) return made.table;
      }
    }
    const table = ServiceSummaryTable.of(catalogue, allowed, everywhere);
    const entry = { allowed: allowed.words, everywhere: everywhereWords, table };
    if (candidates === undefined) this.byHash.set(hash, [entry]);
    else candidates.push(entry);
    return table;
  }
}

/** FNV-1a over the nonzero words and their positions. */
function hashWords(words: Uint32Array, seed: number): number {
  let hash = seed;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (word === 0) continue;
    hash = Math.imul(hash ^ i, 0x01000193);
    hash = Math.imul(hash ^ word, 0x01000193);
  }
  return Math.imul(hash ^ words.length, 0x01000193);
}

function sameWords(a: Uint32Array, b: Uint32Array): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameGroups(a: readonly (readonly Uint32Array[])[], b: readonly (readonly Uint32Array[])[]): boolean {
  if (a.length !== b.length) return false;
  for (let g = 0; g < a.length; g++) {
    const x = a[g]!;
    const y = b[g]!;
    if (x.length !== y.length) return false;
    for (let k = 0; k < x.length; k++) if (!sameWords(x[k]!, y[k]!)) return false;
  }
  return true;
}

export class ServiceSummaryTable implements ServiceSummaryView {
  private constructor(
    private readonly catalogue: ActionCatalogue,
    /** Touched services' indexes in the catalogue, increasing. */
    private readonly touched: Uint16Array,
    /** touched.length × levels (a service has far fewer than 65,536 actions at one level). */
    private readonly counts: Uint16Array,
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
    if (scratchSlot.length < serviceCount) {
      scratchSlot = new Int32Array(serviceCount);
      scratchTouched = new Uint16Array(serviceCount);
      scratchCounts = new Uint16Array(serviceCount * LEVELS);
      scratchAny = new Uint8Array(serviceCount);
    }
    const slot = scratchSlot;
    const touched = scratchTouched;
    const counts = scratchCounts;
    const anyRes = scratchAny;
    let n = 0;
    const a = allowed.words;
    const groups = everywhere.map((group) => group.map((set) => set.words));
    const everywhereAt = (w: number): number => {
      let word = 0xffffffff;
      for (const group of groups) {
        let union = 0;
        for (const words of group) union |= words[w]!;
        word &= union;
      }
      return word;
    };
    const { segmentStart, segmentService, segmentMask, pairStart, pairLevel, pairMask } = layout;
    // The hot loop of the summary: typed-array reads are in bounds by construction.
    for (let w = 0; w < a.length; w++) {
      const word = a[w]!;
      if (word === 0) continue;
      let onStar = -1;
      for (let g = segmentStart[w]!, end = segmentStart[w + 1]!; g < end; g++) {
        const bits = word & segmentMask[g]!;
        if (bits === 0) continue;
        const s = segmentService[g]!;
        let position = slot[s]! - 1;
        if (position < 0) {
          position = n++;
          slot[s] = position + 1;
          touched[position] = s;
        }
        const base = position * LEVELS;
        for (let k = pairStart[g]!, last = pairStart[g + 1]!; k < last; k++) {
          const c = popcount(bits & pairMask[k]!);
          if (c !== 0) {
            const at = base + pairLevel[k]!;
            counts[at] = counts[at]! + c;
          }
        }
        if (anyRes[position] === 0) {
          if (onStar === -1) onStar = everywhereAt(w) | 0;
          if ((bits & onStar) !== 0) anyRes[position] = 1;
        }
      }
    }
    // Words are read in order and services are contiguous ascending ranges: `touched` is sorted.
    const table = new ServiceSummaryTable(catalogue, touched.slice(0, n), counts.slice(0, n * LEVELS), anyRes.slice(0, n));
    for (let k = 0; k < n; k++) slot[touched[k]!] = 0;
    counts.fill(0, 0, n * LEVELS);
    anyRes.fill(0, 0, n);
    return table;
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

  /**
   * The summary as the analysis store keeps it (db/repositories/agents.ts): one
   * `[service, allowed per level, total per level, anyResource 0|1]` tuple per service, levels in
   * ACCESS_LEVELS order, as JSON — the same text as JSON.stringify of those tuples made from
   * toList(), written straight from the typed arrays. Through toList() the store made ~400 objects
   * and ~800 arrays per principal only to serialise them (1.4 s of CPU for 10,000 principals).
   */
  toStoredJson(): string {
    const layout = layoutOf(this.catalogue);
    let text = '[';
    for (let k = 0; k < this.touched.length; k++) {
      const s = this.touched[k]!;
      let head = layout.storedHead[s];
      let totals = layout.storedTotals[s];
      if (head === undefined || totals === undefined) {
        head = `[${JSON.stringify(this.catalogue.services[s]?.service ?? '')},[`;
        totals = `],${JSON.stringify(Array.from(layout.totals.subarray(s * LEVELS, (s + 1) * LEVELS)))},`;
        layout.storedHead[s] = head;
        layout.storedTotals[s] = totals;
      }
      if (k > 0) text += ',';
      text += head;
      for (let l = 0; l < LEVELS; l++) text += l === 0 ? String(this.counts[k * LEVELS]!) : `,${this.counts[k * LEVELS + l]!}`;
      text += `${totals}${this.anyResource[k] === 1 ? 1 : 0}]`;
    }
    return `${text}]`;
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
