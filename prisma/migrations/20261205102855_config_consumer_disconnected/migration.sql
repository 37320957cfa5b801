-- AlterTable
ALTER TABLE "config_consumer" ADD COLUMN     "disconnectedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "config_consumer_lastSeenAt_idx" ON "config_consumer"("lastSeenAt");
