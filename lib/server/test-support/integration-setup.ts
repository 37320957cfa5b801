import { migratedTemplate } from "@/lib/server/test-support/embedded-template";

/**
 * globalSetup of the vitest `integration` project: build the migrated
 * embedded template once, before the test files start in parallel (each would
 * otherwise spend ~15 s building its own copy at the same moment).
 */
export default async function setup(): Promise<void> {
  await migratedTemplate();
}
