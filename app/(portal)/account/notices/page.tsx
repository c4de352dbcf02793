import type { Metadata } from "next";
import { ActionForm } from "@/components/action-form";
import { Card, PageHeader } from "@/components/ui";
import { listMyBreachNotices } from "@/lib/breaches/person";
import { breachPeriod, formatBreachDate } from "@/lib/breaches/content";
import { verifySession } from "@/lib/dal";
import { formatLegalDate } from "@/lib/legal/admin";
import { listMyLegalRequests } from "@/lib/legal/person";
import { DECISION_LABELS } from "@/lib/legal/schema";
import { acknowledgeBreachAction } from "./actions";
import { EmptyState } from "@/components/empty-state";

export const metadata: Metadata = { title: "Notices about your data" };
export const dynamic = "force-dynamic";

export default async function NoticesPage() {
  const viewer = await verifySession();
  const [breaches, legal] = await Promise.all([listMyBreachNotices({ viewer }), listMyLegalRequests({ viewer })]);
  return (
    <div className="space-y-8">
      <PageHeader
        title="Notices about your data"
        description="Security incidents that involved your personal data, and legal requests for it (such as from law enforcement) we are allowed to tell you about."
      />
      <section aria-labelledby="breaches-heading" className="space-y-4">
        <h2 id="breaches-heading" className="text-xl font-semibold text-gray-900">
          Security incidents
        </h2>
        {breaches.length === 0 ? (
          <EmptyState title="None." description="No security incident has involved your data." />
        ) : null}
        {breaches.map((notice) => (
          <Card key={notice.id}>
            <article
              id={`breach-${notice.id}`}
              aria-labelledby={`breach-${notice.id}-title`}
              className="space-y-3 text-sm text-gray-800"
            >
              <h3 id={`breach-${notice.id}-title`} className="text-lg font-semibold text-gray-900">
                {notice.title}
              </h3>
              <p className="whitespace-pre-wrap">{notice.whatHappened}</p>
              <dl className="grid gap-2 sm:grid-cols-[12rem_1fr]">
                <dt className="font-medium text-gray-900">When it happened</dt>
                <dd>{breachPeriod(notice)}</dd>
                <dt className="font-medium text-gray-900">Discovered</dt>
                <dd>{formatBreachDate(notice.discoveredAt)}</dd>
                <dt className="font-medium text-gray-900">Data involved</dt>
                <dd className="whitespace-pre-wrap">{notice.dataInvolved}</dd>
                <dt className="font-medium text-gray-900">What we did</dt>
                <dd className="whitespace-pre-wrap">{notice.whatWeDid}</dd>
                <dt className="font-medium text-gray-900">What you can do</dt>
                <dd className="whitespace-pre-wrap">{notice.whatToDo}</dd>
                <dt className="font-medium text-gray-900">Contact</dt>
                <dd className="whitespace-pre-wrap">{notice.contact}</dd>
              </dl>
              {notice.acknowledgedAt ? (
                <p className="text-gray-700" data-testid="breach-acknowledged">
                  You confirmed you read this on {formatBreachDate(notice.acknowledgedAt)}.
                </p>
              ) : (
                <ActionForm action={acknowledgeBreachAction} submitLabel="I have read this notice">
                  <input type="hidden" name="breachId" value={notice.id} />
                </ActionForm>
              )}
            </article>
          </Card>
        ))}
      </section>
      <section aria-labelledby="legal-heading" className="space-y-4">
        <h2 id="legal-heading" className="text-xl font-semibold text-gray-900">
          Legal requests for your data
        </h2>
        {legal.length === 0 ? (
          <Card>
            <p className="text-gray-800">None that we can tell you about.</p>
          </Card>
        ) : null}
        {legal.map((request) => (
          <Card key={request.id}>
            <article
              id={`legal-${request.id}`}
              aria-labelledby={`legal-${request.id}-title`}
              className="space-y-3 text-sm text-gray-800"
            >
              <h3 id={`legal-${request.id}-title`} className="text-lg font-semibold text-gray-900">
                {request.authority} ({request.reference})
              </h3>
              <dl className="grid gap-2 sm:grid-cols-[12rem_1fr]">
                <dt className="font-medium text-gray-900">Received</dt>
                <dd>{formatLegalDate(request.receivedAt)}</dd>
                <dt className="font-medium text-gray-900">Legal basis</dt>
                <dd className="whitespace-pre-wrap">{request.legalBasis}</dd>
                <dt className="font-medium text-gray-900">What was requested</dt>
                <dd className="whitespace-pre-wrap">{request.dataRequested}</dd>
                <dt className="font-medium text-gray-900">Our decision</dt>
                <dd>{DECISION_LABELS[request.decision]}</dd>
                {request.decision !== "REFUSED" ? (
                  <>
                    <dt className="font-medium text-gray-900">What we disclosed</dt>
                    <dd className="whitespace-pre-wrap">{request.dataDisclosed}</dd>
                    <dt className="font-medium text-gray-900">Why</dt>
                    <dd className="whitespace-pre-wrap">{request.goodFaithReason}</dd>
                  </>
                ) : null}
                <dt className="font-medium text-gray-900">Told to you</dt>
                <dd>{formatLegalDate(request.notifiedAt)}</dd>
              </dl>
            </article>
          </Card>
        ))}
      </section>
    </div>
  );
}
