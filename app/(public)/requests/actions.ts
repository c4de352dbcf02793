"use server";

import { redirect } from "next/navigation";
import { publicAction, type ActionResult, type ActionState } from "@/lib/actions";
import { confirmSubjectEmail, fileSubjectRequest } from "@/lib/requests/public";
import { publicRequestSchema, subjectLinkSchema } from "@/lib/requests/schema";

const FIELDS = ["type", "law", "filingFor", "email", "name", "agentName", "agentEmail", "details"] as const;

const fileRequest = publicAction(
  publicRequestSchema,
  async (input, { ip }) => {
    const isAgent = input.filingFor === "other";
    await fileSubjectRequest({
      input: {
        type: input.type,
        subject: { email: input.email, name: input.name, emailVerified: false },
        details: input.details || null,
        jurisdiction: input.law,
        objectionScope: input.type === "OBJECTION" ? ["DIRECT_MARKETING"] : [],
        channel: isAgent ? "HUMAN_AGENT" : "WEB_FORM",
        humanAgent: isAgent ? { name: input.agentName ?? "", email: input.agentEmail ?? "" } : null,
        permissionUpload: isAgent ? { bytes: input.permission ?? new Uint8Array() } : null,
      },
      ip,
    });
    // The same page whatever we hold about the address: nothing is looked up yet.
    redirect(isAgent ? "/requests/check-email?for=agent" : "/requests/check-email");
  },
  { echo: FIELDS },
);

/**
 * The form's action: the agent's permission file is read into bytes here (the action wrapper
 * reads text fields only), then everything goes through the one wrapper and its schema.
 */
export async function submitPublicRequest(state: ActionState<null>, formData: FormData): Promise<ActionResult<null>> {
  // Called by hand with something else than a form, it answers as for an empty form (never a 500).
  if (!(formData instanceof FormData)) return fileRequest(state, {});
  const fields: Record<string, unknown> = {};
  for (const key of new Set(formData.keys())) {
    if (key.startsWith("$ACTION") || key === "permission") continue;
    const value = formData.get(key);
    if (typeof value === "string") fields[key] = value;
  }
  const file = formData.get("permission");
  if (file instanceof File && file.size > 0) fields.permission = new Uint8Array(await file.arrayBuffer());
  return fileRequest(state, fields);
}

export const confirmSubjectRequestAction = publicAction(subjectLinkSchema, async (input, { ip }) => {
  const { statusToken } = await confirmSubjectEmail({ token: input.token, ip });
  redirect(`/requests/status?token=${encodeURIComponent(statusToken)}&confirmed=1`);
});
