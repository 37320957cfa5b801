import { describe, expect, it } from "vitest";
import type { MigrationCell, MigrationReport } from "@/lib/api/schemas/migration-check";
import { MIGRATION_CSV_COLUMNS, renderReportCsv } from "./render-report-csv";
import { mdCell, renderReportMarkdown } from "./render-report-markdown";

const cell = (shape: MigrationCell["shape"], origin: MigrationCell["origin"], over: Partial<MigrationCell> = {}): MigrationCell => ({
  shape,
  origin,
  method: shape === "json-post" ? "POST" : "GET",
  credentials: shape === "credentialed-get" ? "include" : "omit",
  live: { verdict: "allowed", stage: null, failure: null, actualChecked: shape !== "json-post", error: null },
  allowlist: { verdict: "allowed", failure: null },
  draft: { verdict: "allowed", failure: null },
  drift: null,
  ...over,
});

const blocked = { verdict: "blocked" as const, stage: "actual" as const, failure: { rule: "allow-origin-missing", message: "No Access-Control-Allow-Origin, \"quoted\", here.", fix: "=HYPERLINK(\"x\")" }, actualChecked: true, error: null };

const blockedInFirefox: NonNullable<MigrationCell["live"]["engines"]> = [
  { engine: "chromium", name: "Chromium", verdict: "allowed", stage: null, passed: true, rule: null, why: null },
  { engine: "firefox", name: "Firefox", verdict: "blocked", stage: "preflight", passed: false, rule: "client-hints-safelisted", why: "Firefox blocks it at the preflight — Client hints" },
];

const report: MigrationReport = {
  id: "3f1c1a9e-5d7b-4a51-9a57-2a7f1e0f9c11",
  createdAt: "2030-01-02T03:04:05.000Z",
  createdBy: "qa@example.com",
  oldOrigin: "https://old.example.com",
  newOrigin: "https://new.example.com",
  scope: [{ project: "shop", projectName: "Shop", environment: "prod", environmentName: "Production", protected: true, liveVersion: 3, endpoints: 1, draftHasNewOrigin: false, draftHasOldOrigin: true }],
  engines: ["chromium", "firefox"],
  summary: { endpoints: 1, probes: 6, ready: 0, oldOnly: 1, neither: 0, partial: 0, unreachable: 0, authBeforeCors: 0, drift: 1 },
  rows: [
    {
      project: "shop",
      environment: "prod",
      url: "https://api.example.com/orders?a=1,b|c",
      class: "old-only",
      drift: true,
      unreachable: null,
      cells: [
        cell("simple-get", "old"),
        cell("simple-get", "new", { live: blocked, allowlist: { verdict: "allowed", failure: null }, drift: "allowlist-allows" }),
        cell("json-post", "old"),
        cell("json-post", "new", { live: { ...blocked, engines: blockedInFirefox }, allowlist: { verdict: "blocked", failure: null } }),
        cell("credentialed-get", "old"),
        cell("credentialed-get", "new", { live: blocked, allowlist: { verdict: "blocked", failure: null } }),
      ],
    },
  ],
};

describe("renderReportCsv", () => {
  const csv = renderReportCsv(report);
  const lines = csv.split("\r\n");

  it("has a header and one CRLF-terminated record per cell", () => {
    expect(lines[0]).toBe(MIGRATION_CSV_COLUMNS.join(","));
    expect(lines).toHaveLength(1 + 6 + 1);
    expect(lines.at(-1)).toBe("");
  });

  it("quotes fields with commas and quotes (RFC 4180) and defuses formulas", () => {
    const newGet = lines[2] ?? "";
    expect(newGet).toContain('"https://api.example.com/orders?a=1,b|c"');
    expect(newGet).toContain('"No Access-Control-Allow-Origin, ""quoted"", here."');
    expect(newGet).toContain(`"'=HYPERLINK(""x"")"`);
    expect(newGet).toContain(",allowlist-allows,");
    expect(lines[3]).toContain(",POST,omit,allowed,,false,allowed,allowed,,");
  });

  it("names the required engines, and the engine that blocks a cell with its rule", () => {
    expect(lines[4]?.endsWith(",chromium firefox,firefox,client-hints-safelisted")).toBe(true);
    expect(lines[2]?.endsWith(",chromium firefox,,")).toBe(true);
  });
});

describe("renderReportMarkdown", () => {
  const md = renderReportMarkdown(report);

  it("has the summary, the scope and a table per endpoint with drift and reasons", () => {
    expect(md).toContain("# Domain migration check: https://old.example.com → https://new.example.com");
    expect(md).toContain("**1 endpoints, 6 probes:** 0 ready, 1 old only");
    expect(md).toContain("| shop | prod | v3 | 1 | no |");
    expect(md).toContain("## shop / prod: https://api.example.com/orders?a=1,b\\|c");
    expect(md).toContain("| JSON POST | allowed (preflight; actual not checked) / allowlist: allowed | blocked / allowlist: blocked |");
    expect(md).toContain("| Simple GET | allowed / allowlist: allowed | blocked / allowlist: allowed **DRIFT** |");
    expect(md).toContain("- Simple GET, new origin: DRIFT — The published allowlist allows this but the live service blocks it");
  });

  it("names the engines every cell had to be allowed in, and the one that blocks", () => {
    expect(md).toContain("Each cell must be allowed in Chromium and Firefox: its verdict is the strictest of theirs.");
    expect(md).toContain("- JSON POST, new origin: blocked in Firefox — Firefox blocks it at the preflight — Client hints");
  });

  it("escapes table cells", () => {
    expect(mdCell("a|b\nc<script>")).toBe("a\\|b c&lt;script&gt;");
  });
});
