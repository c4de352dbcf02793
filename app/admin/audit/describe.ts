// The audit log in words: each row becomes a sentence ("alice@example.com signed in",
// "The system deleted an expired export"), and its raw fields (action code, target,
// metadata) go in a details list the reader opens when needed. Display only.
import type { AuditRow } from "@/lib/audit/browse";

/** What the actor did, as a verb phrase. Unknown actions fall back to their code in words. */
const VERBS: Record<string, string> = {
  "account.created": "created an account",
  "auth.sign_in": "signed in",
  "auth.sign_out": "signed out",
  "authz.denied": "was refused access",
  "admin.2fa.added": "added a second factor",
  "admin.2fa.change_refused": "was refused a change of second factor",
  "admin.2fa.enrolled": "set up a second factor",
  "admin.2fa.failed": "failed a second-factor check",
  "admin.2fa.recovery_regenerated": "made new recovery codes",
  "admin.2fa.recovery_used": "used a recovery code",
  "admin.2fa.removed": "removed a second factor",
  "admin.2fa.replaced": "replaced a second factor",
  "admin.2fa.reset": "reset a second factor",
  "admin.2fa.verified": "confirmed their second factor",
  "agent.call": "was called by an authorized agent",
  "agent.key.rotated": "rotated an agent's key",
  "agent.reactivated": "reactivated an authorized agent",
  "agent.registered": "registered an authorized agent",
  "agent.results.downloaded": "downloaded request results for an agent",
  "agent.suspended": "suspended an authorized agent",
  "breach.acknowledge": "acknowledged a breach notice",
  "breach.create": "drafted a breach notice",
  "breach.send": "sent a breach notice",
  "breach.update": "changed a breach notice",
  "email.change_requested": "asked to change their email address",
  "email.changed": "changed their email address",
  "erasure.completed": "completed an account deletion",
  "erasure.requested": "asked to delete an account",
  "export.downloaded": "downloaded an export",
  "export.expired": "deleted an expired export",
  "export.ready": "finished preparing an export",
  "export.requested": "asked for a copy of their data",
  "keys.resealed": "re-sealed stored secrets with a new key",
  "legal.create": "recorded a legal request",
  "legal.notify": "told people about a legal request",
  "legal.reminder": "sent a legal-request reminder",
  "notice.campaign.rate": "changed a notice campaign's sending rate",
  "parent.erasure.started": "started deleting a child's accounts",
  "parent.export.downloaded": "downloaded a child's data for a parent",
  "parent.request.approved": "approved a parent's request",
  "parent.request.completed": "completed a parent's request",
  "parent.request.confirmed": "confirmed a parent's request",
  "parent.request.created": "received a parent's request",
  "parent.request.matched": "matched a parent's request to accounts",
  "parent.request.purged_unconfirmed": "deleted unconfirmed parents' requests",
  "parent.request.rejected": "rejected a parent's request",
  "policy.document.create": "created a policy",
  "policy.draft.create": "started a policy draft",
  "policy.draft.discard": "discarded a policy draft",
  "policy.draft.update": "saved a policy draft",
  "policy.minor-notices.set": "changed their emails about minor policy changes",
  "policy.publish": "published a policy version",
  "profile.updated": "updated their profile",
  "request.assigned": "assigned a privacy request",
  "request.completed": "completed a privacy request",
  "request.created": "made a privacy request",
  "request.denied": "refused a privacy request",
  "request.erasure.started": "started the deletion a privacy request asked for",
  "request.export.started": "started the export a privacy request asked for",
  "request.extended": "extended a privacy request's deadline",
  "request.message.person": "wrote on a privacy request",
  "request.message.team": "replied on a privacy request",
  "request.started": "started work on a privacy request",
  "request.stl.sent": "sent a Shine the Light disclosure",
  "request.subject.verified": "confirmed the address of a privacy request",
  "request.verified": "verified a requester's identity",
  "request.withdrawn": "withdrew a privacy request",
  "request.withdrawn.agent": "withdrew a privacy request through an agent",
  "request.subject.created": "received a privacy request",
  "request.subject.matched": "matched a privacy request to stored data",
  "request.subject.purged": "deleted an unverified privacy request",
  "request.export.downloaded": "downloaded a privacy request's export",
  "retention.dry_run": "counted what retention would delete",
  "retention.run": "deleted data past its retention period",
  "retention.rule.update": "changed a retention period",
  "sharing.create": "added a sharing-register entry",
};

/** Who acted, in words. */
export function actorName(row: Pick<AuditRow, "actor">): string {
  if (row.actor.kind === "person") return row.actor.email;
  if (row.actor.kind === "erased") return "A deleted person";
  return "The system";
}

/** "request.message.team" → "request message team" (for actions without words yet). */
function codeInWords(action: string): string {
  return action.replace(/[._-]+/g, " ").trim();
}

export function verbOf(action: string): string {
  const known = VERBS[action];
  if (known) return known;
  if (action.startsWith("request.")) return `moved a privacy request on (${codeInWords(action.slice(8))})`;
  if (action.startsWith("notice.campaign.")) return `${codeInWords(action.slice(16))} a notice campaign`;
  return `did: ${codeInWords(action)}`;
}

/** The sentence a row reads as, e.g. "alice@example.com signed in." */
export function describeAuditRow(row: Pick<AuditRow, "actor" | "action">): string {
  return `${actorName(row)} ${verbOf(row.action)}.`;
}

/** The target as stored ("PrivacyRequest: c…"), for the details list. */
export function targetLabel(row: Pick<AuditRow, "targetType" | "targetId">): string | null {
  if (!row.targetType) return null;
  return row.targetId ? `${row.targetType}: ${row.targetId}` : row.targetType;
}

/** Metadata as label/value pairs (a nested value stays JSON, wrapped in its cell). */
export function metadataEntries(metadata: unknown): [string, string][] {
  if (metadata === null || metadata === undefined) return [];
  if (typeof metadata !== "object" || Array.isArray(metadata)) return [["value", JSON.stringify(metadata)]];
  return Object.entries(metadata as Record<string, unknown>).map(([key, value]) => [
    key,
    typeof value === "string" ? value : JSON.stringify(value),
  ]);
}
