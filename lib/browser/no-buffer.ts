/**
 * What a browser bundle gets for Node's `buffer` (next.config.ts): nothing.
 * The only user in the editor's bundle is lib0 (Yjs's toolkit), whose
 * base64 helpers reach for Buffer only under Node and use btoa/atob in a
 * browser; the bundler's Buffer polyfill it would otherwise bring costs
 * 7 kB of the editor route's first-load JavaScript.
 */
export const Buffer = undefined;
