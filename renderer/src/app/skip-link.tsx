import type { ReactNode } from 'react';

/**
 * "Skip to content" for keyboard users. The hash belongs to the router, so this does not use `#main`:
 * it moves the focus to the main region itself.
 */
export function SkipLink({ targetId }: { targetId: string }): ReactNode {
  return (
    <a
      className="skip-link"
      href={`#${targetId}`}
      onClick={(event) => {
        event.preventDefault();
        document.getElementById(targetId)?.focus();
      }}
    >
      Skip to content
    </a>
  );
}
