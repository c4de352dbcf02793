// The owner's side of exports: start one, follow its progress, download it.
// Every query is scoped by the viewer's id; other people's exports are "not found".
import "server-only";
import type { Readable } from "node:stream";
import { recordAudit } from "../audit/record";
import { assertViewer, type Viewer } from "../core/viewer";
import { now } from "../core/clock";
import { AppError } from "../core/errors";
import { isoDay } from "../core/format";
import { prisma } from "../core/db";
import { exportStorage } from "./storage";
import { enqueueExport } from "./queue";

const statusSelect = {
  id: true,
  status: true,
  totalRows: true,
  doneRows: true,
  currentCategory: true,
  fileSize: true,
  sha256: true,
  createdAt: true,
  completedAt: true,
  expiresAt: true,
  error: true,
} as const;

export type ExportStatusView = {
  id: string;
  status: "QUEUED" | "RUNNING" | "READY" | "FAILED" | "EXPIRED";
  totalRows: number;
  doneRows: number;
  percent: number;
  currentCategory: string | null;
  fileSize: number | null;
  sha256: string | null;
  createdAt: string;
  completedAt: string | null;
  expiresAt: string | null;
  error: string | null;
  downloadUrl: string | null;
};

type Row = {
  id: string;
  status: ExportStatusView["status"];
  totalRows: number;
  doneRows: number;
  currentCategory: string | null;
  fileSize: bigint | null;
  sha256: string | null;
  createdAt: Date;
  completedAt: Date | null;
  expiresAt: Date | null;
  error: string | null;
};

function toView(row: Row, at: Date): ExportStatusView {
  const expired = row.status === "READY" && row.expiresAt !== null && row.expiresAt <= at;
  const status = expired ? "EXPIRED" : row.status;
  const percent =
    status === "READY" ? 100 : row.totalRows > 0 ? Math.min(99, Math.floor((row.doneRows / row.totalRows) * 100)) : 0;
  return {
    id: row.id,
    status,
    totalRows: row.totalRows,
    doneRows: row.doneRows,
    percent,
    currentCategory: row.currentCategory,
    fileSize: row.fileSize === null ? null : Number(row.fileSize),
    sha256: row.sha256,
    createdAt: row.createdAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    error: row.error,
    downloadUrl: status === "READY" ? `/api/export/${row.id}/download` : null,
  };
}

export async function listExports({ viewer }: { viewer: Viewer }): Promise<ExportStatusView[]> {
  assertViewer(viewer);
  const [rows, at] = await Promise.all([
    prisma.exportJob.findMany({
      where: { userId: viewer.userId },
      orderBy: { createdAt: "desc" },
      take: 5,
      select: statusSelect,
    }),
    now(),
  ]);
  return rows.map((row) => toView(row, at));
}

export async function getExportStatus({
  viewer,
  exportId,
}: {
  viewer: Viewer;
  exportId: string;
}): Promise<ExportStatusView | null> {
  assertViewer(viewer);
  const [row, at] = await Promise.all([
    prisma.exportJob.findFirst({ where: { id: exportId, userId: viewer.userId }, select: statusSelect }),
    now(),
  ]);
  return row ? toView(row, at) : null;
}

export const MAX_EXPORTS_PER_DAY = 5;

/** Starts an export, or returns the one already queued or running (one at a time per person, a few a day). */
export async function startExport({ viewer, ip }: { viewer: Viewer; ip?: string | null }) {
  assertViewer(viewer);
  const at = await now();
  const result = await prisma.$transaction(async (tx) => {
    // One start per person at a time, held until this transaction ends: without it, requests
    // arriving together all pass the checks below before any has inserted (issue 17.4). Those
    // that find it taken are refused at once rather than queued, so a burst cannot hold the
    // connection pool while it waits.
    const [lock] = await tx.$queryRaw<
      { locked: boolean }[]
    >`SELECT pg_try_advisory_xact_lock(hashtext('export:' || ${viewer.userId})) AS locked`;
    if (!lock?.locked) throw new AppError("CONFLICT", { reason: "EXPORT_STARTING" });
    const active = await tx.exportJob.findFirst({
      where: { userId: viewer.userId, status: { in: ["QUEUED", "RUNNING"] } },
      select: { id: true },
    });
    if (active) return { id: active.id, created: false };
    const today = await tx.exportJob.count({
      where: { userId: viewer.userId, createdAt: { gt: new Date(at.getTime() - 86_400_000) } },
    });
    if (today >= MAX_EXPORTS_PER_DAY)
      throw new AppError("LIMIT_REACHED", { reason: "EXPORTS_PER_DAY", params: { limit: MAX_EXPORTS_PER_DAY } });
    const job = await tx.exportJob.create({ data: { userId: viewer.userId }, select: { id: true } });
    await recordAudit(
      { action: "export.requested", actorId: viewer.userId, targetType: "ExportJob", targetId: job.id, ip: ip ?? null },
      tx,
    );
    return { id: job.id, created: true };
  });
  // The QUEUED row is the durable record; the expire job re-queues it if this send is lost.
  if (result.created) await enqueueExport(result.id);
  return result;
}

export type ExportDownload = { stream: Readable; size: number; fileName: string; sha256: string | null };

/** The owner's archive; anyone else's id is NOT_FOUND (audited), a deleted or past-date one EXPIRED. */
export async function openExportDownload({
  viewer,
  exportId,
  ip,
}: {
  viewer: Viewer;
  exportId: string;
  ip?: string | null;
}): Promise<ExportDownload> {
  assertViewer(viewer);
  const row = await prisma.exportJob.findFirst({
    where: { id: exportId, userId: viewer.userId },
    select: { id: true, status: true, fileName: true, expiresAt: true, sha256: true, createdAt: true },
  });
  if (!row) {
    await recordAudit({
      action: "authz.denied",
      actorId: viewer.userId,
      targetType: "ExportJob",
      targetId: exportId.slice(0, 64),
      ip: ip ?? null,
      metadata: { area: "export.download" },
    });
    throw new AppError("NOT_FOUND", { reason: "EXPORT" });
  }
  if (row.status === "EXPIRED" || (row.expiresAt && row.expiresAt <= (await now())))
    throw new AppError("EXPIRED", { reason: "EXPORT" });
  if (row.status !== "READY" || !row.fileName) throw new AppError("INVALID_STATE", { reason: "EXPORT_NOT_READY" });
  const stored = await exportStorage().open(row.fileName);
  if (!stored) throw new AppError("EXPIRED", { reason: "EXPORT" });
  await recordAudit({
    action: "export.downloaded",
    actorId: viewer.userId,
    targetType: "ExportJob",
    targetId: row.id,
    ip: ip ?? null,
  });
  const day = isoDay(row.createdAt);
  return { stream: stored.stream, size: stored.size, fileName: `my-data-${day}.zip`, sha256: row.sha256 };
}
