"use client";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { Alert } from "@/components/ui/states";
import { changePasswordRequestSchema, PASSWORD_RULE } from "@/lib/api/schemas/password";
import { ApiError } from "@/lib/queries/api-fetch";
import { useChangePassword } from "@/lib/queries/account";

export function ChangePasswordForm() {
  const change = useChangePassword();
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [done, setDone] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formEl = event.currentTarget;
    const form = new FormData(formEl);
    setDone(null);
    if (form.get("newPassword") !== form.get("confirm")) {
      setErrors({ confirm: "The two new passwords differ." });
      return;
    }
    const parsed = changePasswordRequestSchema.safeParse({ currentPassword: form.get("currentPassword"), newPassword: form.get("newPassword") });
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
      return;
    }
    setErrors({});
    try {
      const { signedOutSessions } = await change.mutateAsync(parsed.data);
      setDone(`Your password is changed.${signedOutSessions > 0 ? ` ${signedOutSessions} other session${signedOutSessions === 1 ? " was" : "s were"} signed out.` : ""}`);
      formEl.reset();
    } catch (error) {
      if (error instanceof ApiError) {
        const currentPassword = error.fieldError("body.currentPassword");
        const newPassword = error.fieldError("body.newPassword");
        setErrors({ currentPassword, newPassword, form: currentPassword || newPassword ? undefined : error.message });
      } else setErrors({ form: "The password could not be changed." });
    }
  }

  return (
    <form onSubmit={onSubmit} className="flex max-w-md flex-col gap-4" noValidate aria-label="Change password">
      {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
      {done ? <Alert tone="success">{done}</Alert> : null}
      <TextField label="Current password" name="currentPassword" type="password" autoComplete="current-password" required error={errors.currentPassword} />
      <TextField label="New password" name="newPassword" type="password" autoComplete="new-password" required hint={PASSWORD_RULE} error={errors.newPassword} />
      <TextField label="New password again" name="confirm" type="password" autoComplete="new-password" required error={errors.confirm} />
      <div>
        <Button type="submit" busy={change.isPending}>
          Change password
        </Button>
      </div>
      <p className="text-xs text-slate-600">Changing it signs you out everywhere else; this browser stays signed in.</p>
    </form>
  );
}
