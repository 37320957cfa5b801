-- AlterTable
ALTER TABLE "observed_origin" ADD COLUMN     "lastRefusalDetail" TEXT,
ADD COLUMN     "lastRefusalKind" TEXT;

-- CreateTable
CREATE TABLE "observed_refusal" (
    "environmentId" TEXT NOT NULL,
    "bucketStart" TIMESTAMP(3) NOT NULL,
    "kind" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "count" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "observed_refusal_pkey" PRIMARY KEY ("environmentId","bucketStart","kind","detail")
);

-- AddForeignKey
ALTER TABLE "observed_refusal" ADD CONSTRAINT "observed_refusal_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "environment"("id") ON DELETE CASCADE ON UPDATE CASCADE;
