// Differential test of the browser simulator (lib/cors/simulate) against real
// Firefox (Debian's firefox-esr, headless, driven by puppeteer-core over
// WebDriver BiDi): the suite of e2e/fixtures/differential-suite.ts, with the
// simulator's "firefox" engine. Chromium: e2e/cors-differential.spec.ts.

import { defineDifferentialSuite } from "./fixtures/differential-suite";
import { firefoxTest as test, openFirefoxScenarioPages } from "./fixtures/firefox";

const suite = defineDifferentialSuite({ engine: "firefox", test });

test.beforeAll(async ({ firefox }) => {
  test.setTimeout(120_000);
  await suite.observe((server) => openFirefoxScenarioPages(firefox, server));
});
