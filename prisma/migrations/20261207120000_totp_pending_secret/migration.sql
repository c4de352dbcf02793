-- A TOTP secret being set up is kept apart from the confirmed one (issue 17): starting a
-- replacement must never overwrite or disable the secret in use.
ALTER TABLE "TotpCredential" ADD COLUMN "pendingSecretSealed" TEXT,
ALTER COLUMN "secretSealed" DROP NOT NULL;

-- Unconfirmed secrets were enrolments in progress: they become pending ones.
UPDATE "TotpCredential" SET "pendingSecretSealed" = "secretSealed", "secretSealed" = NULL WHERE "confirmedAt" IS NULL;
