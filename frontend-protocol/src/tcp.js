// Loaded only when a TCP transport is asked for; package.json maps this file to `false` for
// browser bundles, so `net` never reaches a browser.
import { TcpClientTransport } from 'rsocket-tcp-client';

export function tcpTransport({ host, port }) {
  return new TcpClientTransport({ connectionOptions: { host, port } });
}
