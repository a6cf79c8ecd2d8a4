import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const web = fileURLToPath(new URL('.', import.meta.url));
const protocolSource = fileURLToPath(new URL('../../../frontend-protocol/src/', import.meta.url));
const empty = '\0centrik-empty';

/**
 * The protocol client is read from its source in frontend-protocol/src. Its bare imports
 * (rsocket-*, buffer) resolve from this package's node_modules, which pins the same versions,
 * so frontend-protocol needs no `npm ci` of its own; its Node-only parts (TCP, `ws`) become
 * empty modules, as its package.json `browser` field asks.
 */
function protocolClient(): Plugin {
  return {
    name: 'centrik-protocol-client',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (source === '@centrik/protocol') {
        return `${protocolSource}index.js`;
      }
      if (!importer || !importer.startsWith(protocolSource)) {
        return null;
      }
      if (source === 'ws' || source === './tcp.js') {
        return empty;
      }
      if (!source.startsWith('.') && !source.startsWith('/')) {
        return this.resolve(source, `${web}src/main.ts`, { skipSelf: true });
      }
      return null;
    },
    load(id) {
      return id === empty ? 'export default {}; export const tcpTransport = undefined;' : null;
    },
  };
}

export default defineConfig({
  plugins: [protocolClient()],
  build: {
    outDir: fileURLToPath(new URL('../../../target/classes/static', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: {
      '/api': 'http://localhost:8080',
      '/login': 'http://localhost:8080',
      '/logout': 'http://localhost:8080',
      '/rsocket': { target: 'ws://localhost:8080', ws: true },
    },
  },
});
