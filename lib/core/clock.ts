// The injectable clock. Real time unless ALLOW_TEST_CLOCK=1, in which case a
// request may carry `x-test-now: <ISO date>` (e2e tests move time per test,
// so parallel tests do not disturb each other) or a process may call
// setTestNow() (unit and fault tests). Never honoured in a normal deployment.
import { env, type Env } from "./env";
import { isAnsweringRequest } from "./request-scope";

const globalForClock = globalThis as unknown as { __testNow?: Date | null };

export const TEST_CLOCK_HEADER = "x-test-now";

/** Never in production, whatever the setting says. */
export function isTestClockAllowedFor(config: Pick<Env, "ALLOW_TEST_CLOCK" | "PORTAL_RUN_MODE">): boolean {
  return config.ALLOW_TEST_CLOCK && config.PORTAL_RUN_MODE !== "production";
}

function isTestClockAllowed(): boolean {
  try {
    return isTestClockAllowedFor(env());
  } catch {
    return false;
  }
}

/** Tests only (no effect unless ALLOW_TEST_CLOCK=1). Pass null to return to real time. */
export function setTestNow(at: Date | null): void {
  globalForClock.__testNow = at;
}

async function readHeaderNow(): Promise<Date | null> {
  try {
    // Only while answering a request: a cached page or function (rendered once for everyone)
    // has no request headers, and asking for them would make Next.js give up its cache.
    if (!(await isAnsweringRequest())) return null;
    const { headers } = await import("next/headers");
    const value = (await headers()).get(TEST_CLOCK_HEADER);
    if (!value) return null;
    const at = new Date(value);
    return Number.isNaN(at.getTime()) ? null : at;
  } catch {
    // Outside a request (worker, scripts, tests): no header to read.
    return null;
  }
}

/** The current time as the application should see it. */
export async function now(): Promise<Date> {
  if (!isTestClockAllowed()) return new Date();
  const fromHeader = await readHeaderNow();
  if (fromHeader) return fromHeader;
  return globalForClock.__testNow ? new Date(globalForClock.__testNow) : new Date();
}
