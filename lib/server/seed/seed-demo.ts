import { prisma } from "@/lib/server/db/client";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { draftContent } from "@/lib/server/policies/draft-content";
import { contentHash } from "@/lib/server/policies/content-hash";

const SEED_MARKER = "seed.demo";

interface DemoEnvironment {
  slug: string;
  name: string;
  protected: boolean;
  baseUrls: string[];
  origins: { value: string; note?: string }[];
  allowCredentials: boolean;
}

/** A realistic small service: the storefront's API with its three environments. */
const DEMO: { slug: string; name: string; description: string; environments: DemoEnvironment[] } = {
  slug: "storefront-api",
  name: "storefront-api",
  description: "Public API of the web shop: catalogue, cart and checkout.",
  environments: [
    {
      slug: "dev",
      name: "dev",
      protected: false,
      baseUrls: ["http://localhost:4000"],
      allowCredentials: true,
      origins: [
        { value: "http://localhost:5173", note: "Vite dev server" },
        { value: "http://localhost:3000", note: "Next.js dev server" },
        { value: "https://*.preview.storefront.example", note: "Preview deployments" },
      ],
    },
    {
      slug: "staging",
      name: "staging",
      protected: false,
      baseUrls: ["https://api.staging.storefront.example"],
      allowCredentials: true,
      origins: [
        { value: "https://staging.storefront.example" },
        { value: "https://admin.staging.storefront.example", note: "Back office" },
      ],
    },
    {
      slug: "prod",
      name: "prod",
      protected: true,
      baseUrls: ["https://api.storefront.example"],
      allowCredentials: true,
      origins: [
        { value: "https://www.storefront.example" },
        { value: "https://storefront.example" },
        { value: "https://admin.storefront.example", note: "Back office" },
      ],
    },
  ],
};

/**
 * On the very first start, create the demo project with a published first
 * version per environment, so a new user sees something real at once. A
 * marker makes it happen once: deleting the demo later doesn't bring it back.
 */
export async function seedDemo(): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(72707373)`;
    if (await tx.appSetting.findUnique({ where: { key: SEED_MARKER } })) return false;
    await tx.appSetting.create({ data: { key: SEED_MARKER, value: new Date().toISOString() } });
    if ((await tx.project.count()) > 0) return false;

    const project = await tx.project.create({
      data: { slug: DEMO.slug, name: DEMO.name, description: DEMO.description },
    });
    for (const [position, env] of DEMO.environments.entries()) {
      const environment = await tx.environment.create({
        data: { projectId: project.id, slug: env.slug, name: env.name, position, protected: env.protected, baseUrls: env.baseUrls },
      });
      const draft = await tx.policyDraft.create({
        data: {
          environmentId: environment.id,
          allowCredentials: env.allowCredentials,
          allowedMethods: ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"],
          allowedHeaders: ["Content-Type", "Authorization"],
          exposedHeaders: ["X-Request-Id"],
          maxAgeSeconds: 600,
          origins: { create: env.origins.map((o, i) => ({ value: o.value, position: i, note: o.note ?? null, createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)) })) },
        },
        include: { origins: true },
      });
      const content = draftContent(draft);
      await tx.policyVersion.create({
        data: { environmentId: environment.id, number: 1, content, contentHash: contentHash(content), originCount: content.origins.length, message: "Demo policy", authorLabel: "system" },
      });
    }
    await recordAudit(tx, "system", { action: "seed.demo", targetType: "project", targetId: project.id, projectId: project.id, after: { slug: DEMO.slug } });
    return true;
  });
}
