import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// The core (lib/cors) must stay pure so the dashboard, API, SDK and browser
// tester compute the same answers: ESLint refuses framework, database, Node
// and cross-lib imports there. This proves the rule bites.
const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(code: string, filePath: string): Promise<number> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === "no-restricted-imports").length;
}

describe("lib/cors import boundaries", () => {
  const forbidden: [string, string][] = [
    ["next", 'import { NextResponse } from "next/server";'],
    ["react", 'import { useState } from "react";'],
    ["prisma client", 'import { PrismaClient } from "@prisma/client";'],
    ["generated prisma client", 'import { prisma } from "@/lib/server/db/client";'],
    ["node: built-in", 'import { readFileSync } from "node:fs";'],
    ["bare built-in", 'import path from "path";'],
    ["other lib folder", 'import { apiFetch } from "@/lib/queries/api-fetch";'],
  ];
  it.each(forbidden)("refuses %s", async (_name, code) => {
    expect(await restrictedImports(`${code}\nexport {};\n`, "lib/cors/probe.ts")).toBe(1);
  }, 30_000);

  it("allows the core's own modules and tldts", async () => {
    const code = 'import { parse } from "tldts";\nimport { parseOrigin } from "./origin-parse";\nexport { parse, parseOrigin };\n';
    expect(await restrictedImports(code, "lib/cors/probe.ts")).toBe(0);
  }, 30_000);

  it("does not restrict the same imports outside lib/cors", async () => {
    expect(await restrictedImports('import { readFileSync } from "node:fs";\nexport { readFileSync };\n', "lib/server/probe.ts")).toBe(0);
  }, 30_000);
});
