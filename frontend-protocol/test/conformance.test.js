// Conformance of a LIVE server to asyncapi.yaml and schemas/, over WebSocket and TCP.
//
//   CENTRIK_HTTP_URL=http://localhost:8080       WebSocket endpoint: the same host, path /rsocket
//   CENTRIK_RSOCKET_TCP=localhost:7000           RSocket over TCP
//   CENTRIK_LIVE_EVENT_ID=42                     an event that gets a real check-in every ~200–500 ms
//   CENTRIK_ACCESS_TOKEN=eyJ…                    a bearer token that may read every route of that event
//
// Without them the suite is skipped, saying so. The authentication tests take three more tokens
// and are skipped one by one, saying so, without them:
//
//   CENTRIK_EXPIRED_TOKEN    a token of this server that expired more than 30 s ago
//   CENTRIK_REVOKED_TOKEN    a token whose session was logged out
//   CENTRIK_TEACHER_TOKEN    a valid token of someone who may not see the event's attendance
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, routes } from '../src/index.js';
import { endOf, openRaw, rawStream } from '../test-support/raw.js';
import { assertValid } from '../test-support/schemas.js';
import { startProxy } from '../test-support/proxy.js';
import { sleep, strictlyIncreasing, watch } from '../test-support/watch.js';

const env = process.env;
const eventId = Number(env.CENTRIK_LIVE_EVENT_ID);
const missing = ['CENTRIK_LIVE_EVENT_ID', 'CENTRIK_HTTP_URL', 'CENTRIK_RSOCKET_TCP', 'CENTRIK_ACCESS_TOKEN'].filter((name) => !env[name]);
const token = env.CENTRIK_ACCESS_TOKEN;
const skipped = missing.length > 0 && `no live server: set ${missing.join(', ')} to run the conformance suite (see README.md)`;

// Check-ins come every 200–500 ms: this is ample for a handful of them.
const CHANGES_WITHIN = 20_000;
const UNKNOWN_ID = Number.MAX_SAFE_INTEGER;

function transports() {
  const list = [];
  if (env.CENTRIK_HTTP_URL) {
    const http = new URL(env.CENTRIK_HTTP_URL);
    const url = `${http.protocol === 'https:' ? 'wss' : 'ws'}://${http.host}/rsocket`;
    list.push({
      name: `WebSocket ${url}`,
      target: { kind: 'ws', url },
      client: { url, token },
      upstream: http.protocol === 'http:' ? { host: http.hostname, port: Number(http.port || 80) } : null,
      viaProxy: (proxy) => ({ url: `ws://${proxy.host}:${proxy.port}/rsocket`, token }),
    });
  }
  if (env.CENTRIK_RSOCKET_TCP) {
    const [host, port] = hostAndPort(env.CENTRIK_RSOCKET_TCP);
    list.push({
      name: `TCP ${host}:${port}`,
      target: { kind: 'tcp', host, port },
      client: { tcp: { host, port }, token },
      upstream: { host, port },
      viaProxy: (proxy) => ({ tcp: { host: proxy.host, port: proxy.port }, token }),
    });
  }
  return list;
}

function hostAndPort(value) {
  const at = value.lastIndexOf(':');
  return [value.slice(0, at).replace(/^\[|\]$/g, ''), Number(value.slice(at + 1))];
}

const changes = (messages) => messages.filter((m) => m.kind === 'change');
const sequencesIn = (messages, from, to) =>
  changes(messages)
    .map((m) => m.sequence)
    .filter((s) => s > from && s <= to);

/**
 * A subscription that sees every change after the current head: a fresh subscription leaves
 * out changes its snapshot already holds, so the reference reads the head from a snapshot and
 * then follows the log from there with `since`.
 */
async function referenceStream(rsocket, route) {
  const probe = rawStream(rsocket, route, {});
  await probe.until((m) => m.length >= 1, 10_000, 'a snapshot to learn the head');
  probe.cancel();
  const from = probe.messages[0].sequence;
  return { from, stream: rawStream(rsocket, route, { since: from }) };
}

/** The school year (named by its starting year, 1 September) an instant falls in, in a time zone. */
function schoolYearOf(instant, timeZone) {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: 'numeric' }).formatToParts(new Date(instant));
  const year = Number(parts.find((p) => p.type === 'year').value);
  const month = Number(parts.find((p) => p.type === 'month').value);
  return month >= 9 ? year : year - 1;
}

/** Asserts a stream ended with an ERROR frame whose message is JSON of schemas/error.json with `code`. */
function assertErrorCode(outcome, code) {
  assert.equal(outcome.type, 'error', `expected an ERROR frame with code ${code}, the stream ended with ${outcome.type}`);
  assert.equal(outcome.error.code, 0x201, `expected APPLICATION_ERROR (0x201), got ${outcome.error.code}`);
  assert.ok(outcome.body, `the error message is not JSON: ${outcome.error.message}`);
  assertValid('error.json', outcome.body);
  assert.equal(outcome.body.code, code, `expected ${code}, got ${JSON.stringify(outcome.body)}`);
}

/** Asserts a connection was refused: REJECTED_SETUP whose message is JSON of schemas/error.json with `code`. */
function assertRejectedSetup(error, code) {
  assert.ok(error, `expected REJECTED_SETUP with code ${code}, the connection stayed open`);
  assert.equal(error.code, 0x003, `expected REJECTED_SETUP (0x003), got ${error.code}: ${error.message}`);
  const body = JSON.parse(error.message);
  assertValid('error.json', body);
  assert.equal(body.code, code, `expected ${code}, got ${JSON.stringify(body)}`);
}

/** The token with one character of its signature changed: well-formed, signed by nobody. */
function tampered(jwt) {
  const at = jwt.lastIndexOf('.') + 10;
  return jwt.slice(0, at) + (jwt[at] === 'A' ? 'B' : 'A') + jwt.slice(at + 1);
}

function within(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no ${what} within ${ms} ms`)), ms))),
  ]).finally(() => clearTimeout(timer));
}

/** Tokens the server refuses: what it is, the token, the code, and the variable that gives it. */
function refusedTokens() {
  return [
    { what: 'no token', token: undefined, code: 'unauthenticated' },
    { what: 'a tampered token', token: token && tampered(token), code: 'token_invalid' },
    { what: 'an expired token', token: env.CENTRIK_EXPIRED_TOKEN, code: 'token_expired', variable: 'CENTRIK_EXPIRED_TOKEN' },
    { what: 'a revoked token (logged out)', token: env.CENTRIK_REVOKED_TOKEN, code: 'token_revoked', variable: 'CENTRIK_REVOKED_TOKEN' },
  ];
}

const skipWithout = (variable) => (variable && !env[variable] ? `set ${variable} to run this test (see README.md)` : false);

if (skipped) {
  console.log(`conformance suite skipped: ${skipped}`);
  test('conformance of a live server', { skip: skipped }, () => {});
}

describe('conformance of a live server', () => {
  for (const transport of skipped ? [] : transports()) {
    describe(`over ${transport.name}`, { timeout: 120_000 }, () => {
      let rsocket;

      before(async () => {
        rsocket = await openRaw(transport.target, { token });
      });
      after(() => rsocket?.close());

      test('a subscription without since starts with a snapshot (initial), then strictly increasing changes', async () => {
        const stream = rawStream(rsocket, `attendance.${eventId}.stream`, {});
        try {
          await stream.until((m) => changes(m).length >= 3, CHANGES_WITHIN, 'snapshot and 3 changes');
          const [snapshot, ...rest] = stream.messages;
          assert.equal(snapshot.kind, 'snapshot');
          assert.equal(snapshot.reason, 'initial');
          assert.equal(snapshot.topic, `attendance.${eventId}`);
          assert.equal(snapshot.data.event.id, eventId);
          assert.ok(rest.every((m) => m.kind === 'change'), 'only changes follow the snapshot');
          assert.ok(rest.every((m) => m.data.eventId === eventId), 'changes are about this event');
          assert.ok(rest[0].sequence > snapshot.sequence, 'changes come after the snapshot');
          assert.ok(strictlyIncreasing(rest.map((m) => m.sequence)), 'sequences increase strictly');
        } finally {
          stream.cancel();
        }
      });

      test('every route answers with a valid snapshot of its own topic', async () => {
        const attendance = rawStream(rsocket, `attendance.${eventId}.stream`, {});
        await attendance.until((m) => changes(m).length >= 1, CHANGES_WITHIN, 'snapshot and a change');
        attendance.cancel();
        const { event } = attendance.messages[0].data;
        const teacherId = changes(attendance.messages)[0].data.teacherId;
        const schoolYear = schoolYearOf(event.startsAt, event.timeZone);
        const cases = [
          [`events.upcoming.${event.networkId}.stream`, `events.upcoming.${event.networkId}`, (d) => d.networkId === event.networkId],
          [`matrix.${event.networkId}.${schoolYear}.stream`, `matrix.${event.networkId}.${schoolYear}`, (d) => d.schoolYear === schoolYear],
          [`cards.${teacherId}.stream`, `cards.${teacherId}`, (d) => d.teacherId === teacherId && d.entries.some((e) => e.eventId === eventId)],
        ];
        for (const [route, topic, about] of cases) {
          const stream = rawStream(rsocket, route, {});
          try {
            await stream.until((m) => m.length >= 1, 10_000, `a snapshot on ${route}`);
            const [snapshot] = stream.messages;
            assert.equal(snapshot.kind, 'snapshot', route);
            assert.equal(snapshot.reason, 'initial', route);
            assert.equal(snapshot.topic, topic, route);
            assert.ok(about(snapshot.data), `${route}: the snapshot is not about ${topic}: ${JSON.stringify(snapshot.data).slice(0, 300)}`);
          } finally {
            stream.cancel();
          }
        }
      });

      test('resume: a subscriber that reconnects with since = L gets exactly the changes another one saw after L', async () => {
        const route = `attendance.${eventId}.stream`;
        const { stream: a } = await referenceStream(rsocket, route);
        let second;
        try {
          const first = await openRaw(transport.target, { token });
          const b = rawStream(first, route, {});
          await b.until((m) => changes(m).length >= 2, CHANGES_WITHIN, '2 changes on B');
          first.close();
          const last = b.messages.at(-1).sequence;

          await sleep(1500);
          second = await openRaw(transport.target, { token });
          const resumed = rawStream(second, route, { since: last });
          // Catch up with what A saw meanwhile, then 3 live changes more.
          await a.until((m) => m.length > 0 && m.at(-1).sequence > last, CHANGES_WITHIN, `A past ${last}`);
          const caughtUp = a.messages.at(-1).sequence;
          await resumed.until((m) => m.length > 0 && m.at(-1).sequence >= caughtUp, CHANGES_WITHIN, `B caught up with A (${caughtUp})`);
          const live = resumed.messages.length;
          await resumed.until((m) => m.length >= live + 3, CHANGES_WITHIN, '3 live changes after the replay');
          const upTo = resumed.messages.at(-1).sequence;
          await a.until((m) => m.at(-1).sequence >= upTo, 10_000, `A reached ${upTo}`);
          resumed.cancel();

          assert.equal(resumed.messages[0].kind, 'change', 'a resumed subscription starts with a change, not a snapshot');
          assert.ok(resumed.messages.every((m) => m.kind === 'change' && m.sequence > last), 'only changes after L');
          const all = resumed.messages.map((m) => m.sequence);
          assert.ok(strictlyIncreasing(all), `B's sequences increase strictly: ${all}`);
          assert.ok(strictlyIncreasing(a.messages.map((m) => m.sequence)), "A's sequences increase strictly");
          const replayed = all.filter((seq) => seq <= upTo);
          const expected = sequencesIn(a.messages, last, upTo);
          assert.ok(expected.length >= 4, `a meaningful range: ${expected.length} changes after ${last}`);
          assert.deepEqual(replayed, expected, `after L = ${last}, B saw exactly what A saw up to ${upTo}: none twice, none missing`);
        } finally {
          a.cancel();
          second?.close();
        }
      });

      test('the client resumes by itself after its transport is cut: none twice, none missing', async (t) => {
        const route = `attendance.${eventId}.stream`;
        const { stream: reference } = await referenceStream(rsocket, route);
        const proxy = transport.upstream ? await startProxy(transport.upstream) : null;
        const client = await connect({ ...(proxy ? transport.viaProxy(proxy) : transport.client), backoff: { initialMs: 100, maxMs: 1000 } });
        try {
          const w = watch();
          const sub = client.attendanceStream(eventId, w.options);
          await w.until(() => w.sequences().length >= 2, CHANGES_WITHIN, 'snapshot and 2 changes on the client');

          const cutAt = sub.lastSequence;
          if (proxy) {
            proxy.down(1500); // the network is gone for 1.5 s: changes pile up on the server
          } else {
            t.diagnostic('no plain TCP path to the server (TLS): cutting the transport with client.reconnect()');
            client.reconnect();
          }
          const cut = w.messages.length;
          await w.until(() => w.statuses.some((s, i) => s.status === 'reconnecting' && i > 1), 10_000, 'reconnecting');
          await w.until(() => w.statuses.at(-1).status === 'live' && w.messages.length >= cut + 5, CHANGES_WITHIN, '5 changes after the cut');
          const upTo = w.messages.at(-1).sequence;
          await reference.until((m) => m.length > 0 && m.at(-1).sequence >= upTo, 10_000, `the reference reached ${upTo}`);

          const delivered = w.sequences().filter((seq) => seq <= upTo);
          const seen = new Set(sequencesIn(reference.messages, 0, upTo));
          assert.equal(w.messages[0].kind, 'snapshot');
          assert.equal(w.messages.filter((m) => m.kind === 'snapshot').length, 1, 'no second snapshot: the client resumed');
          assert.equal(w.failure, null, String(w.failure));
          assert.ok(strictlyIncreasing(w.messages.map((m) => m.sequence)), 'delivered in order, none twice');
          assert.ok(delivered.every((seq) => seen.has(seq)), 'the client delivered only changes the log has');
          assert.deepEqual(
            delivered.filter((seq) => seq > cutAt),
            sequencesIn(reference.messages, cutAt, upTo),
            `after the cut at ${cutAt}, the client delivered exactly what the log has up to ${upTo}`,
          );
          if (proxy) assert.ok(proxy.connections >= 2, 'a new transport was opened');
        } finally {
          reference.cancel();
          client.close();
          await proxy?.close();
        }
      });

      test('since beyond anything the server wrote starts with a snapshot (unknown_position)', async () => {
        const stream = rawStream(rsocket, `attendance.${eventId}.stream`, { since: Number.MAX_SAFE_INTEGER });
        try {
          await stream.until((m) => m.length >= 1, 10_000, 'snapshot');
          assert.equal(stream.messages[0].kind, 'snapshot');
          assert.equal(stream.messages[0].reason, 'unknown_position');
        } finally {
          stream.cancel();
        }
      });

      test('an unknown event id ends with not_found', async () => {
        assertErrorCode(await endOf(rawStream(rsocket, `attendance.${UNKNOWN_ID}.stream`, {}), 10_000), 'not_found');
      });

      test('unknown network and teacher ids end with not_found', async () => {
        for (const route of [`events.upcoming.${UNKNOWN_ID}.stream`, `matrix.${UNKNOWN_ID}.2025.stream`, `cards.${UNKNOWN_ID}.stream`]) {
          const outcome = await endOf(rawStream(rsocket, route, {}), 10_000);
          assert.doesNotThrow(() => assertErrorCode(outcome, 'not_found'), route);
        }
      });

      test('the client reports not_found as an error with a code and does not retry', async () => {
        const client = await connect(transport.client);
        try {
          const w = watch();
          const sub = client.attendanceStream(UNKNOWN_ID, w.options);
          await w.until(() => w.errors.length > 0, 10_000, 'an error');
          assert.equal(w.errors[0].code, 'not_found');
          assert.equal(sub.status, 'closed');
          assert.ok(!w.statuses.some((s) => s.status === 'reconnecting'), 'not retried');
        } finally {
          client.close();
        }
      });

      test('since: -1 ends with bad_input', async () => {
        assertErrorCode(await endOf(rawStream(rsocket, `attendance.${eventId}.stream`, { since: -1 }), 10_000), 'bad_input');
      });

      for (const since of ['abc', 1.5, true]) {
        test(`since: ${JSON.stringify(since)} (not an integer) ends with bad_input`, async () => {
          const stream = rawStream(rsocket, `attendance.${eventId}.stream`, { since });
          const outcome = await endOf(stream, 5000).catch(() => ({
            type: `a live stream (${stream.messages.length} messages): the server took since ${JSON.stringify(since)} for an integer`,
          }));
          stream.cancel();
          assertErrorCode(outcome, 'bad_input');
        });
      }

      test('request data that is not JSON ends with bad_input', async () => {
        assertErrorCode(await endOf(rawStream(rsocket, `attendance.${eventId}.stream`, 'not json'), 10_000), 'bad_input');
      });

      test('an undeclared route ends with an error (unknown_route when coded)', async () => {
        const outcome = await endOf(rawStream(rsocket, 'attendance.stream', {}), 10_000);
        assert.equal(outcome.type, 'error', 'an undeclared route must end with an ERROR frame');
        if (outcome.body && typeof outcome.body.code === 'string') {
          assertValid('error.json', outcome.body);
          assert.equal(outcome.body.code, 'unknown_route');
        }
      });

      for (const refused of refusedTokens()) {
        test(`a SETUP with ${refused.what} is rejected: REJECTED_SETUP ${refused.code}`, { skip: skipWithout(refused.variable) }, async () => {
          const connection = await openRaw(transport.target, { token: refused.token });
          const stream = rawStream(connection, `attendance.${eventId}.stream`, {});
          try {
            assertRejectedSetup(await within(connection.closed, 10_000, 'REJECTED_SETUP'), refused.code);
            const outcome = await endOf(stream, 10_000);
            assert.equal(outcome.type, 'error', 'a request on a refused connection fails');
            assert.equal(stream.messages.length, 0, 'nothing is streamed on a refused connection');
          } finally {
            stream.cancel();
            connection.close();
          }
        });

        test(`the client reports ${refused.what} at SETUP as ${refused.code} and does not retry`, { skip: skipWithout(refused.variable) }, async () => {
          const client = await connect({ ...transport.client, token: refused.token, backoff: { initialMs: 50, maxMs: 200 } });
          try {
            const w = watch();
            const sub = client.attendanceStream(eventId, w.options);
            await w.until(() => w.errors.length > 0, 10_000, 'an error');
            await sleep(1000);
            assert.equal(w.errors.length, 1);
            assert.equal(w.errors[0].name, 'ProtocolError');
            assert.equal(w.errors[0].code, refused.code, String(w.errors[0]));
            assert.equal(w.errors[0].retryable, false);
            assert.equal(sub.status, 'closed');
            assert.equal(w.messages.length, 0);
            assert.ok(!w.statuses.some((s) => s.status === 'reconnecting'), 'not retried');
          } finally {
            client.close();
          }
        });

        // A request without a bearer of its own runs as the SETUP's caller: only bad bearers here.
        if (refused.code !== 'unauthenticated') {
          test(`a request carrying ${refused.what} on an authenticated connection ends with ${refused.code}`, { skip: skipWithout(refused.variable) }, async () => {
            assertErrorCode(await endOf(rawStream(rsocket, `attendance.${eventId}.stream`, {}, { token: refused.token }), 10_000), refused.code);
            const after = rawStream(rsocket, `attendance.${eventId}.stream`, {});
            try {
              await after.until((m) => m.length >= 1, 10_000, 'a snapshot: the connection still serves its own caller');
            } finally {
              after.cancel();
            }
          });
        }
      }

      test('request-response reads answer with their schemas; refusals reject with a code', async () => {
        const client = await connect(transport.client);
        try {
          assertValid('networks.json', await client.call(routes.networks()));
          assertValid('practices.json', await client.call(routes.practicesSearch(), { query: 'проектная деятельность' }));
          assertValid('organisations.json', await client.call(routes.organisations()));
          await assert.rejects(client.call(routes.request(UNKNOWN_ID)), (error) => error.name === 'ProtocolError' && error.code === 'not_found');
          await assert.rejects(client.call(routes.practicesCreate(), { title: 'Без сети' }), (error) => error.code === 'bad_input');
        } finally {
          client.close();
        }
      });

      test('a command and a finite request-stream (the year-end run) refuse a wrong school year with bad_input', async () => {
        const client = await connect({ ...transport.client, token });
        try {
          for (const attempt of [
            () => client.call(routes.yearEndPreview(1, 2000).replace('.2000.', '.1999.'), {}),
            () => client.requestStream(routes.yearEndRun(1, 2000).replace('.2000.', '.1999.'), {}),
          ]) {
            await assert.rejects(attempt(), (error) => {
              assert.equal(error.code, 'bad_input');
              assert.equal(error.body.code, 'bad_input');
              return true;
            });
          }
        } finally {
          client.close();
        }
      });

      test('a route the caller may not read ends with forbidden, and the client does not retry', { skip: skipWithout('CENTRIK_TEACHER_TOKEN') }, async () => {
        const teacher = await openRaw(transport.target, { token: env.CENTRIK_TEACHER_TOKEN });
        try {
          assertErrorCode(await endOf(rawStream(teacher, `attendance.${eventId}.stream`, {}), 10_000), 'forbidden');
        } finally {
          teacher.close();
        }
        const client = await connect({ ...transport.client, token: env.CENTRIK_TEACHER_TOKEN, backoff: { initialMs: 50, maxMs: 200 } });
        try {
          const w = watch();
          const sub = client.attendanceStream(eventId, w.options);
          await w.until(() => w.errors.length > 0, 10_000, 'an error');
          await sleep(500);
          assert.equal(w.errors[0].code, 'forbidden');
          assert.equal(sub.status, 'closed');
          assert.ok(!w.statuses.some((s) => s.status === 'reconnecting'), 'not retried');
        } finally {
          client.close();
        }
      });

      test('a token function renews an expired token: the client asks again and the stream works', { skip: skipWithout('CENTRIK_EXPIRED_TOKEN') }, async () => {
        const given = [];
        const client = await connect({
          ...transport.client,
          token: async () => {
            given.push(given.length === 0 ? 'expired' : 'valid');
            return given.length === 1 ? env.CENTRIK_EXPIRED_TOKEN : token;
          },
          backoff: { initialMs: 50, maxMs: 500 },
        });
        try {
          const w = watch();
          client.attendanceStream(eventId, w.options);
          await w.until(() => w.sequences().length >= 2, CHANGES_WITHIN, 'a snapshot and 2 changes under the renewed token');
          assert.equal(w.errors.length, 0, String(w.errors[0]));
          assert.equal(w.failure, null, String(w.failure));
          assert.equal(w.messages[0].kind, 'snapshot');
          assert.ok(
            w.statuses.some((s) => s.status === 'reconnecting' && s.detail.cause.code === 'token_expired'),
            `the expired SETUP was refused and retried: ${w.statuses.map((s) => `${s.status}${s.detail?.cause ? ` (${s.detail.cause.code})` : ''}`).join(', ')}`,
          );
          assert.ok(given.length >= 3, `the function was asked again on the new connection: ${given}`);
        } finally {
          client.close();
        }
      });
    });
  }
});
