-- AlterTable
ALTER TABLE "saved_check" ADD COLUMN     "engines" TEXT[] DEFAULT ARRAY['chromium']::TEXT[];
