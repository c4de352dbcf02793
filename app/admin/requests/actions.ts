"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { adminAction, ok } from "@/lib/actions";
import { DENIAL_REASONS, type DenialReason } from "@/lib/requests/catalog";
import { sendShineTheLight } from "@/lib/requests/shine-the-light";
import {
  assignRequest,
  completeProcessingRequest,
  completeWithAnswer,
  denyRequest,
  extendRequest,
  messageFromTeam,
  produceAccessExport,
  runDeletionRequest,
  startWork,
  verifyIdentity,
} from "@/lib/requests/admin";
import { checkbox, id, optionalText } from "@/lib/core/form";

const requestId = id();
const refresh = (input: { requestId: string }) => {
  revalidatePath(`/admin/requests/${input.requestId}`);
  revalidatePath("/admin/requests");
};

export const assignAction = adminAction(z.object({ requestId, assigneeId: z.string().max(64).transform((value) => value || null) }), async (input, { viewer, ip }) => {
  await assignRequest({ admin: viewer, id: input.requestId, assigneeId: input.assigneeId, ip });
  refresh(input);
  return ok(input.assigneeId ? "Assigned." : "Unassigned.");
});

export const verifyAction = adminAction(z.object({ requestId, method: z.string().trim().min(5, "Say how you verified the person's identity.").max(500) }), async (input, { viewer, ip }) => {
  await verifyIdentity({ admin: viewer, id: input.requestId, method: input.method, ip });
  refresh(input);
  return ok("Identity verified; the person was told.");
});

export const startAction = adminAction(z.object({ requestId }), async (input, { viewer, ip }) => {
  await startWork({ admin: viewer, id: input.requestId, ip });
  refresh(input);
  return ok("Marked in progress; the person was told.");
});

export const extendAction = adminAction(z.object({ requestId, reason: z.string().trim().min(10, "Give the reason for the extension (the person sees it).").max(2000) }), async (input, { viewer, ip }) => {
  await extendRequest({ admin: viewer, id: input.requestId, reason: input.reason, ip });
  refresh(input);
  return ok("Extended; the person was told why and the new deadline.");
});

export const denyAction = adminAction(
  z.object({ requestId, reason: z.enum(Object.keys(DENIAL_REASONS) as [DenialReason, ...DenialReason[]], { message: "Choose the reason for the denial." }), note: optionalText(2000) }),
  async (input, { viewer, ip }) => {
    await denyRequest({ admin: viewer, id: input.requestId, reason: input.reason, note: input.note, ip });
    refresh(input);
    return ok("Denied; the person was told why.");
  },
);

export const messageAction = adminAction(z.object({ requestId, text: z.string().trim().min(2, "Write a message.").max(5000), awaitReply: checkbox() }), async (input, { viewer, ip }) => {
  await messageFromTeam({ admin: viewer, id: input.requestId, text: input.text, awaitReply: input.awaitReply, ip });
  refresh(input);
  return ok("Sent to the person.");
});

export const answerAction = adminAction(z.object({ requestId, resolution: z.string().trim().min(10, "Say what was done (the person sees it).").max(5000) }), async (input, { viewer, ip }) => {
  await completeWithAnswer({ admin: viewer, id: input.requestId, resolution: input.resolution, ip });
  refresh(input);
  return ok("Completed; the person was told.");
});

export const processingAction = adminAction(z.object({ requestId }), async (input, { viewer, ip }) => {
  await completeProcessingRequest({ admin: viewer, id: input.requestId, ip });
  refresh(input);
  return ok("Done: the processing switches are set and recorded in the person's history.");
});

export const exportAction = adminAction(z.object({ requestId }), async (input, { viewer, ip }) => {
  await produceAccessExport({ admin: viewer, id: input.requestId, ip });
  refresh(input);
  return ok("The export is being prepared; the request completes when it is ready.");
});

export const deletionAction = adminAction(
  z.object({ requestId, confirm: z.literal("on", { message: "Tick the box to confirm: the account is erased for good." }) }),
  async (input, { viewer, ip }) => {
    await runDeletionRequest({ admin: viewer, id: input.requestId, ip });
    refresh(input);
    return ok("Erasure started; the request completes when it has finished.");
  },
  { stepUp: true },
);

export const stlAction = adminAction(z.object({ requestId, cover: z.string().trim().min(10, "Write the cover text.").max(4000) }), async (input, { viewer, ip }) => {
  await sendShineTheLight({ admin: viewer, id: input.requestId, cover: input.cover, ip });
  refresh(input);
  return ok("Notice sent and stored on the request.");
});
