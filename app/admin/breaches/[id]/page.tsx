import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { ActionForm } from "@/components/action-form";
import { AutoRefresh } from "@/components/auto-refresh";
import { BreachBanner } from "@/components/breach-banner";
import { Alert, Card, PageHeader } from "@/components/ui";
import { getBreach, listBreachRecipients, previewBreachAudience, renderBreachEmailPreview } from "@/lib/breaches/admin";
import { breachPeriod, formatBreachDate } from "@/lib/breaches/content";
import { NOTIFY_WITHIN_DAYS } from "@/lib/breaches/schema";
import { categories, findCategory } from "@/lib/data/registry";
import { requireAdmin } from "@/lib/dal";
import { EmptyState } from "@/components/empty-state";
import { Table } from "@/components/table";
import { CampaignControls } from "../../notices/controls";
import { ProgressBar, ProgressFigures } from "../../notices/progress";
import { BreachForm, type BreachFormValues } from "../breach-form";
import { sendBreachAction } from "../actions";
import { TimeToNotify } from "../time-to-notify";
import {
  idParam,
  parseParams,
  parseSearchParams,
  textParam,
  type RouteParams,
  type SearchParams,
} from "@/lib/core/params";
import { formatDate, isoDay } from "@/lib/core/format";

const people = (count: number) => `${count} ${count === 1 ? "person" : "people"}`;

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Breach notice" };

const day = (date: Date | null) => (date ? isoDay(date) : "");
const paramsSchema = z.object({ id: idParam() });
const searchSchema = z.object({ saved: textParam(10).optional() });

export default async function BreachPage(props: { params: Promise<RouteParams>; searchParams: Promise<SearchParams> }) {
  const viewer = await requireAdmin();
  const { id } = parseParams(paramsSchema, await props.params);
  const { saved } = parseSearchParams(searchSchema, await props.searchParams).data;
  const breach = await getBreach({ admin: viewer, id });
  if (!breach) notFound();
  const { summary, audience } = breach;
  const audienceText =
    audience.kind === "ALL"
      ? "Everyone with an account"
      : audience.kind === "LIST"
        ? `${audience.emails.length} listed address${audience.emails.length === 1 ? "" : "es"}`
        : `People with ${audience.categories.map((slug) => findCategory(slug)?.title ?? slug).join(", ")} records${audience.from ? ` from ${formatBreachDate(audience.from)}` : ""}${audience.to ? ` until ${formatBreachDate(audience.to)}` : ""}`;
  const contentRows: [string, string][] = [
    ["What happened", breach.whatHappened],
    ["When", breachPeriod(breach)],
    ["Discovered", formatBreachDate(breach.discoveredAt)],
    ["Data involved", breach.dataInvolved],
    ["What we did", breach.whatWeDid],
    ["What people should do", breach.whatToDo],
    ["Contact", breach.contact],
    ["Who is affected", audienceText],
  ];
  const isDraft = breach.status === "DRAFT";
  const preview = isDraft ? await previewBreachAudience({ admin: viewer, audience }) : null;
  const email = isDraft ? await renderBreachEmailPreview({ admin: viewer, content: breach }) : null;
  const recipients = isDraft ? [] : await listBreachRecipients({ admin: viewer, id });
  const values: BreachFormValues = {
    breachId: breach.id,
    title: breach.title,
    whatHappened: breach.whatHappened,
    occurredFrom: day(breach.occurredFrom),
    occurredTo: day(breach.occurredTo),
    discoveredAt: day(breach.discoveredAt),
    dataInvolved: breach.dataInvolved,
    whatWeDid: breach.whatWeDid,
    whatToDo: breach.whatToDo,
    contact: breach.contact,
    audience: audience.kind,
    emails: audience.kind === "LIST" ? audience.emails.join("\n") : "",
    categories: audience.kind === "CATEGORIES" ? audience.categories : [],
    audienceFrom: audience.kind === "CATEGORIES" ? day(audience.from) : "",
    audienceTo: audience.kind === "CATEGORIES" ? day(audience.to) : "",
  };
  return (
    <div className="space-y-6">
      <Link className="text-sm text-brand-700 underline" href="/admin/breaches">
        ← Breach notices
      </Link>
      <PageHeader
        title={breach.title}
        description={
          isDraft
            ? "Draft: nothing has been sent."
            : `Sent ${breach.summary.sentAt ? formatDate(breach.summary.sentAt, "dateTime") : ""} UTC. Each person sees it in their privacy center until they acknowledge it.`
        }
      />
      {saved && isDraft ? <Alert tone="success">Draft saved. Check the preview below.</Alert> : null}
      <AutoRefresh seconds={2} active={!isDraft && !summary.complete} />

      <Card>
        <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
          <h2 className="text-lg font-semibold text-gray-900">Time to notify</h2>
          <TimeToNotify days={summary.daysToNotify} complete={summary.complete} overLimit={summary.overLimit} />
        </div>
        <p className="text-sm text-gray-800">
          Discovered {formatBreachDate(breach.discoveredAt)}; California requires notice within {NOTIFY_WITHIN_DAYS}{" "}
          days
          {isDraft
            ? ` (by ${formatBreachDate(new Date(breach.discoveredAt.getTime() + NOTIFY_WITHIN_DAYS * 86_400_000))}).`
            : "."}
          {!isDraft
            ? ` ${summary.notified} of ${summary.recipients} notified${summary.lastNotifiedAt ? `, the last on ${formatDate(summary.lastNotifiedAt, "dateTime")} UTC` : ""}; ${summary.late} later than ${NOTIFY_WITHIN_DAYS} days; ${summary.acknowledged} acknowledged.`
            : ""}
        </p>
      </Card>

      <Card>
        <h2 className="mb-3 text-lg font-semibold text-gray-900">The notice</h2>
        <dl className="grid gap-3 text-sm sm:grid-cols-[12rem_1fr]">
          {contentRows.map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="font-medium text-gray-900">{label}</dt>
              <dd className="whitespace-pre-wrap text-gray-800">{value}</dd>
            </div>
          ))}
        </dl>
      </Card>

      {isDraft && preview && email ? (
        <>
          <Card>
            <h2 className="mb-3 text-lg font-semibold text-gray-900">Preview</h2>
            <p className="text-sm text-gray-900">
              Recipients: <strong data-testid="recipient-count">{preview.count}</strong>{" "}
              {preview.count === 1 ? "person" : "people"}, each emailed once.
            </p>
            {preview.unmatched.length ? (
              <div className="mt-3">
                <Alert
                  tone="warning"
                  title={`${preview.unmatched.length} listed address${preview.unmatched.length === 1 ? " has" : "es have"} no account and will not be emailed`}
                >
                  {preview.unmatched.join(", ")}
                </Alert>
              </div>
            ) : null}
            <h3 className="mt-6 text-base font-semibold text-gray-900">The email</h3>
            <p className="mt-1 text-sm text-gray-800">
              Subject: <strong data-testid="preview-subject">{email.subject}</strong>
            </p>
            <pre
              className="mt-2 max-h-96 overflow-auto whitespace-pre-wrap rounded-lg border border-gray-200 bg-gray-50 p-4 text-sm text-gray-900"
              data-testid="preview-email"
              tabIndex={0}
              aria-label="Email text"
            >
              {email.text}
            </pre>
            <h3 className="mt-6 text-base font-semibold text-gray-900">The banner in their privacy center</h3>
            <div className="mt-2">
              <BreachBanner
                preview
                notices={[{ id: breach.id, title: breach.title, discovered: formatBreachDate(breach.discoveredAt) }]}
              />
            </div>
          </Card>
          <Card>
            <h2 className="mb-3 text-lg font-semibold text-gray-900">Send</h2>
            <ActionForm
              action={sendBreachAction}
              submitLabel="Send the breach notice"
              pendingLabel="Sending…"
              variant="danger"
              disabled={preview.count === 0}
              confirm={`Send this notice to ${people(preview.count)}? It cannot be changed or recalled.`}
            >
              <input type="hidden" name="breachId" value={breach.id} />
              <input type="hidden" name="expectedRecipients" value={preview.count} />
              <div className="flex items-start gap-2">
                <input id="confirm" name="confirm" type="checkbox" className="mt-1 h-4 w-4" />
                <label htmlFor="confirm" className="text-sm text-gray-900">
                  I checked the preview. Send it to the {people(preview.count)} counted above, by email and in their
                  privacy center.
                </label>
              </div>
            </ActionForm>
          </Card>
          <Card>
            <h2 className="mb-3 text-lg font-semibold text-gray-900">Edit the draft</h2>
            <BreachForm
              values={values}
              categories={categories.map((c) => ({ slug: c.slug, title: c.title }))}
              submitLabel="Save changes"
            />
          </Card>
        </>
      ) : null}

      {breach.campaign ? (
        <>
          <Card>
            <div className="mb-4 flex flex-wrap items-center justify-between gap-2">
              <h2 className="text-lg font-semibold text-gray-900">Progress</h2>
              <p className="text-sm font-semibold text-gray-900" role="status" data-testid="campaign-status">
                {breach.campaign.status.toLowerCase()}
              </p>
            </div>
            <ProgressBar progress={breach.campaign} />
            <div className="mt-4">
              <ProgressFigures progress={breach.campaign} />
            </div>
            {breach.campaign.status === "RUNNING" || breach.campaign.status === "PAUSED" ? (
              <div className="mt-6">
                <CampaignControls
                  campaignId={breach.campaign.id}
                  status={breach.campaign.status}
                  ratePerSecond={breach.campaign.ratePerSecond}
                />
              </div>
            ) : null}
          </Card>
          <Card>
            <h2 className="mb-3 text-lg font-semibold text-gray-900">When each person was told</h2>
            <Table
              caption="Recipients and when they were notified"
              variant="plain"
              rows={recipients}
              rowKey={(r) => r.email}
              empty={<EmptyState variant="plain" title="Preparing the recipient list…" />}
              columns={[
                { key: "email", header: "Recipient", className: "break-all", cell: (r) => r.email },
                { key: "status", header: "Status", cell: (r) => r.status.toLowerCase() },
                {
                  key: "sent",
                  header: "Notified (UTC)",
                  cell: (r) => (r.sentAt ? formatDate(r.sentAt, "dateTime") : "—"),
                },
                {
                  key: "days",
                  header: "Days after discovery",
                  cell: (r) =>
                    r.days !== null && r.days > NOTIFY_WITHIN_DAYS ? (
                      <span className="font-semibold text-red-800">{r.days}</span>
                    ) : (
                      (r.days ?? "—")
                    ),
                },
                {
                  key: "acknowledged",
                  header: "Acknowledged",
                  cell: (r) => (r.acknowledgedAt ? formatDate(r.acknowledgedAt, "dateTime") : "not yet"),
                },
              ]}
            />
            {summary.recipients > recipients.length ? (
              <p className="mt-2 text-sm text-gray-700">
                Showing {recipients.length} of {summary.recipients}.
              </p>
            ) : null}
          </Card>
        </>
      ) : null}
    </div>
  );
}
