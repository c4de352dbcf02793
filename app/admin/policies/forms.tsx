"use client";

import { useState } from "react";
import { FormShell, SubmitButton, useFormShell } from "@/components/form-shell";
import { FieldError, inputClass, labelClass } from "@/components/ui";
import {
  createDocumentAction,
  createDraftAction,
  discardDraftAction,
  publishDraftAction,
  saveDraftAction,
} from "./actions";

export function NewDocumentForm() {
  return (
    <FormShell action={createDocumentAction} className="grid gap-4 sm:grid-cols-2">
      <NewDocumentFields />
    </FormShell>
  );
}

function NewDocumentFields() {
  const form = useFormShell();
  // Controlled: what was typed stays after a refusal.
  const [title, setTitle] = useState("");
  const [slug, setSlug] = useState("");
  return (
    <>
      <div className="space-y-1">
        <label className={labelClass} htmlFor="title">
          Title
        </label>
        <input
          className={inputClass}
          id="title"
          name="title"
          required
          aria-invalid={form.invalid("title")}
          aria-describedby="title-error"
          placeholder="Acceptable Use Policy"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
        />
        <FieldError id="title-error" errors={form.error("title")} />
      </div>
      <div className="space-y-1">
        <label className={labelClass} htmlFor="slug">
          Address (/policies/…)
        </label>
        <input
          className={inputClass}
          id="slug"
          name="slug"
          required
          aria-invalid={form.invalid("slug")}
          aria-describedby="slug-error"
          placeholder="acceptable-use"
          value={slug}
          onChange={(e) => setSlug(e.target.value)}
        />
        <FieldError id="slug-error" errors={form.error("slug")} />
      </div>
      <div className="sm:col-span-2">
        <SubmitButton pendingLabel="Creating…">Create document</SubmitButton>
      </div>
    </>
  );
}

export function NewDraftButton(props: { slug: string }) {
  return (
    <FormShell action={createDraftAction} className="space-y-2" success={false}>
      <input type="hidden" name="slug" value={props.slug} />
      <SubmitButton pendingLabel="Starting…">Start a new draft</SubmitButton>
    </FormShell>
  );
}

type DraftValues = {
  versionId: string;
  markdown: string;
  summary: string;
  isSubstantive: boolean;
  effectiveOn: string;
  overrideReason: string;
};

export function DraftForm(props: { draft: DraftValues; minNoticeDays: number; earliestSubstantive: string }) {
  return (
    <FormShell action={saveDraftAction} className="space-y-4">
      <DraftFields {...props} />
    </FormShell>
  );
}

function DraftFields(props: { draft: DraftValues; minNoticeDays: number; earliestSubstantive: string }) {
  const form = useFormShell();
  // Controlled fields: React resets uncontrolled forms after an action, which
  // would throw away unsaved edits when validation fails.
  const [isSubstantive, setSubstantive] = useState(props.draft.isSubstantive);
  const [markdown, setMarkdown] = useState(props.draft.markdown);
  const [summary, setSummary] = useState(props.draft.summary);
  const [effectiveOn, setEffectiveOn] = useState(props.draft.effectiveOn);
  const [overrideReason, setOverrideReason] = useState(props.draft.overrideReason);
  const errors = form.errors;
  return (
    <>
      <input type="hidden" name="versionId" value={props.draft.versionId} />
      <div className="space-y-1">
        <label className={labelClass} htmlFor="markdown">
          Policy text (Markdown)
        </label>
        <textarea
          className={`${inputClass} font-mono text-sm`}
          id="markdown"
          name="markdown"
          rows={18}
          value={markdown}
          onChange={(e) => setMarkdown(e.target.value)}
          aria-invalid={form.invalid("markdown")}
          aria-describedby="markdown-error"
        />
        <FieldError id="markdown-error" errors={errors.markdown} />
      </div>
      <div className="space-y-1">
        <label className={labelClass} htmlFor="summary">
          Summary of changes (shown to users and in the email)
        </label>
        <textarea
          className={inputClass}
          id="summary"
          name="summary"
          rows={3}
          value={summary}
          onChange={(e) => setSummary(e.target.value)}
          aria-invalid={form.invalid("summary")}
          aria-describedby="summary-error"
        />
        <FieldError id="summary-error" errors={errors.summary} />
      </div>
      <fieldset className="space-y-2">
        <legend className={labelClass}>Kind of change</legend>
        <div className="flex items-center gap-2">
          <input
            id="isSubstantive"
            name="isSubstantive"
            type="checkbox"
            className="h-4 w-4"
            checked={isSubstantive}
            onChange={(e) => setSubstantive(e.target.checked)}
          />
          <label htmlFor="isSubstantive" className="text-sm text-gray-900">
            Substantive change (every user is emailed; at least {props.minNoticeDays} days&apos; notice)
          </label>
        </div>
        <p className="text-sm text-gray-700">
          Leave unticked for a minor change: no mass email, only users who asked for minor-change notices are emailed.
        </p>
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="space-y-1">
          <label className={labelClass} htmlFor="effectiveOn">
            Effective date (UTC)
          </label>
          <input
            className={inputClass}
            id="effectiveOn"
            name="effectiveOn"
            type="date"
            value={effectiveOn}
            onChange={(e) => setEffectiveOn(e.target.value)}
            aria-invalid={form.invalid("effectiveOn")}
            aria-describedby="effectiveOn-hint effectiveOn-error"
          />
          <p id="effectiveOn-hint" className="text-sm text-gray-700">
            {isSubstantive ? `Earliest without a reason: ${props.earliestSubstantive}` : "Any future date."}
          </p>
          <FieldError id="effectiveOn-error" errors={errors.effectiveOn} />
        </div>
        <div className="space-y-1">
          <label className={labelClass} htmlFor="overrideReason">
            Reason for shorter notice (if any)
          </label>
          <input
            className={inputClass}
            id="overrideReason"
            name="overrideReason"
            value={overrideReason}
            onChange={(e) => setOverrideReason(e.target.value)}
            aria-invalid={form.invalid("overrideReason")}
            aria-describedby="overrideReason-error"
          />
          <FieldError id="overrideReason-error" errors={errors.overrideReason} />
        </div>
      </div>
      <SubmitButton pendingLabel="Saving…">Save draft</SubmitButton>
    </>
  );
}

export function PublishForm(props: { versionId: string; description: string }) {
  return (
    <FormShell action={publishDraftAction} className="space-y-3" success={false}>
      {(form) => (
        <>
          <input type="hidden" name="versionId" value={props.versionId} />
          <p className="text-sm text-gray-800">{props.description}</p>
          <div className="flex items-start gap-2">
            <input
              id="confirm"
              name="confirm"
              type="checkbox"
              className="mt-1 h-4 w-4"
              aria-invalid={form.invalid("confirm")}
              aria-describedby="confirm-error"
            />
            <label htmlFor="confirm" className="text-sm text-gray-900">
              I have checked the preview and the changes; I understand a published version cannot be edited.
            </label>
          </div>
          <FieldError id="confirm-error" errors={form.error("confirm")} />
          <SubmitButton pendingLabel="Publishing…">Publish saved draft</SubmitButton>
        </>
      )}
    </FormShell>
  );
}

export function DiscardDraftForm(props: { versionId: string; slug: string }) {
  return (
    <FormShell
      action={discardDraftAction}
      className=""
      success={false}
      confirm="Discard this draft? Its text will be deleted."
    >
      <input type="hidden" name="versionId" value={props.versionId} />
      <input type="hidden" name="slug" value={props.slug} />
      <SubmitButton variant="danger" pendingLabel="Discarding…">
        Discard draft
      </SubmitButton>
    </FormShell>
  );
}
