// Words for people on "Your data" and the audit log (issue 21 item 6): stored values become
// labels from the data registry, merged table columns name real columns, and audit rows
// read as sentences.
import { describe, expect, it } from "vitest";
import { displayValue, likelihood, tableColumnsOf } from "../../app/(portal)/account/data/format";
import { describeAuditRow, verbOf } from "../../app/admin/audit/describe";
import { outputColumns } from "../../lib/data/queries";
import { categories, findDataset } from "../../lib/data/registry";

const column = (datasetKey: string, key: string) => {
  const found = findDataset(datasetKey)!;
  return outputColumns(found.dataset).find((candidate) => candidate.key === key)!;
};

describe("Your data in words", () => {
  it("shows stored codes as words and leaves other values as they are", () => {
    expect(displayValue(column("server-logs", "method"), "GET")).toBe("Viewed");
    expect(displayValue(column("server-logs", "path"), "/docs/cli")).toBe("/docs/cli");
    expect(displayValue(column("email-subscriptions", "category"), "BLOG_COMMENTS")).toBe(
      "Blog and comment notifications",
    );
    expect(displayValue(column("inferences", "kind"), "operating_system")).toBe("Operating system");
    expect(displayValue(column("clusters", "kind"), "CLUSTER")).toBe("Cluster");
    expect(displayValue(column("consent-events", "source"), "EMAIL_LINK")).toBe("Email link");
    expect(displayValue(column("privacy-requests", "status"), "IN_PROGRESS")).toBe("In progress");
    expect(displayValue(column("request-events", "requestId"), "cmxdddpmn000n4n7djq6e0rhj")).toBe("PR-JQ6E0RHJ");
    expect(displayValue(column("clusters", "telemetryEnabled"), "true")).toBe("Yes");
    expect(displayValue(column("server-logs", "path"), null)).toBeNull();
  });

  it("says how sure a guess is in words", () => {
    expect(likelihood("0.9")).toBe("Very likely (90%)");
    expect(likelihood("0.8")).toBe("Likely (80%)");
    expect(likelihood("0.3")).toBe("Unsure (30%)");
  });

  it("merges only columns that exist, and no table repeats a column name", () => {
    for (const category of categories) {
      for (const dataset of category.datasets) {
        const shown = outputColumns(dataset).filter((c) => !c.hideInTable && c.key !== "id");
        const keys = new Set(shown.map((c) => c.key));
        for (const group of dataset.tableColumns ?? [])
          for (const key of group.keys) expect(keys.has(key), `${dataset.key}.${key}`).toBe(true);
        const labels = tableColumnsOf(dataset, shown).map((group) => group.label);
        expect(new Set(labels).size, `${dataset.key}: ${labels.join(", ")}`).toBe(labels.length);
      }
    }
  });
});

describe("the audit log in words", () => {
  it("reads a row as a sentence, and an action without words yet as its code in words", () => {
    expect(describeAuditRow({ actor: { kind: "person", email: "alice@example.com" }, action: "auth.sign_in" })).toBe(
      "alice@example.com signed in.",
    );
    expect(describeAuditRow({ actor: { kind: "system" }, action: "export.expired" })).toBe(
      "The system deleted an expired export.",
    );
    expect(verbOf("something.new_thing")).toBe("did: something new thing");
  });
});
