-- CreateTable
CREATE TABLE "config_consumer" (
    "environmentId" TEXT NOT NULL,
    "tokenId" TEXT NOT NULL,
    "instance" TEXT NOT NULL DEFAULT '',
    "version" INTEGER NOT NULL,
    "mode" TEXT NOT NULL DEFAULT 'fetch',
    "userAgent" TEXT,
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "config_consumer_pkey" PRIMARY KEY ("environmentId","tokenId","instance")
);

-- CreateTable
CREATE TABLE "observed_origin" (
    "environmentId" TEXT NOT NULL,
    "origin" TEXT NOT NULL,
    "allowedCount" BIGINT NOT NULL DEFAULT 0,
    "rejectedCount" BIGINT NOT NULL DEFAULT 0,
    "lastAllowed" BOOLEAN NOT NULL,
    "lastVersion" INTEGER,
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "observed_origin_pkey" PRIMARY KEY ("environmentId","origin")
);

-- CreateIndex
CREATE INDEX "config_consumer_tokenId_idx" ON "config_consumer"("tokenId");

-- CreateIndex
CREATE INDEX "observed_origin_environmentId_lastSeenAt_idx" ON "observed_origin"("environmentId", "lastSeenAt");

-- AddForeignKey
ALTER TABLE "config_consumer" ADD CONSTRAINT "config_consumer_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "environment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "config_consumer" ADD CONSTRAINT "config_consumer_tokenId_fkey" FOREIGN KEY ("tokenId") REFERENCES "api_token"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "observed_origin" ADD CONSTRAINT "observed_origin_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "environment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Config API token cache (hand-written): the config API keeps verified tokens
-- in memory on every instance; any change that can make a cached token wrong
-- (revocation, scope or binding change, deletion, and creation, which ends a
-- cached "unknown token") is announced on commit to every listening process.
CREATE FUNCTION "corsboard_notify_token_change"() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM pg_notify('corsboard_config', 'token:' || OLD."secretHash");
    ELSE
        PERFORM pg_notify('corsboard_config', 'token:' || NEW."secretHash");
        IF TG_OP = 'UPDATE' AND OLD."secretHash" IS DISTINCT FROM NEW."secretHash" THEN
            PERFORM pg_notify('corsboard_config', 'token:' || OLD."secretHash");
        END IF;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "api_token_notify_change"
    AFTER INSERT OR DELETE OR UPDATE OF "secretHash", "scope", "projectId", "environmentId", "revokedAt" ON "api_token"
    FOR EACH ROW EXECUTE FUNCTION "corsboard_notify_token_change"();
