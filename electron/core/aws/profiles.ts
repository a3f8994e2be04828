/**
 * The AWS profiles in the user's shared config and credentials files, with their kind and region.
 * Never returns a secret: only names, kinds, regions, role ARNs and SSO session names leave here.
 */
import { readFile } from 'node:fs/promises';
import type { AwsProfile, AwsProfiles } from '@shared/contract';
import { INI_PREFIX_SEPARATOR, parseIni, type IniProblem, type IniSections, type ParsedIni } from './ini-file';
import { profileKind } from './profile-kind';
import { resolveSharedConfigFiles } from './shared-config-files';

type FileRole = 'config' | 'credentials';

/** Larger than any real config file; anything bigger is not one. */
const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** Config-file sections the AWS CLI uses that are not profiles. */
const NON_PROFILE_CONFIG_SECTIONS = new Set(['plugins', 'preview', 'cli', 'toolkit']);

const FILE_LABEL: Record<FileRole, string> = { config: 'AWS config file', credentials: 'AWS credentials file' };

interface ReadResult {
  parsed: ParsedIni | null;
  warnings: string[];
}

function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const { code } = error;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

async function readIniFile(path: string, role: FileRole): Promise<ReadResult> {
  const label = FILE_LABEL[role];
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') return { parsed: null, warnings: [] };
    if (code === 'EACCES' || code === 'EPERM') {
      return { parsed: null, warnings: [`Cannot read the ${label} ${path}: permission denied. Make it readable by your user account.`] };
    }
    if (code === 'EISDIR') {
      return { parsed: null, warnings: [`The ${label} ${path} is a folder, not a file. Point ${envVarFor(role)} at the file, or move the folder away.`] };
    }
    return { parsed: null, warnings: [`Cannot read the ${label} ${path} (${code ?? 'unknown error'}). Check that the file exists and is readable.`] };
  }
  if (text.length > MAX_FILE_BYTES) {
    return { parsed: null, warnings: [`The ${label} ${path} is larger than 5 MB and was not read; it is not an AWS ${role} file.`] };
  }
  const parsed = parseIni(text);
  if (parsed.binary) {
    return {
      parsed: null,
      warnings: [`The ${label} ${path} is not a text file, so no profiles were read from it. Check that ${envVarFor(role)} points at the right file.`],
    };
  }
  return { parsed, warnings: describeProblems(parsed.problems, path, label) };
}

function envVarFor(role: FileRole): string {
  return role === 'config' ? 'AWS_CONFIG_FILE' : 'AWS_SHARED_CREDENTIALS_FILE';
}

function lineList(problems: IniProblem[]): string {
  const lines = problems.map((p) => p.line);
  const shown = lines.slice(0, 10).join(', ');
  return lines.length > 10 ? `${shown} and ${lines.length - 10} more` : shown;
}

function describeProblems(problems: IniProblem[], path: string, label: string): string[] {
  const warnings: string[] = [];
  const outside = problems.filter((p) => p.reason === 'outside-section');
  const garbled = problems.filter((p) => p.reason === 'not-a-setting');
  const blocked = problems.filter((p) => p.reason === 'blocked-name');
  if (outside.length > 0) {
    warnings.push(
      `The ${label} ${path} has settings before its first [section] header (line ${lineList(outside)}); the AWS SDK ignores them. Move them under a [profile …] header.`,
    );
  }
  if (garbled.length > 0) {
    warnings.push(
      `The ${label} ${path} has line${garbled.length > 1 ? 's' : ''} ${lineList(garbled)} that ${garbled.length > 1 ? 'are' : 'is'} not "key = value", a [section] header or a comment; the AWS SDK ignores ${garbled.length > 1 ? 'them' : 'it'}. Fix or remove ${garbled.length > 1 ? 'them' : 'it'}.`,
    );
  }
  if (blocked.length > 0) {
    warnings.push(`The ${label} ${path} has a section with a forbidden name (line ${lineList(blocked)}); it was skipped. Rename it.`);
  }
  return warnings;
}

function quoted(name: string): string {
  return JSON.stringify(name.length > 80 ? `${name.slice(0, 80)}…` : name);
}

interface Collected {
  /** Profile name → settings from each file. */
  profiles: Map<string, Partial<Record<FileRole, Record<string, string>>>>;
  ssoSessions: Set<string>;
  warnings: string[];
}

function collectConfig(sections: IniSections, order: string[], path: string, into: Collected): void {
  let explicitDefault = false;
  for (const key of order) {
    const settings = sections[key] ?? {};
    const separator = key.indexOf(INI_PREFIX_SEPARATOR);
    const prefix = separator === -1 ? undefined : key.slice(0, separator);
    const name = separator === -1 ? key : key.slice(separator + 1);
    if (key === 'default' || prefix === 'profile') {
      // As in the SDK, `[profile default]` wins over `[default]`.
      if (key === 'default' && explicitDefault) continue;
      if (prefix === 'profile' && name === 'default') explicitDefault = true;
      const entry = into.profiles.get(name) ?? {};
      entry.config = { ...settings };
      into.profiles.set(name, entry);
    } else if (prefix === 'sso-session') {
      into.ssoSessions.add(name);
    } else if (prefix === undefined && !NON_PROFILE_CONFIG_SECTIONS.has(key)) {
      into.warnings.push(
        `The section [${key.slice(0, 80)}] in the AWS config file ${path} is ignored by the AWS SDK: in the config file a profile is written [profile ${key.slice(0, 80)}].`,
      );
    }
  }
}

function collectCredentials(sections: IniSections, order: string[], path: string, into: Collected): void {
  for (const key of order) {
    const settings = sections[key] ?? {};
    const separator = key.indexOf(INI_PREFIX_SEPARATOR);
    const prefix = separator === -1 ? undefined : key.slice(0, separator);
    if (prefix === 'profile') {
      const name = key.slice(separator + 1).slice(0, 80);
      into.warnings.push(
        `The section [profile ${name}] in the AWS credentials file ${path} is ignored by the AWS SDK: in the credentials file a profile is written [${name}], without "profile".`,
      );
      continue;
    }
    if (prefix !== undefined) continue;
    const entry = into.profiles.get(key) ?? {};
    entry.credentials = { ...settings };
    into.profiles.set(key, entry);
  }
}

function toProfile(name: string, files: Partial<Record<FileRole, Record<string, string>>>): AwsProfile {
  // The SDK merges both files, the credentials file winning.
  const settings: Record<string, string> = { ...files.config, ...files.credentials };
  const kind = profileKind(settings);
  const sources: FileRole[] = [];
  if (files.config !== undefined) sources.push('config');
  if (files.credentials !== undefined) sources.push('credentials');
  return {
    name,
    kind,
    region: settings['region'] ?? null,
    sources,
    roleArn: kind === 'assume-role' || kind === 'web-identity' ? (settings['role_arn'] ?? null) : null,
    sourceProfile: kind === 'assume-role' ? (settings['source_profile'] ?? null) : null,
    ssoSession: kind === 'sso' ? (settings['sso_session'] ?? settings['sso_start_url'] ?? null) : null,
  };
}

function referenceWarnings(collected: Collected, configFile: string, credentialsFile: string): string[] {
  const warnings: string[] = [];
  for (const [name, files] of collected.profiles) {
    const settings: Record<string, string> = { ...files.config, ...files.credentials };
    const session = settings['sso_session'];
    if (session !== undefined && !collected.ssoSessions.has(session)) {
      warnings.push(
        `Profile ${quoted(name)} uses sso_session ${quoted(session)}, but ${configFile} has no [sso-session ${session.slice(0, 80)}] section. Run \`aws configure sso\` or add the section.`,
      );
    }
    const source = settings['source_profile'];
    if (source !== undefined && !collected.profiles.has(source)) {
      warnings.push(
        `Profile ${quoted(name)} uses source_profile ${quoted(source)}, which is not defined in ${configFile} or ${credentialsFile}.`,
      );
    }
  }
  return warnings;
}

function byName(a: AwsProfile, b: AwsProfile): number {
  if (a.name === 'default') return b.name === 'default' ? 0 : -1;
  if (b.name === 'default') return 1;
  return a.name.localeCompare(b.name, 'en');
}

export async function listAwsProfiles(env: NodeJS.ProcessEnv, homedir: string): Promise<AwsProfiles> {
  const { configFile, credentialsFile } = resolveSharedConfigFiles(env, homedir);
  const [config, credentials] = await Promise.all([readIniFile(configFile, 'config'), readIniFile(credentialsFile, 'credentials')]);

  const collected: Collected = { profiles: new Map(), ssoSessions: new Set(), warnings: [] };
  if (config.parsed !== null) collectConfig(config.parsed.sections, config.parsed.order, configFile, collected);
  if (credentials.parsed !== null) collectCredentials(credentials.parsed.sections, credentials.parsed.order, credentialsFile, collected);

  const profiles = [...collected.profiles].map(([name, files]) => toProfile(name, files)).sort(byName);
  return {
    profiles,
    configFile,
    credentialsFile,
    warnings: [
      ...config.warnings,
      ...credentials.warnings,
      ...collected.warnings,
      ...referenceWarnings(collected, configFile, credentialsFile),
    ],
  };
}
