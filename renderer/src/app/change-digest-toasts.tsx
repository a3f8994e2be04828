import { useEffect } from 'react';
import { useApi } from '../api/api-context';
import { useToast } from './toast-context';
import { useWorkspace } from './workspace-context';

/** A digest stays long enough to read a few lines and follow its link. */
const DIGEST_TIMEOUT_MS = 15_000;

/**
 * In the browser (`warden serve`), what a scan or import changed (the back end's `changes:digest`, one
 * per job) as a toast linking to the scan's What changed. The desktop app shows the same digest as a
 * system notification from its shell instead (electron/main/change-notification.ts), so not here too.
 * The title and body are text, rendered as text. Renders nothing.
 */
export function ChangeDigestToasts(): null {
  const api = useApi();
  const show = useToast();
  const { app } = useWorkspace();
  const inBrowser = app.status === 'ready' && app.data.transport === 'http';

  useEffect(() => {
    if (!inBrowser) return undefined;
    return api.on('changes:digest', (digest) =>
      show(digest.body, 'info', {
        title: digest.title,
        link: { href: `#/scans/${encodeURIComponent(digest.scanId)}`, label: 'See what changed' },
        timeoutMs: DIGEST_TIMEOUT_MS,
      }),
    );
  }, [api, show, inBrowser]);
  return null;
}
