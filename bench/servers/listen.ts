import type http from "node:http";

/**
 * Listens on loopback with a deep accept backlog (the idle scenario opens
 * thousands at once): on BENCH_PORT when the bench restarts a server and its
 * clients' URLs must stay valid, else on an ephemeral port.
 */
export function listenLoopback(server: http.Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen({ port: Number(process.env.BENCH_PORT ?? 0), host: "127.0.0.1", backlog: 4096 }, () => {
      const address = server.address();
      resolve(typeof address === "object" && address ? address.port : 0);
    });
  });
}
