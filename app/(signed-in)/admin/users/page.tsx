import type { Metadata } from "next";
import { forbidden } from "next/navigation";
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
      <div className="page-header">
        <div>
          <h1>Users</h1>
          <p className="muted">
            {users.length} {users.length === 1 ? "person" : "people"}, {activeCount} active. Every change is recorded in
            the audit log.
          </p>
        </div>
      </div>

      <AddUserForm />

      <section aria-labelledby="people-heading" className="stack">
        <h2 id="people-heading">People</h2>
        <div className="table-wrap">
          <table className="table table-stack table-labelled users-table" aria-labelledby="people-heading">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Status</th>
                <th scope="col" className="align-end">
                  Actions
                </th>
              </tr>
            </thead>
            <tbody>
              {users.map((row) => (
                <UserRow
                  key={row.id}
                  user={{ id: row.id, name: row.name, email: row.email, role: row.role, isDisabled: row.isDisabled }}
                  isSelf={row.id === user.id}
                />
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
