import { describe, expect, it } from "vitest";
import { createRouteMatcher } from "@/lib/api/route-match";

const match = createRouteMatcher([
  "GET /api/v1/projects",
  "POST /api/v1/projects",
  "POST /api/v1/projects/import",
  "GET /api/v1/projects/{project}",
  "PATCH /api/v1/projects/{project}",
  "GET /api/v1/projects/{project}/export",
  "GET /api/auth/{...all}",
  "POST /api/auth/{...all}",
]);

describe("matching a request to the route keys", () => {
  it("finds a route and says which methods it takes", () => {
    expect(match("GET", "/api/v1/projects")).toEqual({ kind: "found", template: "/api/v1/projects", allow: ["GET", "POST", "HEAD", "OPTIONS"] });
    expect(match("HEAD", "/api/v1/projects/shop")).toMatchObject({ kind: "found", template: "/api/v1/projects/{project}" });
    expect(match("OPTIONS", "/api/v1/projects/import")).toMatchObject({ kind: "found" });
  });

  it("prefers a static segment over a dynamic one, as Next's router does", () => {
    expect(match("GET", "/api/v1/projects/import")).toEqual({ kind: "wrong-method", template: "/api/v1/projects/import", allow: ["POST", "OPTIONS"] });
    expect(match("GET", "/api/v1/projects/imports")).toMatchObject({ kind: "found", template: "/api/v1/projects/{project}" });
  });

  it("says no route for unknown paths, a missing or extra segment", () => {
    expect(match("GET", "/api/v1/nope")).toEqual({ kind: "no-route" });
    expect(match("GET", "/api/v1/projects/shop/export/more")).toEqual({ kind: "no-route" });
    expect(match("GET", "/api/auth")).toEqual({ kind: "no-route" });
  });

  it("lets a catch-all take one segment or more", () => {
    expect(match("POST", "/api/auth/sign-in/email")).toMatchObject({ kind: "found", template: "/api/auth/{...all}" });
    expect(match("DELETE", "/api/auth/session")).toEqual({ kind: "wrong-method", template: "/api/auth/{...all}", allow: ["GET", "POST", "HEAD", "OPTIONS"] });
  });

  it("says a wrong method with the allowed ones", () => {
    expect(match("DELETE", "/api/v1/projects/shop")).toEqual({ kind: "wrong-method", template: "/api/v1/projects/{project}", allow: ["GET", "PATCH", "HEAD", "OPTIONS"] });
  });
});
