import { createHash } from "node:crypto";

// manifest.json: what the archive holds, with row counts and SHA-256 per file,
// so the person (or another service) can check the archive is complete.
export const MANIFEST_FORMAT = "privacy-portal-export/1";

export type ManifestFile = {
  path: string;
  category: string | null;
  dataset: string | null;
  format: "json" | "csv" | "html";
  rows: number | null;
  bytes: number;
  sha256: string;
};

export type Manifest = {
  format: typeof MANIFEST_FORMAT;
  exportId: string;
  generatedAt: string;
  subject: { userId: string | null; email: string };
  totals: { rows: number; files: number };
  files: ManifestFile[];
};

export function buildManifest(options: {
  exportId: string;
  generatedAt: Date;
  userId: string | null;
  email: string;
  files: ManifestFile[];
}): Manifest {
  const files = [...options.files].sort((a, b) => a.path.localeCompare(b.path));
  const paths = new Set<string>();
  for (const file of files) {
    if (paths.has(file.path)) throw new Error(`duplicate file in manifest: ${file.path}`);
    if (!/^[0-9a-f]{64}$/.test(file.sha256)) throw new Error(`bad sha256 for ${file.path}`);
    paths.add(file.path);
  }
  // Each dataset is written twice (JSON and CSV); count its rows once.
  const rows = files
    .filter((file) => file.format === "json" && file.rows !== null)
    .reduce((sum, file) => sum + (file.rows ?? 0), 0);
  return {
    format: MANIFEST_FORMAT,
    exportId: options.exportId,
    generatedAt: options.generatedAt.toISOString(),
    subject: { userId: options.userId, email: options.email },
    totals: { rows, files: files.length },
    files,
  };
}

/** Checks every listed file against its hash and size; returns the problems found. */
export function verifyManifest(manifest: Manifest, readFile: (path: string) => Buffer | undefined): string[] {
  const problems: string[] = [];
  for (const file of manifest.files) {
    const content = readFile(file.path);
    if (!content) {
      problems.push(`${file.path}: missing`);
      continue;
    }
    const digest = createHash("sha256").update(content).digest("hex");
    if (digest !== file.sha256) problems.push(`${file.path}: sha256 mismatch`);
    if (content.length !== file.bytes) problems.push(`${file.path}: size mismatch`);
  }
  return problems;
}
