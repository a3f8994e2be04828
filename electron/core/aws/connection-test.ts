/**
 * "Test" for a connection: who am I, in which account. STS GetCallerIdentity with the profile's
 * credentials (after assuming the connection's role, if it has one), then the account alias from
 * iam:ListAccountAliases on a best-effort basis. Every failure comes back as data with an action.
 */
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { IAMClient, ListAccountAliasesCommand } from '@aws-sdk/client-iam';
import type { ConnectionTestResult } from '@shared/contract';
import { endpointFromEnv, openAwsSession, type AwsSession } from './client-config';
import { classifyConnectionFailure, type ConnectionTestStage } from './connection-failure';
import { redactSecrets } from './redact-secrets';

export interface ConnectionTestTarget {
  /** The profile to test; null tests the environment's default chain (AWS_PROFILE, env keys, …). */
  profile: string | null;
  roleArn: string | null;
  externalId: string | null;
  /** The region to call STS in; null to take it from the environment or the profile. */
  region: string | null;
}

export interface ConnectionTestDeps {
  env: NodeJS.ProcessEnv;
  homedir: string;
  clock: () => Date;
}

/** The account alias, or null when there is none or we may not read it (never a failure). */
async function accountAlias(session: AwsSession): Promise<string | null> {
  const iam = new IAMClient(session.clientConfig('IAM'));
  try {
    const { AccountAliases } = await iam.send(new ListAccountAliasesCommand({}));
    return AccountAliases?.[0] ?? null;
  } catch {
    return null;
  } finally {
    iam.destroy();
  }
}

export async function testConnection(target: ConnectionTestTarget, deps: ConnectionTestDeps): Promise<ConnectionTestResult> {
  let session: AwsSession;
  try {
    session = await openAwsSession({ ...target, ...deps, purpose: 'connection-test' });
  } catch (error) {
    // Not expected (the SDK reads unreadable files as empty), but a test must answer, not throw.
    return {
      ok: false,
      failure: 'unknown',
      message: `Could not read the AWS configuration: ${redactSecrets(error instanceof Error ? error.message : String(error))}`,
      action: 'Check the AWS config and credentials files (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE), then test again.',
    };
  }
  let stage: ConnectionTestStage = 'credentials';
  try {
    await session.baseCredentials();
    if (target.roleArn !== null) {
      stage = 'assume-role';
      await session.credentials();
    }
    stage = 'identity';
    const sts = new STSClient(session.clientConfig('STS'));
    let identity;
    try {
      identity = await sts.send(new GetCallerIdentityCommand({}));
    } finally {
      sts.destroy();
    }
    if (identity.Account === undefined || identity.Arn === undefined) {
      throw new Error('STS GetCallerIdentity answered without an account or ARN.');
    }
    return {
      ok: true,
      accountId: identity.Account,
      arn: identity.Arn,
      userId: identity.UserId ?? '',
      accountAlias: await accountAlias(session),
      assumedRole: target.roleArn !== null,
    };
  } catch (error) {
    return classifyConnectionFailure(error, {
      stage,
      profile: session.profile,
      chain: session.chain,
      files: session.files,
      roleArn: target.roleArn,
      externalIdUsed: target.externalId !== null,
      region: session.region,
      redact: session.redact,
      endpoints: {
        sts: session.endpointLabel('STS'),
        sso:
          endpointFromEnv(deps.env, 'SSO') ??
          (session.chain.ssoRegion !== null ? `https://portal.sso.${session.chain.ssoRegion}.amazonaws.com` : 'its portal endpoint'),
      },
    });
  }
}
