// The data-flow map: categories → why shared → who receives, from the registry and the register.
import { describe, expect, it } from "vitest";
import { buildDataFlow } from "./flow";
import { categories } from "./registry";

const entries = [
  {
    id: "aws",
    name: "Hosting Co",
    purpose: "Hosting.",
    dataCategories: ["telemetry", "server logs", "crash reports"],
  },
  { id: "mail", name: "Mail Co", purpose: "Delivering email.", dataCategories: ["contact details"] },
  { id: "stats", name: "Stats Org", purpose: "A report.", dataCategories: ["aggregate usage statistics (anonymized)"] },
];

describe("buildDataFlow", () => {
  it("links each shared category through the entry's purpose to its recipient", () => {
    const flow = buildDataFlow(categories, entries, { includeUnmatchedEntries: true });
    const title = (slug: string) => categories.find((category) => category.slug === slug)!.title;
    expect(flow.paths).toContainEqual({ category: title("server-logs"), purpose: "Hosting.", recipient: "Hosting Co" });
    expect(flow.paths).toContainEqual({ category: title("telemetry"), purpose: "Hosting.", recipient: "Hosting Co" });
    expect(flow.paths).toContainEqual({
      category: title("profile"),
      purpose: "Delivering email.",
      recipient: "Mail Co",
    });
    // An entry matching no category starts from what it says it receives.
    expect(flow.paths).toContainEqual({
      category: "Aggregate usage statistics (anonymized)",
      purpose: "A report.",
      recipient: "Stats Org",
    });
    // Links add up: what flows into a purpose flows out of it.
    for (const node of flow.nodes.filter((candidate) => candidate.column === 1)) {
      const into = flow.links.filter((link) => link.target === node.id).reduce((sum, link) => sum + link.value, 0);
      const out = flow.links.filter((link) => link.source === node.id).reduce((sum, link) => sum + link.value, 0);
      expect(into).toBe(out);
    }
    expect(flow.notShared).toContain(title("requests"));
    expect(flow.notShared).not.toContain(title("server-logs"));
  });

  it("leaves out entries that match none of the given categories unless asked", () => {
    const onlyLogs = categories.filter((category) => category.slug === "server-logs");
    const flow = buildDataFlow(onlyLogs, entries);
    expect(flow.nodes.filter((node) => node.column === 2).map((node) => node.label)).toEqual(["Hosting Co"]);
    expect(flow.paths).toHaveLength(1);
  });
});
