import { useId, useRef, useState, type DragEvent, type ReactNode } from 'react';
import { Button } from '../../components/button';
import { Icon } from '../../components/icon';
import { formatBytes } from '../../lib/format';
import { choiceName, type FileChoice, type ImportPurpose } from './import-model';

export interface FileDropZoneProps {
  purpose: ImportPurpose;
  title: string;
  /** What the file is, in one line. */
  description: ReactNode;
  /** The file types the browser's picker offers. */
  accept: string;
  required: boolean;
  choice: FileChoice | null;
  error: string | null;
  hint: string | null;
  /** Files dropped (or picked in the browser's own dialog). */
  onFiles: (files: File[]) => void;
  /** The desktop app's native dialog; absent in the browser, where a hidden file input is used. */
  onPickNative: (() => void) | null;
  pickBusy?: boolean;
  onClear: () => void;
  disabled?: boolean;
}

function hasFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer.types).includes('Files');
}

/**
 * A box that takes a file by drag and drop or by "Choose file…" (a native dialog in the desktop app,
 * the browser's picker otherwise). The button is the keyboard way in; the box is the mouse's.
 */
export function FileDropZone(props: FileDropZoneProps): ReactNode {
  const { purpose, title, description, accept, required, choice, error, hint, onFiles, onPickNative, pickBusy = false, onClear, disabled = false } = props;
  const titleId = useId();
  const descriptionId = useId();
  const errorId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const depth = useRef(0);

  const name = choice !== null ? choiceName(choice) : null;
  const size = choice?.source === 'file' ? formatBytes(choice.file.size) : null;
  const classes = ['drop-zone', dragging ? 'drop-zone--over' : '', choice !== null ? 'drop-zone--chosen' : '', error !== null ? 'drop-zone--invalid' : '']
    .filter(Boolean)
    .join(' ');

  return (
    <div
      className={classes}
      role="group"
      aria-labelledby={titleId}
      aria-describedby={[descriptionId, error !== null ? errorId : null].filter(Boolean).join(' ')}
      data-purpose={purpose}
      onDragEnter={(event) => {
        if (disabled || !hasFiles(event)) return;
        event.preventDefault();
        depth.current += 1;
        setDragging(true);
      }}
      onDragOver={(event) => {
        if (disabled || !hasFiles(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
      }}
      onDragLeave={() => {
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setDragging(false);
      }}
      onDrop={(event) => {
        event.preventDefault();
        depth.current = 0;
        setDragging(false);
        if (disabled) return;
        const files = Array.from(event.dataTransfer.files);
        if (files.length > 0) onFiles(files);
      }}
    >
      <div className="drop-zone__icon">
        <Icon name={choice !== null ? 'file' : 'upload'} size={20} />
      </div>
      <div className="drop-zone__text">
        <p className="drop-zone__title" id={titleId}>
          {title}
          <span className="drop-zone__required">{required ? ' (required)' : ' (optional)'}</span>
        </p>
        <p className="drop-zone__description" id={descriptionId}>
          {description}
        </p>
        {choice !== null ? (
          <p className="drop-zone__file" data-testid={`chosen-${purpose}`}>
            <span className="mono drop-zone__file-name" title={choice.source === 'path' ? choice.path : undefined}>
              {name}
            </span>
            {size !== null ? <span className="drop-zone__file-size">{size}</span> : null}
          </p>
        ) : (
          <p className="drop-zone__prompt">{dragging ? 'Drop the file to use it.' : 'Drop the file here, or choose it.'}</p>
        )}
        {hint !== null ? <p className="drop-zone__hint">{hint}</p> : null}
        {error !== null ? (
          <p className="drop-zone__error" id={errorId}>
            {error}
          </p>
        ) : null}
      </div>
      <div className="drop-zone__actions">
        <Button
          size="sm"
          icon="folder"
          name={purpose}
          disabled={disabled}
          busy={pickBusy}
          aria-describedby={titleId}
          onClick={() => {
            if (onPickNative !== null) onPickNative();
            else input.current?.click();
          }}
        >
          {choice !== null ? 'Choose another…' : 'Choose file…'}
        </Button>
        {choice !== null ? (
          <Button size="sm" variant="ghost" icon="x" disabled={disabled} onClick={onClear} aria-label={`Remove ${name ?? 'file'}`}>
            Remove
          </Button>
        ) : null}
      </div>
      {onPickNative === null ? (
        <input
          ref={input}
          className="visually-hidden"
          type="file"
          accept={accept}
          tabIndex={-1}
          aria-hidden="true"
          data-purpose={purpose}
          onChange={(event) => {
            const files = Array.from(event.target.files ?? []);
            // Let the same file be chosen again after Remove.
            event.target.value = '';
            if (files.length > 0) onFiles(files);
          }}
        />
      ) : null}
    </div>
  );
}
