"use client";

import { useEffect, useState } from "react";
import { FormShell, SubmitButton } from "@/components/form-shell";
import { Alert, Card } from "@/components/ui";
import type { ExportStatusView } from "@/lib/export/access";
import { startExportAction } from "./actions";
import { formatBytes, formatDate, formatNumber } from "@/lib/core/format";

function isActive(status: ExportStatusView["status"]) {
  return status === "QUEUED" || status === "RUNNING";
}

/** Starts an export; after a start the panel follows the new one. */
function PrepareForm(props: { label: string; onStarted: (exportId: string) => void }) {
  return (
    <FormShell<{ exportId: string }>
      action={async (previous, formData) => {
        const result = await startExportAction(previous, formData);
        if (result.ok) props.onStarted(result.data.exportId);
        return result;
      }}
      className="mt-4 space-y-4"
      success={false}
    >
      <SubmitButton pendingLabel="Starting…">{props.label}</SubmitButton>
    </FormShell>
  );
}

// One state at a time: prepare (nothing ready, or the last one expired or failed), preparing
// (progress), or ready (one Download button, its size and until when it is kept).
export function ExportPanel(props: { initialExports: ExportStatusView[]; ttlDays: number }) {
  const [startedId, setStartedId] = useState<string | null>(null);
  const [current, setCurrent] = useState<ExportStatusView | null>(props.initialExports[0] ?? null);
  const watchedId = startedId ?? (current && isActive(current.status) ? current.id : null);

  useEffect(() => {
    if (!watchedId) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const response = await fetch(`/api/export/${watchedId}`, { cache: "no-store" });
        if (response.ok) {
          const status = (await response.json()) as ExportStatusView;
          if (cancelled) return;
          setCurrent(status);
          if (!isActive(status.status)) return;
        }
      } catch {
        // try again on the next tick
      }
      if (!cancelled) timer = setTimeout(poll, 1000);
    };
    void poll();
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
    };
  }, [watchedId]);

  const kept = props.ttlDays === 1 ? "1 day" : `${props.ttlDays} days`;
  // Just started: the new export is not read back yet.
  const waiting = startedId !== null && current?.id !== startedId;
  const state = waiting
    ? "preparing"
    : !current
      ? "prepare"
      : isActive(current.status)
        ? "preparing"
        : current.status === "READY" && current.downloadUrl
          ? "ready"
          : "prepare";
  return (
    <Card>
      <h2 id="export-heading" className="text-xl font-semibold text-gray-900">
        Download my data
      </h2>
      <div
        aria-live="polite"
        data-testid="export-status"
        data-status={waiting ? "QUEUED" : (current?.status ?? "NONE")}
      >
        {state === "prepare" ? (
          <>
            <p className="mt-2 max-w-2xl text-gray-700">
              One ZIP file with everything below (JSON and CSV, and a summary to read offline). We email you when it is
              ready; only you can download it, for {kept}.
            </p>
            {current?.status === "FAILED" ? (
              <div className="mt-4">
                <Alert tone="error" title="The last export failed">
                  {current.error ?? "Please try again."}
                </Alert>
              </div>
            ) : current?.status === "EXPIRED" ? (
              <p className="mt-2 text-sm text-gray-700">
                Your last export (asked for {formatDate(current.createdAt, "timestamp")}) has expired and was deleted.
              </p>
            ) : null}
            <PrepareForm label="Prepare my download" onStarted={setStartedId} />
          </>
        ) : state === "preparing" ? (
          <div className="mt-3">
            <p className="text-sm font-medium text-gray-900">
              {waiting || current?.status === "QUEUED"
                ? "Waiting to start…"
                : `Preparing your archive${current?.currentCategory ? `: ${current.currentCategory}` : ""}…`}
            </p>
            <div
              className="mt-2 h-3 w-full overflow-hidden rounded-full bg-gray-200"
              role="progressbar"
              aria-label="Export progress"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={waiting ? 0 : (current?.percent ?? 0)}
            >
              <div
                className="h-full bg-brand-600 transition-all"
                style={{ width: `${waiting ? 0 : (current?.percent ?? 0)}%` }}
              />
            </div>
            <p className="mt-1 text-sm text-gray-700">
              {waiting || !current
                ? "We will email you when it is ready; you can leave this page."
                : `${current.percent}% · ${formatNumber(current.doneRows)} of ${formatNumber(current.totalRows)} records. We will email you when it is ready; you can leave this page.`}
            </p>
          </div>
        ) : current ? (
          <div className="mt-3">
            <p className="text-gray-700">
              Your archive is ready: {formatNumber(current.totalRows)} records. Available until{" "}
              <strong className="font-semibold text-gray-900">{formatDate(current.expiresAt, "timestamp")}</strong>.
            </p>
            <a
              className="mt-4 inline-flex items-center justify-center rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-700"
              href={current.downloadUrl ?? undefined}
              download
            >
              Download the archive{current.fileSize !== null ? ` (${formatBytes(current.fileSize)})` : ""}
            </a>
            {current.sha256 ? (
              <p className="mt-3 text-xs break-all text-gray-700">
                SHA-256 of the ZIP: <code>{current.sha256}</code>
              </p>
            ) : null}
            <details className="mt-3 text-sm">
              <summary className="cursor-pointer font-medium text-brand-700">Need a newer copy?</summary>
              <p className="mt-2 text-gray-700">
                We prepare a fresh archive; this one stays available until it expires.
              </p>
              <PrepareForm label="Prepare a new archive" onStarted={setStartedId} />
            </details>
          </div>
        ) : null}
      </div>
    </Card>
  );
}
