/**
 * The article page opens its collab socket from a few bytes of inline script
 * while the editor's JavaScript is still downloading, and asks for the whole
 * document at once (sync step 1 with an empty state vector). The provider
 * adopts that socket when it starts (early-socket.ts) and finds the document
 * already there instead of opening a socket then, a round trip or two later.
 * Full page loads only: React never runs an inline script it renders itself.
 */

/** Where the inline script leaves the socket for the provider. */
export const earlySocketGlobal = "__galleyEarlySocket";

/** The query the provider's own socket URL carries (collab-session.ts); the adopted one must match it. */
export const collabQuery = { saved: "1", events: "1" } as const;

/** An early socket nobody adopted (the page failed to start, or was left) is closed after this long. */
const unadoptedCloseMs = 15_000;

/** The inline script for one article; safe in a <script> element (no "<" left unescaped). */
export function earlySocketScript(articleId: string): string {
  // The same URL the provider builds (room name as is, then the query): the two are matched as strings.
  const path = JSON.stringify(`/collab/${articleId}?${new URLSearchParams(collabQuery)}`);
  const source = `(function(){try{
var u=(location.protocol==="https:"?"wss://":"ws://")+location.host+${path};
var s=new WebSocket(u),e={url:u,socket:s,messages:[],close:null};
s.binaryType="arraybuffer";
s.onopen=function(){s.send(new Uint8Array([0,0,1,0]))};
s.onmessage=function(m){e.messages.push(m)};
s.onclose=function(c){e.close=c};
window.${earlySocketGlobal}=e;
setTimeout(function(){if(window.${earlySocketGlobal}===e){delete window.${earlySocketGlobal};s.close()}},${unadoptedCloseMs});
}catch(x){}})();`;
  return source.replace(/\n/g, "").replace(/</g, "\\u003c");
}
