-- Authorized agents speaking the Data Rights Protocol 0.9.4 (issue 19): agents, their bearer
-- tokens (hashes only), their requests beside the privacy requests, and the log of their calls.

create type "public"."AgentStatus" as enum ('ACTIVE', 'SUSPENDED');

create table "public"."Agent" (
    "id" text not null,
    "name" text not null,
    "contact" text not null,
    "verifyKey" text not null,
    "status" "AgentStatus" not null default 'ACTIVE'::"AgentStatus",
    "keyRotatedAt" timestamp(3) without time zone,
    "suspendedAt" timestamp(3) without time zone,
    "createdAt" timestamp(3) without time zone not null default CURRENT_TIMESTAMP,
    "updatedAt" timestamp(3) without time zone not null
      );

create table "public"."AgentCall" (
    "id" text not null,
    "agentId" text,
    "endpoint" text not null,
    "status" integer not null,
    "outcome" text not null,
    "requestId" text,
    "createdAt" timestamp(3) without time zone not null default CURRENT_TIMESTAMP
      );

create table "public"."AgentRequest" (
    "id" text not null,
    "agentId" text not null,
    "privacyRequestId" text not null,
    "agentRequestId" text,
    "exercise" text not null,
    "regime" text,
    "statusCallback" text,
    "receivedAt" timestamp(3) without time zone not null,
    "lastCallbackHash" text,
    "lastCallbackAt" timestamp(3) without time zone,
    "createdAt" timestamp(3) without time zone not null default CURRENT_TIMESTAMP
      );

create table "public"."AgentToken" (
    "id" text not null,
    "agentId" text not null,
    "tokenHash" text not null,
    "createdAt" timestamp(3) without time zone not null default CURRENT_TIMESTAMP,
    "revokedAt" timestamp(3) without time zone,
    "lastUsedAt" timestamp(3) without time zone
      );

CREATE INDEX "AgentCall_agentId_createdAt_idx" ON public."AgentCall" USING btree ("agentId", "createdAt");

CREATE INDEX "AgentCall_createdAt_idx" ON public."AgentCall" USING btree ("createdAt");

CREATE UNIQUE INDEX "AgentCall_pkey" ON public."AgentCall" USING btree (id);

CREATE INDEX "AgentRequest_agentId_createdAt_idx" ON public."AgentRequest" USING btree ("agentId", "createdAt");

CREATE UNIQUE INDEX "AgentRequest_pkey" ON public."AgentRequest" USING btree (id);

CREATE UNIQUE INDEX "AgentRequest_privacyRequestId_key" ON public."AgentRequest" USING btree ("privacyRequestId");

CREATE INDEX "AgentToken_agentId_idx" ON public."AgentToken" USING btree ("agentId");

CREATE UNIQUE INDEX "AgentToken_pkey" ON public."AgentToken" USING btree (id);

CREATE UNIQUE INDEX "AgentToken_tokenHash_key" ON public."AgentToken" USING btree ("tokenHash");

CREATE UNIQUE INDEX "Agent_pkey" ON public."Agent" USING btree (id);

alter table "public"."Agent" add constraint "Agent_pkey" PRIMARY KEY using index "Agent_pkey";

alter table "public"."AgentCall" add constraint "AgentCall_pkey" PRIMARY KEY using index "AgentCall_pkey";

alter table "public"."AgentRequest" add constraint "AgentRequest_pkey" PRIMARY KEY using index "AgentRequest_pkey";

alter table "public"."AgentToken" add constraint "AgentToken_pkey" PRIMARY KEY using index "AgentToken_pkey";

alter table "public"."AgentCall" add constraint "AgentCall_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "Agent"(id) ON UPDATE CASCADE ON DELETE SET NULL not valid;

alter table "public"."AgentCall" validate constraint "AgentCall_agentId_fkey";

alter table "public"."AgentRequest" add constraint "AgentRequest_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "Agent"(id) ON UPDATE CASCADE ON DELETE RESTRICT not valid;

alter table "public"."AgentRequest" validate constraint "AgentRequest_agentId_fkey";

alter table "public"."AgentRequest" add constraint "AgentRequest_privacyRequestId_fkey" FOREIGN KEY ("privacyRequestId") REFERENCES "PrivacyRequest"(id) ON UPDATE CASCADE ON DELETE CASCADE not valid;

alter table "public"."AgentRequest" validate constraint "AgentRequest_privacyRequestId_fkey";

alter table "public"."AgentToken" add constraint "AgentToken_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "Agent"(id) ON UPDATE CASCADE ON DELETE CASCADE not valid;

alter table "public"."AgentToken" validate constraint "AgentToken_agentId_fkey";

-- The registered DRP agent that filed a privacy request (the column came with the subject requests).
alter table "public"."PrivacyRequest" add constraint "PrivacyRequest_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "Agent"(id) ON UPDATE CASCADE ON DELETE RESTRICT not valid;

alter table "public"."PrivacyRequest" validate constraint "PrivacyRequest_agentId_fkey";
