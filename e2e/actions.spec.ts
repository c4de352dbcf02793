// The one action wrapper, as a person meets it: a form submitted after the
// session ended goes to sign-in (and back to the page afterwards) with nothing
// written; the same form with a live session saves and says so.
import { createUser, expect, getTestDb, queryCount, test, uniqueEmail } from "./fixtures";

test("a form sent after the session ended leads to sign-in and changes nothing", async ({ page, signIn }) => {
  const email = uniqueEmail("expired-session");
  const userId = await createUser(email);
  await signIn(page, email);
  await page.goto("/account/preferences/email");
  await page.getByLabel("Product news").check();

  // The session ends on the server (another device signed out, or it expired).
  await getTestDb().query(`DELETE FROM "Session" WHERE "userId" = $1`, [userId]);
  await page.getByRole("button", { name: "Save email preferences" }).click();
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Faccount%2Fpreferences%2Femail$/);
  expect(await queryCount(`SELECT count(*) FROM "ConsentEvent" WHERE "userId" = $1`, [userId])).toBe(0);
  expect(
    await queryCount(`SELECT count(*) FROM "EmailSubscription" WHERE "userId" = $1 AND subscribed`, [userId]),
  ).toBe(0);

  await signIn(page, email);
  await page.goto("/account/preferences/email");
  await page.getByLabel("Product news").check();
  await page.getByRole("button", { name: "Save email preferences" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved. 1 change recorded" })).toBeVisible();
  expect(
    await queryCount(`SELECT count(*) FROM "ConsentEvent" WHERE "userId" = $1 AND subject = 'email:PRODUCT_NEWS'`, [
      userId,
    ]),
  ).toBe(1);
});
