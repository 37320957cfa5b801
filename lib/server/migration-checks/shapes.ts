import type { MigrationShape } from "@/lib/api/schemas/migration-check";

export interface ShapeRequest {
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly credentials: "omit" | "include";
}

/**
 * The fetch() each shape stands for (see MIGRATION_SHAPES). The JSON POST is
 * preflighted: application/json is not a CORS-safelisted Content-Type
 * (https://fetch.spec.whatwg.org/#cors-safelisted-request-header).
 */
export const SHAPE_REQUESTS: Readonly<Record<MigrationShape, ShapeRequest>> = {
  "simple-get": { method: "GET", headers: {}, credentials: "omit" },
  "json-post": { method: "POST", headers: { "Content-Type": "application/json" }, credentials: "omit" },
  "credentialed-get": { method: "GET", headers: {}, credentials: "include" },
};

export const SHAPE_LABELS: Readonly<Record<MigrationShape, string>> = {
  "simple-get": "Simple GET",
  "json-post": "JSON POST",
  "credentialed-get": "GET with credentials",
};
