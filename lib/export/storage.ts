// Where export archives are kept: the ONE place archives are written, read,
// listed and deleted (export build, owner and parent downloads, expiry purge,
// erasure). Two backends:
//   local (default)  EXPORT_DIR on this machine; fine for one machine.
//   s3               an S3-compatible bucket every app instance and worker shares
//                    (EXPORT_STORAGE=s3, EXPORT_S3_*). Uploads stream from the
//                    built file (multipart via @aws-sdk/lib-storage); downloads
//                    stream through the app after the owner check, so the bucket
//                    stays private and no URL outlives the request.
// Archives are always built into a local spool file first (EXPORT_DIR, named
// `<id>.zip.part`, plus its CSV spools); save() moves the finished file into storage.
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
  type S3ClientConfig,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { env } from "../core/env";

export type StoredObject = { name: string; size: number; modifiedAt: Date };
export type OpenedObject = { stream: Readable; size: number };

export interface ExportStorage {
  readonly kind: "local" | "s3";
  /** Moves a finished local file into storage under `name` (the local file is gone afterwards). */
  save(name: string, localPath: string): Promise<{ size: number }>;
  /** The stored object, or null when it does not exist. */
  open(name: string): Promise<OpenedObject | null>;
  /** Deletes every stored object whose name starts with `prefix`; returns how many. */
  removePrefix(prefix: string): Promise<number>;
  list(): Promise<StoredObject[]>;
}

// Export archives (`<id>.zip`, spools) and authorized agents' permission files (`<id>.permission`).
const NAME = /^[a-z0-9]+\.(zip(\.part)?(\.[a-z-]+\.csv)?|permission)$/i;

function checkName(name: string) {
  if (!NAME.test(name)) throw new Error("bad export file name");
}

/** The local directory: the whole store for "local", the build spool for both. */
export function getSpoolDir(): string {
  return path.resolve(env().EXPORT_DIR);
}

export function spoolPath(name: string): string {
  checkName(name);
  return path.join(getSpoolDir(), name);
}

export async function ensureSpoolDir(): Promise<string> {
  const dir = getSpoolDir();
  await fs.promises.mkdir(dir, { recursive: true, mode: 0o700 });
  return dir;
}

/** Deletes local spool files (partial builds, CSV spools) starting with `prefix`. */
export async function removeSpoolFiles(prefix: string): Promise<number> {
  const names = await fs.promises.readdir(getSpoolDir()).catch(() => [] as string[]);
  const mine = names.filter((name) => name.startsWith(prefix) && NAME.test(name));
  for (const name of mine) await fs.promises.rm(path.join(getSpoolDir(), name), { force: true });
  return mine.length;
}

export class LocalExportStorage implements ExportStorage {
  readonly kind = "local" as const;

  constructor(private readonly dir: string) {}

  private file(name: string) {
    checkName(name);
    return path.join(this.dir, name);
  }

  async save(name: string, localPath: string) {
    await fs.promises.mkdir(this.dir, { recursive: true, mode: 0o700 });
    const target = this.file(name);
    await fs.promises.rename(localPath, target);
    return { size: (await fs.promises.stat(target)).size };
  }

  async open(name: string): Promise<OpenedObject | null> {
    const file = this.file(name);
    const stat = await fs.promises.stat(file).catch(() => null);
    if (!stat) return null;
    return { stream: fs.createReadStream(file), size: stat.size };
  }

  async removePrefix(prefix: string) {
    const names = await fs.promises.readdir(this.dir).catch(() => [] as string[]);
    const mine = names.filter((name) => name.startsWith(prefix) && NAME.test(name));
    for (const name of mine) await fs.promises.rm(path.join(this.dir, name), { force: true });
    return mine.length;
  }

  async list(): Promise<StoredObject[]> {
    const names = (await fs.promises.readdir(this.dir).catch(() => [] as string[])).filter((name) => NAME.test(name));
    const objects: StoredObject[] = [];
    for (const name of names) {
      const stat = await fs.promises.stat(path.join(this.dir, name)).catch(() => null);
      if (stat) objects.push({ name, size: stat.size, modifiedAt: stat.mtime });
    }
    return objects;
  }
}

export type S3StorageOptions = { bucket: string; prefix: string; client: S3Client };

export class S3ExportStorage implements ExportStorage {
  readonly kind = "s3" as const;

  constructor(private readonly options: S3StorageOptions) {}

  private key(name: string) {
    checkName(name);
    return `${this.options.prefix}${name}`;
  }

  async save(name: string, localPath: string) {
    const { size } = await fs.promises.stat(localPath);
    const upload = new Upload({
      client: this.options.client,
      params: {
        Bucket: this.options.bucket,
        Key: this.key(name),
        Body: fs.createReadStream(localPath),
        ContentType: "application/zip",
        ContentLength: size,
      },
      queueSize: 2,
      partSize: 8 * 1024 * 1024,
    });
    await upload.done();
    await fs.promises.rm(localPath, { force: true });
    return { size };
  }

  async open(name: string): Promise<OpenedObject | null> {
    try {
      const object = await this.options.client.send(
        new GetObjectCommand({ Bucket: this.options.bucket, Key: this.key(name) }),
      );
      if (!object.Body) return null;
      return { stream: object.Body as Readable, size: Number(object.ContentLength ?? 0) };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async exists(name: string): Promise<boolean> {
    try {
      await this.options.client.send(new HeadObjectCommand({ Bucket: this.options.bucket, Key: this.key(name) }));
      return true;
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  private async listKeys(prefix: string): Promise<StoredObject[]> {
    const objects: StoredObject[] = [];
    let token: string | undefined;
    do {
      const page = await this.options.client.send(
        new ListObjectsV2Command({
          Bucket: this.options.bucket,
          Prefix: `${this.options.prefix}${prefix}`,
          ContinuationToken: token,
        }),
      );
      for (const item of page.Contents ?? []) {
        const name = (item.Key ?? "").slice(this.options.prefix.length);
        if (NAME.test(name))
          objects.push({ name, size: Number(item.Size ?? 0), modifiedAt: item.LastModified ?? new Date(0) });
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return objects;
  }

  async removePrefix(prefix: string) {
    const objects = await this.listKeys(prefix);
    for (let index = 0; index < objects.length; index += 1000) {
      const chunk = objects.slice(index, index + 1000);
      await this.options.client.send(
        new DeleteObjectsCommand({
          Bucket: this.options.bucket,
          Delete: { Objects: chunk.map((object) => ({ Key: this.key(object.name) })), Quiet: true },
        }),
      );
    }
    return objects.length;
  }

  list() {
    return this.listKeys("");
  }
}

function isMissing(error: unknown): boolean {
  const name = (error as { name?: string }).name;
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return name === "NoSuchKey" || name === "NotFound" || status === 404;
}

export function createS3Client(config: {
  endpoint?: string;
  region: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle?: boolean;
}): S3Client {
  const options: S3ClientConfig = {
    region: config.region,
    endpoint: config.endpoint,
    forcePathStyle: config.forcePathStyle,
    // Only what S3-compatible servers understand: no CRC trailers they may reject.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  };
  if (config.accessKeyId && config.secretAccessKey)
    options.credentials = { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey };
  return new S3Client(options);
}

const cache = globalThis as unknown as { __portalExportStorage?: { signature: string; storage: ExportStorage } };

/** The configured storage (one per process; rebuilt if the environment changes, e.g. in tests). */
export function exportStorage(): ExportStorage {
  const config = env();
  const signature = [
    config.EXPORT_STORAGE,
    config.EXPORT_DIR,
    config.EXPORT_S3_BUCKET,
    config.EXPORT_S3_ENDPOINT,
    config.EXPORT_S3_PREFIX,
  ].join("|");
  if (cache.__portalExportStorage?.signature === signature) return cache.__portalExportStorage.storage;
  let storage: ExportStorage;
  if (config.EXPORT_STORAGE === "s3") {
    if (!config.EXPORT_S3_BUCKET) throw new Error("EXPORT_STORAGE=s3 needs EXPORT_S3_BUCKET");
    const client = createS3Client({
      endpoint: config.EXPORT_S3_ENDPOINT,
      region: config.EXPORT_S3_REGION,
      accessKeyId: config.EXPORT_S3_ACCESS_KEY_ID,
      secretAccessKey: config.EXPORT_S3_SECRET_ACCESS_KEY,
      forcePathStyle: config.EXPORT_S3_FORCE_PATH_STYLE,
    });
    storage = new S3ExportStorage({ bucket: config.EXPORT_S3_BUCKET, prefix: config.EXPORT_S3_PREFIX, client });
  } else {
    storage = new LocalExportStorage(getSpoolDir());
  }
  cache.__portalExportStorage = { signature, storage };
  return storage;
}
