import type { User } from "@/lib/api/schemas/user";

interface UserRow {
  id: string;
  name: string;
  email: string;
  role: User["role"];
  disabledAt: Date | null;
  createdAt: Date;
}

export function toUserDto(row: UserRow): User {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    disabled: row.disabledAt !== null,
    createdAt: row.createdAt.toISOString(),
  };
}
