/**
 * `true` when A and B are assignable both ways and have the same keys (same
 * fields, same types), else `false`:
 * `const linked: SameType<z.infer<typeof schema>, CoreType> = true` ties a zod
 * schema to the core type it describes at compile time.
 */
export type SameType<A, B> = [A] extends [B] ? ([B] extends [A] ? ([keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false) : false) : false;
