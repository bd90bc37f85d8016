import net from "node:net";
import type { AddressInfo } from "node:net";

export interface FailoverProxy {
  port: number;
  close(): Promise<void>;
}

/**
 * What a load balancer does for the scale-out tests: every new connection
 * goes to the first backend that accepts it. When one dies its connections
 * drop, and the clients' reconnects land on the next.
 */
export async function startFailoverProxy(backendPorts: number[]): Promise<FailoverProxy> {
  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
  };
  const server = net.createServer((client) => {
    track(client);
    client.pause();
    const tryBackend = (index: number) => {
      if (index >= backendPorts.length) return void client.destroy();
      const backend = net.connect(backendPorts[index]!, "127.0.0.1");
      // Refused: the next backend. Once connected, an error ends this connection only.
      const next = () => tryBackend(index + 1);
      backend.once("error", next);
      backend.once("connect", () => {
        backend.off("error", next);
        track(backend);
        client.pipe(backend).pipe(client);
        client.on("close", () => backend.destroy());
        backend.on("close", () => client.destroy());
        client.resume();
      });
    };
    tryBackend(0);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
