/**
 * Dispatched on window when an open article connection hears that this user
 * has a new notification (collab message type 9), so the header's inbox and
 * /inbox follow on any article page. A separate module: the header must not
 * pull the editor's Yjs code into every page.
 */
export const notificationEventName = "galley:notification";
