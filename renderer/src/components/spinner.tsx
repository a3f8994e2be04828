import './spinner.css';
import type { ReactNode } from 'react';

/** A small indeterminate spinner; decorative, so screens announce what is loading in words. */
export function Spinner({ size = 14 }: { size?: number }): ReactNode {
  return <span className="spinner" style={{ width: size, height: size }} aria-hidden="true" />;
}
