/**
 * The inventory screen alone, over a fake back end that answers `agents:list` with synthetic rows when
 * the bench says go (so the measured time is React's render and paint, not data generation).
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { createRoot } from 'react-dom/client';
import type { ChannelName } from '../../shared/contract';
import { ApiProvider } from '../../renderer/src/api/api-context';
import type { RendererApi } from '../../renderer/src/api/renderer-api';
import { ToastProvider } from '../../renderer/src/app/toast-context';
import { WorkspaceProvider } from '../../renderer/src/app/workspace-context';
import { createQueryClient } from '../../renderer/src/queries/query-client';
import { InventoryScreen } from '../../renderer/src/screens/inventory/inventory-screen';
import { syntheticAgents } from './synthetic-agents';
import '../../renderer/src/styles/tokens.css';
import '../../renderer/src/styles/base.css';
import '../../renderer/src/styles/layout.css';

import './bench-window';

const SCAN = {
  id: 'bench',
  source: 'demo' as const,
  label: null,
  connectionId: null,
  connectionName: null,
  accountId: '111122223333',
  accountAlias: 'bench',
  regions: [],
  status: 'completed' as const,
  startedAt: '2026-01-01T00:00:00Z',
  finishedAt: '2026-01-01T00:01:00Z',
  durationMs: 60_000,
  error: null,
  apiCallCount: 0,
  identityCount: 10_000,
  workloadCount: 0,
  outcomes: {},
};

let release: (count: number) => void = () => undefined;
const gate = new Promise<number>((resolve) => {
  release = resolve;
});

const api: RendererApi = {
  async invoke(channel: ChannelName): Promise<never> {
    const answers: Partial<Record<ChannelName, () => Promise<unknown>>> = {
      'workspace:info': () => Promise.resolve({ path: '/bench.sqlite', schemaVersion: 1, sizeBytes: 0, createdAt: null, demo: true }),
      'app:info': () => Promise.resolve({ name: 'bench', version: '0', transport: 'http', nativeDialogs: false, platform: 'linux' }),
      'agents:list': async () => {
        const count = await gate;
        const agents = syntheticAgents(count);
        window.benchT0 = performance.now();
        return { scan: SCAN, agents };
      },
    };
    const answer = answers[channel];
    if (answer === undefined) throw new Error(`bench: no answer for ${channel}`);
    return (await answer()) as never;
  },
  on: () => () => undefined,
  fileRef: () => Promise.reject(new Error('bench')),
};

/** Data arrives → rows painted: wait for the count and the first row, then the next frame (the paint). */
window.benchRender = (count) =>
  new Promise<number>((done) => {
    const check = (): void => {
      if (document.querySelector('[data-testid="inventory-count"]') !== null && document.querySelector('.vtable__body [role="row"]') !== null) {
        requestAnimationFrame(() => setTimeout(() => done(performance.now() - window.benchT0), 0));
        return;
      }
      requestAnimationFrame(check);
    };
    release(count);
    requestAnimationFrame(check);
  });

/** One keystroke in the search box (a real input event, as typing fires) → the filtered table painted. */
window.benchKey = (pressed) =>
  new Promise<number>((done) => {
    const input = document.querySelector<HTMLInputElement>('[data-testid="inventory-search"]');
    const count = document.querySelector('[data-testid="inventory-count"]');
    if (input === null || count === null) throw new Error('no search box');
    const before = count.textContent;
    const t0 = performance.now();
    let finished = false;
    const finish = (): void => {
      if (finished) return;
      finished = true;
      observer.disconnect();
      requestAnimationFrame(() => setTimeout(() => done(performance.now() - t0), 0));
    };
    const observer = new MutationObserver(() => {
      if (count.textContent !== before) finish();
    });
    observer.observe(count, { subtree: true, childList: true, characterData: true });
    // React tracks the value through the prototype's setter; calling it (not the instance's) fires onChange.
    // eslint-disable-next-line @typescript-eslint/unbound-method
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
    setter?.call(input, pressed === 'Backspace' ? input.value.slice(0, -1) : input.value + pressed);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    // The same count after the keystroke (possible): React has rendered synchronously by now; time to the paint.
    queueMicrotask(() => {
      if (count.textContent === before) finish();
    });
  });
window.location.hash = '#/inventory';

const container = document.getElementById('root');
if (container === null) throw new Error('no #root');
createRoot(container).render(
  <ApiProvider api={api}>
    <QueryClientProvider client={createQueryClient()}>
      <WorkspaceProvider>
        <ToastProvider>
          <main id="main-content" className="main" style={{ padding: 24 }}>
            <InventoryScreen />
          </main>
        </ToastProvider>
      </WorkspaceProvider>
    </QueryClientProvider>
  </ApiProvider>,
);
