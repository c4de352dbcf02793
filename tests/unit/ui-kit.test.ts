// The UI kit's server-rendered markup: one table that a phone's stylesheet turns
// into labelled cards (every cell names its column, the actions stay), an empty
// state instead of an empty table, and dates in <time> through the one formatter.
import { createElement as h } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DateTime, RelativeTime } from "../../components/date-time";
import { EmptyState } from "../../components/empty-state";
import { Table, type Column } from "../../components/table";

type Row = { id: string; name: string; filed: Date; count: number };
const rows: Row[] = [
  { id: "r1", name: "Copy of my data", filed: new Date("2026-03-05T14:05:00Z"), count: 1200 },
  { id: "r2", name: "Erasure", filed: new Date("2026-03-06T09:00:00Z"), count: 3 },
];
const columns: Column<Row>[] = [
  { key: "name", header: "Request", cell: (row) => row.name, rowHeader: true },
  { key: "filed", header: "Filed", cell: (row) => h(DateTime, { value: row.filed }) },
  {
    key: "count",
    header: h("abbr", { title: "Records" }, "Recs"),
    label: "Records",
    cell: (row) => row.count,
    align: "right",
  },
];

const render = (props: Partial<Parameters<typeof Table<Row>>[0]> = {}) =>
  renderToStaticMarkup(
    h(Table<Row>, {
      caption: "Your privacy requests",
      columns,
      rows,
      rowKey: (row) => row.id,
      ...props,
    }),
  );

describe("Table", () => {
  it("is a real table: caption, column headers with scope, row headers, one row per item", () => {
    const html = render();
    expect(html).toContain('<caption class="sr-only">Your privacy requests</caption>');
    expect(html.match(/<th role="columnheader" scope="col"/g)).toHaveLength(3);
    expect(html.match(/<th role="rowheader" scope="row"/g)).toHaveLength(2);
    expect(html.match(/<tr role="row"/g)).toHaveLength(3);
    expect(html).toContain('aria-label="Your privacy requests"');
  });

  it("labels every cell with its column for the phone layout (plain-text headers or `label`)", () => {
    const html = render();
    expect(html.match(/data-label="Request"/g)).toHaveLength(2);
    expect(html.match(/data-label="Filed"/g)).toHaveLength(2);
    expect(html.match(/data-label="Records"/g)).toHaveLength(2);
    expect(html).toContain("table-cards");
  });

  it("keeps the row's actions in their own column, named for screen readers", () => {
    const html = render({ actions: { label: "Actions", cell: (row) => h("a", { href: `/r/${row.id}` }, "Open") } });
    expect(html).toContain('<span class="sr-only">Actions</span>');
    expect(html.match(/table-actions/g)).toHaveLength(3);
    expect(html).toContain('href="/r/r2"');
  });

  it("carries data attributes on rows", () => {
    expect(render({ rowData: (row) => ({ "data-row-id": row.id }) })).toContain('data-row-id="r1"');
  });

  it("shows the empty state instead of an empty table", () => {
    const html = render({ rows: [], empty: "You have not made any requests yet." });
    expect(html).not.toContain("<table");
    expect(html).toContain("You have not made any requests yet.");
  });

  it("a small table may keep its layout on a phone", () => {
    expect(render({ phone: "scroll" })).not.toContain("table-cards");
  });
});

describe("DateTime and RelativeTime", () => {
  it("renders a <time> with the instant and the formatter's words", () => {
    expect(renderToStaticMarkup(h(DateTime, { value: rows[0].filed, format: "dateTime" }))).toBe(
      '<time dateTime="2026-03-05T14:05:00.000Z">5 Mar 2026, 14:05</time>',
    );
    expect(renderToStaticMarkup(h(DateTime, { value: null, fallback: "not set" }))).toBe("not set");
    expect(renderToStaticMarkup(h(RelativeTime, { value: rows[0].filed, now: new Date("2026-03-08T14:05:00Z") }))).toBe(
      '<time dateTime="2026-03-05T14:05:00.000Z" title="5 Mar 2026, 14:05">3 days ago</time>',
    );
  });
});

describe("EmptyState", () => {
  it("says what is missing and offers the next step", () => {
    const html = renderToStaticMarkup(
      h(EmptyState, { title: "No requests yet.", description: "Make one.", action: h("a", { href: "/new" }, "New") }),
    );
    expect(html).toContain("No requests yet.");
    expect(html).toContain("Make one.");
    expect(html).toContain('href="/new"');
  });
});
