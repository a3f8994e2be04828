import type { ReactNode } from 'react';
import { KEY_AGE_BUCKETS, SEVERITY_NAMES } from '@shared/contract';
import { KEY_AGE_LABELS } from '@shared/overview-filters';
import { SEVERITY_LABELS } from '../../components/severity-badge';
import { DEFAULT_VIEW, HAS_OWNER, NO_OWNER, type InventoryView } from './inventory-model';

export interface InventoryFiltersProps {
  view: InventoryView;
  owners: readonly string[];
  /** Every account, by name (label, alias) with its ID. */
  accounts: readonly { value: string; label: string }[];
  onChange: (patch: Partial<InventoryView>) => void;
  /** The search box lost the focus: a search still waiting to go to the address goes now. */
  onSearchSettled?: () => void;
}

function SelectFilter({
  label,
  value,
  options,
  onChange,
  testId,
}: {
  label: string;
  value: string;
  options: readonly { value: string; label: string }[];
  onChange: (value: string) => void;
  testId?: string;
}): ReactNode {
  return (
    <label className="filter">
      <span className="filter__label">{label}</span>
      <select className="select select--sm" value={value} onChange={(event) => onChange(event.target.value)} data-testid={testId}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Search and filters of the inventory; every change goes to the address at once. */
export function InventoryFilters({ view, owners, accounts, onChange, onSearchSettled }: InventoryFiltersProps): ReactNode {
  const changed =
    view.search !== '' ||
    view.tier !== null ||
    view.aiOnly ||
    view.owner !== null ||
    view.status !== null ||
    view.minSeverity !== null ||
    view.activeKeys ||
    view.keyAge !== null ||
    view.account !== null ||
    view.showAwsManaged;
  return (
    <div className="filters" role="search" aria-label="Filter the inventory">
      <label className="filter filter--search">
        <span className="filter__label">Search</span>
        <input
          className="input input--sm"
          type="search"
          placeholder="Name, ARN or owner"
          value={view.search}
          onChange={(event) => onChange({ search: event.target.value })}
          onBlur={onSearchSettled}
          data-testid="inventory-search"
          spellCheck={false}
          autoComplete="off"
        />
      </label>
      <SelectFilter
        label="Tier"
        value={view.tier === null ? '' : String(view.tier)}
        options={[
          { value: '', label: 'Any tier' },
          { value: '1', label: 'Tier 1' },
          { value: '2', label: 'Tier 2' },
          { value: '3', label: 'Tier 3' },
        ]}
        onChange={(value) => onChange({ tier: value === '1' ? 1 : value === '2' ? 2 : value === '3' ? 3 : null })}
      />
      <SelectFilter
        label="Owner"
        value={view.owner ?? ''}
        testId="inventory-owner"
        options={[{ value: '', label: 'All' }, { value: NO_OWNER, label: 'No owner' }, { value: HAS_OWNER, label: 'Has an owner' }, ...owners.map((owner) => ({ value: owner, label: owner }))]}
        onChange={(value) => onChange({ owner: value === '' ? null : value })}
      />
      <SelectFilter
        label="Status"
        value={view.status ?? ''}
        options={[
          { value: '', label: 'Any status' },
          { value: 'registered', label: 'Registered' },
          { value: 'unregistered', label: 'Unregistered' },
          { value: 'decommissioned', label: 'Decommissioned' },
        ]}
        onChange={(value) => onChange({ status: value === 'registered' || value === 'unregistered' || value === 'decommissioned' ? value : null })}
      />
      <SelectFilter
        label="Findings"
        value={view.minSeverity ?? ''}
        options={[
          { value: '', label: 'Any' },
          ...SEVERITY_NAMES.filter((severity) => severity !== 'info').map((severity) => ({
            value: severity,
            label: severity === 'critical' ? 'Critical' : `${SEVERITY_LABELS[severity]} or worse`,
          })),
        ]}
        onChange={(value) => onChange({ minSeverity: SEVERITY_NAMES.find((severity) => severity === value) ?? null })}
      />
      <SelectFilter
        label="Oldest access key"
        value={view.keyAge ?? ''}
        options={[{ value: '', label: 'All' }, ...KEY_AGE_BUCKETS.map((bucket) => ({ value: bucket, label: KEY_AGE_LABELS[bucket] }))]}
        onChange={(value) => onChange({ keyAge: KEY_AGE_BUCKETS.find((bucket) => bucket === value) ?? null })}
        testId="inventory-key-age"
      />
      {accounts.length > 1 || view.account !== null ? (
        <SelectFilter
          label="Account"
          value={view.account ?? ''}
          options={[{ value: '', label: 'All accounts' }, ...accounts]}
          onChange={(value) => onChange({ account: value === '' ? null : value })}
        />
      ) : null}
      <div className="filters__toggles">
        <label className="choice choice--compact">
          <input type="checkbox" checked={view.aiOnly} onChange={(event) => onChange({ aiOnly: event.target.checked })} />
          AI agents only
        </label>
        <label className="choice choice--compact">
          <input type="checkbox" checked={view.activeKeys} onChange={(event) => onChange({ activeKeys: event.target.checked })} data-testid="inventory-keys" />
          With active long-lived keys
        </label>
        <label className="choice choice--compact">
          <input type="checkbox" checked={!view.showAwsManaged} onChange={(event) => onChange({ showAwsManaged: !event.target.checked })} />
          Hide AWS-managed
        </label>
        {changed ? (
          <button
            type="button"
            className="link-button"
            onClick={() => onChange({ ...DEFAULT_VIEW, sort: view.sort, direction: view.direction })}
          >
            Clear filters
          </button>
        ) : null}
      </div>
    </div>
  );
}
