import { z } from "zod";

export const healthSchema = z.object({
  status: z.enum(["ok", "unavailable"]),
  db: z.enum(["embedded", "postgres"]),
  version: z.string(),
  reason: z.string().optional(),
});
export type Health = z.infer<typeof healthSchema>;
