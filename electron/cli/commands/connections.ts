import type { AwsProfiles, Connection, ConnectionTestResult } from '@shared/contract';
import type { Dispatch } from '@core/dispatch';
import { formatTable, terminalSafe, type Writer } from '../output';
import { EXIT, type ExitCode } from '../exit-codes';
import { callOrReport } from '../call';

export async function connectionsList(dispatch: Dispatch, io: Writer, json: boolean): Promise<ExitCode> {
  const connections = await callOrReport<Connection[]>(dispatch, 'connections:list', {}, io);
  if (connections === undefined) return EXIT.failure;
  const profiles = await callOrReport<AwsProfiles>(dispatch, 'connections:profiles', {}, io);
  if (profiles === undefined) return EXIT.failure;

  if (json) {
    io.out(JSON.stringify({ connections, profiles: profiles.profiles, warnings: profiles.warnings }, null, 2) + '\n');
    return EXIT.ok;
  }
  io.out('Saved connections\n');
  if (connections.length === 0) {
    io.out('  (none yet: add one in the app, or test a profile with `warden connections test PROFILE`)\n');
  } else {
    io.out(
      formatTable(
        ['NAME', 'PROFILE', 'ROLE', 'REGIONS', 'LAST TEST'],
        connections.map((c) => [
          c.name,
          c.profile,
          c.roleArn ?? '-',
          c.regions.length > 0 ? c.regions.join(',') : '(default)',
          c.lastTest === null ? 'never' : c.lastTest.ok ? `ok ${c.lastTest.accountId ?? ''}`.trim() : 'failed',
        ]),
      ),
    );
  }
  io.out(`\nAWS profiles (${profiles.configFile}, ${profiles.credentialsFile})\n`);
  if (profiles.profiles.length === 0) {
    io.out('  (none found)\n');
  } else {
    io.out(formatTable(['PROFILE', 'KIND', 'REGION'], profiles.profiles.map((p) => [p.name, p.kind, p.region ?? '-'])));
  }
  for (const warning of profiles.warnings) io.err(`warning: ${terminalSafe(warning)}\n`);
  return EXIT.ok;
}

export async function connectionsTest(dispatch: Dispatch, io: Writer, name: string, json: boolean): Promise<ExitCode> {
  const connections = await callOrReport<Connection[]>(dispatch, 'connections:list', {}, io);
  if (connections === undefined) return EXIT.failure;
  const saved = connections.find((c) => c.name.toLowerCase() === name.toLowerCase());
  const target = saved !== undefined ? { connectionId: saved.id } : { profile: name };
  const result = await callOrReport<ConnectionTestResult>(dispatch, 'connections:test', target, io);
  if (result === undefined) return EXIT.failure;

  if (json) {
    io.out(JSON.stringify({ target: saved !== undefined ? { connection: saved.name } : { profile: name }, result }, null, 2) + '\n');
    return result.ok ? EXIT.ok : EXIT.failure;
  }
  const label = saved !== undefined ? `connection "${terminalSafe(saved.name)}"` : `profile "${terminalSafe(name)}"`;
  if (result.ok) {
    io.out(`ok  ${label}\n`);
    io.out(`    account  ${result.accountId}${result.accountAlias !== null ? ` (${terminalSafe(result.accountAlias)})` : ''}\n`);
    io.out(`    identity ${terminalSafe(result.arn)}\n`);
    return EXIT.ok;
  }
  io.err(`failed  ${label}: ${terminalSafe(result.message)}\n`);
  io.err(`    what to do: ${terminalSafe(result.action)}\n`);
  return EXIT.failure;
}
