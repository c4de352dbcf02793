"use server";

import { revalidatePath } from "next/cache";
import { adminAction, ok } from "@/lib/actions";
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
import {
  answerRequestSchema,
  assignRequestSchema,
  deletionRequestSchema,
  denyRequestSchema,
  extendRequestSchema,
  requestIdSchema,
  shineTheLightSchema,
  teamMessageSchema,
  verifyIdentitySchema,
} from "@/lib/requests/schema";

const refresh = (input: { requestId: string }) => {
  revalidatePath(`/admin/requests/${input.requestId}`);
  revalidatePath("/admin/requests");
};

export const assignAction = adminAction(assignRequestSchema, async (input, { viewer, ip }) => {
  await assignRequest({ admin: viewer, id: input.requestId, assigneeId: input.assigneeId, ip });
  refresh(input);
  return ok(input.assigneeId ? "Assigned." : "Unassigned.");
});

export const verifyAction = adminAction(verifyIdentitySchema, async (input, { viewer, ip }) => {
  await verifyIdentity({ admin: viewer, id: input.requestId, method: input.method, ip });
  refresh(input);
  return ok("Identity verified; the person was told.");
});

export const startAction = adminAction(requestIdSchema, async (input, { viewer, ip }) => {
  await startWork({ admin: viewer, id: input.requestId, ip });
  refresh(input);
  return ok("Marked in progress; the person was told.");
});

export const extendAction = adminAction(extendRequestSchema, async (input, { viewer, ip }) => {
  await extendRequest({ admin: viewer, id: input.requestId, reason: input.reason, ip });
  refresh(input);
  return ok("Extended; the person was told why and the new deadline.");
});

export const denyAction = adminAction(denyRequestSchema, async (input, { viewer, ip }) => {
  await denyRequest({ admin: viewer, id: input.requestId, reason: input.reason, note: input.note, ip });
  refresh(input);
  return ok("Denied; the person was told why.");
});

export const messageAction = adminAction(teamMessageSchema, async (input, { viewer, ip }) => {
  await messageFromTeam({ admin: viewer, id: input.requestId, text: input.text, awaitReply: input.awaitReply, ip });
  refresh(input);
  return ok("Sent to the person.");
});

export const answerAction = adminAction(answerRequestSchema, async (input, { viewer, ip }) => {
  await completeWithAnswer({ admin: viewer, id: input.requestId, resolution: input.resolution, ip });
  refresh(input);
  return ok("Completed; the person was told.");
});

export const processingAction = adminAction(requestIdSchema, async (input, { viewer, ip }) => {
  await completeProcessingRequest({ admin: viewer, id: input.requestId, ip });
  refresh(input);
  return ok("Done: the processing switches are set and recorded in the person's history.");
});

export const exportAction = adminAction(requestIdSchema, async (input, { viewer, ip }) => {
  await produceAccessExport({ admin: viewer, id: input.requestId, ip });
  refresh(input);
  return ok("The export is being prepared; the request completes when it is ready.");
});

export const deletionAction = adminAction(
  deletionRequestSchema,
  async (input, { viewer, ip }) => {
    await runDeletionRequest({ admin: viewer, id: input.requestId, ip });
    refresh(input);
    return ok("Erasure started; the request completes when it has finished.");
  },
  { stepUp: true },
);

export const stlAction = adminAction(shineTheLightSchema, async (input, { viewer, ip }) => {
  await sendShineTheLight({ admin: viewer, id: input.requestId, cover: input.cover, ip });
  refresh(input);
  return ok("Notice sent and stored on the request.");
});
