// Every background job the worker runs: each domain defines its own jobs
// (lib/<domain>/jobs.ts: name, payload schema, handler, schedule); this list,
// read only by the worker (scripts/worker.ts), is where they come together.
import type { JobDefinition } from "../../lib/core/queue";
import { authJobs } from "../../lib/auth/jobs";
import { createNoticeJobs } from "../../lib/notices/jobs";
import { renderPolicyNotice } from "../../lib/policies/notice";
import { renderBreachNotice } from "../../lib/breaches/notice";
import { exportJobs } from "../../lib/export/jobs";
import { erasureJobs } from "../../lib/erasure/jobs";
import { parentJobs } from "../../lib/parents/jobs";
import { requestJobs } from "../../lib/requests/jobs";
import { legalJobs } from "../../lib/legal/jobs";
import { retentionJobs } from "../../lib/retention/jobs";
import { agentJobs } from "../../lib/agents/jobs";

// Notices send what policies and breaches (domains above notices) say.
const noticeJobs = createNoticeJobs({ renderers: { POLICY: renderPolicyNotice, BREACH: renderBreachNotice } });

export const jobs: JobDefinition[] = [
  ...authJobs,
  ...noticeJobs,
  ...exportJobs,
  ...erasureJobs,
  ...parentJobs,
  ...requestJobs,
  ...legalJobs,
  ...retentionJobs,
  ...agentJobs,
];
