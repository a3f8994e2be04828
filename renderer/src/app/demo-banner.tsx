import './demo.css';
import { useId, useState, type ReactNode } from 'react';
import { Button } from '../components/button';
import { ConfirmDialog } from '../components/confirm-dialog';
import { Icon } from '../components/icon';
import { baseName } from '../lib/format';
import { demoBannerCollapsed, rememberDemoBannerCollapsed } from './demo-banner-preference';
import { useLeaveDemo, useResetDemo } from './use-demo';
import { useWorkspace } from './workspace-context';

/**
 * On every screen while the demo company is open: what it is, and the way back to real data. It can
 * be collapsed to a slim line (remembered across reloads) that keeps both actions within reach.
 */
export function DemoBanner(): ReactNode {
  const { workspace } = useWorkspace();
  const leave = useLeaveDemo();
  const reset = useResetDemo();
  const [confirmingReset, setConfirmingReset] = useState(false);
  const [collapsed, setCollapsed] = useState(demoBannerCollapsed);
  const bodyId = useId();
  if (workspace.status !== 'ready' || !workspace.data.demo) return null;
  const toggle = (): void => {
    rememberDemoBannerCollapsed(!collapsed);
    setCollapsed(!collapsed);
  };
  return (
    <section
      className={collapsed ? 'demo-banner demo-banner--collapsed' : 'demo-banner'}
      aria-label="Demo workspace"
      data-testid="demo-banner"
      data-collapsed={collapsed}
    >
      <Icon name="compass" size={collapsed ? 16 : 18} className="demo-banner__icon" />
      <div className="demo-banner__text">
        <p className="demo-banner__title">{collapsed ? 'Demo company: nothing here is from your AWS accounts' : 'You are exploring the demo company'}</p>
        {collapsed ? null : (
          <p id={bodyId} className="demo-banner__body">
            A fictional company, dated as of the day it was built. Nothing here comes from your AWS accounts, and your own workspace is
            untouched. What you do here is kept in the demo until you reset it.
          </p>
        )}
        {leave.error !== null ? (
          <p className="demo-banner__error" role="alert">
            {leave.error}
          </p>
        ) : null}
      </div>
      <Button size="sm" icon="refresh" onClick={() => setConfirmingReset(true)}>
        Reset the demo
      </Button>
      <ConfirmDialog
        open={confirmingReset}
        title="Reset the demo?"
        description="The demo company is built again from scratch, dated as of today. What you did in it (registrations, accepted risks, policies) is removed. Your own workspace is not touched."
        confirmLabel="Reset the demo"
        onClose={() => setConfirmingReset(false)}
        onConfirm={reset}
      />
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
      <Button
        variant="ghost"
        size="sm"
        className="demo-banner__toggle"
        aria-expanded={!collapsed}
        aria-controls={collapsed ? undefined : bodyId}
        onClick={toggle}
      >
        {collapsed ? 'Show details' : 'Collapse'}
      </Button>
    </section>
  );
}
