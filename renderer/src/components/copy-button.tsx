import { useEffect, useState, type ReactNode } from 'react';
import { Button } from './button';

async function writeClipboard(text: string): Promise<void> {
  if (navigator.clipboard !== undefined) {
    await navigator.clipboard.writeText(text);
    return;
  }
  // Older engines: copy through a temporary, off-screen text area.
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  const copied = document.execCommand('copy');
  area.remove();
  if (!copied) throw new Error('copy refused');
}

/** Copies `text`; says so in a polite live region (and on the button) for two seconds. */
/** `label` is the accessible name (e.g. "Copy command"); the button itself reads "Copy" or "Copied". */
export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }): ReactNode {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(timer);
  }, [state]);

  return (
    <>
      <Button
        size="sm"
        variant="ghost"
        icon={state === 'copied' ? 'check' : 'copy'}
        aria-label={state === 'copied' ? 'Copied' : label}
        onClick={() => {
          writeClipboard(text).then(
            () => setState('copied'),
            () => setState('failed'),
          );
        }}
      >
        {state === 'copied' ? 'Copied' : 'Copy'}
      </Button>
      <span className="visually-hidden" role="status">
        {state === 'copied' ? 'Copied to the clipboard.' : state === 'failed' ? 'Could not copy; select the text instead.' : ''}
      </span>
    </>
  );
}
