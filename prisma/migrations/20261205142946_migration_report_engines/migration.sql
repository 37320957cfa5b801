-- AlterTable
ALTER TABLE "migration_report" ADD COLUMN     "engines" TEXT[] DEFAULT ARRAY['chromium']::TEXT[];
