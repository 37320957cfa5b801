import { describe, expect, it } from "vitest";
import { endpointUrls } from "./endpoints";

describe("endpointUrls", () => {
  it("is every base URL × every sample path", () => {
    expect(endpointUrls(["https://a.example.com", "https://b.example.com/v1/"], ["/health", "/api/orders"])).toEqual([
      "https://a.example.com/health",
      "https://a.example.com/api/orders",
      "https://b.example.com/v1/health",
      "https://b.example.com/v1/api/orders",
    ]);
  });

  it("is the base URLs alone without sample paths, once each", () => {
    expect(endpointUrls(["https://a.example.com", "https://a.example.com"], [])).toEqual(["https://a.example.com"]);
    expect(endpointUrls([], ["/x"])).toEqual([]);
  });
});
