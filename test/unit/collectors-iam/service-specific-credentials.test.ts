/** iam-service-specific-credentials: Bedrock API keys of every user, in pages. */
import { IAMClient, IAMServiceException, ListServiceSpecificCredentialsCommand } from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { serviceSpecificCredentialsCollector } from '@core/aws/collectors/iam/service-specific-credentials';
import { serviceSpecificCredentialFactsSchema } from '@core/discovery/facts';
import { runOf, runWithFramework } from './support';

const iam = mockClient(IAMClient);
afterAll(() => iam.restore());
beforeEach(() => iam.reset());

function key(id: string, user: string, status: 'Active' | 'Inactive' | 'Expired', expires?: Date) {
  return {
    ServiceSpecificCredentialId: id,
    UserName: user,
    ServiceName: 'bedrock.amazonaws.com',
    ServiceUserName: `${user}-at-123456789012`,
    ServiceCredentialAlias: `${user}+1-at-123456789012`,
    Status: status,
    CreateDate: new Date('2025-05-01T00:00:00Z'),
    ...(expires !== undefined && { ExpirationDate: expires }),
  };
}

describe('iam-service-specific-credentials', () => {
  it('lists Bedrock keys of all users, every page', async () => {
    iam
      .on(ListServiceSpecificCredentialsCommand)
      .resolvesOnce({ ServiceSpecificCredentials: [key('ACCA1', 'bot-1', 'Active', new Date('2025-08-01T00:00:00Z'))], IsTruncated: true, Marker: 'next' })
      .resolvesOnce({ ServiceSpecificCredentials: [key('ACCA2', 'bot-2', 'Inactive')], IsTruncated: false });
    const { runs, facts } = await runWithFramework([serviceSpecificCredentialsCollector]);
    expect(runOf(runs, 'iam-service-specific-credentials')).toMatchObject({ outcome: 'ok', message: '2 Bedrock API keys (1 active).' });
    const inputs = iam.commandCalls(ListServiceSpecificCredentialsCommand).map((call) => call.args[0].input);
    expect(inputs).toEqual([
      { AllUsers: true, ServiceName: 'bedrock.amazonaws.com', MaxItems: 1000 },
      { AllUsers: true, ServiceName: 'bedrock.amazonaws.com', MaxItems: 1000, Marker: 'next' },
    ]);
    expect(facts.serviceSpecificCredentials?.map((c) => serviceSpecificCredentialFactsSchema.parse(c))).toEqual([
      {
        id: 'ACCA1',
        userName: 'bot-1',
        serviceName: 'bedrock.amazonaws.com',
        serviceUserName: 'bot-1-at-123456789012',
        status: 'Active',
        createdAt: '2025-05-01T00:00:00.000Z',
        expiresAt: '2025-08-01T00:00:00.000Z',
      },
      {
        id: 'ACCA2',
        userName: 'bot-2',
        serviceName: 'bedrock.amazonaws.com',
        serviceUserName: 'bot-2-at-123456789012',
        status: 'Inactive',
        createdAt: '2025-05-01T00:00:00.000Z',
        expiresAt: null,
      },
    ]);
  });

  it('AllUsers refused: the outcome says so, no per-user fallback, section null', async () => {
    iam.on(ListServiceSpecificCredentialsCommand).rejects(
      new IAMServiceException({ name: 'AccessDenied', message: 'not authorized to perform: iam:ListServiceSpecificCredentials', $fault: 'client', $metadata: { httpStatusCode: 403 } }),
    );
    const { runs, facts } = await runWithFramework([serviceSpecificCredentialsCollector]);
    expect(runOf(runs, 'iam-service-specific-credentials').outcome).toBe('denied');
    expect(iam.commandCalls(ListServiceSpecificCredentialsCommand)).toHaveLength(1);
    expect(facts.serviceSpecificCredentials).toBeNull();
  });

  it('a partition without the AllUsers flag (ValidationError): failed with AWS’s words', async () => {
    iam.on(ListServiceSpecificCredentialsCommand).rejects(
      new IAMServiceException({ name: 'ValidationError', message: 'AllUsers is not a valid parameter', $fault: 'client', $metadata: { httpStatusCode: 400 } }),
    );
    const { runs } = await runWithFramework([serviceSpecificCredentialsCollector]);
    expect(runOf(runs, 'iam-service-specific-credentials')).toMatchObject({ outcome: 'failed', message: expect.stringContaining('AllUsers is not a valid parameter') as unknown });
  });
});
