/** The window event the collab session fires when the server says an article's status, review or sharing changed. */
export const articleChangedEventName = "galley:article-changed";
