// Every form keeps what was entered after a refusal, and its errors point at their fields
// (GOV.UK's pattern): one form per row below is filled, given one invalid value and sent;
// then the error summary has focus and is in view, each of its links focuses its field,
// each refused field is aria-invalid with its message below it (aria-describedby), and every
// other field still holds exactly what was entered (selects, radios, checkboxes, textareas,
// dates). Each row runs at desktop width and on a phone.
import type { Locator, Page } from "@playwright/test";
import { createUser, expect, queryOne, test, uniqueEmail, type Mailbox } from "./fixtures";

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

type Control =
  | { kind: "text"; field: (page: Page) => Locator; value: string }
  | { kind: "select"; field: (page: Page) => Locator; value: string }
  | { kind: "check"; field: (page: Page) => Locator };

type FormCase = {
  name: string;
  /** Signs in (or not) and opens the form. */
  open: (
    page: Page,
    context: { signIn: (page: Page, email: string) => Promise<void>; mailbox: Mailbox },
  ) => Promise<void>;
  /** Entered in order; each must hold the same value after the refusal. */
  fields: Control[];
  /** Fields left invalid on purpose: their ids. */
  refused: string[];
  submit: (page: Page) => Locator;
  /** Optional: what happens when the person fixes the field and sends again. */
  thenFix?: (page: Page) => Promise<void>;
};

const byLabel = (label: string | RegExp) => (page: Page) =>
  page.getByLabel(label, { exact: typeof label === "string" });
const radio = (name: string | RegExp) => (page: Page) => page.getByRole("radio", { name });
const checkbox = (name: string | RegExp) => (page: Page) => page.getByRole("checkbox", { name });
const button = (name: string | RegExp) => (page: Page) => page.getByRole("button", { name });
const inferencesRule = (page: Page) => page.locator('tr[data-target="inferences"]');

async function newAccount(page: Page, signIn: (page: Page, email: string) => Promise<void>) {
  const email = uniqueEmail("forms");
  await createUser(email);
  await signIn(page, email);
  return email;
}

const CASES: FormCase[] = [
  {
    name: "new request (portal): type, law and details",
    open: async (page, { signIn }) => {
      await newAccount(page, signIn);
      await page.goto("/account/requests/new");
    },
    fields: [
      { kind: "check", field: radio(/^A question/) },
      { kind: "select", field: byLabel("Where do you live?"), value: "GDPR" },
    ],
    // A question needs at least 10 characters.
    refused: ["details"],
    submit: button("Send request"),
    thenFix: async (page) => {
      await page.getByLabel(/^Details/).fill("What do you share with partners, and why?");
      await page.getByRole("button", { name: "Send request" }).click();
      await expect(page).toHaveURL(/\/account\/requests\/(?!new)[^/?]+/);
      const id = new URL(page.url()).pathname.split("/").pop();
      const row = await queryOne<{ type: string; law: string }>(
        `SELECT type, jurisdiction AS law FROM "PrivacyRequest" WHERE id = $1`,
        [id],
      );
      expect(row).toEqual({ type: "QUESTION", law: "GDPR" });
    },
  },
  {
    name: "new request (public): who, type, law, name, details and the confirmation",
    open: async (page) => {
      await page.goto("/requests/new");
    },
    fields: [
      { kind: "check", field: radio(/^Correct my data/) },
      { kind: "select", field: byLabel("Where does the person live?"), value: "GDPR" },
      { kind: "text", field: byLabel("Your name (optional)"), value: "Pat Example" },
      { kind: "text", field: byLabel(/^Details/), value: "My postal code is wrong: it should be 10115." },
      { kind: "check", field: checkbox(/The address is mine/) },
      { kind: "text", field: byLabel("Your email address"), value: "not-an-address" },
    ],
    refused: ["email"],
    submit: button("Send the request"),
  },
  {
    name: "correction request: what should it be stays when what is wrong is too short",
    open: async (page, { signIn }) => {
      await signIn(page, "alice@example.com");
      await page.goto("/account/data/server-logs");
      await page
        .getByTestId("records")
        .getByRole("link", { name: /This is wrong/ })
        .first()
        .click();
      await expect(page.getByLabel("What is wrong?")).toBeVisible();
    },
    fields: [
      { kind: "text", field: byLabel("What should it be? (optional)"), value: "Firefox on Linux" },
      { kind: "text", field: byLabel("What is wrong?"), value: "no" },
    ],
    refused: ["details"],
    submit: button("File correction request"),
  },
  {
    name: "parents' request: every field, the choice and the declaration",
    open: async (page) => {
      await page.goto("/parents");
    },
    fields: [
      { kind: "text", field: byLabel("Your name"), value: "Robin Parent" },
      { kind: "text", field: byLabel("Your child's email addresses or usernames"), value: "kid@example.test\nkiddo" },
      { kind: "text", field: byLabel("Your relationship to the child"), value: "I am his mother." },
      { kind: "text", field: byLabel("Anything else we should know (optional)"), value: "Thanks." },
      { kind: "check", field: radio(/First let me review/) },
      { kind: "check", field: checkbox(/I am the child's parent/) },
      { kind: "text", field: byLabel("Your email address"), value: "robin@" },
    ],
    refused: ["parentEmail"],
    submit: button("Send my request"),
  },
  {
    name: "parents' request sent empty: every required field is named",
    open: async (page) => {
      await page.goto("/parents");
    },
    fields: [],
    refused: ["parentName", "parentEmail", "childIdentifiers", "relationship", "isParent"],
    submit: button("Send my request"),
  },
  {
    name: "profile: every detail stays when the country is not a code",
    open: async (page, { signIn }) => {
      await newAccount(page, signIn);
      await page.goto("/account/profile");
    },
    fields: [
      { kind: "text", field: byLabel("Full name"), value: "Sam Forms" },
      { kind: "text", field: byLabel("Display name"), value: "sammy" },
      { kind: "text", field: byLabel("Phone"), value: "+49 30 1234567" },
      { kind: "text", field: byLabel("City"), value: "Berlin" },
      { kind: "text", field: byLabel("Country"), value: "Germany" },
    ],
    refused: ["country"],
    submit: button("Save details"),
  },
  {
    name: "new sign-in address",
    open: async (page, { signIn }) => {
      await newAccount(page, signIn);
      await page.goto("/account/profile");
    },
    fields: [{ kind: "text", field: byLabel("New email address"), value: "nobody@@example" }],
    refused: ["newEmail"],
    submit: button("Send confirmation link"),
  },
  {
    name: "admin: sharing register entry",
    open: async (page, { signIn }) => {
      await signIn(page, "admin@example.com");
      await page.goto("/admin/sharing");
    },
    fields: [
      { kind: "select", field: byLabel("Kind"), value: "AFFILIATE" },
      { kind: "text", field: byLabel("Postal address"), value: "1 Example Street, Springfield" },
      { kind: "text", field: byLabel("Data categories (comma-separated)"), value: "contacts, purchases" },
      { kind: "text", field: byLabel("Purpose"), value: "Joint offers" },
      { kind: "text", field: byLabel("Sharing since"), value: "2026-01-15" },
      { kind: "check", field: checkbox(/own direct marketing/) },
    ],
    refused: ["name"],
    submit: button("Add to register"),
  },
  {
    name: "admin: register an agent",
    open: async (page, { signIn }) => {
      await signIn(page, "admin@example.com");
      await page.goto("/admin/agents");
    },
    fields: [
      { kind: "text", field: byLabel("DRP agent id"), value: "CR_AGENT_FORMS" },
      { kind: "text", field: byLabel("Name"), value: "Forms Agent" },
      { kind: "text", field: byLabel("Contact"), value: "ops@agent.example" },
      { kind: "text", field: byLabel("Ed25519 verify key"), value: "not-a-key" },
    ],
    refused: ["verifyKey"],
    submit: button("Register agent"),
  },
  {
    name: "admin: new breach",
    open: async (page, { signIn }) => {
      await signIn(page, "admin@example.com");
      await page.goto("/admin/breaches/new");
    },
    fields: [
      { kind: "text", field: byLabel("Title"), value: "Forms test breach" },
      { kind: "text", field: byLabel("When it happened (or began)"), value: "2026-03-02" },
      { kind: "text", field: byLabel("Date discovered"), value: "2026-03-04" },
      { kind: "text", field: byLabel("What data was involved"), value: "Email addresses" },
      { kind: "text", field: byLabel("What we did"), value: "Closed the hole the same day." },
      { kind: "text", field: byLabel("What people should do"), value: "Watch out for phishing emails." },
      { kind: "text", field: byLabel("Contact for questions"), value: "privacy@example.com" },
      { kind: "check", field: radio("A list of email addresses") },
      { kind: "text", field: byLabel("Affected addresses"), value: "someone@example.test" },
    ],
    refused: ["whatHappened"],
    submit: button("Save draft and preview"),
  },
  {
    name: "admin: new legal request",
    open: async (page, { signIn }) => {
      await signIn(page, "admin@example.com");
      await page.goto("/admin/legal-requests/new");
    },
    fields: [
      { kind: "text", field: byLabel("Legal basis"), value: "Court order 42" },
      { kind: "text", field: byLabel("Date received"), value: "2026-02-10" },
      { kind: "text", field: byLabel("Affected people"), value: "alice@example.com" },
      { kind: "text", field: byLabel("Data requested"), value: "Sign-in history" },
      { kind: "check", field: radio("Partially disclosed") },
      { kind: "text", field: byLabel("Data disclosed"), value: "Sign-in dates" },
      {
        kind: "text",
        field: byLabel("Good-faith reason the disclosure was required"),
        value: "A valid court order required it.",
      },
    ],
    refused: ["authority"],
    submit: button(/^Register/),
  },
  {
    name: "admin: a retention period (the rule editor in a table row)",
    open: async (page, { signIn }) => {
      await signIn(page, "admin@example.com");
      await page.goto("/admin/retention");
    },
    // Refused (at least 1 day); nothing is saved, so parallel runs do not meet.
    fields: [{ kind: "text", field: (page) => inferencesRule(page).getByLabel("Days to keep inferences"), value: "0" }],
    refused: ["days-inferences"],
    submit: (page) => inferencesRule(page).getByRole("button", { name: "Save" }),
  },
  {
    name: "admin: an authenticator app's first code",
    open: async (page, { signIn }) => {
      await signIn(page, "admin@example.com");
      await page.goto("/admin/security");
      // "Set up an authenticator app", or "Replace authenticator app" when one is in use.
      await page.getByRole("button", { name: /authenticator app/ }).click();
      await expect(page.getByTestId("totp-secret")).toBeVisible();
    },
    fields: [{ kind: "text", field: byLabel("Code from the app"), value: "12345" }],
    refused: ["enrol-code"],
    submit: button("Confirm"),
  },
  {
    name: "admin: deny a request (a form rendered on the server)",
    open: async (page, { signIn }) => {
      const email = await newAccount(page, signIn);
      await page.goto("/account/requests/new?type=RESTRICTION");
      await page.getByLabel(/^Details/).fill("Please stop using my data for now.");
      await page.getByRole("button", { name: "Send request" }).click();
      await expect(page).toHaveURL(/\/account\/requests\/(?!new)[^/?]+/);
      const request = await queryOne<{ id: string }>(
        `SELECT r.id FROM "PrivacyRequest" r JOIN "User" u ON u.id = r."userId" WHERE u.email = $1`,
        [email],
      );
      await signIn(page, "admin@example.com");
      page.on("dialog", (dialog) => void dialog.accept());
      await page.goto(`/admin/requests/${request!.id}`);
    },
    fields: [{ kind: "text", field: byLabel("Explanation for the person"), value: "You asked five times." }],
    refused: ["deny-reason"],
    submit: button("Deny the request"),
  },
];

async function valueOf(control: Control, page: Page) {
  const field = control.field(page);
  if (control.kind === "check") return field.isChecked();
  return field.inputValue();
}

for (const viewport of [DESKTOP, PHONE]) {
  test.describe(`forms keep what was entered (${viewport.width} px)`, () => {
    for (const form of CASES) {
      test(form.name, async ({ page, signIn, mailbox }) => {
        test.setTimeout(120_000);
        await page.setViewportSize(viewport);
        await form.open(page, { signIn, mailbox });
        for (const control of form.fields) {
          const field = control.field(page);
          if (control.kind === "check") await field.check();
          else if (control.kind === "select") await field.selectOption(control.value);
          else await field.fill(control.value);
        }
        const expected = await Promise.all(form.fields.map((control) => valueOf(control, page)));
        await form.submit(page).click();

        // The summary takes focus and is on screen.
        const summary = page.getByTestId("error-summary");
        await expect(summary).toBeFocused();
        await expect(summary).toBeInViewport();

        // Every field kept what was entered.
        expect(await Promise.all(form.fields.map((control) => valueOf(control, page)))).toEqual(expected);

        // Each refused field: marked, its message below it, and a summary link that focuses it.
        for (const id of form.refused) {
          const field = page.locator(`[id="${id}"]`);
          await expect(field).toHaveAttribute("aria-invalid", "true");
          const message = page.locator(`[id="${id}-error"]`);
          await expect(message).toBeVisible();
          expect((await field.getAttribute("aria-describedby"))?.split(" ")).toContain(`${id}-error`);
          const link = summary.locator(`a[href="#${id}"]`);
          await expect(link).toHaveCount(1);
          await link.click();
          await expect(field).toBeFocused();
          await expect(field).toBeInViewport();
        }
        // Nothing else is marked (a radio group that must be chosen is checked on its own below).
        const marked = await page
          .locator("form [aria-invalid=true]:not(fieldset)")
          .evaluateAll((els) => els.map((el) => el.id));
        expect(marked.sort()).toEqual([...form.refused].sort());

        if (form.thenFix && viewport === DESKTOP) await form.thenFix(page);
      });
    }
  });
}

test.describe("no risky defaults", () => {
  test("a new breach's audience starts unselected and must be chosen", async ({ page, signIn }) => {
    await signIn(page, "admin@example.com");
    await page.goto("/admin/breaches/new");
    const group = page.getByRole("radiogroup", { name: "Who is affected" });
    const choices = group.getByRole("radio");
    await expect(choices).toHaveCount(3);
    for (const choice of await choices.all()) await expect(choice).not.toBeChecked();
    await page.getByLabel("Title", { exact: true }).fill("No audience yet");
    await page.getByRole("button", { name: "Save draft and preview" }).click();
    const summary = page.getByTestId("error-summary");
    await expect(summary).toBeFocused();
    await expect(page.locator("#audience-error")).toHaveText("Choose who is affected.");
    await expect(group).toHaveAttribute("aria-invalid", "true");
    await summary.getByRole("link", { name: "Who is affected" }).click();
    await expect(choices.first()).toBeFocused();
    await expect(page.getByLabel("Title", { exact: true })).toHaveValue("No audience yet");
  });
  test("the parents' decision starts unselected and must be chosen", async ({ page }) => {
    await page.goto("/parents");
    const group = page.getByRole("radiogroup", { name: "What would you like us to do?" });
    const choices = group.getByRole("radio");
    await expect(choices).toHaveCount(2);
    for (const choice of await choices.all()) await expect(choice).not.toBeChecked();
    await page.getByLabel("Your name").fill("Sam Parent");
    await page.getByLabel("Your email address").fill(uniqueEmail("parent-choice"));
    await page.getByLabel("Your child's email addresses or usernames").fill("kid@example.test");
    await page.getByLabel("Your relationship to the child").fill("I am his father.");
    await page.getByLabel(/I am the child's parent or legal guardian/).check();
    await page.getByRole("button", { name: "Send my request" }).click();
    const summary = page.getByTestId("error-summary");
    await expect(summary).toBeFocused();
    await expect(page.locator("#wants-error")).toHaveText("Choose what you would like us to do.");
    await expect(group).toHaveAttribute("aria-invalid", "true");
    await summary.getByRole("link", { name: "What would you like us to do?" }).click();
    await expect(choices.first()).toBeFocused();
    await expect(page.getByLabel("Your name")).toHaveValue("Sam Parent");
    await expect(page.getByLabel(/I am the child's parent or legal guardian/)).toBeChecked();
  });
});
