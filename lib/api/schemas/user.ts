import { z } from "zod";
import { newPasswordField, passwordNotEmail } from "@/lib/api/schemas/password";

export const roleSchema = z.enum(["admin", "editor", "viewer"]);
export type Role = z.infer<typeof roleSchema>;

const emailField = z
  .string({ error: "Enter an email address." })
  .trim()
  .toLowerCase()
  .max(254, { error: "Use an email address of at most 254 characters." })
  .pipe(z.email({ error: "Enter a valid email address, like ops@example.com." }));

const passwordField = newPasswordField;

const nameField = z
  .string({ error: "Enter a name." })
  .trim()
  .min(1, { error: "Enter a name." })
  .max(100, { error: "Use a name of at most 100 characters." });

/** First-run setup: creates the first admin. */
export const setupRequestSchema = z.strictObject({
  name: nameField,
  email: emailField,
  password: passwordField,
  /** The one-time code from the server's log; needed only from another machine than the server's. */
  setupCode: z.string({ error: "Enter the setup code from the server's log." }).trim().max(64, { error: "Enter the setup code from the server's log (e.g. ABCD-EFGH-JKMN)." }).optional(),
}).superRefine(passwordNotEmail("password"));
export type SetupRequest = z.infer<typeof setupRequestSchema>;

/**
 * An admin creates an account for a colleague. The initial password is
 * optional here because whether it is needed depends on the server's sign-in
 * settings (see lib/server/users/initial-password.ts): required without
 * single sign-on, optional with it, refused in SSO-only mode but for the
 * break-glass account.
 */
export const createUserRequestSchema = z.strictObject({
  name: nameField,
  email: emailField,
  password: passwordField.optional(),
  role: roleSchema,
}).superRefine(passwordNotEmail("password"));
export type CreateUserRequest = z.infer<typeof createUserRequestSchema>;

export const updateUserRequestSchema = z
  .strictObject({
    role: roleSchema.optional(),
    disabled: z.boolean().optional(),
    name: nameField.optional(),
  })
  .refine((v) => v.role !== undefined || v.disabled !== undefined || v.name !== undefined, {
    error: "Send at least one of role, disabled or name.",
  });
export type UpdateUserRequest = z.infer<typeof updateUserRequestSchema>;

export const userSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: roleSchema,
  disabled: z.boolean(),
  createdAt: z.iso.datetime(),
});
export type User = z.infer<typeof userSchema>;

export const meSchema = z.object({
  kind: z.enum(["user", "token"]),
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  role: roleSchema.nullable(),
});
export type Me = z.infer<typeof meSchema>;

export const idParamsSchema = z.object({ id: z.string().min(1).max(100) });
