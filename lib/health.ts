// Database reachability for the health endpoint.
import "server-only";
import { getPool } from "./db";

export async function isDatabaseReachable(): Promise<boolean> {
  try {
    await getPool().query("SELECT 1");
    return true;
  } catch {
    return false;
  }
}
