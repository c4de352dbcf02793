-- The language a person chose on their profile (issue 22); null follows the browser.
ALTER TABLE "User" ADD COLUMN "locale" TEXT;
