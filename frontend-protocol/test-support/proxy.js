import net from 'node:net';

/**
 * A TCP proxy in front of a server, to cut a client's transport the way a network does:
 * `drop()` destroys every open connection; `down(ms)` also refuses new ones for a while.
 * Works for RSocket over TCP and over WebSocket alike.
 */
export async function startProxy({ host, port }) {
  const sockets = new Set();
  let refuseUntil = 0;
  let connections = 0;
  const server = net.createServer((client) => {
    if (Date.now() < refuseUntil) {
      client.destroy();
      return;
    }
    connections++;
    const upstream = net.connect({ host, port });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.setNoDelay(true);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {});
    }
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    host: '127.0.0.1',
    port: server.address().port,
    /** How many connections the proxy has accepted. */
    get connections() {
      return connections;
    },
    drop() {
      for (const socket of sockets) socket.destroy();
    },
    down(ms) {
      refuseUntil = Date.now() + ms;
      this.drop();
    },
    close() {
      this.drop();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
