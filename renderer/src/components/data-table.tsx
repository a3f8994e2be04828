import './data-table.css';
import type { Key, ReactNode } from 'react';

export interface DataTableColumn<T> {
  header: string;
  /** Say the header to screen readers only (an actions column). */
  hiddenHeader?: boolean;
  /** Classes of the header cell and of each cell (e.g. `data-table__num`, `data-table__nowrap`). */
  headerClassName?: string;
  className?: string;
  /** The cell that names the row: a `<th scope="row">`. */
  rowHeader?: boolean;
  /** A tooltip on the cell (e.g. the hash behind an audit entry's number). */
  title?: (row: T) => string;
  cell: (row: T) => ReactNode;
}

export interface DataTableProps<T> {
  label: string;
  columns: readonly DataTableColumn<T>[];
  rows: readonly T[];
  rowKey: (row: T) => Key;
  /** Row attributes: a class (a highlighted row) or a test id. */
  rowProps?: (row: T) => { className?: string | undefined; 'data-testid'?: string };
  compact?: boolean;
  /** Extra classes on the table (a screen's own column widths). */
  className?: string;
  testId?: string;
}

/** A plain table of rows in a horizontally scrolling box: column headers, one row per item. */
export function DataTable<T>({ label, columns, rows, rowKey, rowProps, compact = false, className, testId }: DataTableProps<T>): ReactNode {
  const classes = ['data-table', compact ? 'data-table--compact' : null, className ?? null].filter((name) => name !== null).join(' ');
  return (
    <div className="table-scroll">
      <table className={classes} aria-label={label} data-testid={testId}>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.header} scope="col" className={column.headerClassName}>
                {column.hiddenHeader === true ? <span className="visually-hidden">{column.header}</span> : column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} {...rowProps?.(row)}>
              {columns.map((column) =>
                column.rowHeader === true ? (
                  <th key={column.header} scope="row" className={column.className}>
                    {column.cell(row)}
                  </th>
                ) : (
                  <td key={column.header} className={column.className} title={column.title?.(row)}>
                    {column.cell(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
