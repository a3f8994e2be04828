import type { JsonValue } from '../facts';

type Container = JsonValue[] | { [key: string]: JsonValue };

/**
 * Builds one JSON value from tokenizer events (the same events as JsonTokenHandler, minus offsets).
 * Used to materialise one element of a large document at a time.
 */
export class JsonValueBuilder {
  private readonly stack: Container[] = [];
  private pendingKey: string | null = null;
  private result: JsonValue | undefined = undefined;

  /** True once a complete value has been built. */
  get done(): boolean {
    return this.result !== undefined && this.stack.length === 0;
  }

  /** The finished value; throws if it is not finished. */
  get value(): JsonValue {
    if (!this.done) throw new Error('JsonValueBuilder: value is not complete');
    return this.result as JsonValue;
  }

  startObject(): void {
    const object: { [key: string]: JsonValue } = {};
    this.add(object);
    this.push(object);
  }

  startArray(): void {
    const array: JsonValue[] = [];
    this.add(array);
    this.push(array);
  }

  end(): void {
    this.stack.pop();
  }

  key(name: string): void {
    this.pendingKey = name;
  }

  scalar(value: string | number | boolean | null): void {
    this.add(value);
  }

  private push(container: Container): void {
    this.stack.push(container);
  }

  private add(value: JsonValue): void {
    const top = this.stack[this.stack.length - 1];
    if (top === undefined) {
      this.result = value;
    } else if (Array.isArray(top)) {
      top.push(value);
    } else {
      const key = this.pendingKey ?? '';
      if (key === '__proto__') {
        // An own property, as JSON.parse makes it, never the prototype.
        Object.defineProperty(top, key, { value, enumerable: true, writable: true, configurable: true });
      } else {
        top[key] = value;
      }
      this.pendingKey = null;
    }
  }
}
