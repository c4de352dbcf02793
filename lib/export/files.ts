// Where export archives live. File names are always `<export id>.zip`, built
// here from a database id, never from a client-supplied path.
import fs from "node:fs";
import path from "node:path";
import { env } from "../env";

export function getExportDir(): string {
  return path.resolve(env().EXPORT_DIR);
}

export function exportFileName(exportId: string): string {
  if (!/^[a-z0-9]+$/i.test(exportId)) throw new Error("bad export id");
  return `${exportId}.zip`;
}

export function exportFilePath(fileName: string): string {
  const dir = getExportDir();
  const resolved = path.resolve(dir, fileName);
  if (path.dirname(resolved) !== dir) throw new Error("bad export file name");
  return resolved;
}

export async function ensureExportDir(): Promise<string> {
  const dir = getExportDir();
  await fs.promises.mkdir(dir, { recursive: true, mode: 0o700 });
  return dir;
}

export async function removeExportFile(fileName: string): Promise<void> {
  await fs.promises.rm(exportFilePath(fileName), { force: true });
  await fs.promises.rm(exportFilePath(fileName) + ".part", { force: true });
}

/** Every file of one export: the archive, a partial build and its CSV spools (names start with "<id>."). */
export async function removeExportFiles(exportId: string): Promise<number> {
  const prefix = `${exportFileName(exportId).replace(/\.zip$/, "")}.`;
  const names = await fs.promises.readdir(getExportDir()).catch(() => [] as string[]);
  const mine = names.filter((name) => name.startsWith(prefix));
  for (const name of mine) await fs.promises.rm(exportFilePath(name), { force: true });
  return mine.length;
}
