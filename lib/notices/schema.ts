// Input schemas of the privacy team's notice campaign controls.
import { z } from "zod";
import { id } from "../core/form";

export const controlCampaignSchema = z.object({
  campaignId: id(),
  action: z.enum(["pause", "resume", "cancel"], { message: "Unknown action." }),
});

export const campaignRateSchema = z.object({
  campaignId: id(),
  ratePerSecond: z.coerce
    .number({ message: "Enter a number." })
    .int("Whole messages per second")
    .min(1, "At least 1")
    .max(10_000, "At most 10,000"),
});
