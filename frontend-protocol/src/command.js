import { ProtocolError, toCommandError } from './errors.js';
import { jsonPayload, requestMetadata } from './metadata.js';

/**
 * One finite request-stream over the client's connection (e.g. `year-end.{n}.{y}.run`):
 * calls `onNext` with each parsed element and resolves with all of them once the server
 * completes; rejects with a {@link ProtocolError} (its `body` the server's error JSON).
 */
export async function requestStream(connection, route, data, token, onNext = () => {}) {
  const rsocket = await connection.acquire();
  const resolved = typeof token === 'function' ? await token() : token;
  return new Promise((resolve, reject) => {
    const received = [];
    rsocket.requestStream(jsonPayload(data, requestMetadata(route, resolved)), 2 ** 31 - 1, {
      onNext: (payload, isComplete) => {
        try {
          const element = JSON.parse(payload.data.toString('utf8'));
          received.push(element);
          onNext(element);
        } catch (cause) {
          reject(new ProtocolError('protocol_violation', 'an element is not JSON', { route, cause }));
        }
        if (isComplete) resolve(received);
      },
      onError: (error) => reject(toCommandError(error, route)),
      onComplete: () => resolve(received),
      onExtension: () => {},
    });
  });
}
