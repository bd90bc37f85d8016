export { describeSuggestion } from "@/lib/suggestions/describe";

/** The API's suggestion JSON (lib/suggestions/repository.ts suggestionJson), as the panel reads it. */
export interface SuggestionJson {
  id: string;
  author: { id: string; name: string };
  createdAt: string;
  field: "headline" | "standfirst" | "body";
  kind: "insert" | "delete" | "replace";
  inserted: string;
  deleted: string;
  state: "open" | "accepted" | "rejected" | "withdrawn";
  orphaned: boolean;
  resolvedBy: { id: string; name: string } | null;
  resolvedAt: string | null;
  replies: { id: string; author: { id: string; name: string }; body: string; createdAt: string }[];
}

async function call<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, { ...init, headers: { "content-type": "application/json", ...init?.headers } });
  const body = (await response.json().catch(() => ({}))) as T & { message?: string };
  if (!response.ok) throw new Error(body.message ?? `The server answered ${response.status}.`);
  return body;
}

export const fetchSuggestions = (articleId: string) =>
  call<{ suggestions: SuggestionJson[] }>(`/api/articles/${encodeURIComponent(articleId)}/suggestions`).then((body) => body.suggestions);

export const resolveSuggestion = (articleId: string, id: string, action: "accept" | "reject" | "withdraw") =>
  call<{ suggestion: SuggestionJson }>(`/api/suggestions/${encodeURIComponent(id)}/${action}`, { method: "POST", body: JSON.stringify({ articleId }) });

export const resolveAll = (articleId: string, action: "accept" | "reject") =>
  call<{ suggestions: SuggestionJson[] }>(`/api/articles/${encodeURIComponent(articleId)}/suggestions`, { method: "POST", body: JSON.stringify({ action }) });

export const replyTo = (articleId: string, id: string, body: string) =>
  call<{ suggestion: SuggestionJson }>(`/api/suggestions/${encodeURIComponent(id)}/replies`, { method: "POST", body: JSON.stringify({ articleId, body }) });
