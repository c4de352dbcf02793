"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getViewer } from "@/lib/dal";
import { setAccountTelemetry, setInstallTelemetry, TelemetryPreferenceError } from "@/lib/preferences/telemetry";

export type TelemetryFormState = { ok: true; message: string } | { ok: false; message: string } | null;

const switchSchema = z.object({
  enabled: z.enum(["true", "false"]).transform((value) => value === "true"),
  purge: z.boolean(),
});

const signedOut: TelemetryFormState = { ok: false, message: "Your session has ended. Sign in again to change your preferences." };

function done(message: string): TelemetryFormState {
  revalidatePath("/account/preferences/telemetry");
  revalidatePath("/account/preferences/history");
  return { ok: true, message };
}

const deletedText = (count: number) => ` ${count.toLocaleString("en")} collected report${count === 1 ? " was" : "s were"} deleted.`;

export async function setInstallTelemetryAction(_previous: TelemetryFormState, formData: FormData): Promise<TelemetryFormState> {
  const viewer = await getViewer();
  if (!viewer) return signedOut;
  const parsed = switchSchema.extend({ clusterId: z.string().min(1).max(64) }).safeParse({
    clusterId: formData.get("clusterId"),
    enabled: formData.get("enabled"),
    purge: formData.get("purge") === "on",
  });
  if (!parsed.success) return { ok: false, message: "That change could not be read. Please try again." };
  try {
    const result = await setInstallTelemetry({ userId: viewer.userId, ...parsed.data });
    return done(`Telemetry is ${parsed.data.enabled ? "on" : "off"} for this install.${parsed.data.purge && !parsed.data.enabled ? deletedText(result.purged) : ""}`);
  } catch (error) {
    if (error instanceof TelemetryPreferenceError) return { ok: false, message: "We could not find that install on your account." };
    throw error;
  }
}

export async function setAccountTelemetryAction(_previous: TelemetryFormState, formData: FormData): Promise<TelemetryFormState> {
  const viewer = await getViewer();
  if (!viewer) return signedOut;
  const parsed = switchSchema.safeParse({ enabled: formData.get("enabled"), purge: formData.get("purge") === "on" });
  if (!parsed.success) return { ok: false, message: "That change could not be read. Please try again." };
  const result = await setAccountTelemetry({ userId: viewer.userId, ...parsed.data });
  return done(`Telemetry is ${parsed.data.enabled ? "on" : "off"} for your whole account.${parsed.data.purge && !parsed.data.enabled ? deletedText(result.purged) : ""}`);
}
