import { describe, expect, it } from "vitest";
import { hostMapResolver, parseHostMap } from "./host-map";

describe("parseHostMap", () => {
  it("reads wildcard and exact entries", () => {
    const { entries, problems } = parseHostMap(" *.test=127.0.0.1, api.example.com=::1 ,");
    expect(problems).toEqual([]);
    expect(entries).toEqual([
      { pattern: "*.test", address: { address: "127.0.0.1", family: 4 } },
      { pattern: "api.example.com", address: { address: "::1", family: 6 } },
    ]);
  });

  it("names every bad entry", () => {
    const { entries, problems } = parseHostMap("*.test=localhost,=1.2.3.4,api.test,ok.test=10.0.0.1");
    expect(entries).toHaveLength(1);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toContain('"*.test=localhost"');
  });
});

describe("hostMapResolver", () => {
  const fallback = async (name: string) => [{ address: `fallback:${name}`, family: 4 as const }];
  const resolve = hostMapResolver(parseHostMap("*.test=127.0.0.1,exact.example=10.1.2.3").entries, fallback);

  it("maps subdomains of a wildcard but not the bare suffix", async () => {
    expect(await resolve("api.test")).toEqual([{ address: "127.0.0.1", family: 4 }]);
    expect(await resolve("A.B.TEST.")).toEqual([{ address: "127.0.0.1", family: 4 }]);
    expect(await resolve("test")).toEqual([{ address: "fallback:test", family: 4 }]);
    expect(await resolve("nottest")).toEqual([{ address: "fallback:nottest", family: 4 }]);
  });

  it("maps exact names only exactly", async () => {
    expect(await resolve("exact.example")).toEqual([{ address: "10.1.2.3", family: 4 }]);
    expect(await resolve("sub.exact.example")).toEqual([{ address: "fallback:sub.exact.example", family: 4 }]);
  });
});
