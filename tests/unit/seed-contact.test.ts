// The demo data speaks with one voice (issue 21): every contact the seed writes for the
// company (the breach notice's "Contact for questions") gives the email address and the
// postal address of the privacy policy the seed publishes, not another office.
import fs from "node:fs";
import { describe, expect, it } from "vitest";

const policy = fs.readFileSync("prisma/seed-data/privacy-v2.md", "utf8");
const contactSection = policy.slice(policy.indexOf("## Contact"));
const policyEmail = contactSection.match(/[\w.+-]+@[\w.-]+\.\w+/)?.[0];
// "503 Paisley Place<br>\nNewark, DE 19711": the street line and the town line.
const postal = [...contactSection.matchAll(/^(.+?)(?:<br>)?$/gm)].map((match) => match[1].trim());
const street = postal.find((line) => /^\d+\s+\S/.test(line));
const town = postal.find((line) => /,\s*[A-Z]{2}\s+\d{5}/.test(line));

const SEEDS = ["prisma/seed.ts", "prisma/seed-accountability.ts", "prisma/seed-accountability-b.ts"];

describe("the seed's contact details", () => {
  it("the published policy names one email and one postal address", () => {
    expect(policyEmail).toBe("privacy@example.com");
    expect(street).toBeTruthy();
    expect(town).toBeTruthy();
  });

  it("every company contact in the seed is the policy's", () => {
    const contacts = SEEDS.flatMap((file) =>
      [...fs.readFileSync(file, "utf8").matchAll(/\bcontact:\s*"([^"]+)"/g)].map((match) => ({ file, text: match[1] })),
    );
    expect(contacts.length).toBeGreaterThan(0);
    for (const contact of contacts) {
      expect(contact.text, contact.file).toContain(policyEmail!);
      // A postal address, when given, is the policy's.
      if (/\d+\s+\w+\s+(Street|St|Place|Avenue|Road)\b/.test(contact.text)) {
        expect(contact.text, contact.file).toContain(street!);
        expect(contact.text, contact.file).toContain(town!);
      }
    }
  });

  it("the company's own addresses in the seed are the policy's", () => {
    for (const file of SEEDS) {
      const text = fs.readFileSync(file, "utf8");
      // Any privacy mailbox the seed writes is the policy's.
      for (const email of text.match(/\b(privacy|dpo|legal)@[\w.-]+\.\w+/g) ?? [])
        expect(email, file).toBe(policyEmail);
    }
  });
});
