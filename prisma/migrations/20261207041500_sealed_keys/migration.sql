-- CreateTable
CREATE TABLE "SealedKey" (
    "purpose" TEXT NOT NULL,
    "sealed" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SealedKey_pkey" PRIMARY KEY ("purpose")
);
