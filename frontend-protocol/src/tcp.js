// Loaded only when a TCP transport is asked for; package.json maps this file to `false` for
// browser bundles, so `net` never reaches a browser.
import net from 'node:net';
import { TcpClientTransport } from 'rsocket-tcp-client';

export function tcpTransport({ host, port }) {
  return new TcpClientTransport({
    connectionOptions: { host, port },
    socketCreator: (options) => {
      const socket = net.connect(options);
      socket.setNoDelay(true);
      // rsocket-tcp-client stops listening for 'error' when it closes a connection; a reset that
      // arrives after that would be an uncaught exception and end the whole Node process.
      socket.on('error', () => {});
      return socket;
    },
  });
}
