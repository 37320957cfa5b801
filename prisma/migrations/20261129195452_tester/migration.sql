-- AlterTable
ALTER TABLE "project" ADD COLUMN     "samplePaths" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "probe_record" (
    "id" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "request" JSONB NOT NULL,
    "result" JSONB,
    "browser" JSONB,
    "title" TEXT,
    "createdById" TEXT,
    "createdByLabel" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "probe_record_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "migration_report" (
    "id" TEXT NOT NULL,
    "oldOrigin" TEXT NOT NULL,
    "newOrigin" TEXT NOT NULL,
    "scope" JSONB NOT NULL,
    "summary" JSONB NOT NULL,
    "rows" JSONB NOT NULL,
    "createdById" TEXT,
    "createdByLabel" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "migration_report_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "saved_check" (
    "id" TEXT NOT NULL,
    "environmentId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "origin" TEXT NOT NULL,
    "method" TEXT NOT NULL DEFAULT 'GET',
    "headers" JSONB NOT NULL DEFAULT '{}',
    "credentials" TEXT NOT NULL DEFAULT 'omit',
    "expect" TEXT NOT NULL DEFAULT 'allowed',
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdByLabel" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "lastRunAt" TIMESTAMP(3),
    "lastTrigger" TEXT,
    "lastVerdict" TEXT,
    "lastPassed" BOOLEAN,
    "lastVersion" INTEGER,
    "lastResult" JSONB,

    CONSTRAINT "saved_check_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "probe_record_createdAt_idx" ON "probe_record"("createdAt");

-- CreateIndex
CREATE INDEX "migration_report_createdAt_idx" ON "migration_report"("createdAt");

-- CreateIndex
CREATE INDEX "saved_check_environmentId_position_idx" ON "saved_check"("environmentId", "position");

-- AddForeignKey
ALTER TABLE "saved_check" ADD CONSTRAINT "saved_check_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "environment"("id") ON DELETE CASCADE ON UPDATE CASCADE;
