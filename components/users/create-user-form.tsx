"use client";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { SelectField } from "@/components/ui/select-field";
import { Alert } from "@/components/ui/states";
import { createUserRequestSchema } from "@/lib/api/schemas/user";
import { PASSWORD_RULE } from "@/lib/api/schemas/password";
import { initialPasswordRule, type SignInSettings } from "@/lib/api/schemas/initial-password";
import { ApiError } from "@/lib/queries/api-fetch";
import { useCreateUser } from "@/lib/queries/users";

const ROLE_OPTIONS = [
  { value: "viewer", label: "Viewer — sees everything, changes nothing" },
  { value: "editor", label: "Editor — edits and publishes unprotected environments" },
  { value: "admin", label: "Admin — everything, including users and tokens" },
];

/** `sso.name` names the provider in the form's texts; the rule itself is initialPasswordRule's, as on the server. */
export function CreateUserForm({ sso }: { sso: (NonNullable<SignInSettings["sso"]> & { name: string }) | null }) {
  const create = useCreateUser();
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [created, setCreated] = useState<string | null>(null);
  const [email, setEmail] = useState("");
  const rule = initialPasswordRule({ sso }, email);
  const passwordField = rule === "refused" ? "hidden" : rule;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formEl = event.currentTarget;
    const form = new FormData(formEl);
    const parsed = createUserRequestSchema.safeParse({
      name: form.get("name"),
      email: form.get("email"),
      // An empty optional field means "no password", not an invalid one.
      password: passwordField === "hidden" || (passwordField === "optional" && form.get("password") === "") ? undefined : form.get("password"),
      role: form.get("role"),
    });
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
      return;
    }
    setErrors({});
    try {
      const { user } = await create.mutateAsync(parsed.data);
      setCreated(
        parsed.data.password === undefined
          ? `${user.email} can now sign in with ${sso?.name ?? "single sign-on"} as ${user.role}: the account is linked at their first sign-in.`
          : `${user.email} can now sign in as ${user.role}. Share the password with them privately, or send them a reset link (below) so only they know it.`,
      );
      formEl.reset();
      setEmail("");
    } catch (error) {
      if (error instanceof ApiError) {
        setErrors({ form: error.message, email: error.fieldError("body.email"), password: error.fieldError("body.password"), name: error.fieldError("body.name") });
      } else setErrors({ form: "The account could not be created." });
    }
  }

  return (
    <form onSubmit={onSubmit} className="grid gap-4 md:grid-cols-2" noValidate aria-label="Create user">
      {errors.form ? <div className="md:col-span-2"><Alert tone="error">{errors.form}</Alert></div> : null}
      {created ? <div className="md:col-span-2"><Alert tone="success">{created}</Alert></div> : null}
      <TextField label="Name" name="name" required error={errors.name} />
      <TextField label="Email" name="email" type="email" required error={errors.email} value={email} onChange={(e) => setEmail(e.currentTarget.value)} />
      {passwordField === "hidden" ? (
        <div className="flex flex-col justify-end gap-1 text-sm text-slate-600">
          <p>No password: passwords are turned off here, so they sign in with {sso?.name}. Their account is linked by email at the first sign-in.</p>
          {errors.password ? <p className="text-xs text-red-700" role="alert">{errors.password}</p> : null}
        </div>
      ) : (
        <TextField
          label={passwordField === "optional" ? "Initial password (optional)" : "Initial password"}
          name="password"
          type="password"
          autoComplete="new-password"
          required={passwordField === "required"}
          hint={passwordField === "optional" ? `Leave empty if they sign in with ${sso?.name}. ${PASSWORD_RULE}` : PASSWORD_RULE}
          error={errors.password}
        />
      )}
      <SelectField label="Role" name="role" defaultValue="viewer" options={ROLE_OPTIONS} error={errors.role} />
      <div className="md:col-span-2">
        <Button type="submit" busy={create.isPending}>
          Create user
        </Button>
      </div>
    </form>
  );
}
