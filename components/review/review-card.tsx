import Link from "next/link";
import { RelativeTime } from "@/components/ui/relative-time";
import type { ArticleStatus } from "@/lib/db/schema";
import type { Delivery } from "@/lib/webhooks";
import type { Signoff, WorkflowAction } from "@/lib/workflow";
import { ReviewLiveRefresh } from "./review-live-refresh";
import "./review.css";

export interface ReviewCardProps {
  articleId: string;
  status: ArticleStatus;
  signoffs: Signoff[];
  /** Numbers of the versions the sign-offs name. */
  versionNumbers: Record<string, number>;
  /** The sign-offs this person gives (their own, and their desks'). */
  ownSignoffIds: string[];
  allowed: WorkflowAction[];
  published: { number: number; at: string | null; by: string | null; hasUnpublishedChanges: boolean } | null;
  /** People who can give a sign-off, and the desks, for a submission. */
  signers: { email: string; name: string; role: string }[];
  desks: string[];
  step: (formData: FormData) => Promise<void>;
  /** The publish webhook's deliveries, for the desk (undefined for everyone else). */
  deliveries?: Delivery[];
  retry: (formData: FormData) => Promise<void>;
  message?: string;
  error?: string;
  /** Suggestions still open: publishing waits until each is accepted or rejected. */
  openSuggestions?: { id: string; what: string; by: string }[];
}

/** The steps that are one button each, in the order shown. */
const deskSteps: { action: WorkflowAction; label: string; tone: "primary" | "secondary" }[] = [
  { action: "publish", label: "Publish", tone: "primary" },
  { action: "reopen", label: "Reopen as draft", tone: "secondary" },
  { action: "archive", label: "Archive", tone: "secondary" },
];

const messages: Record<string, string> = {
  submitted: "Sent for review: everyone who owes a sign-off can see it now.",
  approved: "Your approval is recorded against the version you approved.",
  "changes-requested": "Changes requested: the authors see your note.",
  published: "Published: the published version stays as it is until the next publication.",
  archived: "Archived.",
  retrying: "The delivery is being tried again now.",
  reopened: "Reopened as a draft.",
};

function SignoffState({ signoff, articleId, versionNumbers }: { signoff: Signoff; articleId: string; versionNumbers: Record<string, number> }) {
  const approval = signoff.approval;
  if (!approval) return <span className="signoff__state signoff__state--waiting">Waiting</span>;
  const version = versionNumbers[approval.versionId];
  const by = signoff.kind === "desk" ? ` by ${approval.reviewer.name}` : "";
  if (approval.decision === "changes_requested") {
    return (
      <span className="signoff__state signoff__state--changes">
        Changes requested{by}, <RelativeTime iso={approval.at} />
        {approval.note && <q className="signoff__note">{approval.note}</q>}
      </span>
    );
  }
  if (approval.stale) {
    return (
      <span className="signoff__state signoff__state--stale">
        Approved an earlier version (version {version}){by}.{" "}
        <Link href={`/articles/${articleId}/history?from=${approval.versionId}&to=current`}>Show changes since approval</Link>
      </span>
    );
  }
  return (
    <span className="signoff__state signoff__state--approved">
      Approved version {version}
      {by}, <RelativeTime iso={approval.at} />
      {approval.note && <q className="signoff__note">{approval.note}</q>}
    </span>
  );
}

/** Each publication's webhook delivery, newest first: delivered, pending, or failing with the last error and "Retry now". */
function Deliveries({ articleId, deliveries, retry }: { articleId: string; deliveries: Delivery[]; retry: (formData: FormData) => Promise<void> }) {
  return (
    <ul className="deliveries" aria-label="Webhook deliveries">
      {deliveries.map((delivery) => (
        <li key={delivery.id} className={`delivery delivery--${delivery.state}`}>
          <span>
            Version {delivery.version} to the website:{" "}
            {delivery.state === "delivered" && delivery.deliveredAt ? (
              <>
                delivered <RelativeTime iso={delivery.deliveredAt} />
              </>
            ) : delivery.state === "pending" ? (
              "sending…"
            ) : (
              <>
                failing after {delivery.attempts} {delivery.attempts === 1 ? "attempt" : "attempts"} ({delivery.lastError}); next try{" "}
                {delivery.nextAttemptAt && <RelativeTime iso={delivery.nextAttemptAt} />}
              </>
            )}
          </span>
          {delivery.state !== "delivered" && (
            <form action={retry}>
              <input type="hidden" name="articleId" value={articleId} />
              <input type="hidden" name="deliveryId" value={delivery.id} />
              <button type="submit" className="button button-secondary button-small">
                Retry now
              </button>
            </form>
          )}
        </li>
      ))}
    </ul>
  );
}

/**
 * The article's review, server-rendered beside the editor: who must sign it
 * off and who did (which version), what is published, and the next steps
 * this person may take, as plain forms: nothing here adds to the editor's
 * first load but the small live refresh.
 */
export function ReviewCard(props: ReviewCardProps) {
  const { articleId, allowed, step } = props;
  const ownStale = props.signoffs.some((s) => props.ownSignoffIds.includes(s.id) && s.approval?.decision === "approved" && s.approval.stale);
  const hidden = (action?: WorkflowAction) => (
    <>
      <input type="hidden" name="articleId" value={articleId} />
      {action && <input type="hidden" name="action" value={action} />}
    </>
  );
  const submitLabel = props.status === "published" ? "Submit corrections for review" : props.status === "changes_requested" ? "Submit again" : "Submit for review";
  return (
    <section className="card stack review-card" aria-labelledby="review-heading">
      <ReviewLiveRefresh articleId={articleId} />
      <h2 id="review-heading">Review</h2>
      {props.message && messages[props.message] && (
        <p role="status" className="form-message form-message-success">
          {messages[props.message]}
        </p>
      )}
      {props.error && (
        <p role="alert" className="form-message form-message-error">
          {props.error}
        </p>
      )}
      {props.published && (
        <p className="review-card__published">
          Published version {props.published.number}
          {props.published.at && (
            <>
              , <RelativeTime iso={props.published.at} />
            </>
          )}
          {props.published.by && ` by ${props.published.by}`}
          {props.published.hasUnpublishedChanges && <strong> · unpublished changes</strong>}
        </p>
      )}
      {props.openSuggestions && props.openSuggestions.length > 0 && (
        <div className="review-card__suggestions">
          <h3 id="open-suggestions-heading">
            {props.openSuggestions.length === 1 ? "1 open suggestion" : `${props.openSuggestions.length} open suggestions`}
          </h3>
          <p className="muted">Each is accepted or rejected before the article is published (Suggestions, above the text).</p>
          <ul aria-labelledby="open-suggestions-heading">
            {props.openSuggestions.map((suggestion) => (
              <li key={suggestion.id}>
                {suggestion.what} <span className="muted">· {suggestion.by}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {props.deliveries && props.deliveries.length > 0 && <Deliveries articleId={articleId} deliveries={props.deliveries} retry={props.retry} />}
      {props.signoffs.length === 0 ? (
        <p className="muted">No sign-offs asked for yet.</p>
      ) : (
        <ul className="signoffs" aria-label="Sign-offs">
          {props.signoffs.map((signoff) => (
            <li key={signoff.id} className="signoff">
              <span className="signoff__name">{signoff.kind === "desk" ? `${signoff.name} desk` : signoff.name}</span>
              <SignoffState signoff={signoff} articleId={articleId} versionNumbers={props.versionNumbers} />
            </li>
          ))}
        </ul>
      )}

      {allowed.includes("submit") && (
        <form action={step} className="stack review-card__form">
          {hidden("submit")}
          {props.signers.length > 0 && (
            <fieldset className="review-card__choices review-card__choices--people">
              <legend>Reviewers</legend>
              {props.signers.map((person) => (
                <label key={person.email} className="review-card__choice">
                  <input type="checkbox" name="reviewers" value={person.email} /> {person.name} <span className="muted">({person.role})</span>
                </label>
              ))}
            </fieldset>
          )}
          {props.desks.length > 0 && (
            <fieldset className="review-card__choices">
              <legend>Desks</legend>
              {props.desks.map((desk) => (
                <label key={desk} className="review-card__choice">
                  <input type="checkbox" name="desks" value={desk} /> {desk}
                </label>
              ))}
            </fieldset>
          )}
          <div className="field">
            <label htmlFor="review-submit-note">Note for the reviewers</label>
            <textarea id="review-submit-note" name="note" rows={2} maxLength={4000} />
          </div>
          <div>
            <button type="submit" className="button button-primary">
              {submitLabel}
            </button>
          </div>
        </form>
      )}

      {(allowed.includes("approve") || allowed.includes("request_changes")) && (
        <form action={step} className="stack review-card__form">
          {hidden()}
          <div className="field">
            <label htmlFor="review-note">Note</label>
            <textarea id="review-note" name="note" rows={2} maxLength={4000} />
          </div>
          <div className="review-card__buttons">
            {allowed.includes("approve") && (
              <button type="submit" name="action" value="approve" className="button button-primary">
                {ownStale ? "Approve again" : "Approve"}
              </button>
            )}
            {allowed.includes("request_changes") && (
              <button type="submit" name="action" value="request_changes" className="button button-secondary">
                Request changes
              </button>
            )}
          </div>
        </form>
      )}

      {deskSteps.some(({ action }) => allowed.includes(action)) && (
        <div className="review-card__buttons">
          {deskSteps
            .filter(({ action }) => allowed.includes(action))
            .map(({ action, label, tone }) => (
              <form key={action} action={step}>
                {hidden(action)}
                <button type="submit" className={`button button-${tone}`}>
                  {label}
                </button>
              </form>
            ))}
        </div>
      )}
    </section>
  );
}
