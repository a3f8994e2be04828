/**
 * A set of catalogue actions as a bitset over their numbers (0..size-1). With ~22,000 actions a set
 * is ~2.8 KB, and union/intersection are a few hundred word operations: this is what keeps the
 * analysis of 10,000 principals fast (expanding patterns per statement per principal is not).
 *
 * Sets are immutable by convention once shared; the `…InPlace` methods are for building new ones.
 */
export class ActionSet {
  readonly size: number;
  readonly words: Uint32Array;

  constructor(size: number, words?: Uint32Array) {
    this.size = size;
    this.words = words ?? new Uint32Array((size + 31) >>> 5);
  }

  static empty(size: number): ActionSet {
    return new ActionSet(size);
  }

  static full(size: number): ActionSet {
    const set = new ActionSet(size);
    set.words.fill(0xffffffff);
    set.clearTail();
    return set;
  }

  static of(size: number, indexes: Iterable<number>): ActionSet {
    const set = new ActionSet(size);
    for (const index of indexes) set.add(index);
    return set;
  }

  /** Every action in [start, end). */
  static range(size: number, start: number, end: number): ActionSet {
    const set = new ActionSet(size);
    for (let i = Math.max(0, start); i < Math.min(end, size); i++) set.add(i);
    return set;
  }

  has(index: number): boolean {
    if (index < 0 || index >= this.size) return false;
    return ((this.words[index >>> 5] ?? 0) & (1 << (index & 31))) !== 0;
  }

  add(index: number): void {
    if (index < 0 || index >= this.size) return;
    const w = index >>> 5;
    this.words[w] = (this.words[w] ?? 0) | (1 << (index & 31));
  }

  delete(index: number): void {
    if (index < 0 || index >= this.size) return;
    const w = index >>> 5;
    this.words[w] = (this.words[w] ?? 0) & ~(1 << (index & 31));
  }

  clone(): ActionSet {
    return new ActionSet(this.size, this.words.slice());
  }

  // New sets in one pass over both (not a copy and then a second pass): a large account makes tens
  // of thousands of them.
  or(other: ActionSet): ActionSet {
    const a = this.words;
    const b = other.words;
    const out = new Uint32Array(a.length);
    for (let i = 0; i < a.length; i++) out[i] = (a[i] ?? 0) | (b[i] ?? 0);
    return new ActionSet(this.size, out);
  }

  and(other: ActionSet): ActionSet {
    const a = this.words;
    const b = other.words;
    const out = new Uint32Array(a.length);
    for (let i = 0; i < a.length; i++) out[i] = (a[i] ?? 0) & (b[i] ?? 0);
    return new ActionSet(this.size, out);
  }

  andNot(other: ActionSet): ActionSet {
    const a = this.words;
    const b = other.words;
    const out = new Uint32Array(a.length);
    for (let i = 0; i < a.length; i++) out[i] = (a[i] ?? 0) & ~(b[i] ?? 0);
    return new ActionSet(this.size, out);
  }

  /** The complement within the catalogue. */
  not(): ActionSet {
    const out = new ActionSet(this.size);
    const a = this.words;
    const o = out.words;
    for (let i = 0; i < o.length; i++) o[i] = ~(a[i] ?? 0);
    out.clearTail();
    return out;
  }

  orInPlace(other: ActionSet): this {
    const a = this.words;
    const b = other.words;
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) a[i] = (a[i] ?? 0) | (b[i] ?? 0);
    return this;
  }

  andInPlace(other: ActionSet): this {
    const a = this.words;
    const b = other.words;
    for (let i = 0; i < a.length; i++) a[i] = (a[i] ?? 0) & (b[i] ?? 0);
    return this;
  }

  andNotInPlace(other: ActionSet): this {
    const a = this.words;
    const b = other.words;
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) a[i] = (a[i] ?? 0) & ~(b[i] ?? 0);
    return this;
  }

  isEmpty(): boolean {
    const a = this.words;
    for (let i = 0; i < a.length; i++) if (a[i] !== 0) return false;
    return true;
  }

  intersects(other: ActionSet): boolean {
    const a = this.words;
    const b = other.words;
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) if (((a[i] ?? 0) & (b[i] ?? 0)) !== 0) return true;
    return false;
  }

  /** Every member of `other` is in this set. */
  containsAll(other: ActionSet): boolean {
    const a = this.words;
    const b = other.words;
    for (let i = 0; i < b.length; i++) if (((b[i] ?? 0) & ~(a[i] ?? 0)) !== 0) return false;
    return true;
  }

  equals(other: ActionSet): boolean {
    if (other.size !== this.size) return false;
    const a = this.words;
    const b = other.words;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }

  count(): number {
    let total = 0;
    const a = this.words;
    for (let i = 0; i < a.length; i++) total += popcount(a[i] ?? 0);
    return total;
  }

  /** Members in [start, end): per-service counts, services being contiguous ranges. */
  countRange(start: number, end: number): number {
    let total = 0;
    for (let i = start; i < end; ) {
      if ((i & 31) === 0 && i + 32 <= end) {
        total += popcount(this.words[i >>> 5] ?? 0);
        i += 32;
      } else {
        if (this.has(i)) total++;
        i++;
      }
    }
    return total;
  }

  /** Members in increasing order. */
  *[Symbol.iterator](): IterableIterator<number> {
    const a = this.words;
    for (let w = 0; w < a.length; w++) {
      let word = a[w] ?? 0;
      while (word !== 0) {
        const bit = 31 - Math.clz32(word & -word);
        yield (w << 5) + bit;
        word &= word - 1;
      }
    }
  }

  /** Members also in `other`, in increasing order, without making the intersection set. */
  commonWith(other: ActionSet): number[] {
    const out: number[] = [];
    const a = this.words;
    const b = other.words;
    const n = Math.min(a.length, b.length);
    for (let w = 0; w < n; w++) {
      let word = (a[w] ?? 0) & (b[w] ?? 0);
      while (word !== 0) {
        const bit = 31 - Math.clz32(word & -word);
        out.push((w << 5) + bit);
        word &= word - 1;
      }
    }
    return out;
  }

  toArray(): number[] {
    return [...this];
  }

  /** Bits past `size` in the last word stay zero, so count/equals/not are exact. */
  private clearTail(): void {
    const extra = this.words.length * 32 - this.size;
    if (extra > 0 && this.words.length > 0) {
      const last = this.words.length - 1;
      this.words[last] = (this.words[last] ?? 0) & (0xffffffff >>> extra);
    }
  }
}

function popcount(value: number): number {
  let v = value - ((value >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
