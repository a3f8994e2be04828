import type { JsonValue } from '../facts';

type JsonArray = JsonValue[];
type JsonRecord = { [key: string]: JsonValue };

/** An open container and where it sits in its parent, so a finished array can be swapped for a compact copy. */
interface Frame {
  container: JsonArray | JsonRecord;
  parent: JsonArray | JsonRecord | null;
  /** Key in the parent object, or index in the parent array. */
  slot: string | number;
}

/** Shares one instance of repeated short strings (`Allow`, `2012-10-17`, `sts:AssumeRole`) across values. */
export class StringInterner {
  private readonly table = new Map<string, string>();
  private readonly maxEntries: number;
  private readonly maxLength: number;

  constructor(maxEntries = 65_536, maxLength = 64) {
    this.maxEntries = maxEntries;
    this.maxLength = maxLength;
  }

  intern(text: string): string {
    if (text.length > this.maxLength) return text;
    const known = this.table.get(text);
    if (known !== undefined) return known;
    if (this.table.size < this.maxEntries) this.table.set(text, text);
    return text;
  }
}

/**
 * Builds one JSON value from tokenizer events (the JsonTokenHandler events, minus offsets). Used to
 * materialise one element of a large document at a time, as compactly as JSON.parse would: finished
 * arrays are trimmed to their length, and string values can go through a shared interner.
 */
export class JsonValueBuilder {
  private readonly stack: Frame[] = [];
  private readonly interner: StringInterner | null;
  private pendingKey: string | null = null;
  private result: JsonValue | undefined = undefined;

  constructor(interner: StringInterner | null = null) {
    this.interner = interner;
  }

  /** True once a complete value has been built. */
  get done(): boolean {
    return this.result !== undefined && this.stack.length === 0;
  }

  /** The finished value; throws if it is not finished. */
  get value(): JsonValue {
    if (!this.done) throw new Error('JsonValueBuilder: value is not complete');
    return this.result as JsonValue;
  }

  /** Where the next value goes, from the top of the value: keys and indexes (for messages). */
  nextPath(): (string | number)[] {
    const path = this.stack.slice(1).map((frame) => frame.slot);
    const top = this.stack[this.stack.length - 1]?.container;
    if (top !== undefined) path.push(Array.isArray(top) ? top.length : (this.pendingKey ?? ''));
    return path;
  }

  startObject(): void {
    this.open({});
  }

  startArray(): void {
    this.open([]);
  }

  end(): void {
    const frame = this.stack.pop();
    if (frame === undefined || !Array.isArray(frame.container)) return;
    // Arrays grown by push() keep spare capacity; a slice() is exactly as long as its content.
    const compact = frame.container.slice();
    if (frame.parent === null) this.result = compact;
    else if (Array.isArray(frame.parent)) frame.parent[frame.slot as number] = compact;
    else this.assign(frame.parent, frame.slot as string, compact);
  }

  key(name: string): void {
    this.pendingKey = name;
  }

  scalar(value: string | number | boolean | null): void {
    this.add(typeof value === 'string' && this.interner !== null ? this.interner.intern(value) : value);
  }

  private open(container: JsonArray | JsonRecord): void {
    const parent = this.stack[this.stack.length - 1]?.container ?? null;
    const slot = parent === null ? 0 : Array.isArray(parent) ? parent.length : (this.pendingKey ?? '');
    this.add(container);
    this.stack.push({ container, parent, slot });
  }

  private add(value: JsonValue): void {
    const top = this.stack[this.stack.length - 1]?.container;
    if (top === undefined) {
      this.result = value;
    } else if (Array.isArray(top)) {
      top.push(value);
    } else {
      this.assign(top, this.pendingKey ?? '', value);
      this.pendingKey = null;
    }
  }

  private assign(target: JsonRecord, key: string, value: JsonValue): void {
    if (key === '__proto__') {
      // An own property, as JSON.parse makes it, never the prototype.
      Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
    } else {
      target[key] = value;
    }
  }
}
