import { describe, expect, it } from "vitest";
import { engineListLabel, orderEngines, requiredEnginesSchema } from "./engines";

describe("required engines", () => {
  it("accepts each engine once, at least one", () => {
    expect(requiredEnginesSchema.safeParse(["firefox", "chromium"]).success).toBe(true);
    expect(requiredEnginesSchema.safeParse([]).error?.issues[0]?.message).toBe("Name at least one engine the check must pass in, e.g. chromium.");
    expect(requiredEnginesSchema.safeParse(["firefox", "firefox"]).error?.issues[0]?.message).toBe("Name each engine once.");
    expect(requiredEnginesSchema.safeParse(["opera"]).error?.issues[0]?.message).toBe("Use engines from: chromium, firefox, webkit.");
  });

  it("orders engines as the table does and names them for people", () => {
    expect(orderEngines(["webkit", "chromium", "x"])).toEqual(["chromium", "webkit"]);
    expect(engineListLabel(["chromium"])).toBe("Chromium");
    expect(engineListLabel(["firefox", "chromium"])).toBe("Chromium and Firefox");
    expect(engineListLabel(["webkit", "firefox", "chromium"])).toBe("Chromium, Firefox and WebKit (modelled)");
  });
});
