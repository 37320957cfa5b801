import http from "node:http";
import type { AddressInfo } from "node:net";
import type { ConfigDocument } from "@/lib/sdk";

/**
 * A stand-in for Corsboard's config API (project "p", environment "e") that a
 * test can make misbehave: it serves `doc` as JSON, `render(doc)` as the
 * other formats (with X-Corsboard-Version), and an SSE stream that pushes
 * every `publish()`. `answer` overrides everything with a status + body.
 */
export interface FakeConfigServer {
  url: string;
  publish(doc: ConfigDocument): void;
  answer: { status: number; body: string } | null;
  /** The version the rendered formats claim (default: the document's). */
  renderVersion: number | null;
  render: (doc: ConfigDocument) => string;
  close(): Promise<void>;
}

export async function startFakeConfigServer(initial: ConfigDocument): Promise<FakeConfigServer> {
  let doc = initial;
  const streams = new Set<http.ServerResponse>();
  const event = (d: ConfigDocument) => `event: policy\nid: ${d.version}\ndata: ${JSON.stringify(d)}\n\n`;
  const fake: FakeConfigServer = {
    url: "",
    answer: null,
    renderVersion: null,
    render: (d) => `# version ${d.version}\nmap $http_origin $cors_allow_origin {\n${d.policy.origins.map((o) => `  "${o.value}" $http_origin;`).join("\n")}\n}\n`,
    publish(next) {
      doc = next;
      for (const res of streams) res.write(event(next));
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of streams) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    if (req.headers.authorization !== "Bearer good-token") {
      res.writeHead(401, { "content-type": "application/problem+json" }).end(JSON.stringify({ status: 401, code: "unauthorized", detail: "Unknown token." }));
      return;
    }
    if (fake.answer) {
      res.writeHead(fake.answer.status, { "content-type": "application/problem+json" }).end(fake.answer.body);
      return;
    }
    if (url.pathname === "/api/v1/config/p/e/stream") {
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
      res.write(event(doc));
      streams.add(res);
      res.on("close", () => streams.delete(res));
      return;
    }
    if (url.pathname !== "/api/v1/config/p/e") {
      res.writeHead(404).end();
      return;
    }
    const format = url.searchParams.get("format") ?? "json";
    const body = format === "json" ? JSON.stringify(doc) : fake.render(doc);
    const etag = `"${format}-${doc.version}-${doc.contentHash.slice(0, 8)}"`;
    if (req.headers["if-none-match"] === etag) {
      res.writeHead(304, { etag }).end();
      return;
    }
    res.writeHead(200, { etag, "x-corsboard-version": String(format === "json" ? doc.version : (fake.renderVersion ?? doc.version)) }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}
