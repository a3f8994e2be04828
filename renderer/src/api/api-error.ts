import { ERROR_CODES, type ErrorCode } from '@shared/contract';

/**
 * Codes a client can raise on its own, beside the contract's: `unauthorized` when the loopback server
 * refuses the session token (the server was restarted, or the page was opened without its URL).
 */
export type ApiErrorCode = ErrorCode | 'unauthorized';

/** The one error type screens see: a stable code and a message a person can act on. */
export class ApiError extends Error {
  readonly code: ApiErrorCode;

  constructor(code: ApiErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ApiError';
    this.code = code;
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** Any thrown value as an ApiError, so screens render one shape of error. */
export function toApiError(value: unknown): ApiError {
  if (isApiError(value)) return value;
  if (value instanceof Error) return new ApiError('internal', value.message, { cause: value });
  return new ApiError('internal', String(value));
}

/** An `{code, message}` object from an envelope as an ApiError (unknown codes become `internal`). */
export function apiErrorFromShape(shape: unknown): ApiError {
  if (typeof shape === 'object' && shape !== null) {
    const { code, message } = shape as { code?: unknown; message?: unknown };
    const text = typeof message === 'string' && message.length > 0 ? message : 'The back end reported an error.';
    return new ApiError(isErrorCode(code) ? code : 'internal', text);
  }
  return new ApiError('internal', 'The back end reported an error without details.');
}
