// Property tests of the public form's validation: any input at all is either
// refused with field messages or accepted as a well-formed request; never thrown.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseChildIdentifiers } from "./identifiers";
import { MAX_CHILD_IDENTIFIERS, parentRequestSchema } from "./schema";

const valid = {
  parentName: "Jordan Parent",
  parentEmail: "Jordan@Example.com",
  childIdentifiers: "kid@example.com\nSkaterKid",
  relationship: "I am the child's mother.",
  details: "",
  wants: "delete",
  isParent: "on",
};

describe("parent request form", () => {
  it("accepts a complete form and normalises it", () => {
    const parsed = parentRequestSchema.parse(valid);
    expect(parsed.parentEmail).toBe("jordan@example.com");
    expect(parsed.details).toBeNull();
    expect(parsed.isParent).toBe(true);
  });

  it("refuses each missing or bad field with its own message", () => {
    const errors = parentRequestSchema.safeParse({
      ...valid,
      parentEmail: "nope",
      childIdentifiers: " ",
      relationship: "mum",
      isParent: undefined,
      wants: "x",
    });
    expect(errors.success).toBe(false);
    const fields = Object.keys(errors.error!.flatten().fieldErrors).sort();
    expect(fields).toEqual(["childIdentifiers", "isParent", "parentEmail", "relationship", "wants"]);
  });

  it("never throws, and whatever it accepts is bounded and well formed (any input)", () => {
    const field = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.constant(undefined),
      fc.integer(),
      fc.array(fc.string(), { maxLength: 3 }),
      fc.constant(null),
    );
    fc.assert(
      fc.property(
        fc.record({
          parentName: field,
          parentEmail: fc.oneof(field, fc.emailAddress()),
          childIdentifiers: fc.oneof(
            field,
            fc
              .array(fc.oneof(fc.emailAddress(), fc.string({ minLength: 1, maxLength: 20 })), { maxLength: 14 })
              .map((list) => list.join("\n")),
          ),
          relationship: field,
          details: field,
          wants: fc.oneof(field, fc.constantFrom("delete", "review")),
          isParent: fc.oneof(field, fc.constant("on")),
        }),
        (input) => {
          const result = parentRequestSchema.safeParse(input);
          if (!result.success) return;
          const identifiers = parseChildIdentifiers(result.data.childIdentifiers);
          expect(identifiers.length).toBeGreaterThan(0);
          expect(identifiers.length).toBeLessThanOrEqual(MAX_CHILD_IDENTIFIERS);
          expect(result.data.parentEmail).toMatch(/^[^\s@]+@[^\s@]+$/);
          expect(result.data.relationship.length).toBeGreaterThanOrEqual(10);
          expect(result.data.isParent).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});
