import { describe, expect, it } from "vitest";
import { connectSnippets, shellQuote } from "@/components/connect/connect-snippets";

const target = { url: "https://corsboard.internal/", project: "payments-api", environment: "staging" };
const byId = (t: Parameters<typeof connectSnippets>[0]) => Object.fromEntries(connectSnippets(t).map((s) => [s.id, s.text]));

describe("connectSnippets", () => {
  it("fills in the URL, project and environment; the token stays a placeholder", () => {
    const s = byId(target);
    expect(Object.keys(s)).toEqual(["env", "express", "fastify", "next", "curl", "nginx"]);
    expect(s.env).toBe(
      "CORSBOARD_URL=https://corsboard.internal\nCORSBOARD_PROJECT=payments-api\nCORSBOARD_ENVIRONMENT=staging\nCORSBOARD_TOKEN=<a read token of payments-api/staging: API tokens page>",
    );
    for (const id of ["express", "fastify", "next"]) {
      expect(s[id]).toContain("// npm install https://corsboard.internal/downloads/corsboard-sdk.tgz");
      expect(s[id]).toContain('project: "payments-api",\n  environment: "staging",');
      expect(s[id]).toContain("token: process.env.CORSBOARD_TOKEN!");
    }
    expect(s.express).toContain("app.use(corsboardMiddleware(client));");
    expect(s.fastify).toContain('import { createCorsboardClient, corsboardFastify } from "@corsboard/sdk";');
    expect(s.fastify).toContain("await app.register(corsboardFastify, { client });");
    expect(s.next).toContain("export const GET = withCors(client, ");
    expect(s.next).toContain("export const OPTIONS = preflightHandler(client);");
    expect(s.curl).toContain("CONFIG_URL=https://corsboard.internal/api/v1/config/payments-api/staging\n");
    expect(s.curl).toContain(`-H "If-None-Match: $ETAG" "$CONFIG_URL"`);
    expect(s.nginx).toContain(
      'corsboard pull --server https://corsboard.internal --token "$CORSBOARD_TOKEN" --project payments-api --environment staging \\\n  --format nginx --out /etc/nginx/cors.conf --watch --exec "nginx -s reload"',
    );
    expect(Object.values(s).join("\n")).not.toContain("cb_");
  });

  it("puts a just-created token into the env vars only", () => {
    const s = byId({ ...target, token: "cb_secret123" });
    expect(s.env).toContain("\nCORSBOARD_TOKEN=cb_secret123");
    expect(Object.entries(s).filter(([, text]) => text.includes("cb_secret123")).map(([id]) => id)).toEqual(["env"]);
  });

  it("quotes for the shell what the shell would read", () => {
    expect(shellQuote("https://c.example:8443/x")).toBe("https://c.example:8443/x");
    expect(shellQuote("http://h/a b'c")).toBe(`'http://h/a b'\\''c'`);
  });
});
