"use client";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { Alert } from "@/components/ui/states";
import { passwordProblem, PASSWORD_RULE } from "@/lib/api/schemas/password";
import { ApiError, apiFetch } from "@/lib/queries/api-fetch";

/** Choose a new password with a one-time link an admin issued. */
export function ResetPasswordForm({ token, email }: { token: string; email: string }) {
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get("password") ?? "");
    if (password !== form.get("confirm")) return setErrors({ confirm: "The two passwords differ." });
    const problem = passwordProblem(password, email);
    if (problem) return setErrors({ password: problem });
    setErrors({});
    setBusy(true);
    try {
      await apiFetch(`/api/v1/password-resets/${encodeURIComponent(token)}`, { method: "POST", body: { password } });
      setDone(true);
    } catch (error) {
      if (error instanceof ApiError) {
        const field = error.fieldError("body.password");
        setErrors(field ? { password: field } : { form: error.message });
      } else setErrors({ form: "The password could not be set." });
    } finally {
      setBusy(false);
    }
  }

  if (done) {
    return (
      <div className="flex flex-col gap-4">
        <Alert tone="success">Your password is set. Every session of {email} was signed out.</Alert>
        <Link href="/login" className="text-sm font-medium text-indigo-700 underline">
          Sign in
        </Link>
      </div>
    );
  }
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate aria-label="Choose a new password">
      {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <TextField label="New password" name="password" type="password" autoComplete="new-password" required hint={PASSWORD_RULE} error={errors.password} />
      <TextField label="New password again" name="confirm" type="password" autoComplete="new-password" required error={errors.confirm} />
      <Button type="submit" busy={busy}>
        Set password
      </Button>
    </form>
  );
}
