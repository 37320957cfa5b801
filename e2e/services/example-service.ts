/**
 * An example service protected by Corsboard: a small Express 5 app using the
 * SDK. Run with `node --import tsx e2e/services/example-service.ts`.
 *
 *   CORSBOARD_URL, CORSBOARD_TOKEN, CORSBOARD_PROJECT, CORSBOARD_ENVIRONMENT   where its policy lives
 *   CORSBOARD_FALLBACK_FILE   last-known-good file (optional)
 *   CORSBOARD_REFRESH         sse (default) | long-poll | poll
 *   PORT                      default 4000 (0 = any free port); prints `LISTENING <port>` when ready
 *   SERVICE_TOKEN             the bearer token its own API wants (default "service-secret")
 *
 * The CORS middleware goes first, so preflights are answered before the
 * authentication middleware (browsers send preflights without credentials);
 * the actual requests then need `Authorization: Bearer <SERVICE_TOKEN>`.
 * It imports the SDK's source (run through tsx); a service of your own
 * imports the built package: `import { … } from "corsboard/sdk"`.
 */
import express, { type NextFunction, type Request, type Response } from "express";
import { corsboardMiddleware, createCorsboardClient, type CorsboardLogger } from "../../lib/sdk";

const env = process.env;
const logger: CorsboardLogger = {
  // One line per message, "level message", so tests can read them.
  debug: (m) => console.log(`debug ${m}`),
  info: (m) => console.log(`info ${m}`),
  warn: (m) => console.log(`warn ${m}`),
  error: (m) => console.log(`error ${m}`),
};

const client = createCorsboardClient({
  url: env.CORSBOARD_URL ?? "http://127.0.0.1:3000",
  token: env.CORSBOARD_TOKEN ?? "",
  project: env.CORSBOARD_PROJECT ?? "storefront-api",
  environment: env.CORSBOARD_ENVIRONMENT ?? "dev",
  fallbackFile: env.CORSBOARD_FALLBACK_FILE || undefined,
  refresh: (env.CORSBOARD_REFRESH as "sse" | "long-poll" | "poll" | undefined) ?? "sse",
  pollIntervalMs: Number(env.CORSBOARD_POLL_MS ?? 30_000),
  startup: { attempts: Number(env.CORSBOARD_STARTUP_ATTEMPTS ?? 4), timeoutMs: 3_000 },
  reportObservedOrigins: env.CORSBOARD_REPORT_OBSERVED === "1" ? { intervalMs: Number(env.CORSBOARD_REPORT_MS ?? 60_000) } : false,
  logger,
});

const serviceToken = env.SERVICE_TOKEN ?? "service-secret";
const app = express();

// 1. CORS first: preflights end here, before auth and body parsing.
app.use(corsboardMiddleware(client));

// 2. Unauthenticated endpoints.
app.get("/health", (_req, res) => {
  res.json({ ok: true });
});
app.get("/corsboard/status", (_req, res) => {
  res.json(client.status());
});

// 3. Authentication: everything below needs the service's token.
app.use((req: Request, res: Response, next: NextFunction) => {
  if (req.headers.authorization !== `Bearer ${serviceToken}`) {
    res.status(401).json({ error: "unauthorized" });
    return;
  }
  next();
});
app.use(express.json());

const orders = [{ id: 1, item: "teapot" }];
app.get("/api/orders", (_req, res) => {
  res.setHeader("X-Request-Id", "req-1");
  res.json({ orders });
});
app.post("/api/orders", (req, res) => {
  const order = { id: orders.length + 1, item: String((req.body as { item?: unknown })?.item ?? "?") };
  orders.push(order);
  res.status(201).json(order);
});

await client.ready;
const server = app.listen(Number(env.PORT ?? 4000), "127.0.0.1", () => {
  const address = server.address();
  console.log(`LISTENING ${typeof address === "object" && address ? address.port : env.PORT}`);
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    server.close();
    server.closeAllConnections();
    void client.close().finally(() => process.exit(0));
  });
}
