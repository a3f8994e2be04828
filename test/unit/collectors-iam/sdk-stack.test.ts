/**
 * The IAM collectors through the whole SDK stack, without a network: a fake HTTP handler answers,
 * so the read-only guard, call counting, the SDK's retries and its error parsing all take part.
 * What aws-sdk-client-mock cannot show: calls counted per page, throttling that outlasts the
 * retries, HTTP 500s.
 */
import { describe, expect, it } from 'vitest';
import { authorizationDetailsCollector } from '@core/aws/collectors/iam/authorization-details';
import { credentialReportCollector } from '@core/aws/collectors/iam/credential-report';
import { serviceSpecificCredentialsCollector } from '@core/aws/collectors/iam/service-specific-credentials';
import { fakeHandler, queryError, runOf, runWithFramework } from './support';

const ACCOUNT = '123456789012';
const encode = (document: object): string => encodeURIComponent(JSON.stringify(document));
const DOCUMENT = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'bedrock:*', Resource: '*' }] };

function page(marker: string | null, userName: string): string {
  return (
    `<GetAccountAuthorizationDetailsResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><GetAccountAuthorizationDetailsResult>` +
    `<IsTruncated>${marker !== null}</IsTruncated>${marker !== null ? `<Marker>${marker}</Marker>` : ''}` +
    `<UserDetailList><member><UserName>${userName}</UserName><UserId>AIDA${userName}</UserId><Path>/</Path><Arn>arn:aws:iam::${ACCOUNT}:user/${userName}</Arn>` +
    `<CreateDate>2024-01-02T03:04:05Z</CreateDate><UserPolicyList><member><PolicyName>p</PolicyName><PolicyDocument>${encode(DOCUMENT)}</PolicyDocument></member></UserPolicyList></member></UserDetailList>` +
    `<GroupDetailList/><RoleDetailList/><Policies/></GetAccountAuthorizationDetailsResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetAccountAuthorizationDetailsResponse>`
  );
}

describe('IAM collectors through the SDK stack', () => {
  it('counts one call per page, on the collector run and per IAM action', async () => {
    const bodies: string[] = [];
    const handler = fakeHandler((_action, body) => {
      bodies.push(body);
      return { status: 200, body: body.includes('Marker=') ? page(null, 'second') : page('m-1', 'first') };
    });
    const { runs, facts, clients } = await runWithFramework([authorizationDetailsCollector], { requestHandler: handler });
    expect(runOf(runs, 'iam-authorization-details')).toMatchObject({ outcome: 'ok', calls: 2 });
    expect(clients.calls()).toEqual({ 'iam:GetAccountAuthorizationDetails': 2 });
    expect(bodies[0]).toContain('MaxItems=1000');
    expect(bodies[1]).toContain('Marker=m-1');
    expect(facts.iam?.users.map((u) => u.name)).toEqual(['first', 'second']);
    expect(facts.iam?.users[0]?.inlinePolicies[0]?.document).toEqual(DOCUMENT);
  });

  it('throttling that outlasts the retries: throttled, nothing written', async () => {
    const handler = fakeHandler(() => ({ status: 400, body: queryError('Throttling', 'Rate exceeded') }));
    const { runs, facts } = await runWithFramework([authorizationDetailsCollector], { requestHandler: handler, maxAttempts: 2 });
    expect(runOf(runs, 'iam-authorization-details')).toMatchObject({
      outcome: 'throttled',
      // One logical call, retried by the SDK: the handler saw both attempts.
      calls: 1,
      message: expect.stringContaining('throttling') as unknown,
    });
    expect(handler.seen).toEqual(['GetAccountAuthorizationDetails', 'GetAccountAuthorizationDetails']);
    expect(facts.iam).toBeNull();
  });

  it('HTTP 500: failed with the code and status; retried first', async () => {
    const handler = fakeHandler(() => ({ status: 500, body: queryError('ServiceFailure', 'Internal error', 'Receiver') }));
    const { runs, facts } = await runWithFramework([credentialReportCollector], { requestHandler: handler, maxAttempts: 2 });
    expect(runOf(runs, 'iam-credential-report')).toMatchObject({ outcome: 'failed', message: expect.stringContaining('ServiceFailureException, HTTP 500') as unknown });
    expect(handler.seen).toHaveLength(2);
    expect(facts.credentialReport).toBeNull();
  });

  it('HTTP 500 saying the action is not implemented (an emulator, a new API): unsupported', async () => {
    const handler = fakeHandler(() => ({ status: 500, body: queryError('InternalFailure', 'The ListServiceSpecificCredentials action is not implemented', 'Receiver') }));
    const { runs, facts } = await runWithFramework([serviceSpecificCredentialsCollector], { requestHandler: handler });
    expect(runOf(runs, 'iam-service-specific-credentials')).toMatchObject({ outcome: 'unsupported' });
    expect(facts.serviceSpecificCredentials).toBeNull();
  });

  it('an HTML error page (what moto sends for an API it lacks): failed with HTTP 500', async () => {
    const handler = fakeHandler(() => ({ status: 500, body: '<!doctype html><html><title>500 Internal Server Error</title></html>', headers: { 'content-type': 'text/html' } }));
    const { runs } = await runWithFramework([serviceSpecificCredentialsCollector], { requestHandler: handler });
    expect(runOf(runs, 'iam-service-specific-credentials')).toMatchObject({ outcome: 'failed', message: expect.stringContaining('HTTP 500') as unknown });
  });
});
