// Export archive names and deletion. File names are always `<export id>.zip`,
// built here from a database id, never from a client-supplied path. Storage
// itself (local directory or S3) lives in ./storage.ts.
import { exportStorage, removeSpoolFiles } from "./storage";

export function exportFileName(exportId: string): string {
  if (!/^[a-z0-9]+$/i.test(exportId)) throw new Error("bad export id");
  return `${exportId}.zip`;
}

/** Every file of one export: the stored archive, a partial build and its CSV spools (names start with "<id>."). */
export async function removeExportFiles(exportId: string): Promise<number> {
  const prefix = `${exportFileName(exportId).replace(/\.zip$/, "")}.`;
  const storage = exportStorage();
  const spooled = await removeSpoolFiles(prefix);
  const stored = storage.kind === "local" ? 0 : await storage.removePrefix(prefix);
  return spooled + stored;
}

/** One archive by its stored file name (and its partial build), e.g. when it expires. */
export async function removeExportFile(fileName: string): Promise<void> {
  const storage = exportStorage();
  await storage.removePrefix(fileName);
  if (storage.kind !== "local") await removeSpoolFiles(fileName);
}

/** An authorized agent's uploaded permission (kept in the same storage; deleted with its request). */
export function permissionFileName(uploadId: string): string {
  if (!/^[a-z0-9]+$/i.test(uploadId)) throw new Error("bad upload id");
  return `${uploadId}.permission`;
}
