// The one data table. On a wide screen a real <table> (caption, <th scope>), in a
// keyboard-scrollable region when it is wider than the page; on a phone (below
// Tailwind's `sm`, 40rem) each row becomes a card in which every value sits beside its
// column's label and the row's actions stay in view. The phone layout is CSS only
// (app/globals.css, `.table-cards`): the same server-rendered rows, nothing hidden
// or duplicated, so screen readers and tests read one table; the ARIA roles are
// spelled out because some browsers drop a table's semantics once its display changes.
import type { ReactNode } from "react";
import { EmptyState } from "./empty-state";

export type Column<Row> = {
  /** Unique within the table (React key). */
  key: string;
  header: ReactNode;
  /** The label on a phone card; defaults to `header` when that is plain text. */
  label?: string;
  /** Shows the header to screen readers only (e.g. a column of links). */
  headerHidden?: boolean;
  cell: (row: Row, index: number) => ReactNode;
  align?: "left" | "right";
  /** Extra classes on this column's cells (e.g. `whitespace-nowrap`, `font-mono`). */
  className?: string;
  /** A tooltip for the cell, e.g. the full value of a truncated one. */
  cellTitle?: (row: Row) => string | undefined;
  /** The cell names its row: a <th scope="row">, the card's title on a phone. */
  rowHeader?: boolean;
};

/** Attributes a row may carry for tests and scripts (`data-*` only). */
export type RowData = Record<`data-${string}`, string | number | undefined>;

const PADDING = {
  framed: { normal: "px-4 py-2", compact: "px-3 py-1.5" },
  plain: { normal: "py-2 pr-4", compact: "py-1 pr-4" },
} as const;

function textOf(node: ReactNode): string | undefined {
  return typeof node === "string" || typeof node === "number" ? String(node) : undefined;
}

export function Table<Row>(props: {
  /** What the table holds; read by screen readers, shown when `captionVisible`. */
  caption: string;
  captionVisible?: boolean;
  /** The scroll region's name when the caption alone says too little (e.g. a year). */
  label?: string;
  columns: Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row, index: number) => string;
  rowData?: (row: Row) => RowData;
  /** The row's actions (links or small forms): the last column, always visible. */
  actions?: { label: string; cell: (row: Row) => ReactNode };
  /** Shown instead of the table when there are no rows (a string becomes an EmptyState). */
  empty?: ReactNode;
  /** `framed`: a bordered card of its own; `plain`: inside a Card with other content. */
  variant?: "framed" | "plain";
  density?: "normal" | "compact";
  /** `cards` (default) on a phone; `scroll` keeps a small table as it is. */
  phone?: "cards" | "scroll";
  /** Shown inside the table's frame, above it (e.g. a summary line of what the rows belong to). */
  header?: ReactNode;
  /** Rows after the body (totals), given as cells in column order. */
  footer?: ReactNode[];
  testId?: string;
  className?: string;
}) {
  const variant = props.variant ?? "framed";
  const padding = PADDING[variant][props.density ?? "normal"];
  if (props.rows.length === 0 && props.empty !== undefined) {
    return typeof props.empty === "string" ? <EmptyState title={props.empty} /> : <>{props.empty}</>;
  }
  const cards = (props.phone ?? "cards") === "cards";
  const alignOf = (column: Column<Row>) => (column.align === "right" ? "text-right" : "text-left");
  const frame = variant === "framed" ? "rounded-xl border border-gray-200 bg-white shadow-sm" : "";
  return (
    <div
      className={`data-table ${cards ? "table-cards " : ""}overflow-x-auto ${frame} ${props.className ?? ""}`}
      role="region"
      aria-label={props.label ?? props.caption}
      tabIndex={0}
    >
      {props.header}
      <table role="table" className="w-full text-left text-sm" data-testid={props.testId}>
        <caption className={props.captionVisible ? "mb-2 text-left text-lg font-semibold text-gray-900" : "sr-only"}>
          {props.caption}
        </caption>
        <thead
          role="rowgroup"
          className={
            variant === "framed" ? "bg-gray-50 text-gray-800" : "border-b border-gray-200 text-gray-800 align-bottom"
          }
        >
          <tr role="row">
            {props.columns.map((column) => (
              <th
                key={column.key}
                role="columnheader"
                scope="col"
                className={`${padding} font-semibold ${alignOf(column)}`}
              >
                {column.headerHidden ? <span className="sr-only">{column.header}</span> : column.header}
              </th>
            ))}
            {props.actions ? (
              <th
                role="columnheader"
                scope="col"
                className={`${padding} table-actions ${variant === "framed" ? "bg-gray-50" : "bg-white"}`}
              >
                <span className="sr-only">{props.actions.label}</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody role="rowgroup">
          {props.rows.map((row, index) => (
            <tr
              key={props.rowKey(row, index)}
              role="row"
              className={
                variant === "framed"
                  ? "border-t border-gray-100 align-top"
                  : "border-b border-gray-100 align-top last:border-0"
              }
              {...props.rowData?.(row)}
            >
              {props.columns.map((column) => {
                const Cell = column.rowHeader ? "th" : "td";
                return (
                  <Cell
                    key={column.key}
                    role={column.rowHeader ? "rowheader" : "cell"}
                    scope={column.rowHeader ? "row" : undefined}
                    data-label={column.label ?? textOf(column.header)}
                    title={column.cellTitle?.(row)}
                    className={`${padding} ${alignOf(column)} ${column.rowHeader ? "font-medium text-gray-900" : "text-gray-800"} ${column.className ?? ""}`}
                  >
                    {/* One box for the value: on a phone it sits beside its label. */}
                    <div className="table-value">{column.cell(row, index)}</div>
                  </Cell>
                );
              })}
              {props.actions ? (
                <td role="cell" className={`${padding} table-actions whitespace-nowrap bg-white`}>
                  {props.actions.cell(row)}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
        {props.footer ? (
          <tfoot role="rowgroup" className="border-t border-gray-200 font-semibold text-gray-900">
            <tr role="row">
              {props.footer.map((cell, index) => {
                const column = props.columns[index];
                const Cell = column?.rowHeader ? "th" : "td";
                return (
                  <Cell
                    key={column?.key ?? index}
                    role={column?.rowHeader ? "rowheader" : "cell"}
                    scope={column?.rowHeader ? "row" : undefined}
                    data-label={column ? (column.label ?? textOf(column.header)) : undefined}
                    className={`${padding} ${column ? alignOf(column) : ""} ${column?.className ?? ""}`}
                  >
                    <div className="table-value">{cell}</div>
                  </Cell>
                );
              })}
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}
