// Process lifecycle shared by the web server, the ingestion server and the
// readiness check: once a process starts draining (SIGTERM) it answers /api/ready
// with 503 so the load balancer stops sending it work, while it finishes what it holds.
const state = globalThis as unknown as { __portalDraining?: boolean };

export function markDraining() {
  state.__portalDraining = true;
}

export function isDraining(): boolean {
  return state.__portalDraining === true;
}
