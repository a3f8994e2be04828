/**
 * The envelope every reply travels in: errors cross the contract as data (`{ok:false, error:{code,message}}`),
 * never as exceptions. The back end's AppError (electron/core/errors.ts) carries one of these codes.
 */
import { z } from 'zod';

export const ERROR_CODES = [
  'invalid_input',
  'unknown_channel',
  'not_found',
  'conflict',
  'workspace_error',
  'aws_error',
  'unavailable',
  // More than Agent Warden supports (issue 8): an import or a scan above the supported size.
  'too_large',
  'internal',
] as const;
export const errorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const apiErrorSchema = z.object({ code: errorCodeSchema, message: z.string() });
export type ApiErrorShape = z.infer<typeof apiErrorSchema>;

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiErrorShape };
