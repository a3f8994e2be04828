import type { ReactNode } from 'react';
import type { FindingRow } from '@shared/contract';
import { CodeBlock } from './code-block';

/** A finding's fix as the Findings screen shows it (and the plan's blockers): the command or policy to copy, and which shells the command's quoting suits. */
export function FixView({ fix }: { fix: FindingRow['fix'] }): ReactNode {
  if (fix.text.trim() === '') return null;
  return (
    <>
      {fix.kind === 'aws-cli' ? (
        // The quoting in the command (POSIX single quotes) is right for these shells, not for PowerShell or cmd.exe.
        <p className="field__hint" data-testid="fix-shell">
          For bash, zsh or another POSIX shell.
        </p>
      ) : null}
      <CodeBlock code={fix.text} label={fix.kind === 'aws-cli' ? 'command' : 'policy'} />
    </>
  );
}
