/**
 * The Reports screen's Exports panel: the files security tools ingest, each a download of the whole
 * scope the report covers (all accounts, or the one chosen), written in the back end by the CLI's own
 * writers (`exports:*`, the same bytes as `warden export`). Each line says who reads that file.
 */
import './exports-panel.css';
import { useState, type ReactNode } from 'react';
import type { ExportFile, FindingsExportFormat, InventoryExportFormat } from '@shared/contract';
import { useApi } from '../../api/api-context';
import { toApiError } from '../../api/api-error';
import { Button } from '../../components/button';
import { Panel } from '../../components/panel';
import { downloadText } from '../../lib/download-file';
import { plural } from '../../lib/format';

type Subject = { subject: 'inventory'; format: InventoryExportFormat } | { subject: 'findings'; format: FindingsExportFormat };

interface ExportKind {
  id: string;
  name: string;
  /** Who ingests it, in one line. */
  gloss: string;
  what: Subject;
}

export const EXPORT_KINDS: readonly ExportKind[] = [
  { id: 'inventory-csv', name: 'Inventory CSV', gloss: 'Spreadsheets and CMDB or asset-inventory imports: one row per identity, with its credentials, owner, tier and finding counts.', what: { subject: 'inventory', format: 'csv' } },
  { id: 'inventory-json', name: 'Inventory JSON', gloss: 'Scripts and your own tooling: the identities with the scans they come from.', what: { subject: 'inventory', format: 'json' } },
  { id: 'findings-csv', name: 'Findings CSV', gloss: 'Spreadsheets and ticket imports: one row per finding, with its status and the fix.', what: { subject: 'findings', format: 'csv' } },
  { id: 'findings-json', name: 'Findings JSON', gloss: 'Scripts and pipelines: the findings with the scans they come from.', what: { subject: 'findings', format: 'json' } },
  { id: 'findings-sarif', name: 'Findings SARIF 2.1.0', gloss: 'GitHub code scanning (upload-sarif) and other code-scanning dashboards: each finding tracked across scans by its fingerprint.', what: { subject: 'findings', format: 'sarif' } },
  { id: 'findings-ocsf', name: 'Findings OCSF JSON', gloss: 'Amazon Security Lake and SIEMs that read OCSF 1.3.0: one Detection Finding per finding, as a JSON array.', what: { subject: 'findings', format: 'ocsf' } },
  { id: 'findings-ocsf-jsonl', name: 'Findings OCSF JSONL', gloss: 'Log shippers and SIEM pipelines: the same OCSF events, one a line.', what: { subject: 'findings', format: 'ocsf-jsonl' } },
];

type State = { status: 'idle' } | { status: 'busy'; id: string } | { status: 'saved'; file: ExportFile; subject: Subject['subject'] } | { status: 'error'; message: string };

/** `accountId`: the report's scope (null: every account's newest scan). */
export function ExportsPanel({ accountId }: { accountId: string | null }): ReactNode {
  const api = useApi();
  const [state, setState] = useState<State>({ status: 'idle' });

  const save = (kind: ExportKind): void => {
    setState({ status: 'busy', id: kind.id });
    const view = { scanId: null, accountId };
    const reply = kind.what.subject === 'inventory' ? api.invoke('exports:inventory', { ...view, format: kind.what.format }) : api.invoke('exports:findings', { ...view, format: kind.what.format });
    reply.then(
      (file) => {
        downloadText(file.fileName, file.mediaType, file.text);
        setState({ status: 'saved', file, subject: kind.what.subject });
      },
      (error: unknown) => setState({ status: 'error', message: toApiError(error).message }),
    );
  };

  return (
    <Panel
      title="Exports"
      description={`For security tools: the ${accountId === null ? 'current state of every account' : `account ${accountId}`} (the report’s scope), each file as warden export writes it. Every file names the scans it came from; CSV cells that a spreadsheet would run as formulas are neutralised.`}
    >
      <ul className="exports-list" data-testid="exports-panel">
        {EXPORT_KINDS.map((kind) => (
          <li key={kind.id} className="exports-list__item">
            <div className="exports-list__text">
              <span className="exports-list__name">{kind.name}</span>
              <span className="exports-list__gloss">{kind.gloss}</span>
            </div>
            <Button
              size="sm"
              icon="file"
              busy={state.status === 'busy' && state.id === kind.id}
              disabled={state.status === 'busy'}
              onClick={() => save(kind)}
              title={`warden export ${kind.what.subject} --format ${kind.what.format}${accountId === null ? '' : ` --account ${accountId}`}`}
              aria-label={`Download ${kind.name}`}
              data-testid={`export-${kind.id}`}
            >
              Download
            </Button>
          </li>
        ))}
      </ul>
      {state.status === 'saved' ? (
        <p className="exports-list__status" role="status">
          Saved {state.file.fileName}: {state.subject === 'inventory' ? plural(state.file.count, 'identity', 'identities') : plural(state.file.count, 'finding', 'findings')} from {plural(state.file.scanIds.length, 'scan', 'scans')}.
        </p>
      ) : null}
      {state.status === 'error' ? (
        <p className="exports-list__status exports-list__status--error" role="alert">
          Could not export: {state.message}
        </p>
      ) : null}
    </Panel>
  );
}
