import { BodyTooLargeError } from "./bounded-read";

/** One Server-Sent Event (https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation). */
export interface SseEvent {
  event: string;
  data: string;
  id: string | null;
}

/**
 * Incremental event-stream parser: feed decoded text, get complete events.
 * Comments and `retry:` are ignored. With `maxEventChars`, an event (its data
 * so far plus the unparsed rest, e.g. a line that never ends) growing past it
 * throws BodyTooLargeError, so a misbehaving stream can't grow memory without bound.
 */
export class SseParser {
  private buffer = "";
  private event = "";
  private data: string[] = [];
  private dataChars = 0;
  private id: string | null = null;

  constructor(private readonly maxEventChars = Infinity) {}

  feed(text: string): SseEvent[] {
    this.buffer += text;
    const out: SseEvent[] = [];
    for (;;) {
      const match = /\r\n|\r|\n/.exec(this.buffer);
      if (!match) break;
      // A lone \r at the very end may be the first half of \r\n: wait for more.
      if (match[0] === "\r" && match.index === this.buffer.length - 1) break;
      const line = this.buffer.slice(0, match.index);
      this.buffer = this.buffer.slice(match.index + match[0].length);
      if (line === "") {
        if (this.data.length > 0) out.push({ event: this.event || "message", data: this.data.join("\n"), id: this.id });
        this.event = "";
        this.data = [];
        this.dataChars = 0;
        continue;
      }
      if (line.startsWith(":")) continue;
      const colon = line.indexOf(":");
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? "" : line.slice(colon + 1);
      if (value.startsWith(" ")) value = value.slice(1);
      if (field === "event") this.event = value;
      else if (field === "data") {
        this.data.push(value);
        this.dataChars += value.length + 1;
      }
      else if (field === "id" && !value.includes("\0")) this.id = value;
    }
    if (this.buffer.length + this.dataChars > this.maxEventChars) throw new BodyTooLargeError(this.maxEventChars, "an SSE event from the config stream");
    return out;
  }
}
