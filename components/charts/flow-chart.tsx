// A three-column flow (categories → purposes → recipients) as server-rendered SVG:
// d3-sankey lays out the nodes and the bands between them, React draws them.
import { sankey, sankeyLinkHorizontal, type SankeyLink, type SankeyNode } from "d3-sankey";
import type { DataFlow, FlowNode } from "@/lib/data/flow";
import { seriesColour } from "./chart-figure";

type Node = SankeyNode<FlowNode, object>;
type Link = SankeyLink<FlowNode, object>;

const WIDTH = 960;
const LABEL_LEFT = 210;
const LABEL_RIGHT = 230;
const NODE_WIDTH = 10;
const FONT = 13;
const LINE = 15;

/** Splits a label into lines of at most `max` characters (at spaces), at most `lines` lines. */
export function wrapLabel(text: string, max: number, lines = 3): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const result: string[] = [];
  let current = "";
  for (const word of words) {
    if (current && `${current} ${word}`.length > max) {
      result.push(current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  if (current) result.push(current);
  if (result.length > lines) {
    const kept = result.slice(0, lines);
    kept[lines - 1] = `${kept[lines - 1].replace(/[.,;:]?$/, "")}…`;
    return kept;
  }
  return result;
}

export function FlowChart(props: { flow: DataFlow; labelledBy: string; describedBy: string; testId?: string }) {
  const { flow } = props;
  const perColumn = [0, 1, 2].map((column) => flow.nodes.filter((node) => node.column === column).length);
  // Room for a three-line label beside every node of the fullest column.
  const height = Math.max(240, Math.max(...perColumn) * 66 + 24);
  const categoryIndex = new Map(flow.nodes.filter((node) => node.column === 0).map((node, index) => [node.id, index]));
  const position = new Map(flow.nodes.map((node, index) => [node.id, index]));
  const layout = sankey<FlowNode, object>()
    .nodeId((node) => node.id)
    .nodeAlign((node) => (node as Node).column)
    .nodeWidth(NODE_WIDTH)
    .nodePadding(28)
    .nodeSort((a, b) => (position.get(a.id) ?? 0) - (position.get(b.id) ?? 0))
    .extent([
      [LABEL_LEFT, 24],
      [WIDTH - LABEL_RIGHT, height - 24],
    ]);
  const graph =
    flow.links.length > 0
      ? layout({ nodes: flow.nodes.map((node) => ({ ...node })), links: flow.links.map((link) => ({ ...link })) })
      : { nodes: [] as Node[], links: [] as Link[] };
  const path = sankeyLinkHorizontal<FlowNode, object>();
  // A band takes the colour of the category it starts from (purpose → recipient bands are grey).
  const bandClass = (link: Link) => {
    const source = link.source as Node;
    const index = categoryIndex.get(source.id);
    return index === undefined ? "stroke-gray-400" : seriesColour(index).stroke;
  };
  return (
    <div className="overflow-x-auto" tabIndex={0} role="group" aria-labelledby={props.labelledBy}>
      <svg
        // A map whose nodes are links is a group (an img's children are not reachable).
        role={flow.nodes.some((node) => node.href) ? "group" : "img"}
        aria-labelledby={props.labelledBy}
        aria-describedby={props.describedBy}
        viewBox={`0 0 ${WIDTH} ${height}`}
        width={WIDTH}
        height={height}
        className="block h-auto w-full"
        style={{ minWidth: 720 }}
        data-testid={props.testId}
      >
        <g fill="none" strokeOpacity={0.35}>
          {graph.links.map((link, index) => (
            <path
              key={index}
              d={path(link) ?? undefined}
              className={bandClass(link)}
              strokeWidth={Math.max(1, link.width ?? 1)}
            >
              <title>{`${(link.source as Node).label} → ${(link.target as Node).label}`}</title>
            </path>
          ))}
        </g>
        {graph.nodes.map((node) => {
          const x0 = node.x0 ?? 0;
          const x1 = node.x1 ?? 0;
          const y0 = node.y0 ?? 0;
          const y1 = node.y1 ?? 0;
          const index = categoryIndex.get(node.id);
          const lines =
            node.column === 0
              ? wrapLabel(node.label, 30, 2)
              : node.column === 1
                ? wrapLabel(node.label, 30, 3)
                : wrapLabel(node.label, 32, 2);
          const anchor = node.column === 0 ? "end" : "start";
          const textX = node.column === 0 ? x0 - 6 : x1 + 6;
          const firstY = (y0 + y1) / 2 - ((lines.length - 1) * LINE) / 2;
          const label = (
            <text
              x={textX}
              y={firstY}
              textAnchor={anchor}
              fontSize={FONT}
              className={node.column === 1 ? "fill-gray-900 stroke-white" : "fill-gray-900"}
              strokeWidth={node.column === 1 ? 4 : undefined}
              paintOrder="stroke"
              strokeLinejoin="round"
            >
              {lines.map((line, lineIndex) => (
                <tspan key={lineIndex} x={textX} dy={lineIndex === 0 ? "0.32em" : LINE}>
                  {line}
                </tspan>
              ))}
            </text>
          );
          const rect = (
            <rect
              x={x0}
              y={y0}
              width={x1 - x0}
              height={Math.max(2, y1 - y0)}
              className={index === undefined ? "fill-gray-600" : seriesColour(index).fill}
              data-node={node.id}
            />
          );
          return node.href ? (
            <a key={node.id} href={node.href} aria-label={node.label}>
              {rect}
              {label}
            </a>
          ) : (
            <g key={node.id}>
              {rect}
              {label}
            </g>
          );
        })}
      </svg>
    </div>
  );
}
