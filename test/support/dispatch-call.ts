import type { Backend } from '@core/backend';

/** Calls a contract channel through the back end's dispatch; an error envelope fails the test with its code. */
export async function call<T>(backend: Pick<Backend, 'dispatch'>, channel: string, input: unknown): Promise<T> {
  const reply = await backend.dispatch(channel, input);
  if (!reply.ok) throw new Error(`${channel}: ${reply.error.code}: ${reply.error.message}`);
  return reply.value as T;
}
