// The breach notice a campaign sends, rendered once per campaign for the notice
// sender (lib/notices/render.ts), which puts each recipient's greeting in.
import "server-only";
import { renderEmail } from "../email/send";
import type { NoticeRenderer } from "../notices/render";
import { breachEmailElement, breachSubject, type BreachContent } from "./content";

export const renderBreachNotice: NoticeRenderer = async (pool, campaign, settings) => {
  const breachId = campaign.breachId!;
  const { rows } = await pool.query<BreachContent>(
    `SELECT id, title, "whatHappened", "occurredFrom", "occurredTo", "discoveredAt", "dataInvolved", "whatWeDid", "whatToDo", contact FROM "Breach" WHERE id = $1`,
    [breachId],
  );
  if (!rows[0]) throw new Error(`no breach ${breachId}`);
  const { html, text } = await renderEmail(breachEmailElement(rows[0], settings, settings.greeting));
  return { subject: breachSubject(rows[0]), html, text };
};
