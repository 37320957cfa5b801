// A minimal HTTP/1.1 server on node:net for browser tests that need what
// node:http refuses: any method token (`patch` stays `patch`; node:http
// answers 400 to lowercase methods before any handler runs) and response
// header bytes written exactly as given (repeated lines, odd whitespace).
// Handles keep-alive and Content-Length bodies; not chunked request bodies.

import net from "node:net";
import type { AddressInfo } from "node:net";

export interface RawRequest {
  readonly method: string;
  /** Request target as sent, e.g. `/s/case?x=1`. */
  readonly target: string;
  /** Header lines in order, names as sent. */
  readonly headers: readonly (readonly [string, string])[];
  readonly body: Buffer;
}

export interface RawResponse {
  readonly status: number;
  /** Header lines in order, written byte for byte (`name: value`). */
  readonly headers: readonly (readonly [string, string])[];
  readonly body?: string;
}

/** Returned by a handler to close the connection without answering (a network error for the client). */
export const DROP_CONNECTION = "drop-connection";

export interface RawHttpServer {
  readonly port: number;
  close(): Promise<void>;
}

const REASONS: Record<number, string> = { 200: "OK", 204: "No Content", 301: "Moved Permanently", 302: "Found", 303: "See Other", 307: "Temporary Redirect", 308: "Permanent Redirect", 400: "Bad Request", 404: "Not Found", 500: "Internal Server Error" };
const HEADER_END = Buffer.from("\r\n\r\n");

export async function startRawHttpServer(handle: (request: RawRequest) => RawResponse | typeof DROP_CONNECTION): Promise<RawHttpServer> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
    let buffer = Buffer.alloc(0);
    socket.on("data", (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const end = buffer.indexOf(HEADER_END);
        if (end < 0) return;
        const head = buffer.subarray(0, end).toString("latin1");
        const [requestLine = "", ...lines] = head.split("\r\n");
        const [method = "", target = "/"] = requestLine.split(" ");
        const headers = lines.map((line): [string, string] => {
          const colon = line.indexOf(":");
          return [line.slice(0, colon), line.slice(colon + 1).trim()];
        });
        const length = Number(headers.find(([n]) => n.toLowerCase() === "content-length")?.[1] ?? "0");
        if (buffer.length < end + 4 + length) return;
        const body = buffer.subarray(end + 4, end + 4 + length);
        buffer = buffer.subarray(end + 4 + length);
        let response: RawResponse | typeof DROP_CONNECTION;
        try {
          response = handle({ method, target, headers, body });
        } catch (error) {
          response = { status: 500, headers: [["Content-Type", "text/plain"]], body: String(error) };
        }
        if (response === DROP_CONNECTION) {
          socket.destroy();
          return;
        }
        socket.write(serialize(method, response));
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function serialize(method: string, response: RawResponse): Buffer {
  const body = Buffer.from(method === "HEAD" ? "" : (response.body ?? ""), "latin1");
  const lines = [`HTTP/1.1 ${response.status} ${REASONS[response.status] ?? "Status"}`];
  for (const [name, value] of response.headers) lines.push(`${name}: ${value}`);
  if (!response.headers.some(([n]) => n.toLowerCase() === "content-length")) {
    lines.push(`Content-Length: ${method === "HEAD" ? Buffer.byteLength(response.body ?? "", "latin1") : body.length}`);
  }
  lines.push("Connection: keep-alive", "", "");
  return Buffer.concat([Buffer.from(lines.join("\r\n"), "latin1"), body]);
}
