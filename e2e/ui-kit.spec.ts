// The UI kit's table on a phone: each row is a card in which every value carries
// its column's label, the row's action stays in view and works, and the page
// passes axe; on a wide screen the same rows are a plain table.
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./fixtures";

const PHONE = { width: 390, height: 844 };

test.describe("tables on a phone", () => {
  test("a row of 'Your data' is a labelled card with its action, and the page passes axe", async ({ page, signIn }) => {
    await signIn(page, "alice@example.com");
    await page.setViewportSize(PHONE);
    await page.goto("/account/data/server-logs");
    const table = page.getByTestId("records");
    const row = table.locator("tbody tr").first();
    await expect(row).toBeVisible();

    // Every column's header is the label of the row's value in that column.
    const headers = (await table.locator("thead th").allTextContents()).map((text) => text.trim());
    const cells = row.locator("td");
    await expect(cells).toHaveCount(headers.length);
    const labelled = await cells.evaluateAll((elements) =>
      elements.map((cell) => ({
        label: cell.getAttribute("data-label"),
        shown: getComputedStyle(cell, "::before").content,
        isAction: cell.classList.contains("table-actions"),
      })),
    );
    const dataHeaders = headers.slice(0, -1); // the last column is the row's action ("Report", for screen readers)
    expect(dataHeaders.length).toBeGreaterThan(2);
    expect(labelled.slice(0, -1).map((cell) => cell.label)).toEqual(dataHeaders);
    expect(labelled.slice(0, -1).map((cell) => cell.shown)).toEqual(dataHeaders.map((header) => `"${header}"`));
    expect(labelled.at(-1)?.isAction).toBe(true);

    // A card: the row is a block that fits the screen, and the header row takes no room.
    expect(await row.evaluate((element) => getComputedStyle(element).display)).toBe("block");
    const box = (await row.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    expect((await table.locator("thead").boundingBox())!.height).toBeLessThanOrEqual(1);
    // Screen readers still read one table with its column headers.
    await expect(page.getByRole("table", { name: /newest first/ })).toHaveCount(1);
    await expect(page.getByRole("columnheader", { name: dataHeaders[0] })).toHaveCount(1);

    const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]).analyze();
    expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual(
      [],
    );

    // The row's action is inside the card's width (no sideways scrolling to reach it) and works.
    const report = row.getByRole("link", { name: /This is wrong/ });
    await expect(report).toBeVisible();
    const action = (await report.boundingBox())!;
    expect(action.x + action.width).toBeLessThanOrEqual(box.x + box.width);
    await report.click();
    await expect(page).toHaveURL(/\/account\/data\/correction\?dataset=server-logs&id=/);
    await expect(page.getByLabel("What is wrong?")).toBeVisible();
  });

  test("on a wide screen the same rows are a table without the phone labels", async ({ page, signIn }) => {
    await signIn(page, "alice@example.com");
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto("/account/data/server-logs");
    const row = page.getByTestId("records").locator("tbody tr").first();
    await expect(row).toBeVisible();
    expect(await row.evaluate((element) => getComputedStyle(element).display)).toBe("table-row");
    expect(
      await row
        .locator("td")
        .first()
        .evaluate((cell) => getComputedStyle(cell, "::before").content),
    ).toBe("none");
    await expect(page.getByRole("columnheader").first()).toBeVisible();
  });
});
