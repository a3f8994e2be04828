import { useEffect, useId, useRef, useState, type ReactNode, type RefObject } from 'react';
import { navigate } from '../../hooks/use-hash-path';

/** The width of a chart's box, measured (recharts' ResponsiveContainer measures 0 before layout); `fallback` until known. */
function useMeasuredWidth(fallback: number): [RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement | null>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const element = ref.current;
    if (element === null || typeof ResizeObserver === 'undefined') return undefined;
    const measure = (): void => {
      const measured = Math.floor(element.getBoundingClientRect().width);
      if (measured > 0) setWidth(measured);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

/**
 * One chart of the Overview: a titled figure whose drawing is an image named by its figures
 * (`label`), with a "Show as table" toggle that shows the same numbers as a table (its links reach by
 * keyboard what the bars reach by mouse).
 */
export function ChartCard({
  title,
  description,
  hint,
  label,
  height = 220,
  testId,
  chart,
  table,
  link,
}: {
  title: string;
  description?: string;
  /** What a click on the chart does, after the description: left out of the printed report (paper opens nothing). */
  hint?: string;
  label: string;
  height?: number;
  testId: string;
  chart: (width: number, height: number) => ReactNode;
  table: ReactNode;
  /** Where the whole chart leads (a link in its head, and a click on the drawing), when its parts open nothing of their own. */
  link?: { href: string; text: string };
}): ReactNode {
  const [asTable, setAsTable] = useState(false);
  const [ref, width] = useMeasuredWidth(440);
  const headingId = useId();
  return (
    <figure className="chart-card" aria-labelledby={headingId} data-testid={testId}>
      <figcaption className="chart-card__head">
        <div>
          <h3 id={headingId} className="chart-card__title">
            {title}
          </h3>
          {description !== undefined || hint !== undefined ? (
            <p className="chart-card__description">
              {description}
              {hint !== undefined ? <span className="chart-card__hint">{description !== undefined ? ' ' : ''}{hint}</span> : null}
            </p>
          ) : null}
        </div>
        <div className="chart-card__actions">
          {link !== undefined ? (
            <a className="chart-card__link" href={link.href}>
              {link.text}
            </a>
          ) : null}
          <button type="button" className="btn btn--ghost btn--sm" aria-pressed={asTable} onClick={() => setAsTable((shown) => !shown)}>
            {asTable ? 'Show as chart' : 'Show as table'}
          </button>
        </div>
      </figcaption>
      {asTable ? (
        <div className="chart-card__table">{table}</div>
      ) : (
        <div
          ref={ref}
          className="chart-card__chart"
          role="img"
          aria-label={label}
          style={{ height, cursor: link === undefined ? undefined : 'pointer' }}
          // The head's link is the keyboard's way there; a click on the drawing goes the same way.
          onClick={link === undefined ? undefined : () => navigate(link.href.replace(/^#/, ''))}
        >
          {chart(width, height)}
        </div>
      )}
    </figure>
  );
}
