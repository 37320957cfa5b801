-- CreateEnum
CREATE TYPE "ChangeRequestStatus" AS ENUM ('open', 'approved', 'rejected', 'withdrawn');

-- AlterTable
ALTER TABLE "origin_rule" ADD COLUMN     "position" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "policy_draft" ADD COLUMN     "updatedByLabel" TEXT;

-- AlterTable
ALTER TABLE "policy_version" ADD COLUMN     "approvedByLabel" TEXT,
ADD COLUMN     "authorLabel" TEXT,
ADD COLUMN     "originCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "rollbackOf" INTEGER;

-- CreateTable
CREATE TABLE "change_request" (
    "id" TEXT NOT NULL,
    "environmentId" TEXT NOT NULL,
    "status" "ChangeRequestStatus" NOT NULL DEFAULT 'open',
    "message" TEXT NOT NULL,
    "content" JSONB NOT NULL,
    "contentHash" TEXT NOT NULL,
    "baseVersion" INTEGER,
    "rollbackOf" INTEGER,
    "authorKey" TEXT NOT NULL,
    "authorLabel" TEXT NOT NULL,
    "reviewerLabel" TEXT,
    "reviewedAt" TIMESTAMP(3),
    "reviewComment" TEXT,
    "versionNumber" INTEGER,
    "openEnvironmentId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "change_request_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "change_request_openEnvironmentId_key" ON "change_request"("openEnvironmentId");

-- CreateIndex
CREATE INDEX "change_request_environmentId_createdAt_idx" ON "change_request"("environmentId", "createdAt");

-- CreateIndex
CREATE INDEX "change_request_status_createdAt_idx" ON "change_request"("status", "createdAt");

-- CreateIndex
CREATE INDEX "audit_event_environmentId_idx" ON "audit_event"("environmentId");

-- AddForeignKey
ALTER TABLE "change_request" ADD CONSTRAINT "change_request_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "environment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill: keep the order existing allowlists were shown in (by creation time).
UPDATE "origin_rule" AS o
SET "position" = r.rn
FROM (
    SELECT "id", (row_number() OVER (PARTITION BY "environmentId" ORDER BY "createdAt", "value") - 1)::integer AS rn
    FROM "origin_rule"
) AS r
WHERE o."id" = r."id";

-- Backfill: origin counts and author labels of existing versions.
UPDATE "policy_version" SET "originCount" = COALESCE(jsonb_array_length("content"->'origins'), 0)
WHERE jsonb_typeof("content"->'origins') = 'array';
UPDATE "policy_version" AS v SET "authorLabel" = u."email" FROM "user" AS u WHERE v."authorId" = u."id";
