import './demo.css';
import type { ReactNode } from 'react';
import { Button, type ButtonVariant } from '../components/button';
import { useOpenDemo } from './use-demo';
import { useWorkspace } from './workspace-context';

/** "Explore the demo company" (hidden while the demo is already open); its error, if any, below it. */
export function DemoOfferButton({ variant = 'secondary' }: { variant?: ButtonVariant }): ReactNode {
  const { workspace } = useWorkspace();
  const demo = useOpenDemo();
  if (workspace.status === 'ready' && workspace.data.demo) return null;
  return (
    <span className="demo-offer">
      <Button variant={variant} icon="compass" onClick={demo.run} busy={demo.busy}>
        {demo.busy ? 'Building the demo company…' : 'Explore the demo company'}
      </Button>
      {demo.error !== null ? (
        <span className="demo-offer__error" role="alert">
          The demo could not be opened: {demo.error}
        </span>
      ) : null}
    </span>
  );
}
