import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { StackTable } from "@/components/ui/stack-table";
import { getDb } from "@/lib/db/client";
import { can } from "@/lib/policy";
import { listUsers } from "@/lib/users";
import { requireActor } from "../../../_lib/current-user";
import { AddUserForm } from "./add-user-form-client";
import { UserRow } from "./user-row-client";

export const metadata: Metadata = { title: "Users" };

/** /admin/users – the people in this newsroom; admins only, everyone else gets the 403 page. */
export default async function UsersPage() {
  const { user, actor } = await requireActor("/admin/users");
  if (!can(actor, "user:manage")) forbidden();
  const users = await listUsers(await getDb());
  const activeCount = users.filter((u) => !u.isDisabled).length;

  return (
    <div className="stack-lg">
      <PageHeader title="Users">
        {users.length} {users.length === 1 ? "person" : "people"}, {activeCount} active. Every change is recorded in the
        audit log.
      </PageHeader>

      <AddUserForm />

      <section aria-labelledby="people-heading" className="stack">
        <h2 id="people-heading">People</h2>
        <StackTable
          className="users-table"
          labelledBy="people-heading"
          columns={["Name", "Email", "Role", "Status", { label: "Actions", align: "end" }]}
        >
          {users.map((row) => (
            <UserRow
              key={row.id}
              user={{ id: row.id, name: row.name, email: row.email, role: row.role, isDisabled: row.isDisabled }}
              isSelf={row.id === user.id}
            />
          ))}
        </StackTable>
      </section>
    </div>
  );
}
