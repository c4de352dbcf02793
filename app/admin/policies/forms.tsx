"use client";

import { useActionState, useState } from "react";
import { Alert, Button, FieldError, fieldErrorsOf, inputClass, labelClass } from "@/components/ui";
import type { ActionState } from "@/lib/actions";
import {
  createDocumentAction,
  createDraftAction,
  discardDraftAction,
  publishDraftAction,
  saveDraftAction,
} from "./actions";

export function NewDocumentForm() {
  const [state, action, pending] = useActionState<ActionState, FormData>(createDocumentAction, null);
  const [title, setTitle] = useState("");
  const [slug, setSlug] = useState("");
  const errors = fieldErrorsOf(state);
  return (
    <form action={action} className="grid gap-4 sm:grid-cols-2" noValidate>
      {state && !state.ok ? (
        <div className="sm:col-span-2">
          <Alert tone="error">{state.message}</Alert>
        </div>
      ) : null}
      <div className="space-y-1">
        <label className={labelClass} htmlFor="title">
          Title
        </label>
        <input
          className={inputClass}
          id="title"
          name="title"
          required
          aria-describedby="title-error"
          placeholder="Acceptable Use Policy"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
        />
        <FieldError id="title-error" errors={errors.title} />
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
          aria-describedby="slug-error"
          placeholder="acceptable-use"
          value={slug}
          onChange={(e) => setSlug(e.target.value)}
        />
        <FieldError id="slug-error" errors={errors.slug} />
      </div>
      <div className="sm:col-span-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create document"}
        </Button>
      </div>
    </form>
  );
}

export function NewDraftButton(props: { slug: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(createDraftAction, null);
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="slug" value={props.slug} />
      <Button type="submit" disabled={pending}>
        {pending ? "Starting…" : "Start a new draft"}
      </Button>
      {state && !state.ok ? <Alert tone="error">{state.message}</Alert> : null}
    </form>
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
  const [state, action, pending] = useActionState<ActionState, FormData>(saveDraftAction, null);
  // Controlled fields: React resets uncontrolled forms after an action, which
  // would throw away unsaved edits when validation fails.
  const [isSubstantive, setSubstantive] = useState(props.draft.isSubstantive);
  const [markdown, setMarkdown] = useState(props.draft.markdown);
  const [summary, setSummary] = useState(props.draft.summary);
  const [effectiveOn, setEffectiveOn] = useState(props.draft.effectiveOn);
  const [overrideReason, setOverrideReason] = useState(props.draft.overrideReason);
  const errors = fieldErrorsOf(state);
  return (
    <form action={action} className="space-y-4" noValidate>
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
            aria-describedby="overrideReason-error"
          />
          <FieldError id="overrideReason-error" errors={errors.overrideReason} />
        </div>
      </div>
      {state ? <Alert tone={state.ok ? "success" : "error"}>{state.message}</Alert> : null}
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save draft"}
      </Button>
    </form>
  );
}

export function PublishForm(props: { versionId: string; description: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(publishDraftAction, null);
  const errors = fieldErrorsOf(state);
  return (
    <form action={action} className="space-y-3" noValidate>
      <input type="hidden" name="versionId" value={props.versionId} />
      <p className="text-sm text-gray-800">{props.description}</p>
      <div className="flex items-start gap-2">
        <input id="confirm" name="confirm" type="checkbox" className="mt-1 h-4 w-4" aria-describedby="confirm-error" />
        <label htmlFor="confirm" className="text-sm text-gray-900">
          I have checked the preview and the changes; I understand a published version cannot be edited.
        </label>
      </div>
      <FieldError id="confirm-error" errors={errors.confirm} />
      {state && !state.ok ? <Alert tone="error">{state.message}</Alert> : null}
      <Button type="submit" disabled={pending}>
        {pending ? "Publishing…" : "Publish saved draft"}
      </Button>
    </form>
  );
}

export function DiscardDraftForm(props: { versionId: string; slug: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(discardDraftAction, null);
  return (
    <form
      action={action}
      onSubmit={(event) => {
        if (!window.confirm("Discard this draft? Its text will be deleted.")) event.preventDefault();
      }}
    >
      <input type="hidden" name="versionId" value={props.versionId} />
      <input type="hidden" name="slug" value={props.slug} />
      <Button type="submit" variant="danger" disabled={pending}>
        {pending ? "Discarding…" : "Discard draft"}
      </Button>
      {state && !state.ok ? <Alert tone="error">{state.message}</Alert> : null}
    </form>
  );
}
