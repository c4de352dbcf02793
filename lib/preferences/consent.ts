// Every preference change is written with its ConsentEvent (time, old value,
// new value, source) inside the caller's transaction, so the history is exactly
// as complete as the changes themselves.
import "server-only";
import type { Prisma } from "../generated/prisma/client";
import type { ConsentSource } from "../generated/prisma/enums";
import { now } from "../core/clock";
import { findPolicyVersionInForce } from "../policies/in-force";

export type Tx = Prisma.TransactionClient;
export type ConsentChange = { subject: string; oldValue: string | null; newValue: string };

export const onOff = (value: boolean) => (value ? "on" : "off");

export async function getPolicyVersionIdNow(): Promise<string | null> {
  return (await findPolicyVersionInForce())?.id ?? null;
}

export async function recordConsentChanges(
  tx: Tx,
  input: { userId: string; source: ConsentSource; changes: ConsentChange[]; policyVersionId: string | null; at?: Date },
) {
  if (input.changes.length === 0) return;
  const occurredAt = input.at ?? (await now());
  await tx.consentEvent.createMany({
    data: input.changes.map((change) => ({
      userId: input.userId,
      subject: change.subject,
      oldValue: change.oldValue,
      newValue: change.newValue,
      source: input.source,
      occurredAt,
      policyVersionId: input.policyVersionId,
    })),
  });
}

/** Tells ingestion processes to drop cached opt-out state (delivered on commit). */
export async function notifyTelemetryChange(tx: Tx, payload: `user:${string}` | `cluster:${string}`) {
  await tx.$executeRaw`SELECT pg_notify('telemetry_prefs', ${payload})`;
}

export async function ensurePreferences(tx: Tx, userId: string) {
  await tx.userPreferences.createMany({ data: [{ userId }], skipDuplicates: true });
  return tx.userPreferences.findUniqueOrThrow({ where: { userId } });
}
