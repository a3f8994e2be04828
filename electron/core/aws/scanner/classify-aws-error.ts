/**
 * Turns whatever an SDK call threw into a collector outcome and a sentence a cloud admin can act on.
 */
import type { CollectorOutcome } from './collector';
import { ReadOnlyViolationError } from './read-only-allowlist';

const DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'UnauthorizedAccess',
  'AuthorizationError',
  'AuthorizationErrorException',
  'Forbidden',
]);
const THROTTLED = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'ProvisionedThroughputExceededException',
  'LimitExceededException',
]);
const UNSUPPORTED = new Set([
  'AWSOrganizationsNotInUseException',
  'OptInRequired',
  'SubscriptionRequiredException',
  'UnknownOperationException',
  'InvalidAction',
  'NotImplemented',
  'UnsupportedOperation',
  'UnsupportedOperationException',
  'ServiceNotAvailableException',
]);

interface SdkLikeError {
  name?: unknown;
  code?: unknown;
  Code?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: number };
}

export interface ClassifiedError {
  outcome: CollectorOutcome;
  message: string;
}

function errorCode(error: SdkLikeError): string {
  for (const value of [error.name, error.Code, error.code]) {
    if (typeof value === 'string' && value !== '' && value !== 'Error') return value;
  }
  return 'Error';
}

export function classifyAwsError(error: unknown, operationHint: string, signal?: AbortSignal): ClassifiedError {
  if (signal?.aborted === true) return { outcome: 'cancelled', message: 'Cancelled.' };
  if (error instanceof ReadOnlyViolationError) return { outcome: 'failed', message: error.message };
  if (typeof error !== 'object' || error === null) return { outcome: 'failed', message: `${operationHint}: ${String(error)}` };
  const e = error as SdkLikeError;
  const code = errorCode(e);
  const text = typeof e.message === 'string' ? e.message : '';
  const status = e.$metadata?.httpStatusCode;
  if (code === 'AbortError') return { outcome: 'cancelled', message: 'Cancelled.' };
  if (DENIED.has(code) || status === 403) {
    return { outcome: 'denied', message: `Access denied to ${operationHint}. Add it to the scanner's read-only policy (warden policy) to collect this.` };
  }
  if (THROTTLED.has(code) || status === 429) {
    return { outcome: 'throttled', message: `AWS kept throttling ${operationHint} after retries; run the scan again later.` };
  }
  if (UNSUPPORTED.has(code) || status === 501 || /not ?implemented|not available in|is not supported/i.test(text)) {
    return { outcome: 'unsupported', message: `${operationHint} is not available here (${code}).` };
  }
  const network = typeof e.code === 'string' ? e.code : code;
  if (network === 'ENOTFOUND' || network === 'EAI_AGAIN') {
    return { outcome: 'unsupported', message: `${operationHint}: the service has no endpoint in this region (${network}).` };
  }
  if (network === 'ECONNREFUSED' || network === 'ECONNRESET' || network === 'ETIMEDOUT' || code === 'TimeoutError' || code === 'RequestTimeout') {
    return { outcome: 'failed', message: `${operationHint}: AWS could not be reached (${network}).` };
  }
  if (/XML parse error|Deserialization error|\$response/i.test(text)) {
    // The endpoint answered, but not like AWS (an HTML error page from a proxy or an emulator).
    return {
      outcome: 'failed',
      message: `${operationHint}: the endpoint answered${status !== undefined ? ` HTTP ${status}` : ''} with something that is not an AWS response.`,
    };
  }
  const detail = text !== '' ? `: ${text.slice(0, 300)}` : '';
  return { outcome: 'failed', message: `${operationHint} failed (${code}${status !== undefined ? `, HTTP ${status}` : ''})${detail}` };
}
