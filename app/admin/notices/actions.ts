"use server";

import { revalidatePath } from "next/cache";
import { adminAction, ok } from "@/lib/actions";
import { controlNoticeCampaign, setNoticeCampaignRate } from "@/lib/notices/campaign";
import { campaignRateSchema, controlCampaignSchema } from "@/lib/notices/schema";

const controlMessages = {
  pause: "Paused: no new messages go out until you resume.",
  resume: "Resumed.",
  cancel: "Cancelled: messages not yet sent will not be sent.",
} as const;

export const controlCampaignAction = adminAction(
  controlCampaignSchema,
  async (input, { viewer }) => {
    try {
      await controlNoticeCampaign({ admin: viewer, ...input });
    } finally {
      revalidatePath(`/admin/notices/${input.campaignId}`);
    }
    return ok(controlMessages[input.action]);
  },
  // Resuming sends to everyone again and cancelling cannot be undone; pausing is always allowed.
  { stepUp: (input) => input.action !== "pause" },
);

export const setRateAction = adminAction(
  campaignRateSchema,
  async (input, { viewer }) => {
    await setNoticeCampaignRate({ admin: viewer, ...input });
    revalidatePath(`/admin/notices/${input.campaignId}`);
    return ok(`Rate set to ${input.ratePerSecond} messages per second.`);
  },
  { invalidMessage: "Please fix the rate." },
);
