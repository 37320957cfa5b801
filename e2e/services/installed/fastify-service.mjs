// A Fastify service using @corsboard/sdk as installed from the dashboard's
// tarball (see express-service.mjs). The README's Fastify quick start, plus
// the line that reports the port to the test.
import Fastify from "fastify";
import { createCorsboardClient, corsboardFastify } from "@corsboard/sdk";

const corsboard = createCorsboardClient({
  url: process.env.CORSBOARD_URL,
  token: process.env.CORSBOARD_TOKEN,
  project: process.env.CORSBOARD_PROJECT,
  environment: process.env.CORSBOARD_ENVIRONMENT,
});
await corsboard.ready;

const app = Fastify();
await app.register(corsboardFastify, { client: corsboard });
app.post("/api/orders", async (request, reply) => reply.code(201).send({ ordered: request.body.item }));

await app.listen({ port: Number(process.env.PORT ?? 3000), host: "127.0.0.1" });
console.log(`LISTENING ${app.server.address().port} sdk=${import.meta.resolve("@corsboard/sdk")}`);
