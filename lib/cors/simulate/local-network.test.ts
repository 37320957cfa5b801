import { describe, expect, it } from "vitest";
import { checkLocalNetwork, isPotentiallyTrustworthy } from "./local-network";
import type { AddressSpace } from "./types";

describe("isPotentiallyTrustworthy", () => {
  it.each([
    { name: "https", origin: "https://app.example", expected: true },
    { name: "http localhost", origin: "http://localhost:3000", expected: true },
    { name: "http *.localhost", origin: "http://app.localhost:3000", expected: true },
    { name: "http 127.0.0.1", origin: "http://127.0.0.1:8080", expected: true },
    { name: "http [::1]", origin: "http://[::1]:8080", expected: true },
    { name: "http public host", origin: "http://app.example", expected: false },
    { name: "null", origin: "null", expected: false },
  ])("$name", ({ origin, expected }) => {
    expect(isPotentiallyTrustworthy(origin)).toBe(expected);
  });
});

describe("checkLocalNetwork", () => {
  it.each<{ name: string; origin: string; initiator: AddressSpace; target: AddressSpace; outcome: string; warns: boolean }>([
    { name: "public → public", origin: "http://app.example", initiator: "public", target: "public", outcome: "skip", warns: false },
    { name: "local → loopback is not gated yet", origin: "http://10.0.0.2", initiator: "local", target: "loopback", outcome: "skip", warns: false },
    { name: "secure public → local needs the permission", origin: "https://app.example", initiator: "public", target: "local", outcome: "pass", warns: true },
    { name: "insecure public → loopback is blocked", origin: "http://app.example", initiator: "public", target: "loopback", outcome: "fail", warns: false },
  ])("$name", ({ origin, initiator, target, outcome, warns }) => {
    const result = checkLocalNetwork(origin, { initiator, target });
    expect(result.step.outcome).toBe(outcome);
    expect(result.warning !== undefined).toBe(warns);
    expect(result.failure !== undefined).toBe(outcome === "fail");
  });
});
