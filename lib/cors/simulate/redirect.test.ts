import { describe, expect, it } from "vitest";
import { toHeaderList } from "./header-list";
import { followRedirect, type RedirectState } from "./redirect";
import type { ObservedResponse } from "./types";

const state = (over: Partial<RedirectState> = {}): RedirectState => ({
  origin: "https://app.example",
  currentUrl: "https://api.example/a",
  method: "GET",
  list: [{ name: "Accept", value: "*/*" }],
  tainted: false,
  redirectCount: 0,
  corsTainting: true,
  ...over,
});
const follow = (s: RedirectState, response: ObservedResponse) => followRedirect(s, response, toHeaderList(response.headers));

describe("followRedirect", () => {
  it.each<{ name: string; response: ObservedResponse; kind: string; rule?: string }>([
    { name: "200 is final", response: { status: 200, headers: {} }, kind: "final" },
    { name: "302 without Location is final", response: { status: 302, headers: {} }, kind: "final" },
    { name: "300 is not a redirect status", response: { status: 300, headers: { Location: "/b" } }, kind: "final" },
    { name: "302 with a relative Location", response: { status: 302, headers: { Location: "/b" } }, kind: "follow" },
    { name: "two Location lines", response: { status: 302, headers: { Location: ["/b", "/c"] } }, kind: "error", rule: "redirect-location-invalid" },
    { name: "unparseable Location", response: { status: 302, headers: { Location: "http://[" } }, kind: "error", rule: "redirect-location-invalid" },
    { name: "data: Location", response: { status: 302, headers: { Location: "data:text/plain,hi" } }, kind: "error", rule: "redirect-scheme" },
    { name: "credentials in the Location", response: { status: 302, headers: { Location: "https://u:p@api.example/b" } }, kind: "error", rule: "redirect-credentials-in-url" },
  ])("$name", ({ response, kind, rule }) => {
    const outcome = follow(state(), response);
    expect(outcome.kind).toBe(kind);
    if (outcome.kind === "error") expect(outcome.rule).toBe(rule);
  });

  it("stops after 20 redirects", () => {
    const outcome = follow(state({ redirectCount: 20 }), { status: 302, headers: { Location: "/b" } });
    expect(outcome.kind === "error" && outcome.rule).toBe("redirect-limit");
  });

  it.each([
    { name: "same-origin hop keeps the origin", location: "https://api.example/b", tainted: false },
    { name: "cross-origin hop after leaving the page's origin taints it", location: "https://other.example/b", tainted: true },
  ])("$name", ({ location, tainted }) => {
    const outcome = follow(state(), { status: 307, headers: { Location: location } });
    expect(outcome.kind === "follow" && outcome.next.tainted).toBe(tainted);
  });

  it("a hop from the page's own origin to another does not taint", () => {
    const outcome = follow(state({ currentUrl: "https://app.example/a", corsTainting: false }), { status: 302, headers: { Location: "https://api.example/b" } });
    expect(outcome.kind === "follow" && outcome.next.tainted).toBe(false);
  });

  it.each([
    { name: "303 turns PUT into GET", status: 303, method: "PUT", next: "GET", dropsContentType: true },
    { name: "302 turns POST into GET", status: 302, method: "POST", next: "GET", dropsContentType: true },
    { name: "301 keeps PUT", status: 301, method: "PUT", next: "PUT", dropsContentType: false },
    { name: "307 keeps POST", status: 307, method: "POST", next: "POST", dropsContentType: false },
    { name: "303 keeps HEAD", status: 303, method: "HEAD", next: "HEAD", dropsContentType: false },
  ])("$name", ({ status, method, next, dropsContentType }) => {
    const s = state({ method, list: [{ name: "Content-Type", value: "application/json" }] });
    const outcome = follow(s, { status, headers: { Location: "/b" } });
    if (outcome.kind !== "follow") throw new Error(outcome.kind);
    expect(outcome.next.method).toBe(next);
    expect(outcome.next.list.some((h) => h.name === "Content-Type")).toBe(!dropsContentType);
  });

  it("drops Authorization on a cross-origin redirect only", () => {
    const s = state({ list: [{ name: "Authorization", value: "t" }] });
    const cross = follow(s, { status: 302, headers: { Location: "https://other.example/b" } });
    const same = follow(s, { status: 302, headers: { Location: "/b" } });
    expect(cross.kind === "follow" && cross.next.list).toEqual([]);
    expect(same.kind === "follow" && same.next.list).toEqual([{ name: "Authorization", value: "t" }]);
  });
});
