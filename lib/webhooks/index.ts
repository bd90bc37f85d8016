/**
 * The publish webhook: each publication is written to an outbox in the same
 * transaction (outbox.ts), with the body fixed then (payload.ts), and
 * delivered, signed and retried by the dispatcher (dispatcher.ts).
 */
export { defaultBackoffMs, WebhookDispatcher, type DispatcherOptions } from "./dispatcher";
export { enqueueDelivery, listDeliveries, retryDeliveryNow, type Delivery } from "./outbox";
export { publicationPayload, signatureOf, type PublishedArticle } from "./payload";
