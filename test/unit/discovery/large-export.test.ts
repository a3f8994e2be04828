/**
 * A ~200 MB synthetic export, written to the temp folder in a streaming way and deleted afterwards:
 * parsing it must take memory bounded by the largest element (streaming), and the facts it keeps
 * must stay well under the file's size.
 */
import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  parseAuthorizationDetailsFile,
  streamAuthorizationDetailsFile,
} from '@core/discovery/import/authorization-details';
import { makeTempDir } from './fixture-paths';

const TARGET_BYTES = 200 * 1024 * 1024;
/**
 * This file holds more roles than the supported size (MAX_IMPORT_PRINCIPALS): these tests are about
 * the streaming parser's memory, so the limit is lifted here; its refusal is tested in
 * import-limits.test.ts.
 */
const NO_LIMITS = { principals: Number.POSITIVE_INFINITY, groupsAndPolicies: Number.POSITIVE_INFINITY, bytes: Number.POSITIVE_INFINITY };
const MiB = 1024 * 1024;

interface Generated {
  roles: number;
  policies: number;
  bytes: number;
}

/** Writes an export in the AWS CLI's layout (4-space indentation), 500 roles at a time. */
function writeSyntheticExport(path: string, targetBytes: number): Generated {
  const fd = openSync(path, 'w');
  let bytes = 0;
  const write = (text: string): void => {
    bytes += Buffer.byteLength(text);
    writeSync(fd, text);
  };
  const indent = (text: string): string => text.replace(/^/gm, '        ');
  try {
    write('{\n    "RoleDetailList": [\n');
    let roles = 0;
    while (bytes < targetBytes * 0.85) {
      const batch: string[] = [];
      for (let k = 0; k < 500; k++, roles++) {
        const name = `agent-role-${roles}`;
        const arn = `arn:aws:iam::123456789012:role/service-role/${name}`;
        const trust = {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: roles % 3 === 0 ? 'bedrock.amazonaws.com' : 'lambda.amazonaws.com' },
              Action: 'sts:AssumeRole',
              Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } },
            },
          ],
        };
        const role = {
          Path: '/service-role/',
          RoleName: name,
          RoleId: `AROA${String(roles).padStart(17, '0')}`,
          Arn: arn,
          CreateDate: '2024-03-09 10:41:39+00:00',
          AssumeRolePolicyDocument: roles % 2 === 0 ? trust : encodeURIComponent(JSON.stringify(trust)),
          InstanceProfileList:
            roles % 10 === 0
              ? [
                  {
                    Path: '/',
                    InstanceProfileName: `${name}-profile`,
                    InstanceProfileId: `AIPA${roles}`,
                    Arn: `arn:aws:iam::123456789012:instance-profile/${name}-profile`,
                    CreateDate: '2024-03-09 10:41:49+00:00',
                    Roles: [{ Path: '/service-role/', RoleName: name, RoleId: `AROA${roles}`, Arn: arn, CreateDate: '2024-03-09 10:41:39+00:00', AssumeRolePolicyDocument: trust }],
                  },
                ]
              : [],
          RolePolicyList: [
            {
              PolicyName: `${name}-inline`,
              PolicyDocument: {
                Version: '2012-10-17',
                Statement: [
                  { Sid: 'InvokeModels', Effect: 'Allow', Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'], Resource: [`arn:aws:bedrock:eu-west-1::foundation-model/model-${roles % 50}`] },
                  { Sid: 'ReadData', Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: [`arn:aws:s3:::data-bucket-${roles}`, `arn:aws:s3:::data-bucket-${roles}/*`] },
                ],
              },
            },
          ],
          AttachedManagedPolicies: [{ PolicyName: 'AWSLambdaBasicExecutionRole', PolicyArn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole' }],
          Tags: [
            { Key: 'owner', Value: `team-${roles % 40}` },
            { Key: 'purpose', Value: 'summarise support tickets' },
          ],
          RoleLastUsed: roles % 2 === 0 ? { LastUsedDate: '2024-06-01 12:00:00+00:00', Region: 'eu-west-1' } : {},
        };
        batch.push(indent(JSON.stringify(role, null, 4)));
      }
      write((roles > 500 ? ',\n' : '') + batch.join(',\n'));
    }
    write('\n    ],\n    "Policies": [\n');
    let policies = 0;
    while (bytes < targetBytes) {
      const batch: string[] = [];
      for (let k = 0; k < 100; k++, policies++) {
        const versions = [1, 2, 3, 4, 5].map((v) => ({
          Document: {
            Version: '2012-10-17',
            Statement: Array.from({ length: 8 }, (_, s) => ({ Effect: 'Allow', Action: [`service${s}:Action${v}`, `service${s}:Other${v}`], Resource: '*' })),
          },
          VersionId: `v${v}`,
          IsDefaultVersion: v === 5,
          CreateDate: '2024-01-01T00:00:00Z',
        }));
        const policy = {
          PolicyName: `policy-${policies}`,
          PolicyId: `ANPA${policies}`,
          Arn: `arn:aws:iam::123456789012:policy/policy-${policies}`,
          Path: '/',
          DefaultVersionId: 'v5',
          AttachmentCount: 1,
          PermissionsBoundaryUsageCount: 0,
          IsAttachable: true,
          CreateDate: '2024-01-01T00:00:00Z',
          UpdateDate: '2024-02-01T00:00:00Z',
          PolicyVersionList: versions,
        };
        batch.push(indent(JSON.stringify(policy, null, 4)));
      }
      write((policies > 100 ? ',\n' : '') + batch.join(',\n'));
    }
    write('\n    ],\n    "UserDetailList": [],\n    "GroupDetailList": [],\n    "IsTruncated": false\n}\n');
    return { roles, policies, bytes };
  } finally {
    closeSync(fd);
  }
}

/** Peak growth of RSS and heap over a baseline, sampled as often as the caller likes. */
function memoryProbe(): { sample: () => void; report: () => { rssMiB: number; heapMiB: number } } {
  const base = process.memoryUsage();
  let peakRss = base.rss;
  let peakHeap = base.heapUsed;
  return {
    sample: () => {
      const now = process.memoryUsage();
      peakRss = Math.max(peakRss, now.rss);
      peakHeap = Math.max(peakHeap, now.heapUsed);
    },
    report: () => ({ rssMiB: Math.round((peakRss - base.rss) / MiB), heapMiB: Math.round((peakHeap - base.heapUsed) / MiB) }),
  };
}

describe('a 200 MB export', () => {
  const temp = makeTempDir('large');
  const path = join(temp.dir, 'large-authorization-details.json');
  let generated: Generated;

  beforeAll(() => {
    generated = writeSyntheticExport(path, TARGET_BYTES);
  }, 120_000);

  afterAll(() => temp.remove());

  it(
    'streams in bounded memory: peak growth far below the file size',
    async () => {
      expect(statSync(path).size).toBeGreaterThanOrEqual(TARGET_BYTES);
      const probe = memoryProbe();
      let roles = 0;
      const started = performance.now();
      const summary = await streamAuthorizationDetailsFile(
        path,
        (element) => {
          if (element.kind === 'role' && ++roles % 2000 === 0) probe.sample();
        },
        { onProgress: probe.sample, limits: NO_LIMITS },
      );
      const seconds = (performance.now() - started) / 1000;
      const { rssMiB, heapMiB } = probe.report();
      console.info(
        `streamed ${Math.round(generated.bytes / MiB)} MiB (${summary.counts.roles} roles, ${summary.counts.policies} policies) in ${seconds.toFixed(1)} s: peak RSS growth ${rssMiB} MiB, peak heap growth ${heapMiB} MiB`,
      );
      expect(summary.counts).toEqual({ users: 0, groups: 0, roles: generated.roles, policies: generated.policies });
      expect(summary.bytes).toBe(generated.bytes);
      // Growth includes garbage V8 has not collected yet; what is retained is one element at a time.
      expect(rssMiB).toBeLessThan(150);
      expect(heapMiB).toBeLessThan(150);
    },
    180_000,
  );

  it(
    'keeps facts far smaller than the file',
    async () => {
      const probe = memoryProbe();
      const started = performance.now();
      const result = await parseAuthorizationDetailsFile(path, { onProgress: probe.sample, limits: NO_LIMITS });
      probe.sample();
      const seconds = (performance.now() - started) / 1000;
      const { rssMiB, heapMiB } = probe.report();
      console.info(
        `parsed ${Math.round(generated.bytes / MiB)} MiB into facts (${result.iam.roles.length} roles) in ${seconds.toFixed(1)} s: peak RSS growth ${rssMiB} MiB, peak heap growth ${heapMiB} MiB (facts included)`,
      );
      expect(result.accountId).toBe('123456789012');
      expect(result.iam.roles).toHaveLength(generated.roles);
      const sample = result.iam.roles[generated.roles - 1]!;
      expect(sample.trustPolicy['Statement']).toHaveLength(1);
      expect(result.iam.policies[0]!.document?.['Statement']).toHaveLength(8);
      // The facts themselves are retained (~95 MiB for this file, measured after a forced GC):
      // the default policy version only, compact arrays, shared short strings.
      expect(heapMiB).toBeLessThan(200);
    },
    180_000,
  );
});
