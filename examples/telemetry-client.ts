// Example install client: how a cluster or CLI reports usage statistics.
//
//   TELEMETRY_URL=http://localhost:3000/api/telemetry \
//   INSTALL_ID=c7f3a2d1-prod-0001 INSTALL_TOKEN=demo-install-token-alice-production \
//   npx tsx examples/telemetry-client.ts
//
// It honours the install's own switches before sending anything: with
// TELEMETRY_DISABLED=true or DO_NOT_TRACK=1 in its environment it sends the
// signal header only (no data) so the server can confirm collection is off.
// In production TELEMETRY_URL must be https.
import os from "node:os";

const url = process.env.TELEMETRY_URL ?? "http://localhost:3000/api/telemetry";
const installId = process.env.INSTALL_ID ?? "c7f3a2d1-prod-0001";
const token = process.env.INSTALL_TOKEN ?? "demo-install-token-alice-production";
const disabled = /^(1|true|yes)$/i.test(process.env.TELEMETRY_DISABLED ?? "");
const doNotTrack = /^(1|true|yes)$/i.test(process.env.DO_NOT_TRACK ?? "");

type Answer = {
  status: number;
  body: { status?: string; collection?: string; reason?: string; error?: string; retryAfterSeconds?: number };
};

async function send(report: object, extraHeaders: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}`, ...extraHeaders },
    body: JSON.stringify(report),
  });
  return { status: response.status, body: await response.json().catch(() => ({})) };
}

async function main() {
  if (disabled || doNotTrack) {
    // Say so without sending any statistics.
    const answer = await send({ installId }, disabled ? { "telemetry-disabled": "true" } : { "do-not-track": "1" });
    console.log(
      `telemetry is off on this install (${disabled ? "TELEMETRY_DISABLED" : "DO_NOT_TRACK"}); server: ${answer.body.collection}`,
    );
    return;
  }
  const report = {
    installId,
    kind: "usage",
    sentAt: new Date().toISOString(),
    version: "v20261101.0",
    data: { apps: 12, hosts: 3, platform: os.platform(), arch: os.arch(), uptimeSeconds: Math.round(os.uptime()) },
  };
  const answer = await send(report);
  switch (answer.status) {
    case 202:
      console.log("report accepted");
      break;
    case 200:
      // The owner turned telemetry off in the privacy center: stop sending.
      console.log(`collection is ${answer.body.collection}: ${answer.body.reason}`);
      break;
    case 429:
      console.log(`too many reports; retry in ${answer.body.retryAfterSeconds}s`);
      break;
    default:
      console.error(`report refused (${answer.status}): ${answer.body.reason ?? answer.body.error}`);
      process.exitCode = 1;
  }
}

main().catch((error) => {
  console.error(`could not reach ${url}: ${error.message}`);
  process.exitCode = 1;
});
