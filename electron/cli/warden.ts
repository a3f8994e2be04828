#!/usr/bin/env node
/** The `warden` command: scripted access to the same core as the desktop app. */
import { existsSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { parseArgs } from 'node:util';
import { isAppError } from '@core/errors';
import { createCliBackend, demoWorkspacePath, resolveWorkspacePath, type CliBackend } from './backend';
import { connectionsList, connectionsTest } from './commands/connections';
import { agentsCommand, parseAgentsFormat } from './commands/agents';
import { auditExportCommand, auditVerifyCommand, parseAuditExportFormat } from './commands/audit';
import { findingsCommand, parseFindingsFormat, parseSeverity } from './commands/findings';
import { exportCommand, parseExport } from './commands/export';
import { parsePoliciesFormat, policiesListCommand, policiesTestCommand } from './commands/policies';
import { overviewCommand, parseOverviewFormat } from './commands/overview';
import { parsePlanFormat, planCommand } from './commands/plan';
import { followJob, parseFailOn, reportJob, reportJobChanges } from './commands/scan';
import { diffCommand, parseDiffFormat } from './commands/diff';
import { parseByDate, parseReviewsFormat, parseReviewTier, reviewsDueCommand, reviewsIcsCommand, reviewsListCommand, reviewsMinutesCommand } from './commands/reviews';
import { serve } from './commands/serve';
import { parsePaper, parsePeriod, reportCommand } from './commands/report';
import { callOrReport } from './call';
import { EXIT, type ExitCode } from './exit-codes';
import { processWriter, terminalSafe, type Writer } from './output';
import { USAGE } from './usage';
import { APP_VERSION } from './version';

const OPTIONS = {
  workspace: { type: 'string' },
  json: { type: 'boolean', default: false },
  port: { type: 'string' },
  connection: { type: 'string' },
  profile: { type: 'string' },
  'role-arn': { type: 'string' },
  'external-id': { type: 'string' },
  region: { type: 'string', multiple: true },
  'all-regions': { type: 'boolean', default: false },
  'org-role': { type: 'string' },
  'authorization-details': { type: 'string' },
  'credential-report': { type: 'string' },
  'account-id': { type: 'string' },
  demo: { type: 'boolean', default: false },
  scan: { type: 'string' },
  /** `agents`/`findings`/`overview`/`policies`: one account of the current state. */
  account: { type: 'string' },
  format: { type: 'string' },
  severity: { type: 'string' },
  rule: { type: 'string' },
  actor: { type: 'string' },
  kind: { type: 'string' },
  target: { type: 'string' },
  expr: { type: 'string' },
  'applies-to': { type: 'string' },
  'demo-when-empty': { type: 'boolean', default: false },
  /** `diff`: the earlier and the later scan; `scan`: the kinds of change that exit 3. */
  from: { type: 'string' },
  to: { type: 'string' },
  'fail-on': { type: 'string' },
  /** `reviews due`: due by this date; `reviews due|ics`: one tier. */
  by: { type: 'string' },
  tier: { type: 'string' },
  /** `reviews ics`: one combined monthly series instead of one per tier. */
  combined: { type: 'boolean', default: false },
  /** `report`: where the PDF goes (`--pdf` as the issue spells it), and its paper. */
  out: { type: 'string' },
  pdf: { type: 'string' },
  paper: { type: 'string' },
  /** `report`: the same page as one self-contained HTML file. */
  html: { type: 'string' },
  /** `report minutes`: the held meeting whose minutes print. */
  meeting: { type: 'string' },
  /** `report leadership`: the last N days (`30d`) the changes compare over. */
  period: { type: 'string' },
  /** `report leadership`: the appendix lists every agent, not only Tier 1. */
  'all-agents': { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', short: 'v', default: false },
} as const;

class UsageError extends Error {}

function parsePort(value: string | undefined): number {
  if (value === undefined) return 0;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port takes a number from 0 to 65535, not "${value}".`);
  return port;
}

export interface RunOptions {
  env: NodeJS.ProcessEnv;
  io: Writer;
  /** Folder of the running module, to find the built renderer. */
  moduleDir: string;
  /** Called by `serve` with a function that stops it; the process entry waits for a signal. */
  onServing?: (stop: () => Promise<void>) => void;
}

/** Said by a read-only command when there is no workspace: where it looked, and how to make one. */
export function missingWorkspaceMessage(path: string): string {
  return (
    `warden: there is no workspace at ${terminalSafe(path)} (nothing was created).\n` +
    'Make one with a scan or an import, or use the demo company:\n' +
    '  warden scan --profile NAME\n' +
    '  warden import --authorization-details authz.json [--credential-report report.csv]\n' +
    '  warden agents --workspace demo\n' +
    'or name another file with --workspace FILE (or WARDEN_WORKSPACE).\n'
  );
}

export async function runWarden(argv: string[], options: RunOptions): Promise<ExitCode> {
  const { io, env } = options;
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    io.err(`warden: ${error instanceof Error ? error.message : String(error)}\nRun \`warden --help\` for usage.\n`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  if (values.version) {
    io.out(`${APP_VERSION}\n`);
    return EXIT.ok;
  }
  if (values.help || positionals.length === 0) {
    io.out(USAGE);
    return values.help ? EXIT.ok : EXIT.usage;
  }

  let backend: CliBackend | undefined;
  const workspacePath = resolveWorkspacePath(values.workspace, env);
  const isDemo = workspacePath === demoWorkspacePath(env);
  const open = (transport: 'http' | 'ipc', analysisWorker = false, createWorkspace = true): CliBackend => {
    // The server analyses in a worker thread so it keeps answering; one-shot commands inline.
    backend = createCliBackend({
      workspacePath,
      env,
      transport,
      moduleDir: options.moduleDir,
      analysisWorker,
      createWorkspace,
    });
    return backend;
  };
  /** `--workspace demo`: the demo company's file, built on first use as the app builds it. */
  const openDemo = async (): Promise<CliBackend | null> => {
    const cli = open('http');
    const opened = await cli.dispatch('demo:open', {});
    if (opened.ok) return cli;
    io.err(`warden: the demo company could not be loaded: ${terminalSafe(opened.error.message)}\n`);
    return null;
  };
  /** A command that changes the workspace (scan, import): creates it when missing. */
  const openForWrite = async (): Promise<CliBackend | null> => (isDemo ? openDemo() : open('http'));
  /**
   * A command that only reads never creates a workspace (an empty default one would then hide the
   * demo from `npm run web`): a missing file is reported with where it looked and how to make one.
   */
  const openForRead = async (): Promise<CliBackend | null> => {
    if (isDemo) return openDemo();
    if (!existsSync(workspacePath)) {
      io.err(missingWorkspaceMessage(workspacePath));
      return null;
    }
    return open('http', false, false);
  };
  /**
   * `connections list` and `test` also work before any workspace exists (to find the profile for the
   * first scan): with none, there are no saved connections, and nothing is created.
   */
  const connectionsDispatch = async (): Promise<CliBackend['dispatch'] | null> => {
    if (isDemo || existsSync(workspacePath)) return (await openForRead())?.dispatch ?? null;
    const cli = open('http', false, false);
    return async (channel, input) => (channel === 'connections:list' ? { ok: true, value: [] } : cli.dispatch(channel, input));
  };
  try {
    const [command, sub, ...rest] = positionals;
    switch (command) {
      case 'serve': {
        if (sub !== undefined) throw new UsageError('serve takes no arguments.');
        const port = parsePort(values.port);
        const useDemo = values.demo || isDemo || (values['demo-when-empty'] && !existsSync(workspacePath));
        const server = await serve(open('http', true), io, port, options.moduleDir, useDemo, env);
        const running = backend;
        backend = undefined; // the server owns it now
        options.onServing?.(async () => {
          await server.close();
          running?.close();
        });
        // Only now: whoever reads the URL may stop the server at once, and its signal handlers are set.
        server.announce();
        return EXIT.ok;
      }
      case 'connections': {
        const listing = sub === 'list' && rest.length === 0;
        const testing = sub === 'test' && rest.length === 1 && rest[0] !== undefined;
        if (!listing && !testing) throw new UsageError('usage: warden connections list [--json] | warden connections test NAME [--json]');
        const dispatch = await connectionsDispatch();
        if (dispatch === null) return EXIT.failure;
        return listing ? await connectionsList(dispatch, io, values.json) : await connectionsTest(dispatch, io, rest[0] ?? '', values.json);
      }
      case 'scan': {
        if (sub !== undefined) throw new UsageError('scan takes options only (see --help).');
        if (values.connection !== undefined && values.profile !== undefined) throw new UsageError('give --connection or --profile, not both.');
        const failOn = parseFailOn(values['fail-on']);
        if (!failOn.ok) throw new UsageError(failOn.message);
        const cli = await openForWrite();
        if (cli === null) return EXIT.failure;
        let target: Record<string, unknown>;
        if (values.connection !== undefined) {
          const connections = await callOrReport<{ id: string; name: string }[]>(cli.dispatch, 'connections:list', {}, io);
          if (connections === undefined) return EXIT.failure;
          const found = connections.find((c) => c.name.toLowerCase() === values.connection?.toLowerCase());
          if (found === undefined) {
            io.err(`warden: no saved connection is named "${terminalSafe(values.connection)}" (see \`warden connections list\`).\n`);
            return EXIT.failure;
          }
          target = { connectionId: found.id };
        } else {
          target = { profile: values.profile ?? null, roleArn: values['role-arn'] ?? null, externalId: values['external-id'] ?? null };
        }
        const started = await callOrReport<{ jobId: string }>(
          cli.dispatch,
          'scans:start',
          {
            target,
            regions: values.region ?? [],
            allRegions: values['all-regions'],
            organization: values['org-role'] !== undefined ? { memberRoleName: values['org-role'] } : null,
          },
          io,
        );
        if (started === undefined) return EXIT.failure;
        const job = await followJob(cli, started.jobId, io, { json: values.json, tty: process.stderr.isTTY === true });
        if (failOn.kinds !== null) return await reportJobChanges(cli, job, io, { json: values.json, kinds: failOn.kinds });
        return await reportJob(cli, job, io, values.json);
      }
      case 'import': {
        if (sub !== undefined) throw new UsageError('import takes options only (see --help).');
        if (values['fail-on'] !== undefined) throw new UsageError('--fail-on is an option of scan (compare an import with `warden diff`).');
        const details = values['authorization-details'];
        if (details === undefined) throw new UsageError('import needs --authorization-details FILE.');
        const cli = await openForWrite();
        if (cli === null) return EXIT.failure;
        const report = values['credential-report'];
        const started = await callOrReport<{ jobId: string }>(
          cli.dispatch,
          'import:files',
          {
            authorizationDetails: { kind: 'path', path: resolvePath(details) },
            credentialReport: report !== undefined ? { kind: 'path', path: resolvePath(report) } : null,
            accountId: values['account-id'] ?? null,
          },
          io,
        );
        if (started === undefined) return EXIT.failure;
        const job = await followJob(cli, started.jobId, io, { json: values.json, tty: process.stderr.isTTY === true });
        return await reportJob(cli, job, io, values.json);
      }
      case 'agents': {
        if (sub !== undefined) throw new UsageError('agents takes options only (see --help).');
        const format = parseAgentsFormat(values.format);
        if (!format.ok) throw new UsageError(format.message);
        const cli = await openForRead();
        if (cli === null) return EXIT.failure;
        return await agentsCommand(cli, io, { scan: values.scan, account: values.account, format: format.format });
      }
      case 'findings': {
        if (sub !== undefined) throw new UsageError('findings takes options only (see --help).');
        const format = parseFindingsFormat(values.format);
        if (!format.ok) throw new UsageError(format.message);
        const severity = parseSeverity(values.severity);
        if (!severity.ok) throw new UsageError(severity.message);
        const cli = await openForRead();
        if (cli === null) return EXIT.failure;
        return await findingsCommand(cli, io, { scan: values.scan, account: values.account, severity: severity.value, ruleId: values.rule ?? null, format: format.value });
      }
      case 'export': {
        if (rest.length > 0) throw new UsageError('usage: warden export inventory|findings --format csv|json|sarif|ocsf|ocsf-jsonl [--account ID] [--scan ID]');
        const parsed = parseExport(sub, values.format);
        if (!parsed.ok) throw new UsageError(parsed.message);
        const cli = await openForRead();
        if (cli === null) return EXIT.failure;
        return await exportCommand(cli, io, { ...parsed.value, scan: values.scan, account: values.account });
      }
      case 'overview': {
        if (sub !== undefined) throw new UsageError('overview takes options only (see --help).');
        const format = parseOverviewFormat(values.format);
        if (!format.ok) throw new UsageError(format.message);
        const cli = await openForRead();
        if (cli === null) return EXIT.failure;
        return await overviewCommand(cli, io, { account: values.account, format: format.value });
      }
      case 'plan': {
        if (sub !== undefined) throw new UsageError('plan takes options only (see --help).');
        const format = parsePlanFormat(values.format);
        if (!format.ok) throw new UsageError(format.message);
        const cli = await openForRead();
        if (cli === null) return EXIT.failure;
        return await planCommand(cli, io, { format: format.value });
      }
      case 'diff': {
        if (sub !== undefined) throw new UsageError('diff takes options only (see --help).');
        const format = parseDiffFormat(values.format);
        if (!format.ok) throw new UsageError(format.message);
        const cli = await openForRead();
        if (cli === null) return EXIT.failure;
        return await diffCommand(cli, io, { from: values.from, to: values.to, account: values.account, format: format.value });
      }
      case 'reviews': {
        const usage = 'usage: warden reviews due [--by DATE] [--tier N] [--format json|table] | warden reviews list [--format json] | warden reviews minutes ID [--format json|md] | warden reviews ics [--tier N | --combined]';
        if (sub === 'due' && rest.length === 0) {
          const format = parseReviewsFormat('due', values.format, ['table', 'json'] as const);
          if (!format.ok) throw new UsageError(format.message);
          const by = parseByDate(values.by);
          if (!by.ok) throw new UsageError(by.message);
          const tier = parseReviewTier(values.tier);
          if (!tier.ok) throw new UsageError(tier.message);
          const cli = await openForRead();
          if (cli === null) return EXIT.failure;
          return await reviewsDueCommand(cli, io, { by: by.value, tier: tier.value, format: format.value });
        }
        if (sub === 'list' && rest.length === 0) {
          const format = parseReviewsFormat('list', values.format, ['json'] as const);
          if (!format.ok) throw new UsageError(format.message);
          const cli = await openForRead();
          if (cli === null) return EXIT.failure;
          return await reviewsListCommand(cli, io);
        }
        if (sub === 'minutes' && rest.length === 1 && rest[0] !== undefined) {
          const format = parseReviewsFormat('minutes', values.format, ['md', 'json'] as const);
          if (!format.ok) throw new UsageError(format.message);
          const cli = await openForRead();
          if (cli === null) return EXIT.failure;
          return await reviewsMinutesCommand(cli, io, { id: rest[0], format: format.value });
        }
        if (sub === 'ics' && rest.length === 0) {
          const tier = parseReviewTier(values.tier);
          if (!tier.ok) throw new UsageError(tier.message);
          if (tier.value !== null && values.combined) throw new UsageError('give --tier N or --combined, not both.');
          const cli = await openForRead();
          if (cli === null) return EXIT.failure;
          return await reviewsIcsCommand(cli, io, { tier: tier.value, combined: values.combined });
        }
        throw new UsageError(usage);
      }
      case 'report': {
        const usage = 'usage: warden report leadership --out FILE.pdf [--paper a4|letter] [--account ID] [--period Nd] [--all-agents] [--html FILE.html] | warden report minutes --meeting ID --out FILE.pdf [--paper a4|letter] [--html FILE.html]';
        if ((sub !== 'leadership' && sub !== 'minutes') || rest.length > 0) throw new UsageError(usage);
        if (sub === 'minutes' && (values.meeting === undefined || values.meeting === '')) throw new UsageError('warden report minutes needs --meeting ID (`warden reviews list` shows the meetings).');
        if (sub === 'minutes' && values.account !== undefined) throw new UsageError('--account is for the leadership report; minutes cover their meeting.');
        if (sub === 'minutes' && values['all-agents']) throw new UsageError('--all-agents is for the leadership report; minutes cover their meeting.');
        if (values.out !== undefined && values.pdf !== undefined) throw new UsageError('give --out or --pdf, not both.');
        const out = values.out ?? values.pdf;
        if (out === undefined && values.html === undefined) throw new UsageError(usage);
        const paper = parsePaper(values.paper);
        if (!paper.ok) throw new UsageError(paper.message);
        if (sub === 'minutes' && values.period !== undefined) throw new UsageError('--period is for the leadership report; minutes cover their meeting.');
        const period = parsePeriod(values.period);
        if (!period.ok) throw new UsageError(period.message);
        const cli = await openForRead();
        if (cli === null) return EXIT.failure;
        return await reportCommand(cli, io, { report: sub, out, html: values.html, paper: paper.value, account: values.account, period: period.value, allAgents: values['all-agents'], meeting: values.meeting, env, moduleDir: options.moduleDir });
      }
      case 'audit': {
        const usage = 'usage: warden audit verify [--json] | warden audit export [--actor NAME] [--kind ACTION] [--target TEXT] [--format csv|json]';
        if ((sub !== 'verify' && sub !== 'export') || rest.length > 0) throw new UsageError(usage);
        if (sub === 'export') {
          const format = parseAuditExportFormat(values.format);
          if (!format.ok) throw new UsageError(format.message);
          const cli = await openForRead();
          if (cli === null) return EXIT.failure;
          return await auditExportCommand(cli, io, { actor: values.actor, kind: values.kind, target: values.target, format: format.format });
        }
        const cli = await openForRead();
        if (cli === null) return EXIT.failure;
        return await auditVerifyCommand(cli, io, { json: values.json });
      }
      case 'policies': {
        const format = parsePoliciesFormat(values.format);
        if (!format.ok) throw new UsageError(format.message);
        if (sub === 'list' && rest.length === 0) {
          const cli = await openForRead();
          if (cli === null) return EXIT.failure;
          return await policiesListCommand(cli, io, { scan: values.scan, account: values.account, format: format.value });
        }
        if (sub === 'test' && rest.length === 0) {
          if (values.expr === undefined) throw new UsageError("policies test needs --expr 'CEL expression'.");
          const cli = await openForRead();
          if (cli === null) return EXIT.failure;
          return await policiesTestCommand(cli, io, {
            expression: values.expr,
            appliesTo: values['applies-to'] ?? null,
            scan: values.scan,
            account: values.account,
            format: format.value,
          });
        }
        throw new UsageError(
          "usage: warden policies list [--account ID] [--scan latest|ID] [--format json|table] | warden policies test --expr 'CEL' [--applies-to 'CEL'] [--account ID] [--scan latest|ID] [--format json|table]",
        );
      }
      case 'policy': {
        if (sub !== undefined) throw new UsageError('policy takes no arguments.');
        // Reads no workspace: the policy comes from the scanner's allowlist.
        const cli = open('http', false, false);
        const reply = await callOrReport<{ policy: string }>(cli.dispatch, 'connections:scannerPolicy', { memberRoleName: values['org-role'] ?? null }, io);
        if (reply === undefined) return EXIT.failure;
        io.out(`${reply.policy}\n`);
        return EXIT.ok;
      }
      default:
        throw new UsageError(`unknown command "${terminalSafe(command ?? '')}".`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`warden: ${error.message}\nRun \`warden --help\` for usage.\n`);
      return EXIT.usage;
    }
    if (isAppError(error)) {
      io.err(`warden: ${terminalSafe(error.message)}\n`);
      return EXIT.failure;
    }
    throw error;
  } finally {
    backend?.close();
  }
}

export function main(): void {
  runWarden(process.argv.slice(2), {
    env: process.env,
    io: processWriter,
    moduleDir: __dirname,
    onServing: (stop) => {
      const shutdown = (): void => {
        stop().then(
          () => process.exit(EXIT.ok),
          () => process.exit(EXIT.failure),
        );
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    },
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`warden: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = EXIT.failure;
    },
  );
}

if (require.main === module) main();
