#!/usr/bin/env node
// A real OpenID Connect provider for the single sign-on tests: the npm
// package `oidc-provider` (the certified implementation), on loopback, on a
// port the OS picks. Its own login page (devInteractions) signs in whoever
// types a login; consent is granted for the one client. Users' claims
// (email, name, groups) come from a table the test sets through
// PUT /test/users/<login> (JSON claims), so a user's groups can change
// between two sign-ins.
//
// Usage: node e2e/servers/oidc-provider.mjs <client id> <client secret> <redirect uri>[,<redirect uri>…]
// Prints one line `OIDC_ISSUER=<url>` once it listens; SIGTERM stops it.
import http from "node:http";
import Provider from "oidc-provider";

const [clientId, clientSecret, redirectUris] = process.argv.slice(2);
if (!clientId || !clientSecret || !redirectUris) {
  console.error("usage: oidc-provider.mjs <client id> <client secret> <redirect uri>[,…]");
  process.exit(2);
}

/** login → claims; a login nobody set gets an email of its own and no groups. */
const users = new Map();
const claimsOf = (login) => users.get(login) ?? { email: login.includes("@") ? login : `${login}@idp.test`, name: login, groups: [] };

const server = http.createServer();
server.listen(0, "127.0.0.1", () => {
  const { port } = /** @type {import("node:net").AddressInfo} */ (server.address());
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: redirectUris.split(","), grant_types: ["authorization_code"], response_types: ["code"] }],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"], groups: ["groups"] },
    scopes: ["openid", "email", "profile", "groups"],
    // Claims go in the ID token too (with conformIdTokenClaims they would only be at the userinfo endpoint).
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
    cookies: { keys: ["corsboard-e2e-oidc-cookie-key"] },
    async findAccount(_ctx, id) {
      return {
        accountId: id,
        async claims() {
          const c = claimsOf(id);
          return { sub: id, email: c.email, email_verified: true, name: c.name, groups: c.groups };
        },
      };
    },
    // The one client is first-party: its consent is granted without a screen.
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope("openid email profile groups");
      grant.addOIDCClaims(["email", "email_verified", "name", "groups"]);
      await grant.save();
      return grant;
    },
  });
  const handle = provider.callback();
  server.on("request", (req, res) => {
    const match = /^\/test\/users\/([^/]+)$/.exec(req.url ?? "");
    if (match && req.method === "PUT") {
      let body = "";
      req.on("data", (d) => (body += d));
      req.on("end", () => {
        users.set(decodeURIComponent(match[1]), JSON.parse(body));
        res.writeHead(204).end();
      });
      return;
    }
    handle(req, res);
  });
  console.log(`OIDC_ISSUER=${issuer}`);
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.close(() => process.exit(0)));
