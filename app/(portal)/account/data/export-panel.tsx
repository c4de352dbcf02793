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

  const active = current && isActive(current.status);
  return (
    <Card>
      <h2 id="export-heading" className="text-xl font-semibold text-gray-900">
        Download my data
      </h2>
      <p className="mt-2 max-w-2xl text-gray-700">
        A ZIP archive with one JSON and one CSV file per category, a summary you can read offline, and a manifest with
        record counts and SHA-256 checksums. We prepare it in the background and email you when it is ready. Only you
        can download it, for {props.ttlDays === 1 ? "1 day" : `${props.ttlDays} days`}; then it is deleted.
      </p>
      <FormShell<{ exportId: string }>
        action={async (previous, formData) => {
          const result = await startExportAction(previous, formData);
          if (result.ok) setStartedId(result.data.exportId);
          return result;
        }}
        className="mt-4 space-y-4"
        success={false}
      >
        <SubmitButton pendingLabel="Starting…" disabled={Boolean(active)}>
          {active ? "Export in progress…" : "Download my data"}
        </SubmitButton>
      </FormShell>
      {current ? (
        <div className="mt-6" aria-live="polite" data-testid="export-status" data-status={current.status}>
          {active ? (
            <div>
              <p className="text-sm font-medium text-gray-900">
                {current.status === "QUEUED"
                  ? "Waiting to start…"
                  : `Preparing your archive${current.currentCategory ? `: ${current.currentCategory}` : ""}…`}
              </p>
              <div
                className="mt-2 h-3 w-full overflow-hidden rounded-full bg-gray-200"
                role="progressbar"
                aria-label="Export progress"
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={current.percent}
              >
                <div className="h-full bg-brand-600 transition-all" style={{ width: `${current.percent}%` }} />
              </div>
              <p className="mt-1 text-sm text-gray-700">
                {current.percent}% · {formatNumber(current.doneRows)} of {formatNumber(current.totalRows)} records
              </p>
            </div>
          ) : current.status === "READY" && current.downloadUrl ? (
            <Alert tone="success" title="Your export is ready">
              <p>
                <a className="font-semibold underline" href={current.downloadUrl} download>
                  Download the archive{current.fileSize !== null ? ` (${formatBytes(current.fileSize)})` : ""}
                </a>
              </p>
              <p className="mt-1">
                {formatNumber(current.totalRows)} records. Available until {formatDate(current.expiresAt, "timestamp")}.
              </p>
              {current.sha256 ? (
                <p className="mt-1 break-all text-xs">
                  SHA-256 of the ZIP: <code>{current.sha256}</code>
                </p>
              ) : null}
            </Alert>
          ) : current.status === "FAILED" ? (
            <Alert tone="error" title="The export failed">
              {current.error ?? "Please try again."}
            </Alert>
          ) : current.status === "EXPIRED" ? (
            <p className="text-sm text-gray-700">
              Your last export (requested {formatDate(current.createdAt, "timestamp")}) has expired and was deleted.
              Start a new one any time.
            </p>
          ) : null}
        </div>
      ) : null}
    </Card>
  );
}
