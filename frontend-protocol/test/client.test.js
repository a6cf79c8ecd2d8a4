// The client's own behaviour (resume, de-duplication, resync, errors, flow control), against an
// in-process fake of the server's live core. Runs everywhere, no server needed.
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ProtocolError, applyMessage, connect, routes } from '../src/index.js';
import { startFakeServer } from '../test-support/fake-server.js';
import { startProxy } from '../test-support/proxy.js';
import { eventually, sleep, strictlyIncreasing, watch } from '../test-support/watch.js';

const FAST = { backoff: { initialMs: 20, maxMs: 200 } };

describe('client against a fake server', () => {
  let server;
  let proxy;
  let client;
  let ticker;

  before(async () => {
    server = await startFakeServer({ events: [42, 43] });
  });
  after(() => server.close());

  beforeEach(async () => {
    proxy = await startProxy({ host: server.host, port: server.port });
    client = await connect({ tcp: { host: proxy.host, port: proxy.port }, ...FAST });
  });
  afterEach(async () => {
    clearInterval(ticker);
    client.close();
    await proxy.close();
  });

  const checkInEvery = (ms, eventId = 42) => {
    ticker = setInterval(() => server.checkIn(eventId, { gap: 1 + Math.floor(Math.random() * 3) }), ms);
  };

  /** The changes the server logged for a topic with a sequence in (from, to]. */
  const logged = (topic, from, to) =>
    server.log.filter((e) => e.topic === topic && e.sequence > from && e.sequence <= to).map((e) => e.sequence);

  test('delivers the snapshot first, then changes in sequence order', async () => {
    server.checkIn(42);
    const w = watch();
    const sub = client.attendanceStream(42, w.options);
    await w.until(() => w.messages.length >= 1, 2000, 'snapshot');
    server.checkIn(42);
    server.checkIn(42, { gap: 5 });
    await w.until(() => w.messages.length >= 3, 2000, 'two changes');
    assert.equal(w.messages[0].kind, 'snapshot');
    assert.equal(w.messages[0].reason, 'initial');
    assert.equal(w.messages[0].topic, 'attendance.42');
    assert.ok(strictlyIncreasing(w.messages.map((m) => m.sequence)));
    assert.equal(sub.lastSequence, w.messages.at(-1).sequence);
    assert.deepEqual(w.statuses.map((s) => s.status), ['connecting', 'live']);
    assert.equal(server.requests.at(-1).route, 'attendance.42.stream');
    assert.deepEqual(server.requests.at(-1).data, {});
    assert.equal(w.failure, null);
  });

  test('sends since when given one and starts from the replayed changes', async () => {
    const first = server.checkIn(42);
    const second = server.checkIn(42);
    const w = watch();
    client.attendanceStream(42, { ...w.options, since: first.sequence });
    await w.until(() => w.messages.length >= 1, 2000, 'replayed change');
    assert.deepEqual(server.requests.at(-1).data, { since: first.sequence });
    assert.equal(w.messages[0].kind, 'change');
    assert.equal(w.messages[0].sequence, second.sequence);
  });

  test('resumes after the transport drops: nothing lost, nothing twice', async () => {
    const w = watch();
    const sub = client.attendanceStream(42, w.options);
    checkInEvery(5);
    await w.until(() => w.sequences().length >= 20, 5000, '20 changes');
    proxy.drop();
    await w.until(() => w.statuses.some((s) => s.status === 'reconnecting'), 2000, 'reconnecting');
    await w.until(() => w.statuses.at(-1).status === 'live' && w.sequences().length >= 60, 5000, '60 changes after the drop');
    proxy.down(300);
    await sleep(100);
    await w.until(() => w.statuses.at(-1).status === 'live' && w.sequences().length >= 120, 5000, '120 changes after an outage');
    clearInterval(ticker);

    const snapshot = w.messages[0];
    const delivered = w.sequences();
    assert.equal(snapshot.kind, 'snapshot');
    assert.equal(w.messages.filter((m) => m.kind === 'snapshot').length, 1);
    assert.deepEqual(delivered, logged('attendance.42', snapshot.sequence, delivered.at(-1)));
    assert.ok(proxy.connections >= 3, `expected new connections, saw ${proxy.connections}`);
    assert.ok(server.requests.filter((r) => r.data?.since !== undefined).length >= 2, 'resubscribed with since');
    assert.equal(sub.droppedDuplicates, 0);
    assert.equal(w.failure, null);
  });

  test('resubscribes from the last sequence when the server says resync', async () => {
    const w = watch();
    client.attendanceStream(42, w.options);
    await w.until(() => w.messages.length >= 1, 2000, 'snapshot');
    server.checkIn(42);
    server.checkIn(42);
    await w.until(() => w.messages.length >= 3, 2000, 'two changes');
    const last = w.messages.at(-1).sequence;
    server.forceResync('attendance.42');
    await eventually(() => server.requests.some((r) => r.data?.since === last), 2000, 'a request with since = last');
    server.checkIn(42);
    await w.until(() => w.messages.length >= 4, 2000, 'a change after the resync');
    assert.ok(w.messages.every((m) => m.kind !== 'resync'), 'resync is handled, not delivered');
    assert.ok(w.statuses.some((s) => s.status === 'reconnecting' && s.detail.cause.code === 'resync'));
    assert.ok(strictlyIncreasing(w.messages.map((m) => m.sequence)));
  });

  test('a slow reader that overflows the server buffer still sees every change once', async () => {
    const w = watch();
    // A window of 8 against a burst of 150 changes: the server's buffer (64) overflows.
    const sub = client.attendanceStream(43, { ...w.options, window: 8 });
    await w.until(() => w.messages.length >= 1, 2000, 'snapshot');
    for (let i = 0; i < 150; i++) server.checkIn(43);
    await w.until(() => w.sequences().length >= 150, 5000, '150 changes');
    const snapshotSequence = w.messages[0].sequence;
    assert.ok(w.statuses.some((s) => s.detail?.cause?.code === 'resync'), 'the server asked to resync');
    assert.deepEqual(w.sequences(), logged('attendance.43', snapshotSequence, Infinity));
    assert.equal(sub.droppedDuplicates, 0);
  });

  test('drops a change it has already delivered when a server replays one too many', async () => {
    const w = watch();
    const sub = client.attendanceStream(42, w.options);
    await w.until(() => w.messages.length >= 1, 2000, 'snapshot');
    server.checkIn(42);
    await w.until(() => w.messages.length >= 2, 2000, 'a change');
    server.replayInclusive(true);
    try {
      proxy.drop();
      await w.until(() => w.statuses.at(-1).status === 'live' && w.statuses.length > 2, 2000, 'live again');
      await eventually(() => sub.droppedDuplicates === 1, 2000, 'a dropped duplicate');
      server.checkIn(42);
      await w.until(() => w.messages.length >= 3, 2000, 'the next change');
      assert.ok(strictlyIncreasing(w.messages.map((m) => m.sequence)));
    } finally {
      server.replayInclusive(false);
    }
  });

  test('delivers a snapshot when the position is unknown, and resets to it', async () => {
    const w = watch();
    const sub = client.attendanceStream(42, { ...w.options, since: server.head + 1000 });
    await w.until(() => w.messages.length >= 1, 2000, 'snapshot');
    assert.equal(w.messages[0].kind, 'snapshot');
    assert.equal(w.messages[0].reason, 'unknown_position');
    assert.equal(sub.lastSequence, server.head);
  });

  test('not_found ends the subscription with a ProtocolError and no retry', async () => {
    const w = watch();
    const before = server.requests.length;
    const sub = client.attendanceStream(404, w.options);
    await w.until(() => w.errors.length === 1, 2000, 'an error');
    await sleep(150);
    assert.ok(w.errors[0] instanceof ProtocolError);
    assert.equal(w.errors[0].code, 'not_found');
    assert.equal(w.errors[0].retryable, false);
    assert.equal(sub.status, 'closed');
    assert.equal(server.requests.length - before, 1, 'not retried');
  });

  test('an unknown route ends with unknown_route', async () => {
    const w = watch();
    client.subscribe('attendance.stream', w.options);
    await w.until(() => w.errors.length === 1, 2000, 'an error');
    assert.equal(w.errors[0].code, 'unknown_route');
  });

  test('internal is retried, then the stream goes on', async () => {
    server.failNext('attendance.42.stream', 'internal');
    const w = watch();
    client.attendanceStream(42, w.options);
    await w.until(() => w.messages.length >= 1, 2000, 'snapshot after a retry');
    assert.equal(w.errors.length, 0);
    assert.ok(w.statuses.some((s) => s.status === 'reconnecting' && s.detail.cause.code === 'internal'));
  });

  test('keeps request-n sane: a small window is replenished as messages are processed', async () => {
    const w = watch();
    client.attendanceStream(42, { ...w.options, window: 4 });
    await w.until(() => w.messages.length >= 1, 2000, 'snapshot');
    for (let i = 0; i < 40; i++) server.checkIn(42);
    await w.until(() => w.sequences().length >= 40, 3000, '40 changes through a window of 4');
  });

  test('sends the bearer token in SETUP and in every request', async () => {
    const tokenClient = await connect({ tcp: { host: server.host, port: server.port }, token: () => 't0ken' });
    try {
      const w = watch();
      tokenClient.attendanceStream(42, w.options);
      await w.until(() => w.messages.length >= 1, 2000, 'snapshot');
      assert.equal(server.setups.at(-1).metadata.token, 't0ken');
      assert.equal(server.setups.at(-1).metadata.authType, 'bearer');
      assert.equal(server.requests.at(-1).token, 't0ken');
    } finally {
      tokenClient.close();
    }
  });

  for (const code of ['unauthenticated', 'token_invalid', 'token_revoked', 'token_expired']) {
    test(`a SETUP refused with ${code} ends the subscription with that code, without retrying`, async () => {
      server.refuseSetups((token) => (token === 'refused' ? code : null));
      const tokenClient = await connect({ tcp: { host: server.host, port: server.port }, token: 'refused', ...FAST });
      try {
        const w = watch();
        const sub = tokenClient.attendanceStream(42, w.options);
        await w.until(() => w.errors.length === 1, 2000, 'an error');
        const setups = server.setups.length;
        await sleep(300);
        assert.ok(w.errors[0] instanceof ProtocolError);
        assert.equal(w.errors[0].code, code);
        assert.equal(w.errors[0].detail, 'refused on purpose');
        assert.equal(w.errors[0].retryable, false);
        assert.equal(sub.status, 'closed');
        assert.ok(!w.statuses.some((s) => s.status === 'reconnecting'), 'not retried');
        assert.equal(server.setups.length, setups, 'no SETUP after the refusal');
      } finally {
        server.refuseSetups();
        tokenClient.close();
      }
    });
  }

  test('a SETUP refused with token_expired is retried with a fresh token when the token is a function', async () => {
    const tokens = ['expired', 'fresh'];
    const asked = [];
    const tokenClient = await connect({
      tcp: { host: server.host, port: server.port },
      token: async () => {
        const token = tokens.length > 1 ? tokens.shift() : tokens[0];
        asked.push(token);
        return token;
      },
      ...FAST,
    });
    server.refuseSetups((token) => (token === 'expired' ? 'token_expired' : null));
    try {
      const w = watch();
      tokenClient.attendanceStream(42, w.options);
      await w.until(() => w.messages.length >= 1, 2000, 'snapshot under a fresh token');
      assert.equal(w.errors.length, 0);
      assert.ok(w.statuses.some((s) => s.status === 'reconnecting' && s.detail.cause.code === 'token_expired'));
      assert.equal(server.setups.at(-1).metadata.token, 'fresh');
      assert.equal(server.requests.at(-1).token, 'fresh');
      assert.equal(asked[0], 'expired');
    } finally {
      server.refuseSetups();
      tokenClient.close();
    }
  });

  test('a stream ended with token_expired resumes from its last sequence under a new token from the function', async () => {
    let n = 0;
    const tokenClient = await connect({ tcp: { host: server.host, port: server.port }, token: () => `token-${++n}`, ...FAST });
    try {
      server.checkIn(42);
      const w = watch();
      const sub = tokenClient.attendanceStream(42, w.options);
      await w.until(() => w.messages.length >= 1, 2000, 'snapshot');
      const last = sub.lastSequence;
      const before = server.requests.length;
      // The next request, the resubscription after the drop, is ended with token_expired.
      server.failNext('attendance.42.stream', 'token_expired');
      tokenClient.reconnect();
      const expired = () => w.statuses.findIndex((s) => s.status === 'reconnecting' && s.detail.cause.code === 'token_expired');
      await w.until(() => expired() >= 0 && w.statuses.slice(expired()).some((s) => s.status === 'live'), 2000, 'token_expired, then live again');
      await eventually(() => server.requests.length >= before + 2, 2000, 'the request after token_expired');
      const [refused, renewed] = server.requests.slice(before, before + 2);
      assert.equal(renewed.data.since, last, 'resumed from the last sequence');
      assert.notEqual(renewed.token, refused.token, 'under a new token from the function');
      assert.equal(w.errors.length, 0);
    } finally {
      tokenClient.close();
    }
  });

  for (const code of ['token_expired', 'token_revoked', 'forbidden']) {
    test(`a stream ended with ${code} is not retried under a token that cannot change`, async () => {
      const tokenClient = await connect({ tcp: { host: server.host, port: server.port }, token: 'a-string', ...FAST });
      try {
        server.failNext('attendance.42.stream', code);
        const before = server.requests.length;
        const w = watch();
        const sub = tokenClient.attendanceStream(42, w.options);
        await w.until(() => w.errors.length === 1, 2000, 'an error');
        await sleep(150);
        assert.equal(w.errors[0].code, code);
        assert.equal(sub.status, 'closed');
        assert.equal(server.requests.length - before, 1, 'not retried');
      } finally {
        tokenClient.close();
      }
    });
  }

  test('close() cancels every subscription and stops reconnecting', async () => {
    const w = watch();
    const sub = client.attendanceStream(42, w.options);
    await w.until(() => w.messages.length >= 1, 2000, 'snapshot');
    client.close();
    await sleep(100);
    assert.equal(sub.status, 'closed');
    assert.equal(server.subscriberCount('attendance.42'), 0);
    assert.throws(() => client.attendanceStream(42, {}), /closed/);
  });

  test('reconnect() moves every subscription to a new transport', async () => {
    const w = watch();
    client.attendanceStream(42, w.options);
    await w.until(() => w.messages.length >= 1, 2000, 'snapshot');
    const connections = proxy.connections;
    client.reconnect();
    await w.until(() => w.statuses.at(-1).status === 'live' && w.statuses.length > 2, 2000, 'live again');
    assert.equal(proxy.connections, connections + 1);
  });
});

describe('client without a server', () => {
  test('connect() rejects when nothing listens', async () => {
    await assert.rejects(connect({ tcp: { host: '127.0.0.1', port: 1 } }), (e) => e.code === 'connection');
  });

  test('route functions refuse ids that are not positive integers', () => {
    assert.equal(routes.attendance(42), 'attendance.42.stream');
    assert.equal(routes.matrix(7, 2025), 'matrix.7.2025.stream');
    assert.equal(routes.upcomingEvents(7), 'events.upcoming.7.stream');
    assert.equal(routes.card(314), 'cards.314.stream');
    for (const bad of [0, -1, 1.5, 'x', null, undefined, Number.MAX_SAFE_INTEGER + 2]) {
      assert.throws(() => routes.attendance(bad), TypeError);
    }
    assert.throws(() => routes.matrix(7, 25), TypeError);
  });

  test('applyMessage replaces on snapshot and upserts changes by key', () => {
    const participant = (participationId, status) => ({ participationId, status });
    let state = applyMessage(new Map(), {
      kind: 'snapshot',
      topic: 'attendance.42',
      sequence: 10,
      data: { participants: [participant(1, 'present'), participant(2, 'present')] },
    });
    state = applyMessage(state, { kind: 'change', topic: 'attendance.42', sequence: 11, data: participant(2, 'removed') });
    state = applyMessage(state, { kind: 'change', topic: 'attendance.42', sequence: 12, data: participant(3, 'present') });
    assert.deepEqual([...state.values()], [participant(1, 'present'), participant(2, 'removed'), participant(3, 'present')]);
    const matrix = applyMessage(new Map(), { kind: 'snapshot', topic: 'matrix.7.2025', sequence: 1, data: { requests: [{ id: 5 }] } });
    assert.deepEqual([...matrix.keys()], [5]);
  });

  test('applyMessage keys my events by event id and drops one that is no longer listed', () => {
    const mine = (id, listed) => ({ event: { id }, mine: { listed } });
    let state = applyMessage(new Map(), { kind: 'snapshot', topic: 'events.mine.12', sequence: 1, data: { userId: 12, events: [mine(4, true)] } });
    state = applyMessage(state, { kind: 'change', topic: 'events.mine.12', sequence: 2, type: 'event.published', data: mine(9, true) });
    assert.deepEqual([...state.keys()], [4, 9]);
    state = applyMessage(state, { kind: 'change', topic: 'events.mine.12', sequence: 3, type: 'event.changed', data: mine(4, false) });
    assert.deepEqual([...state.keys()], [9]);
    assert.equal(routes.myEvents(), 'events.mine.stream');
  });
});
