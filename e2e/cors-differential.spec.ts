// Differential test of the browser simulator (lib/cors/simulate) against real
// Chromium: the suite of e2e/fixtures/differential-suite.ts, with the
// simulator's "chromium" engine. Firefox: e2e/cors-differential-firefox.spec.ts.

import { test } from "@playwright/test";
import { openScenarioPages } from "./fixtures/chromium-observation";
import { defineDifferentialSuite } from "./fixtures/differential-suite";

const suite = defineDifferentialSuite({ engine: "chromium", test });

test.beforeAll(async ({ browser }) => {
  test.setTimeout(90_000);
  await suite.observe((server) => openScenarioPages(browser, server));
});
