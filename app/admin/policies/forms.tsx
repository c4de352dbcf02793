"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";
import { FormShell, SubmitButton, useFormShell } from "@/components/form-shell";
import { PolicyArticleView } from "@/components/policy-article";
import { Alert, FieldError, inputClass, labelClass } from "@/components/ui";
import type { PolicyLayout } from "@/lib/policies/markdown";
import {
  createDocumentAction,
  createDraftAction,
  discardDraftAction,
  previewDraftAction,
  publishDraftAction,
  saveDraftAction,
  sendTestNoticeAction,
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

type Tab = "edit" | "preview" | "changes";

/**
 * The draft editor: the fields beside a live preview on a wide screen, tabs (edit,
 * preview, changes) on a phone, and a bar that stays in view with Save and Publish.
 * The fields keep what they hold after saving and after a refusal (keepValues), so
 * the form always shows what was saved or typed, never what the page started with.
 */
export function DraftEditor(props: {
  draft: DraftValues;
  minNoticeDays: number;
  earliestSubstantive: string;
  title: string;
  version: number;
  initialPreview: PolicyLayout;
  /** The saved draft against the live version (server-rendered). */
  changes: ReactNode;
}) {
  return (
    <FormShell action={saveDraftAction} keepValues className="space-y-4">
      <DraftEditorFields {...props} />
    </FormShell>
  );
}

function DraftEditorFields(props: Parameters<typeof DraftEditor>[0]) {
  const form = useFormShell();
  const [tab, setTab] = useState<Tab>("edit");
  const [isSubstantive, setSubstantive] = useState(props.draft.isSubstantive);
  const [markdown, setMarkdown] = useState(props.draft.markdown);
  const [summary, setSummary] = useState(props.draft.summary);
  const [effectiveOn, setEffectiveOn] = useState(props.draft.effectiveOn);
  const [overrideReason, setOverrideReason] = useState(props.draft.overrideReason);
  const [preview, setPreview] = useState(props.initialPreview);
  const previewed = useRef(props.draft.markdown);
  const [saved, setSaved] = useState(props.draft);
  const current = { ...saved, markdown, summary, isSubstantive, effectiveOn, overrideReason };
  const dirty = (Object.keys(saved) as (keyof DraftValues)[]).some((key) => saved[key] !== current[key]);
  const errors = form.errors;

  // What was sent is what is saved once the action says so.
  const lastState = useRef(form.state);
  useEffect(() => {
    if (form.state !== lastState.current && form.state?.ok) setSaved(current);
    lastState.current = form.state;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [form.state]);

  // The preview follows the text (rendered by the server with the public page's renderer).
  useEffect(() => {
    if (markdown === previewed.current) return;
    const timer = setTimeout(async () => {
      const result = await previewDraftAction(null, { markdown });
      if (result.ok && result.data) {
        previewed.current = markdown;
        setPreview(result.data);
      }
    }, 400);
    return () => clearTimeout(timer);
  }, [markdown]);

  const tabs: { id: Tab; label: string }[] = [
    { id: "edit", label: "Edit" },
    { id: "preview", label: "Preview" },
    { id: "changes", label: "Changes" },
  ];
  const editClass = tab === "edit" ? "block" : "hidden lg:block";
  const previewClass = tab === "preview" ? "block" : tab === "edit" ? "hidden lg:block" : "hidden";
  const changesClass = tab === "changes" ? "block" : "hidden";

  return (
    <>
      <input type="hidden" name="versionId" value={props.draft.versionId} />
      <div
        role="tablist"
        aria-label="Editor views"
        className="flex gap-1 border-b border-gray-200 lg:ml-[calc(50%+0.75rem)]"
      >
        {tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`panel-${t.id}`}
            onClick={() => setTab(t.id)}
            // On a wide screen the fields are always there and the preview shows beside them.
            className={`-mb-px border-b-2 border-transparent px-4 py-2 text-sm font-medium text-gray-700 aria-selected:border-brand-700 aria-selected:text-brand-800 ${t.id === "edit" ? "lg:hidden" : ""} ${t.id === "preview" && tab === "edit" ? "lg:border-brand-700 lg:text-brand-800" : ""}`}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div className="gap-6 lg:grid lg:grid-cols-2">
        <div id="panel-edit" role="tabpanel" aria-labelledby="tab-edit" className={`${editClass} space-y-4`}>
          <div className="space-y-1">
            <label className={labelClass} htmlFor="markdown">
              Policy text (Markdown)
            </label>
            <textarea
              className={`${inputClass} h-48 font-mono text-sm sm:h-auto`}
              id="markdown"
              name="markdown"
              rows={14}
              style={{ minHeight: "12rem" }}
              value={markdown}
              onChange={(e) => setMarkdown(e.target.value)}
              aria-invalid={form.invalid("markdown")}
              aria-describedby="markdown-hint markdown-error"
            />
            <p id="markdown-hint" className="text-sm text-gray-700">
              &ldquo;## Key points&rdquo; shows as a box at the top.
            </p>
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
            <div className="flex items-start gap-2">
              <input
                id="isSubstantive"
                name="isSubstantive"
                type="checkbox"
                className="mt-1 h-4 w-4"
                checked={isSubstantive}
                onChange={(e) => setSubstantive(e.target.checked)}
              />
              <label htmlFor="isSubstantive" className="text-sm text-gray-900">
                Substantive change (every user is emailed; at least {props.minNoticeDays} days&apos; notice)
              </label>
            </div>
            <p className="text-sm text-gray-700">
              Leave unticked for a minor change: no mass email, only users who asked for minor-change notices are
              emailed.
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
        </div>
        <div
          className="min-w-0 lg:sticky lg:top-4 lg:max-h-[calc(100vh-8rem)] lg:self-start lg:overflow-y-auto"
          tabIndex={0}
          aria-label="Preview and changes"
          role="group"
        >
          <section
            id="panel-preview"
            role="tabpanel"
            aria-labelledby="tab-preview"
            className={`${previewClass} min-w-0`}
          >
            <h2 className="text-lg font-semibold text-gray-900">Preview</h2>
            <p className="mb-3 text-sm text-gray-700">As the public page will show it; it follows what you type.</p>
            <section aria-label="Preview" className="rounded-lg border border-dashed border-gray-300 p-4">
              <p className="text-sm font-semibold text-gray-800">Version {props.version}</p>
              <h1 className="mt-2 mb-6 text-3xl font-bold text-gray-900">{props.title}</h1>
              <PolicyArticleView layout={preview} narrow />
            </section>
          </section>
          <section
            id="panel-changes"
            role="tabpanel"
            aria-labelledby="tab-changes"
            className={`${changesClass} min-w-0`}
          >
            <h2 className="text-lg font-semibold text-gray-900">Changes against the live version</h2>
            {dirty ? <p className="text-sm text-amber-800">Save to see the changes of what you typed.</p> : null}
            {props.changes}
          </section>
        </div>
      </div>
      {/* Last in the form, so the keyboard reaches it after the fields; it stays at the bottom of the screen. */}
      <div
        className="fixed inset-x-0 bottom-0 z-20 flex flex-wrap items-center justify-end gap-x-4 gap-y-2 border-t border-gray-200 bg-white/95 px-4 py-3 shadow-[0_-2px_8px_rgba(0,0,0,0.06)] backdrop-blur sm:px-8"
        data-testid="editor-bar"
        data-bottom-bar
      >
        <p className="text-sm text-gray-800" role="status" data-testid="save-state">
          {form.pending ? "Saving…" : dirty ? "Unsaved changes" : "All changes saved"}
        </p>
        <div className="flex gap-2">
          <SubmitButton pendingLabel="Saving…">Save draft</SubmitButton>
          <a
            href="#publish"
            className="inline-flex items-center justify-center rounded-md border border-gray-300 bg-white px-4 py-2 text-sm font-semibold text-gray-900 shadow-sm hover:bg-gray-50"
          >
            Publish…
          </a>
        </div>
      </div>
    </>
  );
}

export function SendTestNoticeForm(props: { versionId: string; email: string }) {
  return (
    <FormShell
      action={sendTestNoticeAction}
      className="space-y-2"
      success={() => <Alert tone="success">A test of this email was sent to {props.email}. Check your inbox.</Alert>}
    >
      <input type="hidden" name="versionId" value={props.versionId} />
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <SubmitButton variant="secondary" pendingLabel="Sending…">
          Send me a test
        </SubmitButton>
        <span className="text-sm text-gray-700 [overflow-wrap:anywhere]">
          To you alone ({props.email}), marked as a test.
        </span>
      </div>
    </FormShell>
  );
}

export function PublishForm(props: { versionId: string; description: string }) {
  return (
    <FormShell action={publishDraftAction} className="space-y-3" success={false}>
      {(form) => (
        <>
          <input type="hidden" name="versionId" value={props.versionId} />
          {props.description ? <p className="text-sm text-gray-800">{props.description}</p> : null}
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
