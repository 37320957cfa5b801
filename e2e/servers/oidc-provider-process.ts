import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

export interface OidcProviderProcess {
  child: ChildProcess;
  /** http://127.0.0.1:<port the OS picked> */
  issuer: string;
  /** What the provider says about a login at its next sign-in: email, name and groups. */
  setUser(login: string, claims: { email: string; name: string; groups: string[] }): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The real OpenID Connect provider of the single sign-on tests
 * (oidc-provider.mjs, the `oidc-provider` package) as a child process, with
 * one confidential client; resolves once it listens.
 */
export function startOidcProvider(client: { id: string; secret: string }, redirectUris: string[]): Promise<OidcProviderProcess> {
  const script = path.resolve(process.cwd(), "e2e/servers/oidc-provider.mjs");
  const child = spawn(process.execPath, [script, client.id, client.secret, redirectUris.join(",")], { stdio: ["ignore", "pipe", "pipe"] });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
      const issuer = /OIDC_ISSUER=(\S+)/.exec(out)?.[1];
      if (!issuer) return;
      resolve({
        child,
        issuer,
        async setUser(login, claims) {
          const res = await fetch(`${issuer}/test/users/${encodeURIComponent(login)}`, { method: "PUT", body: JSON.stringify(claims) });
          if (res.status !== 204) throw new Error(`the OIDC provider answered ${res.status} to PUT /test/users/${login}`);
        },
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once("exit", () => done());
            child.kill("SIGTERM");
          }),
      });
    });
    child.stderr?.on("data", (d: Buffer) => (out += d.toString()));
    child.on("exit", (code) => reject(new Error(`the OIDC provider exited with ${code}:\n${out}`)));
  });
}
