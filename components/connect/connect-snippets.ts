/**
 * The copy-ready snippets of "Connect a service": how a service reads its
 * environment's policy, with this dashboard's URL, the project and the
 * environment filled in. Pure (no React), so the text is unit-tested.
 *
 * The token: `$CORSBOARD_TOKEN` / `process.env.CORSBOARD_TOKEN` everywhere, so
 * snippets can go into code and CI as they are; only the env-vars snippet
 * carries a real secret, and only when one was just created (it is shown
 * once anyway, and the person is about to copy it into the service's secrets).
 */
export interface ConnectTarget {
  /** The dashboard's base URL as services reach it (CORSBOARD_PUBLIC_URL, else the browser's location). */
  url: string;
  project: string;
  environment: string;
  /** A token just created: put into the env-vars snippet. */
  token?: string | null;
}

export type SnippetId = "env" | "express" | "fastify" | "next" | "curl" | "nginx";

export interface Snippet {
  id: SnippetId;
  label: string;
  /** What the text is: a shell fragment, TypeScript, or a dotenv file. */
  language: "shell" | "ts" | "dotenv";
  text: string;
}

/** Single-quoted for POSIX shells (a URL may carry characters the shell would read). */
export function shellQuote(value: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

export function connectSnippets(target: ConnectTarget): Snippet[] {
  const url = target.url.replace(/\/+$/, "");
  const { project, environment } = target;
  const configUrl = `${url}/api/v1/config/${encodeURIComponent(project)}/${encodeURIComponent(environment)}`;
  const install = `npm install ${shellQuote(`${url}/downloads/corsboard-sdk.tgz`)}`;
  const client = [
    `const client = createCorsboardClient({`,
    `  url: process.env.CORSBOARD_URL ?? ${JSON.stringify(url)},`,
    `  token: process.env.CORSBOARD_TOKEN!, // a read token of ${project}/${environment}`,
    `  project: ${JSON.stringify(project)},`,
    `  environment: ${JSON.stringify(environment)},`,
    `});`,
  ];
  return [
    {
      id: "env",
      label: "Env vars",
      language: "dotenv",
      text: [
        `CORSBOARD_URL=${url}`,
        `CORSBOARD_PROJECT=${project}`,
        `CORSBOARD_ENVIRONMENT=${environment}`,
        target.token ? `CORSBOARD_TOKEN=${target.token}` : `CORSBOARD_TOKEN=<a read token of ${project}/${environment}: API tokens page>`,
      ].join("\n"),
    },
    {
      id: "express",
      label: "Express",
      language: "ts",
      text: [
        `// ${install}`,
        `import express from "express";`,
        `import { createCorsboardClient, corsboardMiddleware } from "@corsboard/sdk";`,
        ``,
        ...client,
        `await client.ready; // never rejects; client.status() says where the policy came from`,
        ``,
        `const app = express();`,
        `app.use(corsboardMiddleware(client)); // first: before auth and body parsers`,
      ].join("\n"),
    },
    {
      id: "fastify",
      label: "Fastify",
      language: "ts",
      text: [
        `// ${install}`,
        `import Fastify from "fastify";`,
        `import { createCorsboardClient, corsboardFastify } from "@corsboard/sdk";`,
        ``,
        ...client,
        `await client.ready;`,
        ``,
        `const app = Fastify();`,
        `await app.register(corsboardFastify, { client });`,
      ].join("\n"),
    },
    {
      id: "next",
      label: "Next.js",
      language: "ts",
      text: [
        `// ${install}`,
        `// app/api/orders/route.ts (a route handler; the same for Hono, Bun or Deno handlers)`,
        `import { createCorsboardClient, withCors, preflightHandler } from "@corsboard/sdk";`,
        ``,
        ...client,
        ``,
        `export const GET = withCors(client, async () => Response.json({ orders: [] }));`,
        `export const OPTIONS = preflightHandler(client);`,
      ].join("\n"),
    },
    {
      id: "curl",
      label: "curl",
      language: "shell",
      text: [
        `# The policy as JSON; its ETag answers 304 Not Modified until a new version is published.`,
        `CONFIG_URL=${shellQuote(configUrl)}`,
        `ETAG=$(curl -sS -D - -o policy.json -H "Authorization: Bearer $CORSBOARD_TOKEN" "$CONFIG_URL" | awk 'tolower($1)=="etag:" {print $2}' | tr -d '\\r')`,
        `curl -sS -o /dev/null -w '%{http_code}\\n' -H "Authorization: Bearer $CORSBOARD_TOKEN" -H "If-None-Match: $ETAG" "$CONFIG_URL"`,
      ].join("\n"),
    },
    {
      id: "nginx",
      label: "nginx",
      language: "shell",
      text: [
        `# Writes the nginx snippet on every publish (atomically) and reloads nginx; keeps the last good file while Corsboard is down.`,
        `npm install -g ${shellQuote(`${url}/downloads/corsboard-cli.tgz`)}`,
        `corsboard pull --server ${shellQuote(url)} --token "$CORSBOARD_TOKEN" --project ${shellQuote(project)} --environment ${shellQuote(environment)} \\`,
        `  --format nginx --out /etc/nginx/cors.conf --watch --exec "nginx -s reload"`,
      ].join("\n"),
    },
  ];
}
