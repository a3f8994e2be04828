import './first-run.css';
import type { ReactNode } from 'react';
import { DemoOfferButton } from '../../app/demo-offer';
import { Button } from '../../components/button';
import { Icon, type IconName } from '../../components/icon';

const POINTS: readonly { icon: IconName; title: string; text: string }[] = [
  {
    icon: 'lock',
    title: 'Read-only',
    text: 'Agent Warden only reads: it lists identities and AI workloads and never changes anything in your account.',
  },
  {
    icon: 'key',
    title: 'No secrets stored',
    text: 'The workspace keeps the profile name, an optional role ARN and the regions. Keys and tokens stay in your AWS files and in memory.',
  },
  {
    icon: 'pulse',
    title: 'Test before you scan',
    text: '“Test” asks AWS who the credentials belong to and shows the account — or exactly what to fix.',
  },
];

/** First run: what a connection is, the way to add one, and the demo company for a first look. */
export function FirstRun({ onAdd, hasProfiles, showDemo }: { onAdd: () => void; hasProfiles: boolean; showDemo: boolean }): ReactNode {
  return (
    <section className="first-run" aria-labelledby="first-run-title">
      <div className="first-run__intro">
        <span className="first-run__icon">
          <Icon name="plug" size={22} />
        </span>
        <h2 id="first-run-title" className="first-run__title">
          Connect your first AWS account
        </h2>
        <p className="first-run__text">
          A connection tells Agent Warden how to reach one AWS account: a profile from your AWS config, optionally a role to
          assume, and the regions to look at.
        </p>
      </div>
      <ul className="first-run__points">
        {POINTS.map((point) => (
          <li key={point.title}>
            <Icon name={point.icon} size={18} className="first-run__point-icon" />
            <div>
              <p className="first-run__point-title">{point.title}</p>
              <p className="first-run__point-text">{point.text}</p>
            </div>
          </li>
        ))}
      </ul>
      <div className="first-run__actions">
        <Button variant="primary" icon="plus" onClick={onAdd}>
          Add connection
        </Button>
        {hasProfiles ? <span className="first-run__or">or pick one of the profiles found on this computer below.</span> : null}
      </div>
      {showDemo ? (
        <div className="first-run__demo">
          <div>
            <p className="first-run__point-title">No AWS account at hand?</p>
            <p className="first-run__point-text">
              Explore a fictional company’s agents, scans and findings first. It opens as a separate workspace; yours stays as it is.
            </p>
          </div>
          <DemoOfferButton />
        </div>
      ) : null}
    </section>
  );
}
