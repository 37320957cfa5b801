import type { Prisma } from "./generated/client";

/**
 * The client a `prisma.$transaction(async (tx) => …)` callback receives. Domain
 * operations that must join a caller's transaction take a `Tx` parameter.
 */
export type Tx = Prisma.TransactionClient;
