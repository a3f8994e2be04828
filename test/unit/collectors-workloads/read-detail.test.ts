/** Which failed per-resource reads leave a gap (and how it is worded), and which fail the task. */
import { describe, expect, it } from 'vitest';
import { DetailReads, detailFailure, type DetailRead } from '@core/aws/collectors/workloads/read-detail';
import { awsError, dnsError } from './run-mocked';

const TAGS: DetailRead = { operation: 'lambda:ListTags', what: 'tags', of: 'function' };

describe('detailFailure', () => {
  it.each([
    [awsError('AccessDeniedException', 403), 'denied'],
    [awsError('AccessDenied', 403), 'denied'],
    [awsError('UnsupportedOperationException', 400), 'unsupported'],
    [Object.assign(new SyntaxError('Unexpected token <'), { $metadata: { httpStatusCode: 404 } }), 'unsupported'],
    [awsError('ResourceNotFoundException', 404), 'not-found'],
    [awsError('TrailNotFoundException', 400), 'not-found'],
    [awsError('ValidationException', 400, 'Could not find model "arn:aws:sagemaker:us-east-1:1:model/x".'), 'not-found'],
  ])('%s → %s', (error, expected) => {
    expect(detailFailure(error)).toBe(expected);
  });

  it.each([
    ['throttling', awsError('ThrottlingException', 400)],
    ['a server error', awsError('InternalServerException', 500)],
    ['a validation error about the request', awsError('ValidationException', 400, '1 validation error detected')],
    ['a DNS failure after the List call worked', dnsError('lambda.us-east-1.amazonaws.com')],
    ['a reset connection', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })],
    ['a non-error', 'boom'],
  ])('%s fails the task (null)', (_what, error) => {
    expect(detailFailure(error)).toBeNull();
  });

  it('is null once the scan is cancelled, whatever the error', () => {
    const controller = new AbortController();
    controller.abort();
    expect(detailFailure(awsError('AccessDeniedException', 403), controller.signal)).toBeNull();
  });
});

describe('DetailReads', () => {
  function context(): { notes: string[]; warnings: string[]; ctx: ConstructorParameters<typeof DetailReads>[0] } {
    const notes: string[] = [];
    const warnings: string[] = [];
    return { notes, warnings, ctx: { signal: new AbortController().signal, note: (t) => notes.push(t), warn: (t) => warnings.push(t) } };
  }

  it('counts gaps per operation and reason, names the first resource by name, and warns only when applied', async () => {
    const { notes, warnings, ctx } = context();
    const reads = new DetailReads(ctx);
    expect(await reads.optional(TAGS, 'zeta', () => Promise.reject(awsError('AccessDeniedException', 403)))).toBeNull();
    expect(await reads.optional(TAGS, 'alpha', () => Promise.reject(awsError('AccessDeniedException', 403)))).toBeNull();
    expect(await reads.optional(TAGS, 'beta', () => Promise.resolve({ owner: 'x' }))).toEqual({ owner: 'x' });
    expect(await reads.essential('function', 'gone-fn', () => Promise.reject(awsError('ResourceNotFoundException', 404)))).toBeNull();
    await expect(reads.essential('function', 'x', () => Promise.reject(awsError('AccessDeniedException', 403)))).rejects.toMatchObject({ name: 'AccessDeniedException' });
    await expect(reads.optional(TAGS, 'y', () => Promise.reject(awsError('ThrottlingException', 400)))).rejects.toMatchObject({ name: 'ThrottlingException' });
    const warn = reads.report();
    expect(notes).toEqual([
      'Tags not read for 2 functions (access denied to lambda:ListTags; e.g. alpha).',
      '1 function deleted during the scan is left out (e.g. gone-fn).',
    ]);
    expect(warnings).toEqual([]);
    warn();
    expect(warnings).toEqual(['Tags not read for 2 functions (access denied to lambda:ListTags; e.g. alpha).']);
  });
  it('counts the same operation apart for each kind of resource it reads', async () => {
    const { notes, ctx } = context();
    const reads = new DetailReads(ctx);
    const tagsOf = (of: string): DetailRead => ({ operation: 'sagemaker:ListTags', what: 'tags', of });
    const denied = (): Promise<never> => Promise.reject(awsError('AccessDeniedException', 403));
    await reads.optional(tagsOf('endpoint'), 'ep', denied);
    await reads.optional(tagsOf('model'), 'm1', denied);
    await reads.optional(tagsOf('model'), 'm2', denied);
    reads.report();
    expect(notes).toEqual([
      'Tags not read for 1 endpoint (access denied to sagemaker:ListTags; e.g. ep).',
      'Tags not read for 2 models (access denied to sagemaker:ListTags; e.g. m1).',
    ]);
  });
});
