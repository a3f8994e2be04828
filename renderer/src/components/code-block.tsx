import './code-block.css';
import type { ReactNode } from 'react';
import { CopyButton } from './copy-button';

/** A command or snippet to copy, shown as literal text (never interpreted). `label` names it, e.g. "command". */
export function CodeBlock({ code, label }: { code: string; label: string }): ReactNode {
  return (
    <div className="code-block">
      <pre tabIndex={0}>
        <code>{code}</code>
      </pre>
      <CopyButton text={code} label={`Copy ${label}`} />
    </div>
  );
}
