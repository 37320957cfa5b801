// The IP range table lives in the core (lib/cors/address-class.ts), shared
// with the lints' host classification (lib/cors/host-kind.ts).
export * from "@/lib/cors/address-class";
