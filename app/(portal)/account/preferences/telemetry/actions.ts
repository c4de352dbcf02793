"use server";

import { revalidatePath } from "next/cache";
import { authedAction, ok } from "@/lib/actions";
import { installTelemetrySwitchSchema, telemetrySwitchSchema } from "@/lib/preferences/schema";
import { setAccountTelemetry, setInstallTelemetry } from "@/lib/preferences/telemetry";
import { formatNumber } from "@/lib/core/format";

function refresh() {
  revalidatePath("/account/preferences/telemetry");
  revalidatePath("/account/preferences/history");
}

const deletedText = (count: number) =>
  ` ${formatNumber(count)} collected report${count === 1 ? " was" : "s were"} deleted.`;

export const setInstallTelemetryAction = authedAction(
  installTelemetrySwitchSchema,
  async (input, { viewer }) => {
    const result = await setInstallTelemetry({ viewer, ...input });
    refresh();
    return ok(
      `Telemetry is ${input.enabled ? "on" : "off"} for this install.${input.purge && !input.enabled ? deletedText(result.purged) : ""}`,
    );
  },
  { invalidMessage: "That change could not be read. Please try again." },
);

export const setAccountTelemetryAction = authedAction(
  telemetrySwitchSchema,
  async (input, { viewer }) => {
    const result = await setAccountTelemetry({ viewer, ...input });
    refresh();
    return ok(
      `Telemetry is ${input.enabled ? "on" : "off"} for your whole account.${input.purge && !input.enabled ? deletedText(result.purged) : ""}`,
    );
  },
  { invalidMessage: "That change could not be read. Please try again." },
);
