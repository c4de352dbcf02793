// Fails when a model that refers to a person, or holds an email address or an IP
// address, is neither erased (lib/erasure/plan.ts ERASURE_PLAN) nor on the
// commented KEPT list. Reads the data model the Prisma client was generated from.
import { PrismaPg } from "@prisma/adapter-pg";
import { describe, expect, it } from "vitest";
import { PrismaClient } from "../../lib/generated/prisma/client";
import { ERASURE_PLAN, KEPT } from "../../lib/erasure/plan";

type Field = { name: string; kind: string; type: string };
type DataModel = { models: Record<string, { fields: Field[] }> };

function dataModel(): DataModel {
  // Constructing the client opens no connection; its runtime data model is the schema's models.
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: "postgresql://unused@127.0.0.1:1/unused" }) });
  return (client as unknown as { _runtimeDataModel: DataModel })._runtimeDataModel;
}

/** Field names that hold a person's address, IP, or id (under any of the names this schema uses). */
const PERSONAL_FIELD = /email|identifiers?$|^ip$|Ip$|^userId$|actorId$|ById$/;

function refersToPeople(fields: Field[]): string[] {
  return fields.filter((field) => (field.kind === "object" && field.type === "User") || (field.kind === "scalar" && PERSONAL_FIELD.test(field.name))).map((field) => field.name);
}

describe("erasure coverage", () => {
  const models = dataModel().models;

  it("covers or explicitly keeps every model that holds personal data", () => {
    const uncovered = Object.entries(models)
      .filter(([name, model]) => name === "User" || refersToPeople(model.fields).length > 0)
      .filter(([name]) => !(name in ERASURE_PLAN) && !(name in KEPT))
      .map(([name, model]) => `${name} (${refersToPeople(model.fields).join(", ") || "the account itself"})`);
    expect(uncovered, "add these models to ERASURE_PLAN or, with a reason, to KEPT in lib/erasure/plan.ts").toEqual([]);
  });

  it("names only models that exist, each once, with a reason for every kept one", () => {
    for (const name of [...Object.keys(ERASURE_PLAN), ...Object.keys(KEPT)]) expect(models, name).toHaveProperty(name);
    expect(Object.keys(ERASURE_PLAN).filter((name) => name in KEPT)).toEqual([]);
    for (const [name, reason] of Object.entries(KEPT)) expect(reason.length, name).toBeGreaterThan(30);
  });

  it("erases through the account row every model whose rows belong to an account", () => {
    // A required relation to User with ON DELETE CASCADE is what "cascade" relies on; the
    // engine's batched tables are the large ones and must also be owned by a user id.
    for (const [name, rule] of Object.entries(ERASURE_PLAN)) {
      if (rule.how === "batched") expect(models[name].fields.some((field) => field.name === rule.owner), name).toBe(true);
      if (rule.how === "cascade" && name !== "User") expect(models[name].fields.some((field) => field.kind === "object" && field.type === "User"), name).toBe(true);
    }
  });
});
