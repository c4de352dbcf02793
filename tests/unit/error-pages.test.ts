// What a person sees when a page fails unexpectedly, and for an address that leads
// nowhere: friendly words, the error's reference (never its message) and a way back.
import { createElement, type ComponentType } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import RootError from "../../app/error";
import GlobalError from "../../app/global-error";
import NotFound from "../../app/not-found";
import PortalError from "../../app/(portal)/error";
import PublicError from "../../app/(public)/error";
import AdminError from "../../app/admin/error";

type BoundaryProps = { error: unknown; retry: () => void };
const failure = Object.assign(new Error('relation "User" does not exist at 10.0.0.7'), { digest: "2840536711" });

describe("error boundaries", () => {
  it.each([
    ["app/error.tsx", RootError, "/"],
    ["app/(portal)/error.tsx", PortalError, "/account"],
    ["app/(public)/error.tsx", PublicError, "/policies"],
    ["app/admin/error.tsx", AdminError, "/admin"],
    ["app/global-error.tsx", GlobalError, "/"],
  ] as [string, ComponentType<BoundaryProps>, string][])(
    "%s says what happened, gives the reference and a way back",
    (_file, Boundary, back) => {
      const html = renderToStaticMarkup(createElement(Boundary, { error: failure, retry: () => {} }));
      expect(html).toContain("Something went wrong on our side");
      expect(html).toContain(">2840536711<");
      expect(html).toContain(`href="${back}"`);
      expect(html).toContain("Try again");
      expect(html).not.toContain("does not exist");
    },
  );

  it("shows no reference when there is none (an error thrown in the browser)", () => {
    const html = renderToStaticMarkup(createElement(RootError, { error: "boom", retry: () => {} }));
    expect(html).toContain("Something went wrong on our side");
    expect(html).not.toContain("error-reference");
  });

  it("the root error document is a whole page, branded like the others", () => {
    const html = renderToStaticMarkup(createElement(GlobalError, { error: failure, retry: () => {} }));
    expect(html).toMatch(/^<html lang="en">/);
    // The root layout (and so the site header) failed: the document carries the site's name, linking home.
    expect(html).toMatch(/<header[^>]*>.*<a[^>]*href="\/"[^>]*>.*Privacy Center<\/a>.*<\/header>/s);
  });
});

describe("not found", () => {
  it("is branded and offers ways on", () => {
    const html = renderToStaticMarkup(createElement(NotFound));
    expect(html).toContain("We could not find that page");
    expect(html).toContain('href="/account"');
  });
});
