// The data-flow map with its text alternative and its table: on /privacy/sharing
// (everyone's view) and on Your data (the person's own categories).
import { Table } from "@/components/table";
import { getPersonalDataFlow, getPublicDataFlow, type DataFlow } from "@/lib/data/flow";
import type { Viewer } from "@/lib/core/viewer";
import { ChartFigure, chartIds, type ChartHeading } from "./chart-figure";
import { FlowChart } from "./flow-chart";

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function DataFlowFigure(props: {
  flow: DataFlow;
  id: string;
  title: string;
  intro: string;
  heading?: ChartHeading;
  className?: string;
}) {
  const { flow } = props;
  const ids = chartIds(props.id);
  const column = (index: number) => flow.nodes.filter((node) => node.column === index);
  const categories = column(0);
  const recipients = column(2);
  const summary =
    flow.paths.length === 0
      ? "Nothing is shared with anyone outside the company."
      : `${count(categories.length, "kind of data goes", "kinds of data go")} to ${count(recipients.length, "company", "companies")}, for ${count(column(1).length, "purpose", "purposes")}: ${categories.map((node) => node.label).join(", ")}.`;
  const notShared = flow.notShared.length ? ` Not shared with anyone: ${flow.notShared.join(", ")}.` : "";
  return (
    <ChartFigure
      id={props.id}
      title={props.title}
      heading={props.heading}
      className={props.className}
      testId="data-flow"
      description={`${props.intro} ${summary}${notShared}`}
      table={
        <Table
          caption={props.title}
          variant="plain"
          density="compact"
          rows={flow.paths}
          rowKey={(path) => `${path.category}|${path.recipient}`}
          rowData={() => ({ "data-flow-path": "1" })}
          columns={[
            { key: "category", header: "Data", rowHeader: true, cell: (path) => path.category },
            { key: "purpose", header: "Why it is shared", cell: (path) => path.purpose },
            { key: "recipient", header: "Who receives it", cell: (path) => path.recipient },
          ]}
        />
      }
    >
      {flow.paths.length ? <FlowChart flow={flow} labelledBy={ids.title} describedBy={ids.description} /> : null}
    </ChartFigure>
  );
}

/** Everyone's map, from the registry and the sharing register. */
export async function PublicDataFlow(props: { className?: string }) {
  const flow = await getPublicDataFlow();
  return (
    <DataFlowFigure
      flow={flow}
      id="public-flow"
      title="Where data goes"
      intro="Each band leads from a kind of data, through why it is shared, to the company that receives it."
      className={props.className}
    />
  );
}

/** The person's own map: only the kinds of data we hold about them. */
export async function PersonalDataFlow(props: { viewer: Viewer }) {
  const flow = await getPersonalDataFlow({ viewer: props.viewer });
  return (
    <section className="mt-10 rounded-xl border border-gray-200 bg-white p-6 shadow-sm">
      <DataFlowFigure
        flow={flow}
        id="your-flow"
        title="Where your data goes"
        intro="Each band leads from a kind of data we hold about you, through why it is shared, to the company that receives it."
      />
    </section>
  );
}
