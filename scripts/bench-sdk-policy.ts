// The policy of scripts/bench-sdk.ts: 49 exact origins and one wildcard, the
// usual methods and headers, credentials — what a real service might run.
export const BENCH_POLICY = {
  origins: [
    ...Array.from({ length: 49 }, (_, i) => ({ value: `https://app-${i}.small.example.com`, expiresAt: null })),
    { value: "https://*.preview.small.example.com", expiresAt: null },
  ],
  allowCredentials: true,
  allowedMethods: ["PUT", "PATCH", "DELETE"],
  allowedHeaders: ["content-type", "authorization"],
  reflectRequestHeaders: false,
  exposedHeaders: ["x-request-id"],
  maxAgeSeconds: 600,
  noOrigin: "allow" as const,
  allowPrivateNetwork: false,
};

/** The wildcard entry for the `cors` package (which takes RegExps). */
export const PREVIEW_PATTERN = /^https:\/\/[a-z0-9-]+\.preview\.small\.example\.com$/;
