import { useState } from 'react';
import { toApiError } from '../api/api-error';
import { useApi } from '../api/api-context';
import { navigate } from '../hooks/use-hash-path';
import { baseName } from '../lib/format';
import { forgetPreviousWorkspace, previousWorkspace, rememberPreviousWorkspace } from './previous-workspace';
import { useToast } from './toast-context';
import { useWorkspace } from './workspace-context';

export interface DemoSwitch {
  busy: boolean;
  error: string | null;
  run: () => void;
}

/** "Explore the demo company": remember the workspace that is open, switch to the demo, show its scans. */
export function useOpenDemo(): DemoSwitch {
  const api = useApi();
  const toast = useToast();
  const { workspace, refresh } = useWorkspace();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const current = workspace.status === 'ready' && !workspace.data.demo ? workspace.data.path : null;

  return {
    busy,
    error,
    run: () => {
      setBusy(true);
      setError(null);
      api.invoke('demo:open', {}).then(
        () => {
          if (current !== null) rememberPreviousWorkspace(current);
          setBusy(false);
          toast('The demo company is open. Your own workspace is untouched.', 'info');
          refresh();
          navigate('/scans');
        },
        (failure: unknown) => {
          setBusy(false);
          setError(toApiError(failure).message);
        },
      );
    },
  };
}

/** "Open my workspace": back to the workspace that was open before the demo. */
export function useLeaveDemo(): DemoSwitch & { previous: string | null } {
  const api = useApi();
  const toast = useToast();
  const { refresh } = useWorkspace();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const previous = previousWorkspace();

  return {
    previous,
    busy,
    error,
    run: () => {
      if (previous === null) {
        navigate('/settings');
        return;
      }
      setBusy(true);
      setError(null);
      api.invoke('workspace:open', { path: previous }).then(
        (opened) => {
          setBusy(false);
          if (opened === null) return;
          forgetPreviousWorkspace();
          toast(`Opened workspace “${baseName(opened.path)}”.`);
          refresh();
        },
        (failure: unknown) => {
          setBusy(false);
          setError(toApiError(failure).message);
        },
      );
    },
  };
}

/** "Reset the demo": the demo company built again from scratch, dated as of today; what was done in it is gone. */
export function useResetDemo(): () => Promise<void> {
  const api = useApi();
  const toast = useToast();
  const { refresh } = useWorkspace();
  return async () => {
    // A failure is shown by the confirm dialog, which stays open.
    await api.invoke('demo:reset', {});
    toast('The demo company is reset, dated as of today.', 'info');
    refresh();
    navigate('/scans');
  };
}
