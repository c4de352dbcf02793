// Who a notice campaign goes to, as SQL over "User" u. The same statement
// counts the recipients for the admin's preview and creates the deliveries
// (lib/notices/campaign.ts), so the preview's number is the number sent.
//  POLICY  every user, or those opted in to minor changes
//  BREACH  everyone, a list of addresses, or the people holding data of chosen
//          registry categories (lib/data/registry.ts) within a date range
import "server-only";
import type pg from "pg";
import { findCategory } from "../data/registry";
import { MAX_YEAR, MIN_YEAR } from "../core/form";

export type BreachAudience =
  | { kind: "ALL" }
  | { kind: "LIST"; emails: string[] }
  | { kind: "CATEGORIES"; categories: string[]; from: Date | null; to: Date | null };

/** A FROM clause (with its WHERE) selecting recipients as `u`, and its parameters numbered from `firstParam`. */
export type RecipientsSql = { from: string; params: unknown[] };

const DAY_MS = 86_400_000;

export function breachRecipientsSql(audience: BreachAudience, firstParam = 1): RecipientsSql {
  if (audience.kind === "ALL") return { from: `"User" u`, params: [] };
  if (audience.kind === "LIST") {
    return {
      from: `"User" u WHERE lower(u.email) = ANY($${firstParam}::text[])`,
      params: [audience.emails.map((email) => email.toLowerCase())],
    };
  }
  const params: unknown[] = [];
  const conditions: ((time: string) => string)[] = [];
  if (audience.from) {
    params.push(audience.from);
    const index = firstParam + params.length - 1;
    conditions.push((time) => `${time} >= $${index}`);
  }
  if (audience.to) {
    // The end date is inclusive: everything before the next midnight.
    params.push(new Date(audience.to.getTime() + DAY_MS));
    const index = firstParam + params.length - 1;
    conditions.push((time) => `${time} < $${index}`);
  }
  const bounds = (time: string) => conditions.map((condition) => ` AND ${condition(time)}`).join("");
  // Registry SQL is our own (never user input); category slugs are checked against it.
  const exists = audience.categories
    .map((slug) => findCategory(slug))
    .filter((category) => category !== undefined)
    .flatMap((category) =>
      category.datasets.map(
        (dataset) => `EXISTS (SELECT 1 FROM ${dataset.from} WHERE ${dataset.owner} = u.id${bounds(dataset.time)})`,
      ),
    );
  if (!exists.length) return { from: `"User" u WHERE false`, params: [] };
  return { from: `"User" u WHERE ${exists.join(" OR ")}`, params };
}

/**
 * A stored bound outside the years a form accepts (drafts saved before dates were
 * bounded, e.g. 275760-09-13, the last day JavaScript can represent) bounds nothing
 * (no records lie there), so it reads as no bound rather than failing the page.
 */
function withinCalendar(date: Date | null): Date | null {
  if (!date || Number.isNaN(date.getTime())) return null;
  const year = date.getUTCFullYear();
  return year >= MIN_YEAR && year <= MAX_YEAR ? date : null;
}

export function breachAudienceOf(row: {
  audience: string;
  audienceEmails: string[];
  audienceCategories: string[];
  audienceFrom: Date | null;
  audienceTo: Date | null;
}): BreachAudience {
  if (row.audience === "LIST") return { kind: "LIST", emails: row.audienceEmails };
  if (row.audience === "CATEGORIES")
    return {
      kind: "CATEGORIES",
      categories: row.audienceCategories,
      from: withinCalendar(row.audienceFrom),
      to: withinCalendar(row.audienceTo),
    };
  return { kind: "ALL" };
}

/** The recipients of a campaign row (read inside the materializing transaction). */
export async function campaignRecipientsSql(
  client: pg.PoolClient,
  campaign: { kind: "POLICY" | "BREACH"; audience: string; breachId: string | null },
  firstParam: number,
): Promise<RecipientsSql> {
  if (campaign.kind === "POLICY") {
    return {
      from:
        campaign.audience === "MINOR_OPT_IN"
          ? `"User" u JOIN "PolicyNoticePreference" p ON p."userId" = u.id AND p."minorChanges"`
          : `"User" u`,
      params: [],
    };
  }
  const { rows } = await client.query<{
    audience: string;
    audienceEmails: string[];
    audienceCategories: string[];
    audienceFrom: Date | null;
    audienceTo: Date | null;
  }>(
    `SELECT audience, "audienceEmails", "audienceCategories", "audienceFrom", "audienceTo" FROM "Breach" WHERE id = $1`,
    [campaign.breachId],
  );
  if (!rows[0]) throw new Error(`no breach for campaign (${campaign.breachId})`);
  return breachRecipientsSql(breachAudienceOf(rows[0]), firstParam);
}
