-- AlterTable
ALTER TABLE "saved_check" ADD COLUMN     "sendActual" BOOLEAN NOT NULL DEFAULT false;
