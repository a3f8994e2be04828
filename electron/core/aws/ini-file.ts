/**
 * A reader for the AWS shared config/credentials INI format that follows the AWS SDK's own parser
 * (`parseIni` in @smithy/core/config) line for line, so what we list is what the SDK will use, and
 * that also reports the lines the SDK would silently ignore.
 *
 * Values are kept in memory only; problems name line numbers, never a line's content (a garbled
 * line may well hold a secret).
 */

/** Section keys as the SDK forms them: `default`, `profile.dev`, `sso-session.corp`, `dev`. */
export type IniSections = Record<string, Record<string, string>>;

export interface IniProblem {
  /** 1-based line number. */
  line: number;
  reason: 'outside-section' | 'not-a-setting' | 'blocked-name';
}

export interface ParsedIni {
  sections: IniSections;
  /** Section keys in the order they first appear. */
  order: string[];
  problems: IniProblem[];
  /** True when the text holds NUL bytes, i.e. is not a text file at all. */
  binary: boolean;
}

/** The prefixes the SDK recognises in `[prefix name]` headers. */
export const INI_SECTION_PREFIXES = ['profile', 'sso-session', 'services'] as const;
export const INI_PREFIX_SEPARATOR = '.';

// Same expression as the SDK: `profile dev`, `sso-session "corp"`.
const PREFIX_KEY = /^([\w-]+)\s(["'])?([\w-@+.%:/]+)\2$/;
const BLOCKED_NAMES = ['__proto__', 'profile __proto__'];

function sectionKey(sectionName: string): string | undefined {
  const match = PREFIX_KEY.exec(sectionName);
  if (match === null) return sectionName;
  const prefix = match[1] ?? '';
  const name = match[3] ?? '';
  return (INI_SECTION_PREFIXES as readonly string[]).includes(prefix) ? `${prefix}${INI_PREFIX_SEPARATOR}${name}` : undefined;
}

export function parseIni(text: string): ParsedIni {
  const sections: IniSections = Object.create(null) as IniSections;
  const order: string[] = [];
  const problems: IniProblem[] = [];
  let current: string | undefined;
  let inSection = false;
  let subSection: string | undefined;

  const lines = text.split(/\r?\n/);
  lines.forEach((rawLine, index) => {
    const lineNumber = index + 1;
    const line = (rawLine.split(/(^|\s)[;#]/)[0] ?? '').trim();
    if (line === '') return;

    if (line.startsWith('[') && line.endsWith(']')) {
      const name = line.substring(1, line.length - 1);
      subSection = undefined;
      inSection = true;
      if (BLOCKED_NAMES.includes(name)) {
        // The SDK throws on these; we skip the section and say so.
        current = undefined;
        problems.push({ line: lineNumber, reason: 'blocked-name' });
        return;
      }
      current = sectionKey(name);
      if (current !== undefined && !(current in sections)) {
        sections[current] = Object.create(null) as Record<string, string>;
        order.push(current);
      }
      return;
    }

    if (!inSection) {
      problems.push({ line: lineNumber, reason: 'outside-section' });
      return;
    }
    if (current === undefined) return; // a section the SDK ignores, e.g. `[plugins x]`

    const equals = line.indexOf('=');
    if (equals <= 0) {
      problems.push({ line: lineNumber, reason: 'not-a-setting' });
      return;
    }
    const key = line.substring(0, equals).trim();
    const value = line.substring(equals + 1).trim();
    if (value === '') {
      subSection = key;
      return;
    }
    if (subSection !== undefined && rawLine.trimStart() === rawLine) subSection = undefined;
    const target = sections[current] ?? (sections[current] = Object.create(null) as Record<string, string>);
    target[subSection !== undefined ? `${subSection}${INI_PREFIX_SEPARATOR}${key}` : key] = value;
  });

  return { sections, order, problems, binary: text.includes('\u0000') };
}
