import { useId, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import './analysis.css';

export interface VirtualColumn<T> {
  id: string;
  header: string;
  /** A CSS grid track, e.g. `minmax(220px, 2fr)` or `96px`. */
  width: string;
  align?: 'start' | 'end';
  sortable?: boolean;
  render: (row: T) => ReactNode;
}

export interface SortState {
  column: string;
  direction: 'asc' | 'desc';
}

export interface VirtualTableProps<T> {
  label: string;
  rows: readonly T[];
  columns: readonly VirtualColumn<T>[];
  rowKey: (row: T) => string;
  /** Every row has this height (px): what makes windowing exact. */
  rowHeight?: number;
  /** Rows rendered beyond the visible ones, above and below. */
  overscan?: number;
  sort?: SortState | null;
  onSort?: (column: string) => void;
  /** Enter on the active row, or a click on a row. */
  onOpen?: (row: T) => void;
  /** Shown in place of the rows when there are none. */
  empty?: ReactNode;
}

/** Which rows to render for a scroll position: the visible ones plus `overscan` either side. */
export function visibleRange(scrollTop: number, viewport: number, rowHeight: number, count: number, overscan: number): [number, number] {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((scrollTop + viewport) / rowHeight) + overscan);
  return [first, Math.max(first, last)];
}

/**
 * A table for thousands of rows: a scroll container, a spacer as tall as all rows, and only the rows in
 * view (plus a few) rendered at their offset. One tab stop; arrow keys, Page Up/Down, Home and End move
 * the active row, Enter opens it.
 */
export function VirtualTable<T>({
  label,
  rows,
  columns,
  rowKey,
  rowHeight = 44,
  overscan = 8,
  sort = null,
  onSort,
  onOpen,
  empty,
}: VirtualTableProps<T>): ReactNode {
  const id = useId();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(600);
  const [active, setActive] = useState(0);
  const headerHeight = rowHeight;
  const template = columns.map((column) => column.width).join(' ');

  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (element === null) return;
    setViewport(element.clientHeight);
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setViewport(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // A new filter or sort: back to the top, first row active. The state is adjusted while rendering,
  // not in an effect, so a keystroke in a search box costs one commit instead of two; the scroll
  // container follows before the paint.
  const [shownRows, setShownRows] = useState(rows);
  if (shownRows !== rows) {
    setShownRows(rows);
    setActive(0);
    setScrollTop(0);
  }
  // Writing scrollTop forces a layout in the middle of the commit (~5-7 ms with a large table): only
  // when the container is not at the top already (as it is while typing a search at the top).
  const rowsIdentity = useRef(rows);
  const scrolled = useRef(0);
  useLayoutEffect(() => {
    if (rowsIdentity.current === rows) return;
    rowsIdentity.current = rows;
    if (scrollRef.current !== null && scrolled.current !== 0) scrollRef.current.scrollTop = 0;
    scrolled.current = 0;
  }, [rows]);

  const activeIndex = Math.min(active, Math.max(0, rows.length - 1));
  const [first, last] = visibleRange(scrollTop, Math.max(0, viewport - headerHeight), rowHeight, rows.length, overscan);

  const moveTo = (index: number): void => {
    const next = Math.max(0, Math.min(rows.length - 1, index));
    setActive(next);
    const element = scrollRef.current;
    if (element === null) return;
    const top = next * rowHeight;
    const visible = element.clientHeight - headerHeight;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + rowHeight > element.scrollTop + visible) element.scrollTop = top + rowHeight - visible;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.target !== event.currentTarget || rows.length === 0) return;
    const page = Math.max(1, Math.floor((viewport - headerHeight) / rowHeight) - 1);
    const moves: Record<string, number> = {
      ArrowDown: activeIndex + 1,
      ArrowUp: activeIndex - 1,
      PageDown: activeIndex + page,
      PageUp: activeIndex - page,
      Home: 0,
      End: rows.length - 1,
    };
    const target = moves[event.key];
    if (target !== undefined) {
      event.preventDefault();
      moveTo(target);
      return;
    }
    if (event.key === 'Enter') {
      const row = rows[activeIndex];
      if (row !== undefined && onOpen !== undefined) {
        event.preventDefault();
        onOpen(row);
      }
    }
  };

  const rendered: ReactNode[] = [];
  for (let index = first; index < last; index += 1) {
    const row = rows[index];
    if (row === undefined) continue;
    const isActive = index === activeIndex;
    rendered.push(
      <div
        key={rowKey(row)}
        id={`${id}-row-${index}`}
        role="row"
        aria-rowindex={index + 2}
        aria-selected={isActive}
        className={isActive ? 'vtable__row vtable__row--active' : 'vtable__row'}
        style={{ transform: `translateY(${index * rowHeight}px)`, height: rowHeight, gridTemplateColumns: template }}
        onClick={(event) => {
          setActive(index);
          if ((event.target as HTMLElement).closest('a, button') === null) onOpen?.(row);
        }}
      >
        {columns.map((column, columnIndex) => (
          <div key={column.id} role={columnIndex === 0 ? 'rowheader' : 'gridcell'} className={column.align === 'end' ? 'vtable__cell vtable__cell--end' : 'vtable__cell'}>
            {column.render(row)}
          </div>
        ))}
      </div>,
    );
  }

  return (
    <div
      ref={scrollRef}
      className="vtable"
      role="grid"
      aria-label={label}
      aria-rowcount={rows.length + 1}
      aria-colcount={columns.length}
      aria-activedescendant={rows.length > 0 && activeIndex >= first && activeIndex < last ? `${id}-row-${activeIndex}` : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      onScroll={(event) => {
        scrolled.current = event.currentTarget.scrollTop;
        setScrollTop(scrolled.current);
      }}
      data-testid="virtual-table"
    >
      <div role="rowgroup" className="vtable__head">
        <div role="row" aria-rowindex={1} className="vtable__row vtable__row--head" style={{ height: headerHeight, gridTemplateColumns: template }}>
          {columns.map((column) => {
            const sorted = sort !== null && sort.column === column.id ? sort.direction : null;
            return (
              <div
                key={column.id}
                role="columnheader"
                title={column.header}
                aria-sort={sorted === null ? (column.sortable === true ? 'none' : undefined) : sorted === 'asc' ? 'ascending' : 'descending'}
                className={column.align === 'end' ? 'vtable__cell vtable__cell--end' : 'vtable__cell'}
              >
                {column.sortable === true && onSort !== undefined ? (
                  <button type="button" className="vtable__sort" onClick={() => onSort(column.id)}>
                    {column.header}
                    <span className="vtable__sort-mark" aria-hidden="true">
                      {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : ''}
                    </span>
                  </button>
                ) : (
                  column.header
                )}
              </div>
            );
          })}
        </div>
      </div>
      {rows.length === 0 ? (
        <div className="vtable__empty">{empty}</div>
      ) : (
        <div role="rowgroup" className="vtable__body" style={{ height: rows.length * rowHeight }}>
          {rendered}
        </div>
      )}
    </div>
  );
}
