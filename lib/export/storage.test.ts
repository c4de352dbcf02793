// Export storage against a real S3-compatible server (s3rver), and the local directory.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestS3, type TestS3 } from "../../tests/support/s3";
import { createS3Client, LocalExportStorage, S3ExportStorage, type ExportStorage } from "./storage";

let s3: TestS3;
const spool = fs.mkdtempSync(path.join(os.tmpdir(), "export-spool-"));

beforeAll(async () => {
  s3 = await startTestS3();
});

afterAll(async () => {
  await s3?.stop();
  fs.rmSync(spool, { recursive: true, force: true });
});

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

function spoolFile(name: string, content: Buffer) {
  const file = path.join(spool, name);
  fs.writeFileSync(file, content);
  return file;
}

const backends: Array<[string, () => ExportStorage]> = [
  [
    "s3 (s3rver)",
    () =>
      new S3ExportStorage({
        bucket: s3.bucket,
        prefix: "exports/",
        client: createS3Client({
          endpoint: s3.endpoint,
          region: "us-east-1",
          accessKeyId: "S3RVER",
          secretAccessKey: "S3RVER",
          forcePathStyle: true,
        }),
      }),
  ],
  ["local directory", () => new LocalExportStorage(fs.mkdtempSync(path.join(os.tmpdir(), "export-store-")))],
];

describe.each(backends)("export storage: %s", (_name, make) => {
  it("saves (multipart for large files), opens, lists and deletes by export id", async () => {
    const storage = make();
    const big = randomBytes(9 * 1024 * 1024 + 123); // over one 8 MiB part
    const small = Buffer.from("PK small archive");
    const bigFile = spoolFile("abc123.zip.part", big);
    expect(await storage.save("abc123.zip", bigFile)).toEqual({ size: big.length });
    expect(fs.existsSync(bigFile)).toBe(false);
    await storage.save("def456.zip", spoolFile("def456.zip.part", small));

    const opened = await storage.open("abc123.zip");
    expect(opened?.size).toBe(big.length);
    expect((await readAll(opened!.stream)).equals(big)).toBe(true);
    expect(await storage.open("zzz999.zip")).toBeNull();

    expect((await storage.list()).map((object) => object.name).sort()).toEqual(["abc123.zip", "def456.zip"]);
    expect(await storage.removePrefix("abc123.")).toBe(1);
    expect(await storage.open("abc123.zip")).toBeNull();
    expect((await storage.list()).map((object) => object.name)).toEqual(["def456.zip"]);
  });

  it("refuses names that are not export archive names", async () => {
    const storage = make();
    await expect(storage.open("../secret.zip")).rejects.toThrow(/bad export file name/);
  });
});
