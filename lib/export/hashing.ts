// A pass-through stream that hashes (SHA-256) and counts the bytes that flow
// through it, so each archive entry's checksum is computed while streaming.
import { createHash } from "node:crypto";
import { Transform, type TransformCallback } from "node:stream";

export class HashingStream extends Transform {
  private readonly hash = createHash("sha256");
  bytes = 0;
  digest: string | null = null;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback) {
    this.digest = this.hash.digest("hex");
    callback();
  }
}
