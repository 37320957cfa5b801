"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { Alert } from "@/components/ui/states";
import { setupRequestSchema } from "@/lib/api/schemas/user";
import { ApiError, apiFetch } from "@/lib/queries/api-fetch";
import { authClient } from "@/lib/queries/auth-client";

type Fields = "name" | "email" | "password" | "setupCode";

/**
 * First run: create the first admin, then sign straight in. From another
 * machine than the server's (`codeRequired`), the one-time code printed in
 * the server's log is asked for too.
 */
export function SetupForm({ codeRequired }: { codeRequired: boolean }) {
  const router = useRouter();
  const [errors, setErrors] = useState<Partial<Record<Fields | "form", string>>>({});
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = {
      name: String(form.get("name") ?? ""),
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      ...(codeRequired ? { setupCode: String(form.get("setupCode") ?? "") } : {}),
    };
    // Same schema as the server: the messages match whichever side catches the mistake.
    const parsed = setupRequestSchema.safeParse(input);
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await apiFetch("/api/setup", { method: "POST", body: parsed.data });
      const signIn = await authClient.signIn.email({ email: parsed.data.email, password: parsed.data.password });
      if (signIn.error) throw new Error(signIn.error.message ?? "Sign-in failed.");
      router.replace("/");
      router.refresh();
    } catch (error) {
      if (error instanceof ApiError) {
        setErrors({
          form: error.message,
          name: error.fieldError("body.name"),
          email: error.fieldError("body.email"),
          password: error.fieldError("body.password"),
          setupCode: error.fieldError("body.setupCode"),
        });
      } else {
        setErrors({ form: error instanceof Error ? error.message : "Setup failed." });
      }
      setBusy(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
      <TextField label="Your name" name="name" autoComplete="name" required error={errors.name} />
      <TextField label="Email" name="email" type="email" autoComplete="email" required error={errors.email} />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={8}
        hint="At least 8 characters."
        error={errors.password}
      />
      {codeRequired ? (
        <TextField
          label="Setup code"
          name="setupCode"
          autoComplete="off"
          required
          hint="You are not on the server's machine: enter the one-time code the server printed in its log at startup."
          error={errors.setupCode}
        />
      ) : null}
      <Button type="submit" busy={busy}>
        Create admin account
      </Button>
    </form>
  );
}
