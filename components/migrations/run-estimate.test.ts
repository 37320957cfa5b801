import { describe, expect, it } from "vitest";
import { formatSeconds, runEstimate } from "./run-estimate";

describe("run estimate", () => {
  it("counts endpoints (base URL × sample path, once each) and distinct host:ports", () => {
    const e = runEstimate([
      { baseUrls: ["https://api.example.com/", "https://api.example.com:443/v2"], samplePaths: ["/health", "/orders"] },
      { baseUrls: ["http://legacy.example.com"], samplePaths: [] },
    ]);
    expect(e).toMatchObject({ endpoints: 5, hosts: 2 });
    // One wave of 4 hosts, twice at 5 s, plus 30 probes / 4 at 0.1 s.
    expect(e.upToSeconds).toBe(10 + 1);
  });

  it("grows with hosts, not with sample paths, the way dead hosts cost time", () => {
    const manyPaths = runEstimate([{ baseUrls: ["https://a.test"], samplePaths: Array.from({ length: 50 }, (_, i) => `/p${i}`) }]);
    expect(manyPaths.upToSeconds).toBe(10 + 8);
    const nineHosts = runEstimate([{ baseUrls: Array.from({ length: 9 }, (_, i) => `https://h${i}.test`), samplePaths: [] }]);
    expect(nineHosts.upToSeconds).toBe(30 + 2);
  });

  it("formats seconds", () => {
    expect(formatSeconds(40)).toBe("40 s");
    expect(formatSeconds(125)).toBe("2 min 5 s");
    expect(formatSeconds(120)).toBe("2 min");
  });
});
