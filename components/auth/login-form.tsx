"use client";
import { useRouter, useSearchParams } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { Alert } from "@/components/ui/states";
import { authClient } from "@/lib/queries/auth-client";
import { safeNextPath } from "@/components/auth/safe-next";


export function LoginForm() {
  const router = useRouter();
  const search = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    if (!email || !password) {
      setError("Enter your email and password.");
      return;
    }
    setBusy(true);
    setError(null);
    const result = await authClient.signIn.email({ email, password });
    if (result.error) {
      // 429: too many attempts from this address (a few seconds) or for this account (up to 15 minutes; the server says how long).
      setError(result.error.status === 429 ? (result.error.message ?? "Too many attempts: wait a little and try again.") : "Wrong email or password.");
      setBusy(false);
      return;
    }
    // Only this origin is followed after sign-in (no open redirect).
    router.replace(safeNextPath(search.get("next"), window.location.origin));
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      {error ? <Alert tone="error">{error}</Alert> : null}
      <TextField label="Email" name="email" type="email" autoComplete="username" required />
      <TextField label="Password" name="password" type="password" autoComplete="current-password" required />
      <Button type="submit" busy={busy}>
        Sign in
      </Button>
    </form>
  );
}
