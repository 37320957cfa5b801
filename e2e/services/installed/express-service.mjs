// An Express service using @corsboard/sdk as installed from the dashboard's
// tarball (copied into a temporary project outside the repository by
// e2e/packages.spec.ts). The README's Express quick start, plus the lines
// that report the port to the test.
import express from "express";
import { createCorsboardClient, corsboardMiddleware } from "@corsboard/sdk";

const corsboard = createCorsboardClient({
  url: process.env.CORSBOARD_URL,
  token: process.env.CORSBOARD_TOKEN,
  project: process.env.CORSBOARD_PROJECT,
  environment: process.env.CORSBOARD_ENVIRONMENT,
});
await corsboard.ready;

const app = express();
app.use(corsboardMiddleware(corsboard)); // first: before auth and body parsers
app.post("/api/orders", express.json(), (req, res) => res.status(201).json({ ordered: req.body.item }));

const server = app.listen(Number(process.env.PORT ?? 3000), "127.0.0.1", () => {
  console.log(`LISTENING ${server.address().port} sdk=${import.meta.resolve("@corsboard/sdk")}`);
});
