import type { IncomingMessage, ServerResponse } from "node:http";
import type { ConfigHttpRequest, ConfigReply } from "@/lib/server/config/config-http";
import type { ConfigStream } from "@/lib/server/config/stream-config";

/**
 * The config API's transport on node's own req/res (no Web Request/Response:
 * building those costs more than the whole answer). The abort signal is made
 * only when asked for (long-polls and streams), so a plain fetch or 304
 * allocates none.
 */
export function fromNodeRequest(req: IncomingMessage, res: ServerResponse, queryString: string): ConfigHttpRequest {
  return new NodeConfigRequest(req, res, queryString);
}

/** One object per request (it is its own `headers`), methods on the prototype: no closures. */
class NodeConfigRequest implements ConfigHttpRequest {
  private controller: AbortController | undefined;
  constructor(
    private readonly req: IncomingMessage,
    private readonly res: ServerResponse,
    readonly queryString: string,
  ) {}

  get headers(): this {
    return this;
  }

  get(name: string): string | null {
    const value = this.req.headers[name];
    return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
  }

  get signal(): AbortSignal {
    if (!this.controller) {
      const c = (this.controller = new AbortController());
      const res = this.res;
      if (res.destroyed || res.writableEnded) c.abort();
      else res.once("close", () => c.abort());
    }
    return this.controller.signal;
  }
}

export function sendReply(res: ServerResponse, reply: ConfigReply): void {
  res.writeHead(reply.status, reply.headers);
  res.end(reply.body ?? undefined);
}

export function sendStream(res: ServerResponse, stream: ConfigStream): void {
  res.writeHead(stream.status, stream.headers);
  res.flushHeaders();
  const end = stream.start({
    write: (text) => void res.write(text),
    end: () => void res.end(),
  });
  res.once("close", end);
}
