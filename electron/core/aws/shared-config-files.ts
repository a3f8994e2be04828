/**
 * Where the AWS shared config and credentials files are, from a given environment (not
 * process.env), the same way the AWS SDK and CLI find them.
 */
import { homedir as osHomedir } from 'node:os';
import { join } from 'node:path';

export interface SharedConfigFiles {
  configFile: string;
  credentialsFile: string;
}

/** The user's home folder: HOME, then USERPROFILE, then HOMEDRIVE+HOMEPATH, then the OS's answer. */
export function resolveHomedir(env: NodeJS.ProcessEnv, fallback: () => string = osHomedir): string {
  const { HOME, USERPROFILE, HOMEPATH, HOMEDRIVE } = env;
  if (HOME !== undefined && HOME !== '') return HOME;
  if (USERPROFILE !== undefined && USERPROFILE !== '') return USERPROFILE;
  if (HOMEPATH !== undefined && HOMEPATH !== '') return `${HOMEDRIVE ?? 'C:'}${HOMEPATH}`;
  return fallback();
}

function expandHome(path: string, homedir: string): string {
  if (path === '~') return homedir;
  if (path.startsWith('~/') || path.startsWith('~\\')) return join(homedir, path.slice(2));
  return path; // relative paths are relative to the working folder, as in the SDK
}

/** `AWS_CONFIG_FILE` / `AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/config` and `~/.aws/credentials`. */
export function resolveSharedConfigFiles(env: NodeJS.ProcessEnv, homedir: string): SharedConfigFiles {
  const config = env['AWS_CONFIG_FILE'];
  const credentials = env['AWS_SHARED_CREDENTIALS_FILE'];
  return {
    configFile: expandHome(config !== undefined && config !== '' ? config : join(homedir, '.aws', 'config'), homedir),
    credentialsFile: expandHome(
      credentials !== undefined && credentials !== '' ? credentials : join(homedir, '.aws', 'credentials'),
      homedir,
    ),
  };
}
