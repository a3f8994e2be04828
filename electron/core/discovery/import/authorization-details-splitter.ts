/**
 * Splits a GetAccountAuthorizationDetails export into its elements as the bytes stream in: a
 * JsonTokenHandler that materialises one element of `UserDetailList`, `GroupDetailList`,
 * `RoleDetailList` or `Policies` at a time and hands it on, so memory is bounded by the largest
 * element rather than the file.
 *
 * Accepted layouts: one page object; several page objects one after another (pages appended to one
 * file); an array of page objects (`jq -s`). Other top-level members (`Marker`, `IsTruncated`, …)
 * are skipped without being built.
 */
import { AppError } from '../../errors';
import type { JsonValue } from '../facts';
import type { JsonTokenHandler } from '../json/json-tokenizer';
import { JsonValueBuilder, StringInterner } from '../json/json-value-builder';
import { describeValue, joinPath } from '../shape-problems';

export const AUTHORIZATION_DETAILS_LISTS = ['UserDetailList', 'GroupDetailList', 'RoleDetailList', 'Policies'] as const;
export type AuthorizationDetailsList = (typeof AUTHORIZATION_DETAILS_LISTS)[number];

function isListName(name: string): name is AuthorizationDetailsList {
  return (AUTHORIZATION_DETAILS_LISTS as readonly string[]).includes(name);
}

/** Where an element sits in the file, for error messages. */
export interface ElementLocation {
  list: AuthorizationDetailsList;
  /** Index within its list on its page (0-based). */
  index: number;
  /** 1-based page number (concatenated or arrayed pages). */
  page: number;
  /** Byte offset and 1-based line of the element's first byte. */
  offset: number;
  line: number;
}

/** `RoleDetailList[12]`, or `page 2 RoleDetailList[12]` when the file holds several pages. */
export function describeLocation(location: ElementLocation): string {
  const prefix = location.page > 1 ? `page ${location.page} ` : '';
  return `${prefix}${location.list}[${location.index}]`;
}

export interface SplitterOptions {
  /** Largest element accepted, in bytes. Default 64 MiB. */
  maxElementBytes?: number;
  /** The current line, read from the tokenizer when an element starts. */
  currentLine?: () => number;
}

type Frame =
  | { kind: 'pages'; count: number }
  | { kind: 'page' }
  | { kind: 'list'; list: AuthorizationDetailsList; count: number }
  | { kind: 'skip' };

const NO_LISTS = `none of ${AUTHORIZATION_DETAILS_LISTS.join(', ')}`;

export class AuthorizationDetailsSplitter implements JsonTokenHandler {
  private readonly onElement: (value: JsonValue, location: ElementLocation) => void;
  private readonly maxElementBytes: number;
  private readonly currentLine: () => number;

  private readonly frames: Frame[] = [];
  private pages = 0;
  private pageKey: string | null = null;
  private pageHasList = false;
  private pageKeys: string[] = [];
  private listsSeen = new Set<AuthorizationDetailsList>();

  private readonly interner = new StringInterner();
  private builder: JsonValueBuilder | null = null;
  private location: ElementLocation | null = null;

  constructor(onElement: (value: JsonValue, location: ElementLocation) => void, options: SplitterOptions = {}) {
    this.onElement = onElement;
    this.maxElementBytes = options.maxElementBytes ?? 64 * 1024 * 1024;
    this.currentLine = options.currentLine ?? (() => 0);
  }

  /** Pages seen so far. */
  get pageCount(): number {
    return this.pages;
  }

  /** Call after the tokenizer's end(): throws when the input held no authorization-details list. */
  finish(): void {
    if (this.listsSeen.size === 0) {
      throw new AppError(
        'invalid_input',
        this.pages === 0
          ? `not an authorization-details export: it holds no page object with ${AUTHORIZATION_DETAILS_LISTS.join('/')}`
          : `not an authorization-details export: ${NO_LISTS}`,
      );
    }
  }

  startObject(offset: number): void {
    this.startContainer(offset, 'object');
  }

  startArray(offset: number): void {
    this.startContainer(offset, 'array');
  }

  endObject(offset: number): void {
    this.endContainer(offset);
  }

  endArray(offset: number): void {
    this.endContainer(offset);
  }

  key(name: string): void {
    if (this.builder !== null) {
      this.builder.key(name);
      return;
    }
    if (this.frames[this.frames.length - 1]?.kind === 'page') {
      this.pageKey = name;
      if (this.pageKeys.length < 6) this.pageKeys.push(name);
    }
  }

  value(value: string | number | boolean | null, offset: number, text?: string): void {
    if (typeof value === 'number' && !Number.isFinite(value)) {
      // 1e999 parses as Infinity, which no IAM field can hold; say so where it is, quoting the file.
      const where = this.builder !== null && this.location !== null ? joinPath(describeLocation(this.location), this.builder.nextPath()) : this.describeOutside();
      throw new AppError('invalid_input', `${where}: ${text ?? String(value)} is not a finite number (line ${this.currentLine()}, byte ${offset})`);
    }
    if (this.builder !== null) {
      this.builder.scalar(value);
      this.checkSize(offset);
      return;
    }
    const frame = this.frames[this.frames.length - 1];
    if (frame === undefined) {
      throw this.wrongTop(describeValue(value));
    }
    switch (frame.kind) {
      case 'pages':
        throw this.wrongPage(frame.count++, describeValue(value));
      case 'page':
        if (this.pageKey !== null && isListName(this.pageKey)) {
          throw new AppError('invalid_input', `${this.pagePrefix()}${this.pageKey}: expected an array, found ${describeValue(value)}`);
        }
        return;
      case 'list':
        // A scalar where an element belongs: hand it on, so its validation names the problem.
        this.onElement(value, this.nextLocation(frame, offset));
        return;
      case 'skip':
        return;
    }
  }

  private startContainer(offset: number, type: 'object' | 'array'): void {
    if (this.builder !== null) {
      if (type === 'object') this.builder.startObject();
      else this.builder.startArray();
      this.checkSize(offset);
      return;
    }
    const frame = this.frames[this.frames.length - 1];
    if (frame === undefined) {
      if (type === 'object') this.beginPage();
      else this.frames.push({ kind: 'pages', count: 0 });
      return;
    }
    switch (frame.kind) {
      case 'pages':
        if (type !== 'object') throw this.wrongPage(frame.count, 'an array');
        frame.count++;
        this.beginPage();
        return;
      case 'page': {
        const key = this.pageKey;
        if (key !== null && isListName(key)) {
          if (type !== 'array') {
            throw new AppError('invalid_input', `${this.pagePrefix()}${key}: expected an array, found an object`);
          }
          this.pageHasList = true;
          this.listsSeen.add(key);
          this.frames.push({ kind: 'list', list: key, count: 0 });
        } else {
          this.frames.push({ kind: 'skip' });
        }
        return;
      }
      case 'list':
        this.location = this.nextLocation(frame, offset);
        this.builder = new JsonValueBuilder(this.interner);
        if (type === 'object') this.builder.startObject();
        else this.builder.startArray();
        return;
      case 'skip':
        this.frames.push({ kind: 'skip' });
        return;
    }
  }

  private endContainer(offset: number): void {
    const builder = this.builder;
    if (builder !== null) {
      builder.end();
      if (builder.done) {
        const location = this.location;
        this.builder = null;
        this.location = null;
        if (location !== null) this.onElement(builder.value, location);
      } else {
        this.checkSize(offset);
      }
      return;
    }
    const frame = this.frames.pop();
    if (frame?.kind === 'page') this.endPage();
  }

  private beginPage(): void {
    this.pages++;
    this.pageKey = null;
    this.pageHasList = false;
    this.pageKeys = [];
    this.frames.push({ kind: 'page' });
  }

  private endPage(): void {
    if (this.pageHasList) return;
    const keys = this.pageKeys.length === 0 ? 'it is an empty object' : `its members are ${this.pageKeys.join(', ')}`;
    const hint =
      this.pageKeys.includes('Content') && this.pageKeys.includes('ReportFormat')
        ? ' (this looks like a credential report: import it as the credential report)'
        : '';
    const where = this.pages > 1 ? ` (page ${this.pages})` : '';
    throw new AppError('invalid_input', `not an authorization-details export${where}: ${NO_LISTS}; ${keys}${hint}`);
  }

  private nextLocation(frame: { list: AuthorizationDetailsList; count: number }, offset: number): ElementLocation {
    return { list: frame.list, index: frame.count++, page: this.pages, offset, line: this.currentLine() };
  }

  private checkSize(offset: number): void {
    const location = this.location;
    if (location !== null && offset - location.offset > this.maxElementBytes) {
      throw new AppError(
        'invalid_input',
        `${describeLocation(location)} is larger than ${formatBytes(this.maxElementBytes)} (starting at line ${location.line}, byte ${location.offset}): too large for one IAM entity`,
      );
    }
  }

  /** Where a value outside any element sits: a list element itself, or a page member. */
  private describeOutside(): string {
    const frame = this.frames[this.frames.length - 1];
    if (frame?.kind === 'list') return `${this.pagePrefix()}${frame.list}[${frame.count}]`;
    if (frame?.kind === 'page' && this.pageKey !== null) return `${this.pagePrefix()}${this.pageKey}`;
    return 'the top level';
  }

  private pagePrefix(): string {
    return this.pages > 1 ? `page ${this.pages} ` : '';
  }

  private wrongTop(found: string): AppError {
    return new AppError(
      'invalid_input',
      `not an authorization-details export: expected a JSON object with ${AUTHORIZATION_DETAILS_LISTS.join('/')} at the top level, found ${found}`,
    );
  }

  private wrongPage(index: number, found: string): AppError {
    return new AppError(
      'invalid_input',
      `not an authorization-details export: [${index}] should be a page object with ${AUTHORIZATION_DETAILS_LISTS.join('/')}, found ${found}`,
    );
  }
}

function formatBytes(bytes: number): string {
  const MiB = 1024 * 1024;
  return bytes >= MiB && bytes % MiB === 0 ? `${bytes / MiB} MiB` : `${bytes} bytes`;
}
