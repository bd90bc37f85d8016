import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/lib/db/client";
import { can } from "@/lib/policy";
import { listDesks, listSigners } from "@/lib/workflow";
import { requireActor } from "../../../_lib/current-user";
import { addDeskMemberAction, createDeskAction, removeDeskMemberAction } from "./actions";
import "./desks.css";

export const metadata: Metadata = { title: "Desks" };

type Props = { searchParams: Promise<{ done?: string | string[]; error?: string | string[] }> };

/**
 * /admin/desks – the groups that sign articles off (Legal, Copy, Standards…):
 * a desk's sign-off is given by any one of its members. Administrators only.
 */
export default async function DesksPage({ searchParams }: Props) {
  const { actor } = await requireActor("/admin/desks");
  if (!can(actor, "desk:manage")) forbidden();
  const { done, error } = await searchParams;
  const db = await getDb();
  const [desks, signers] = await Promise.all([
    listDesks(db),
    listSigners(db),
  ]);

  return (
    <div className="stack-lg">
      <PageHeader title="Desks">
        A desk signs articles off as a group: when a writer asks for its sign-off, any one of its members gives it. Every
        change is recorded in the audit log.
      </PageHeader>
      {typeof done === "string" && (
        <p role="status" className="form-message form-message-success">
          {done}
        </p>
      )}
      {typeof error === "string" && (
        <p role="alert" className="form-message form-message-error">
          {error}
        </p>
      )}

      <section className="card stack" aria-labelledby="new-desk-heading">
        <h2 id="new-desk-heading">New desk</h2>
        <form action={createDeskAction} className="desk-form">
          <div className="field">
            <label htmlFor="desk-name">Name</label>
            <input id="desk-name" name="name" type="text" required maxLength={60} placeholder="Legal" />
          </div>
          <button type="submit" className="button button-primary">
            Create desk
          </button>
        </form>
      </section>

      {desks.length === 0 ? (
        <div className="empty-state">
          <h2>No desks yet</h2>
          <p>Create one above (Legal, Copy, Standards…), then put the reviewers and editors who sign off for it on it.</p>
        </div>
      ) : (
        desks.map((desk) => (
          <section key={desk.id} className="card stack" aria-labelledby={`desk-${desk.id}`}>
            <h2 id={`desk-${desk.id}`}>{desk.name}</h2>
            {desk.members.length === 0 ? (
              <p className="muted">Nobody is on this desk yet: its sign-off cannot be given until someone is.</p>
            ) : (
              <ul className="desk-members" aria-label={`${desk.name} members`}>
                {desk.members.map((member) => (
                  <li key={member.id}>
                    <span>
                      {member.name} <span className="muted">({member.email}, {member.role})</span>
                    </span>
                    <form action={removeDeskMemberAction}>
                      <input type="hidden" name="desk" value={desk.name} />
                      <input type="hidden" name="email" value={member.email} />
                      <button type="submit" className="button button-quiet button-small" aria-label={`Remove ${member.name} from ${desk.name}`}>
                        Remove
                      </button>
                    </form>
                  </li>
                ))}
              </ul>
            )}
            <form action={addDeskMemberAction} className="desk-form">
              <input type="hidden" name="desk" value={desk.name} />
              <div className="field">
                <label htmlFor={`add-${desk.id}`}>Add to {desk.name}</label>
                <select id={`add-${desk.id}`} name="email" required defaultValue="">
                  <option value="" disabled>
                    Choose a reviewer or editor
                  </option>
                  {signers
                    .filter((person) => !desk.members.some((m) => m.email === person.email))
                    .map((person) => (
                      <option key={person.email} value={person.email}>
                        {person.name} ({person.role})
                      </option>
                    ))}
                </select>
              </div>
              <button type="submit" className="button button-secondary">
                Add
              </button>
            </form>
          </section>
        ))
      )}
    </div>
  );
}
