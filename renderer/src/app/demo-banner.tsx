import './demo.css';
import type { ReactNode } from 'react';
import { Button } from '../components/button';
import { Icon } from '../components/icon';
import { baseName } from '../lib/format';
import { useLeaveDemo } from './use-demo';
import { useWorkspace } from './workspace-context';

/** On every screen while the demo company is open: what it is, and the way back to real data. */
export function DemoBanner(): ReactNode {
  const { workspace } = useWorkspace();
  const leave = useLeaveDemo();
  if (workspace.status !== 'ready' || !workspace.data.demo) return null;
  return (
    <section className="demo-banner" aria-label="Demo workspace" data-testid="demo-banner">
      <Icon name="compass" size={18} className="demo-banner__icon" />
      <div className="demo-banner__text">
        <p className="demo-banner__title">You are exploring the demo company</p>
        <p className="demo-banner__body">
          A fictional company, dated as of today. Nothing here comes from your AWS accounts, and your own workspace is untouched.
        </p>
        {leave.error !== null ? (
          <p className="demo-banner__error" role="alert">
            {leave.error}
          </p>
        ) : null}
      </div>
      {leave.previous !== null ? (
        <Button size="sm" icon="folder" onClick={leave.run} busy={leave.busy} title={leave.previous}>
          Open my workspace ({baseName(leave.previous)})
        </Button>
      ) : (
        <a className="btn btn--secondary btn--sm" href="#/settings">
          <Icon name="folder" size={14} />
          Open a workspace in Settings
        </a>
      )}
    </section>
  );
}
