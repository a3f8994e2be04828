/**
 * A temporary AWS config + credentials file pair for tests, and the environment that points the
 * SDK (and Agent Warden) at it and nowhere else.
 *
 *   const aws = await writeAwsConfig({
 *     endpoint: moto.endpoint,
 *     profiles: {
 *       dev: { config: { region: 'eu-west-1' }, credentials: { aws_access_key_id: 'AKIA…', aws_secret_access_key: '…' } },
 *       sso: { config: { sso_session: 'corp', sso_account_id: '123456789012', sso_role_name: 'Admin' } },
 *     },
 *     ssoSessions: { corp: { sso_start_url: 'https://example.awsapps.com/start', sso_region: 'us-east-1' } },
 *   });
 *   spawn('node', ['out/cli/warden.js', 'serve'], { env: aws.env });
 *   await aws.cleanup();
 *
 * The env is process.env without any inherited AWS_* variable, plus AWS_CONFIG_FILE,
 * AWS_SHARED_CREDENTIALS_FILE, AWS_EC2_METADATA_DISABLED=true, AWS_MAX_ATTEMPTS=2, AWS_ENDPOINT_URL (when an endpoint
 * is given) and, unless isolateHome is false, HOME/USERPROFILE set to a fresh folder so ~/.aws and
 * the SSO token cache of the machine are never read.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface FixtureProfile {
  /** Written under `[profile NAME]` (`[default]` for "default") in the config file. */
  config?: Record<string, string>;
  /** Written under `[NAME]` in the credentials file. */
  credentials?: Record<string, string>;
}

export interface AwsConfigFixtureOptions {
  profiles?: Record<string, FixtureProfile>;
  /** `[sso-session NAME]` sections of the config file. */
  ssoSessions?: Record<string, Record<string, string>>;
  /** Appended verbatim to the config / credentials file (for broken-file tests). */
  rawConfig?: string;
  rawCredentials?: string;
  /** Sets AWS_ENDPOINT_URL, e.g. moto's endpoint. */
  endpoint?: string;
  /** Point HOME/USERPROFILE at a fresh folder inside the fixture. Default true. */
  isolateHome?: boolean;
  /** The environment to start from (default process.env); its AWS_* variables are dropped. */
  baseEnv?: NodeJS.ProcessEnv;
  /** Added last, so it can set anything (including AWS_* variables). */
  env?: NodeJS.ProcessEnv;
}

export interface AwsConfigFixture {
  /** The temporary folder holding everything. */
  dir: string;
  /** The home folder in env (the fixture's own unless isolateHome is false). */
  home: string;
  configFile: string;
  credentialsFile: string;
  env: NodeJS.ProcessEnv;
  /** Delete the folder. */
  cleanup(): Promise<void>;
}

function section(header: string, settings: Record<string, string>): string {
  const lines = Object.entries(settings).map(([key, value]) => `${key} = ${value}`);
  return [`[${header}]`, ...lines, ''].join('\n');
}

export async function writeAwsConfig(options: AwsConfigFixtureOptions = {}): Promise<AwsConfigFixture> {
  const dir = await mkdtemp(join(tmpdir(), 'warden-aws-'));
  const isolatedHome = join(dir, 'home');
  await mkdir(join(isolatedHome, '.aws'), { recursive: true });
  const configFile = join(dir, 'config');
  const credentialsFile = join(dir, 'credentials');

  const config: string[] = [];
  const credentials: string[] = [];
  for (const [name, profile] of Object.entries(options.profiles ?? {})) {
    if (profile.config !== undefined) config.push(section(name === 'default' ? 'default' : `profile ${name}`, profile.config));
    if (profile.credentials !== undefined) credentials.push(section(name, profile.credentials));
  }
  for (const [name, settings] of Object.entries(options.ssoSessions ?? {})) config.push(section(`sso-session ${name}`, settings));
  if (options.rawConfig !== undefined) config.push(options.rawConfig);
  if (options.rawCredentials !== undefined) credentials.push(options.rawCredentials);
  await writeFile(configFile, config.join('\n'), { mode: 0o600 });
  await writeFile(credentialsFile, credentials.join('\n'), { mode: 0o600 });

  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(options.baseEnv ?? process.env)) {
    if (!key.toUpperCase().startsWith('AWS_')) env[key] = value;
  }
  env['AWS_CONFIG_FILE'] = configFile;
  env['AWS_SHARED_CREDENTIALS_FILE'] = credentialsFile;
  env['AWS_EC2_METADATA_DISABLED'] = 'true';
  // moto answers unimplemented operations with HTTP 500, which the SDK retries with backoff: two
  // attempts keep scans against it quick (AWS_MAX_ATTEMPTS is the SDK's standard variable).
  env['AWS_MAX_ATTEMPTS'] = '2';
  if (options.endpoint !== undefined) env['AWS_ENDPOINT_URL'] = options.endpoint;
  const isolate = options.isolateHome ?? true;
  if (isolate) {
    env['HOME'] = isolatedHome;
    env['USERPROFILE'] = isolatedHome;
  }
  Object.assign(env, options.env);

  return {
    dir,
    home: isolate ? isolatedHome : (env['HOME'] ?? ''),
    configFile,
    credentialsFile,
    env,
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

/**
 * Write an SSO token where the SDK looks for it: `<home>/.aws/sso/cache/<sha1(key)>.json`, where key
 * is the sso-session name (or, for legacy profiles, the start URL). Returns the file path.
 */
export async function writeSsoTokenCache(
  home: string,
  key: string,
  token: { expiresAt: Date; accessToken?: string; region?: string; startUrl?: string },
): Promise<string> {
  const folder = join(home, '.aws', 'sso', 'cache');
  await mkdir(folder, { recursive: true });
  const file = join(folder, `${createHash('sha1').update(key).digest('hex')}.json`);
  await writeFile(
    file,
    JSON.stringify({
      accessToken: token.accessToken ?? 'test-access-token',
      expiresAt: token.expiresAt.toISOString(),
      region: token.region ?? 'us-east-1',
      startUrl: token.startUrl ?? 'https://example.awsapps.com/start',
    }),
    { mode: 0o600 },
  );
  return file;
}
