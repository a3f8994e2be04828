import { useId, type ReactNode } from 'react';
import type { AwsProfile } from '@shared/contract';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { PROFILE_KINDS } from './profile-kind';
import type { TestOutcome } from './test-outcome';
import { TestResultView } from './test-result-view';

export interface ProfileItemProps {
  profile: AwsProfile;
  /** How many saved connections already use this profile. */
  usedBy: number;
  test: TestOutcome | undefined;
  onTest: () => void;
  onAdd: () => void;
}

/** A profile found in the AWS config/credentials files (never a secret), with Test and Add. */
export function ProfileItem({ profile, usedBy, test, onTest, onAdd }: ProfileItemProps): ReactNode {
  const nameId = useId();
  const kind = PROFILE_KINDS[profile.kind];
  return (
    <li className="row-item">
      <article className="profile" aria-labelledby={nameId}>
        <div className="profile__main">
          <div className="profile__title">
            <h3 id={nameId} className="profile__name mono">
              {profile.name}
            </h3>
            <Badge tone={kind.tone} title={kind.description}>
              {kind.label}
            </Badge>
            {usedBy > 0 ? (
              <span className="profile__used">
                Used by {usedBy} connection{usedBy === 1 ? '' : 's'}
              </span>
            ) : null}
          </div>
          <dl className="profile__meta">
            <div>
              <dt>Region</dt>
              <dd className={profile.region === null ? 'conn__muted' : 'mono'}>{profile.region ?? 'Not set'}</dd>
            </div>
            {profile.roleArn !== null ? (
              <div className="profile__meta-wide">
                <dt>Assumes</dt>
                <dd className="mono" title={profile.roleArn}>
                  {profile.roleArn}
                </dd>
              </div>
            ) : null}
            {profile.sourceProfile !== null ? (
              <div>
                <dt>Source profile</dt>
                <dd className="mono">{profile.sourceProfile}</dd>
              </div>
            ) : null}
            {profile.ssoSession !== null ? (
              <div className="profile__meta-wide">
                <dt>SSO session</dt>
                <dd className="mono">{profile.ssoSession}</dd>
              </div>
            ) : null}
            <div>
              <dt>Found in</dt>
              <dd>{profile.sources.join(' and ')}</dd>
            </div>
          </dl>
        </div>
        <div className="profile__actions">
          <Button size="sm" icon="pulse" onClick={onTest} busy={test?.status === 'running'} aria-describedby={nameId}>
            Test
          </Button>
          <Button size="sm" icon="plus" onClick={onAdd} aria-describedby={nameId}>
            Add as connection
          </Button>
        </div>
        <div className="profile__result" aria-live="polite">
          {test !== undefined ? <TestResultView outcome={test} subject={`profile ${profile.name}`} /> : null}
        </div>
      </article>
    </li>
  );
}
