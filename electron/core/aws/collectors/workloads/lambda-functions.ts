/**
 * Lambda functions in one region: execution role, runtime, environment variable NAMES, function URLs
 * and tags. Environment variable values are often secrets (API keys, database passwords): they are
 * dropped in `environmentVariableNames`, the only place that touches them, and never stored or logged.
 */
import {
  LambdaClient,
  ListTagsCommand,
  paginateListFunctionUrlConfigs,
  paginateListFunctions,
  type FunctionConfiguration,
  type FunctionUrlConfig,
} from '@aws-sdk/client-lambda';
import type { LambdaFunctionFacts, LambdaFunctionUrl } from '../../../discovery/facts';
import type { Collector } from '../../scanner/collector';
import { isoOrNull, settleAll, tagsFromMap, textOrNull } from './fact-values';
import { mergeByKey, withRegion } from './merge-section';
import { DetailReads, type DetailRead } from './read-detail';
import { taskProgress } from './task-progress';

const FUNCTION_URLS: DetailRead = { operation: 'lambda:ListFunctionUrlConfigs', what: 'function URLs', of: 'function' };
const FUNCTION_TAGS: DetailRead = { operation: 'lambda:ListTags', what: 'tags', of: 'function' };

/** The names of a function's environment variables, sorted; the values are not copied. */
export function environmentVariableNames(environment: FunctionConfiguration['Environment']): string[] {
  return Object.keys(environment?.Variables ?? {}).sort();
}

type ListedFunction = Omit<LambdaFunctionFacts, 'functionUrls' | 'tags'>;

/** The facts ListFunctions gives, copied field by field so the SDK object (and its values) is not kept. */
function listedFunction(fn: FunctionConfiguration, region: string): ListedFunction | null {
  if (fn.FunctionArn === undefined || fn.FunctionName === undefined) return null;
  return {
    arn: fn.FunctionArn,
    name: fn.FunctionName,
    region,
    runtime: textOrNull(fn.Runtime),
    roleArn: fn.Role ?? '',
    environmentVariableNames: environmentVariableNames(fn.Environment),
    lastModified: isoOrNull(fn.LastModified),
    description: textOrNull(fn.Description),
  };
}

/** The alias or version in a qualified function ARN (`…:function:name:prod`), else null. */
function qualifierOf(functionArn: string | undefined): string | null {
  const parts = (functionArn ?? '').split(':');
  return parts.length > 7 ? (parts.slice(7).join(':') || null) : null;
}

function functionUrl(config: FunctionUrlConfig): LambdaFunctionUrl | null {
  if (config.FunctionUrl === undefined) return null;
  return { url: config.FunctionUrl, authType: config.AuthType ?? '', qualifier: qualifierOf(config.FunctionArn) };
}

export const lambdaFunctionsCollector: Collector = {
  id: 'lambda-functions',
  label: 'Lambda functions',
  scope: 'regional',
  phase: 2,
  async collect(ctx) {
    const lambda = ctx.client(LambdaClient, 'Lambda');
    const listed: ListedFunction[] = [];
    const unreadableEnvironments: string[] = [];
    for await (const page of paginateListFunctions({ client: lambda, stopOnSameToken: true }, {})) {
      for (const fn of page.Functions ?? []) {
        const item = listedFunction(fn, ctx.region);
        if (item === null) continue;
        // Environment.Error (e.g. KMS refused to decrypt): the names are unknown, which differs from "none".
        if (fn.Environment?.Error !== undefined) unreadableEnvironments.push(`${item.name} (${fn.Environment.Error.ErrorCode ?? 'error'})`);
        listed.push(item);
      }
    }

    const reads = new DetailReads(ctx);
    const progress = taskProgress(ctx);
    progress.listed(listed.length);
    const functions = await ctx.mapLimit(listed, async (fn): Promise<LambdaFunctionFacts> => {
      const [urls, tags] = await settleAll([
        reads.optional(FUNCTION_URLS, fn.name, async () => {
          const found: LambdaFunctionUrl[] = [];
          const pages = paginateListFunctionUrlConfigs({ client: lambda, stopOnSameToken: true }, { FunctionName: fn.arn });
          for await (const page of pages) {
            for (const config of page.FunctionUrlConfigs ?? []) {
              const url = functionUrl(config);
              if (url !== null) found.push(url);
            }
          }
          return found;
        }),
        reads.optional(FUNCTION_TAGS, fn.name, async () => tagsFromMap((await lambda.send(new ListTagsCommand({ Resource: fn.arn }))).Tags)),
      ]);
      progress.read();
      return { ...fn, functionUrls: urls ?? [], tags: tags ?? {} };
    });
    const warnGaps = reads.report();
    unreadableEnvironments.sort();
    const environmentGap =
      unreadableEnvironments.length === 0
        ? null
        : `Environment variable names not readable for ${unreadableEnvironments.length} function(s): ${unreadableEnvironments.slice(0, 5).join(', ')}.`;
    if (environmentGap !== null) ctx.note(environmentGap);

    return (draft) => {
      warnGaps();
      if (environmentGap !== null) ctx.warn(environmentGap);
      const section = draft.lambda ?? { regions: [], functions: [] };
      draft.lambda = {
        regions: withRegion(section.regions, ctx.region),
        functions: mergeByKey(section.functions, functions, (fn) => fn.arn),
      };
    };
  },
};
