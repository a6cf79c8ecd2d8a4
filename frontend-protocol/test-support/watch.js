import { assertValid } from './schemas.js';
import { summary } from './raw.js';

/**
 * Options for a client stream function that record what the subscription delivers, validate
 * every message against schemas/live-message.json, and let a test wait for a condition.
 */
export function watch() {
  const messages = [];
  const statuses = [];
  const errors = [];
  const waiters = new Set();
  let failure = null;

  const settle = () => {
    for (const waiter of [...waiters]) {
      if (failure) {
        waiters.delete(waiter);
        waiter.reject(failure);
      } else if (waiter.predicate()) {
        waiters.delete(waiter);
        waiter.resolve();
      }
    }
  };

  return {
    messages,
    statuses,
    errors,
    get failure() {
      return failure;
    },
    options: {
      onMessage(message) {
        try {
          assertValid('live-message.json', message);
        } catch (error) {
          failure ??= error;
        }
        messages.push(message);
        settle();
      },
      onStatus(status, detail) {
        statuses.push({ status, detail });
        settle();
      },
      onError(error) {
        errors.push(error);
        settle();
      },
    },
    /** Resolves once `predicate()` holds; rejects on timeout or on an invalid message. */
    until(predicate, timeoutMs, what = 'the expected condition') {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no ${what} within ${timeoutMs} ms; delivered: ${summary(messages)}; statuses: ${statuses.map((s) => s.status).join(' ')}`));
        }, timeoutMs);
        const waiter = {
          predicate,
          resolve: () => (clearTimeout(timer), resolve()),
          reject: (e) => (clearTimeout(timer), reject(e)),
        };
        waiters.add(waiter);
        settle();
      });
    },
    sequences(kind = 'change') {
      return messages.filter((m) => m.kind === kind).map((m) => m.sequence);
    },
  };
}

/** Fails unless `sequences` increase strictly. */
export function strictlyIncreasing(sequences) {
  return sequences.every((s, i) => i === 0 || s > sequences[i - 1]);
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `predicate` until it holds, for conditions no callback announces (e.g. server state). */
export async function eventually(predicate, timeoutMs, what = 'the expected condition') {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`no ${what} within ${timeoutMs} ms`);
    await sleep(10);
  }
}
