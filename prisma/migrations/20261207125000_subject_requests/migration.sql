create type "public"."RequestChannel" as enum ('ACCOUNT', 'WEB_FORM', 'HUMAN_AGENT', 'DRP_AGENT');

-- Issue 19: requests from people without an account and from authorized agents.
ALTER TYPE "RequestStatus" ADD VALUE 'AWAITING_VERIFICATION';
ALTER TYPE "RequestType" ADD VALUE 'OPT_OUT_SALE';
ALTER TYPE "RequestType" ADD VALUE 'OPT_IN_SALE';

create table "public"."AgentPermissionUpload" (
    "id" text not null,
    "requestId" text not null,
    "storageKey" text not null,
    "contentType" text not null,
    "size" integer not null,
    "sha256" text not null,
    "createdAt" timestamp(3) without time zone not null default CURRENT_TIMESTAMP
      );

create table "public"."ContactMessage" (
    "id" text not null,
    "email" text not null,
    "name" text,
    "message" text not null,
    "ip" text,
    "receivedAt" timestamp(3) without time zone not null default CURRENT_TIMESTAMP
      );

create table "public"."EventSignup" (
    "id" text not null,
    "email" text not null,
    "name" text,
    "company" text,
    "event" text not null,
    "signedUpAt" timestamp(3) without time zone not null default CURRENT_TIMESTAMP,
    "attended" boolean not null default false
      );

create table "public"."NewsletterSubscriber" (
    "id" text not null,
    "email" text not null,
    "name" text,
    "subscribedAt" timestamp(3) without time zone not null default CURRENT_TIMESTAMP,
    "unsubscribedAt" timestamp(3) without time zone,
    "source" text not null,
    "policyVersionId" text
      );

create table "public"."RequestSubjectMatch" (
    "id" text not null,
    "requestId" text not null,
    "datasetKey" text not null,
    "tableName" text not null,
    "method" text not null,
    "note" text not null,
    "rowCount" integer not null,
    "userId" text,
    "createdAt" timestamp(3) without time zone not null default CURRENT_TIMESTAMP
      );

create table "public"."SubjectVerificationToken" (
    "id" text not null,
    "requestId" text not null,
    "tokenHash" text not null,
    "expiresAt" timestamp(3) without time zone not null,
    "usedAt" timestamp(3) without time zone,
    "createdAt" timestamp(3) without time zone not null default CURRENT_TIMESTAMP
      );

alter table "public"."ExportJob" add column "subjectEmail" text;

alter table "public"."ExportJob" alter column "userId" drop not null;

alter table "public"."PrivacyRequest" add column "agentEmail" text;

alter table "public"."PrivacyRequest" add column "agentId" text;

alter table "public"."PrivacyRequest" add column "agentName" text;

alter table "public"."PrivacyRequest" add column "channel" "RequestChannel" not null default 'ACCOUNT'::"RequestChannel";

alter table "public"."PrivacyRequest" add column "closedReason" text;

alter table "public"."PrivacyRequest" add column "statusTokenHash" text;

alter table "public"."PrivacyRequest" add column "statusTokenSealed" text;

alter table "public"."PrivacyRequest" add column "subjectEmail" text;

alter table "public"."PrivacyRequest" add column "subjectName" text;

alter table "public"."PrivacyRequest" add column "subjectVerifiedAt" timestamp(3) without time zone;

CREATE UNIQUE INDEX "AgentPermissionUpload_pkey" ON public."AgentPermissionUpload" USING btree (id);

CREATE INDEX "AgentPermissionUpload_requestId_idx" ON public."AgentPermissionUpload" USING btree ("requestId");

CREATE UNIQUE INDEX "AgentPermissionUpload_storageKey_key" ON public."AgentPermissionUpload" USING btree ("storageKey");

CREATE INDEX "ContactMessage_email_idx" ON public."ContactMessage" USING btree (email);

CREATE UNIQUE INDEX "ContactMessage_pkey" ON public."ContactMessage" USING btree (id);

CREATE INDEX "ContactMessage_receivedAt_idx" ON public."ContactMessage" USING btree ("receivedAt");

CREATE INDEX "EventSignup_email_idx" ON public."EventSignup" USING btree (email);

CREATE UNIQUE INDEX "EventSignup_pkey" ON public."EventSignup" USING btree (id);

CREATE INDEX "EventSignup_signedUpAt_idx" ON public."EventSignup" USING btree ("signedUpAt");

CREATE INDEX "NewsletterSubscriber_email_idx" ON public."NewsletterSubscriber" USING btree (email);

CREATE UNIQUE INDEX "NewsletterSubscriber_pkey" ON public."NewsletterSubscriber" USING btree (id);

CREATE INDEX "NewsletterSubscriber_subscribedAt_idx" ON public."NewsletterSubscriber" USING btree ("subscribedAt");

CREATE INDEX "PrivacyRequest_agentId_createdAt_idx" ON public."PrivacyRequest" USING btree ("agentId", "createdAt");

CREATE UNIQUE INDEX "PrivacyRequest_statusTokenHash_key" ON public."PrivacyRequest" USING btree ("statusTokenHash");

CREATE INDEX "PrivacyRequest_subjectEmail_idx" ON public."PrivacyRequest" USING btree ("subjectEmail");

CREATE UNIQUE INDEX "RequestSubjectMatch_pkey" ON public."RequestSubjectMatch" USING btree (id);

CREATE INDEX "RequestSubjectMatch_requestId_idx" ON public."RequestSubjectMatch" USING btree ("requestId");

CREATE INDEX "RequestSubjectMatch_userId_idx" ON public."RequestSubjectMatch" USING btree ("userId");

CREATE INDEX "SubjectVerificationToken_expiresAt_idx" ON public."SubjectVerificationToken" USING btree ("expiresAt");

CREATE UNIQUE INDEX "SubjectVerificationToken_pkey" ON public."SubjectVerificationToken" USING btree (id);

CREATE INDEX "SubjectVerificationToken_requestId_idx" ON public."SubjectVerificationToken" USING btree ("requestId");

CREATE UNIQUE INDEX "SubjectVerificationToken_tokenHash_key" ON public."SubjectVerificationToken" USING btree ("tokenHash");

alter table "public"."AgentPermissionUpload" add constraint "AgentPermissionUpload_pkey" PRIMARY KEY using index "AgentPermissionUpload_pkey";

alter table "public"."ContactMessage" add constraint "ContactMessage_pkey" PRIMARY KEY using index "ContactMessage_pkey";

alter table "public"."EventSignup" add constraint "EventSignup_pkey" PRIMARY KEY using index "EventSignup_pkey";

alter table "public"."NewsletterSubscriber" add constraint "NewsletterSubscriber_pkey" PRIMARY KEY using index "NewsletterSubscriber_pkey";

alter table "public"."RequestSubjectMatch" add constraint "RequestSubjectMatch_pkey" PRIMARY KEY using index "RequestSubjectMatch_pkey";

alter table "public"."SubjectVerificationToken" add constraint "SubjectVerificationToken_pkey" PRIMARY KEY using index "SubjectVerificationToken_pkey";

alter table "public"."AgentPermissionUpload" add constraint "AgentPermissionUpload_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "PrivacyRequest"(id) ON UPDATE CASCADE ON DELETE CASCADE not valid;

alter table "public"."AgentPermissionUpload" validate constraint "AgentPermissionUpload_requestId_fkey";

alter table "public"."RequestSubjectMatch" add constraint "RequestSubjectMatch_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "PrivacyRequest"(id) ON UPDATE CASCADE ON DELETE CASCADE not valid;

alter table "public"."RequestSubjectMatch" validate constraint "RequestSubjectMatch_requestId_fkey";

alter table "public"."SubjectVerificationToken" add constraint "SubjectVerificationToken_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "PrivacyRequest"(id) ON UPDATE CASCADE ON DELETE CASCADE not valid;

alter table "public"."SubjectVerificationToken" validate constraint "SubjectVerificationToken_requestId_fkey";
