// A real S3-compatible server (s3rver) for tests: started on a free port with an
// empty bucket in a temporary directory. Returns the EXPORT_S3_* settings for it.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import S3rver from "s3rver";

export type TestS3 = { env: Record<string, string>; endpoint: string; bucket: string; stop: () => Promise<void> };

export async function startTestS3(options: { bucket?: string; port?: number } = {}): Promise<TestS3> {
  const bucket = options.bucket ?? "exports";
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "s3rver-"));
  const server = new S3rver({
    address: "127.0.0.1",
    port: options.port ?? 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  const address = await server.run();
  const endpoint = `http://127.0.0.1:${address.port}`;
  return {
    endpoint,
    bucket,
    env: {
      EXPORT_STORAGE: "s3",
      EXPORT_S3_BUCKET: bucket,
      EXPORT_S3_ENDPOINT: endpoint,
      EXPORT_S3_REGION: "us-east-1",
      EXPORT_S3_ACCESS_KEY_ID: "S3RVER",
      EXPORT_S3_SECRET_ACCESS_KEY: "S3RVER",
      EXPORT_S3_FORCE_PATH_STYLE: "1",
    },
    stop: async () => {
      await server.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
