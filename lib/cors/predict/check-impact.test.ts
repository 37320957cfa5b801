import { describe, expect, it } from "vitest";
import { checkImpact } from "./check-impact";

describe("checkImpact", () => {
  it("draft breaks a check that passes live", () => {
    expect(checkImpact("allowed", "allowed", "blocked")).toBe("breaks");
  });
  it("already failing stays failing (not a break)", () => {
    expect(checkImpact("allowed", "blocked", "blocked")).toBe("still-failing");
  });
  it("expect blocked: the draft letting the origin in breaks it", () => {
    expect(checkImpact("blocked", "blocked", "allowed")).toBe("breaks");
    expect(checkImpact("blocked", "blocked", "blocked")).toBe("passes");
  });
  it("a draft that fixes a failing check", () => {
    expect(checkImpact("allowed", "blocked", "allowed")).toBe("fixes");
  });
  it("nothing live yet: nothing can break", () => {
    expect(checkImpact("allowed", null, "blocked")).toBe("still-failing");
    expect(checkImpact("allowed", null, "allowed")).toBe("fixes");
  });
});
