// rsocket-js calls the global `Buffer` of Node. Browsers have none, so the bundler resolves
// 'buffer' to the npm package of that name; Node resolves it to its own built-in module.
import { Buffer } from 'buffer';

if (typeof globalThis.Buffer === 'undefined') {
  globalThis.Buffer = Buffer;
}
