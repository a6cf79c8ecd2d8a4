// The offline check-in queue, against a fake send: what it keeps, what it retries, and that a
// retry carries the same client id and scan time. No server needed.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CheckInQueue, ProtocolError, checkInRoute, memoryStorage } from '../src/index.js';

describe('CheckInQueue', () => {
  test('keeps a check-in while offline and sends it later with the same client id and scan time', async () => {
    const storage = memoryStorage();
    const sent = [];
    let online = false;
    const send = async (eventId, request) => {
      sent.push({ eventId, ...request });
      if (!online) throw new ProtocolError('connection', 'offline');
      return { participation: { participationId: 1 }, created: true };
    };
    const queue = new CheckInQueue({ send, storage, backoff: { initialMs: 60000 } });
    const scannedAt = new Date('2026-11-22T18:30:00Z');
    const result = queue.checkIn(42, '123456', { scannedAt, clientId: 'c1' });
    await queue.flush();
    assert.equal(queue.pending().length, 1, 'kept while offline');

    // a new page (same storage) finds it
    assert.deepEqual(new CheckInQueue({ send, storage }).pending().map((entry) => entry.clientId), ['c1']);

    online = true;
    await queue.flush();
    queue.stop();
    assert.equal(queue.pending().length, 0);
    assert.ok(sent.length >= 2);
    assert.ok(sent.every((request) => request.clientId === 'c1' && request.scannedAt === scannedAt.toISOString()));
    assert.ok(sent.every((request) => typeof request.sentAt === 'string'));
    assert.deepEqual(await result, { participation: { participationId: 1 }, created: true });
  });

  test('a refusal ends the check-in and is reported; other entries still go', async () => {
    const settled = [];
    const send = async (eventId, request) => {
      if (request.code === 'bad') throw new ProtocolError('code_invalid', 'no');
      return { created: true };
    };
    const queue = new CheckInQueue({ send, storage: memoryStorage(), onSettled: (entry, outcome) => settled.push([entry.code, outcome.error?.code ?? 'ok']) });
    await assert.rejects(queue.checkIn(1, 'bad', { clientId: 'a' }), (error) => error.code === 'code_invalid');
    await queue.checkIn(1, 'good', { clientId: 'b' });
    assert.deepEqual(settled, [['bad', 'code_invalid'], ['good', 'ok']]);
    assert.equal(queue.pending().length, 0);
  });

  test('a check-in queued while another is being sent goes right after it, without another trigger', async () => {
    const sent = [];
    const answers = [];
    const send = (eventId, request) => {
      sent.push(request.clientId);
      return new Promise((resolve) => answers.push(() => resolve({ created: true, clientId: request.clientId })));
    };
    // a backoff far longer than the test: only an immediate send can pass it
    const queue = new CheckInQueue({ send, storage: memoryStorage(), backoff: { initialMs: 600000 } });
    const first = queue.checkIn(1, '111111', { clientId: 'first' });
    assert.deepEqual(sent, ['first'], 'the first is in flight');
    const second = queue.checkIn(2, '222222', { clientId: 'second' });
    assert.deepEqual(sent, ['first'], 'one at a time');
    answers.shift()();
    assert.equal((await first).clientId, 'first');
    await waitFor(() => sent.length === 2, 'the second check-in was not sent after the first');
    assert.deepEqual(sent, ['first', 'second']);
    answers.shift()();
    assert.equal((await second).clientId, 'second');

    // and one queued by the caller as soon as the previous one settled
    const third = queue.checkIn(3, '333333', { clientId: 'third' });
    await waitFor(() => sent.length === 3, 'the third check-in was not sent');
    answers.shift()();
    await third;
    const fourth = queue.checkIn(4, '444444', { clientId: 'fourth' });
    await waitFor(() => sent.length === 4, 'the fourth check-in, queued right after the third settled, was not sent');
    answers.shift()();
    await fourth;
    queue.stop();
    assert.equal(queue.pending().length, 0);
  });

  test('the route is declared and checks its id', () => {
    assert.equal(checkInRoute(42), 'attendance.42.check-in');
    assert.throws(() => checkInRoute(0), TypeError);
  });
});

async function waitFor(condition, message) {
  for (let i = 0; i < 100 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.ok(condition(), message);
}
