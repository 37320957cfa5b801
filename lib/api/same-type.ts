/**
 * `true` when A and B are assignable both ways and have the same fields at
 * every depth (same fields, same types), else `false`:
 * `const linked: SameType<z.infer<typeof schema>, CoreType> = true` ties a zod
 * schema to the core type it describes at compile time.
 */
export type SameType<A, B> = [A] extends [B] ? ([B] extends [A] ? SameFields<A, B> : false) : false;

/** Whether A and B have the same fields at every depth (FieldPaths), whatever their types. */
type SameFields<A, B> = [FieldPaths<A>] extends [FieldPaths<B>] ? ([FieldPaths<B>] extends [FieldPaths<A>] ? true : false) : false;

type Leaf = string | number | boolean | bigint | symbol | null | undefined;

/**
 * T with `readonly` on every property and array at every depth: core types
 * are readonly, zod's inferred types are mutable, and that difference alone
 * breaks assignability from the core's type to the schema's.
 */
export type DeepReadonly<T> = T extends Leaf ? T : T extends readonly (infer E)[] ? readonly DeepReadonly<E>[] : { readonly [K in keyof T]: DeepReadonly<T[K]> };

/**
 * Every field of T at every depth, as a path ("preflight.request.url"; an
 * array's elements are "[]", a record's keys `${string}`); optional or not,
 * nullable or not.
 */
export type FieldPaths<T, P extends string = ""> = T extends Leaf
  ? never
  : T extends readonly (infer E)[]
    ? FieldPaths<E, `${P}[]`>
    : { [K in keyof T & string]-?: PathTo<P, K> | FieldPaths<T[K], PathTo<P, K>> }[keyof T & string];

type PathTo<P extends string, K extends string> = P extends "" ? K : `${P}.${K}`;

/**
 * `true` when the schema type Doc describes the core type Core: the same
 * fields at every depth, both ways (a field added to either one alone gives
 * `false`), and every value of Core a valid Doc, `readonly` aside. Doc may be
 * wider in its values only — a string where Core has a union of codes, a
 * field optional where Core always sets it — as a schema that also reads
 * documents stored by older versions must be.
 * `const linked: Describes<z.infer<typeof schema>, CoreType> = true`.
 */
export type Describes<Doc, Core> = [DeepReadonly<Core>] extends [DeepReadonly<Doc>] ? SameFields<Doc, Core> : false;
