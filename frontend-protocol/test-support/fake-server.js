import '../src/buffer-global.js';
import net from 'node:net';
import { ErrorCodes, RSocketError, RSocketServer } from 'rsocket-core';
import { TcpServerTransport } from 'rsocket-tcp-server';
import { WellKnownMimeType, decodeAuthMetadata, decodeCompositeMetadata, decodeRoutes } from 'rsocket-composite-metadata';

/**
 * An in-process stand-in for the server's live core, for the client's own tests: the
 * attendance route only, a global change log with gaps, replay by `since`, request-n, and
 * bounded subscriber buffers that overflow into `resync`. Hooks let a test break things
 * (drop connections, force a resync, fail requests, misbehave on purpose).
 */
export async function startFakeServer({ events = [42], bufferLimit = 64 } = {}) {
  const log = [];
  let head = 0;
  let prunedBefore = 0;
  const subscribers = new Set();
  const sockets = new Set();
  const requests = [];
  const setups = [];
  const failures = [];
  let replayFromInclusive = false;
  let refuse = () => null;

  const known = new Set(events);

  function snapshotData(eventId) {
    const participants = new Map();
    for (const entry of log) {
      if (entry.topic === `attendance.${eventId}`) participants.set(entry.data.participationId, entry.data);
    }
    const present = [...participants.values()].filter((p) => p.status === 'present');
    return {
      event: eventOf(eventId),
      participants: [...participants.values()],
      counts: {
        present: present.length,
        listeners: present.filter((p) => p.role === 'listener').length,
        presenters: present.filter((p) => p.role === 'presenter').length,
        byOrganisation: [],
      },
    };
  }

  function accept(setup) {
    const metadata = decodeEntries(setup.metadata);
    setups.push({ metadata });
    const refused = refuse(metadata.token);
    if (refused) {
      return Promise.reject(new RSocketError(ErrorCodes.REJECTED_SETUP, JSON.stringify({ code: refused, detail: 'refused on purpose' })));
    }
    return Promise.resolve({
      requestStream(payload, initialRequestN, receiver) {
        const metadata = decodeEntries(payload.metadata);
        const route = metadata.route;
        let data;
        try {
          data = JSON.parse(payload.data?.toString('utf8') || '{}');
        } catch {
          data = undefined;
        }
        requests.push({ route, data, token: metadata.token });
        const fail = (code, detail) => {
          receiver.onError(new RSocketError(ErrorCodes.APPLICATION_ERROR, JSON.stringify({ code, detail })));
          return { cancel() {}, request() {}, onExtension() {} };
        };
        const failure = failures.findIndex((f) => f.route === route);
        if (failure >= 0) {
          const [{ code }] = failures.splice(failure, 1);
          return fail(code, 'failing on purpose');
        }
        const match = /^attendance\.([1-9][0-9]*)\.stream$/.exec(route ?? '');
        if (!match) return fail('unknown_route', `no route ${route}`);
        const eventId = Number(match[1]);
        if (!known.has(eventId)) return fail('not_found', `event ${eventId} does not exist`);
        if (data === undefined || typeof data !== 'object' || Array.isArray(data) || Object.keys(data).some((k) => k !== 'since')) {
          return fail('bad_input', 'request data must be {} or {"since": n}');
        }
        const { since } = data;
        if (since !== undefined && !(Number.isSafeInteger(since) && since >= 0)) {
          return fail('bad_input', 'since must be an integer >= 0');
        }
        return subscribe(`attendance.${eventId}`, eventId, since, initialRequestN, receiver);
      },
    });
  }

  function subscribe(topic, eventId, since, initialRequestN, receiver) {
    const subscriber = { topic, credits: initialRequestN, queue: [], receiver, overflowed: false, done: false };
    subscribers.add(subscriber);
    if (since === undefined) {
      subscriber.queue.push(snapshot(topic, eventId, 'initial'));
    } else if (since > head) {
      subscriber.queue.push(snapshot(topic, eventId, 'unknown_position'));
    } else if (since < prunedBefore) {
      subscriber.queue.push(snapshot(topic, eventId, 'pruned'));
    } else {
      for (const entry of log) {
        if (entry.topic === topic && (replayFromInclusive ? entry.sequence >= since : entry.sequence > since)) {
          subscriber.queue.push(change(entry));
        }
      }
    }
    queueMicrotask(() => drain(subscriber));
    return {
      request(n) {
        subscriber.credits += n;
        drain(subscriber);
      },
      cancel() {
        subscriber.done = true;
        subscribers.delete(subscriber);
      },
      onExtension() {},
    };
  }

  function snapshot(topic, eventId, reason) {
    return { kind: 'snapshot', topic, sequence: head, reason, data: snapshotData(eventId) };
  }

  function change(entry) {
    return { kind: 'change', topic: entry.topic, sequence: entry.sequence, type: entry.type, at: entry.at, data: entry.data };
  }

  function enqueue(subscriber, message) {
    if (subscriber.overflowed) return;
    if (subscriber.queue.length >= bufferLimit) {
      subscriber.overflowed = true;
      subscriber.queue = [{ kind: 'resync', topic: subscriber.topic, sequence: message.sequence, reason: 'overflow' }];
    } else {
      subscriber.queue.push(message);
    }
    drain(subscriber);
  }

  function drain(subscriber) {
    while (!subscriber.done && subscriber.credits > 0 && subscriber.queue.length > 0) {
      const message = subscriber.queue.shift();
      subscriber.credits--;
      const last = message.kind === 'resync';
      if (last) {
        subscriber.done = true;
        subscribers.delete(subscriber);
      }
      subscriber.receiver.onNext({ data: Buffer.from(JSON.stringify(message)) }, last);
    }
  }

  let created;
  const server = new RSocketServer({
    transport: new TcpServerTransport({
      listenOptions: { port: 0, host: '127.0.0.1' },
      socketCreator: (options) => {
        const tcp = new net.Server(options);
        tcp.on('connection', (socket) => {
          socket.on('error', () => {});
          socket.setNoDelay(true);
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
        });
        created = tcp;
        return tcp;
      },
    }),
    acceptor: { accept },
  });
  const closeable = await server.bind();

  return {
    host: '127.0.0.1',
    port: created.address().port,
    log,
    requests,
    setups,
    get head() {
      return head;
    },
    /** Records a check-in on an event; other topics' writes show up as gaps in the sequence. */
    checkIn(eventId, { participationId = log.length + 1, status = 'present', gap = 1 } = {}) {
      head += gap;
      const entry = {
        sequence: head,
        topic: `attendance.${eventId}`,
        type: status === 'present' ? 'participation.recorded' : 'participation.corrected',
        at: new Date().toISOString(),
        data: participantOf(eventId, participationId, status),
      };
      log.push(entry);
      for (const subscriber of subscribers) {
        if (subscriber.topic === entry.topic) enqueue(subscriber, change(entry));
      }
      return entry;
    },
    /** Makes the next request on `route` fail with `code`. */
    failNext(route, code) {
      failures.push({ route, code });
    },
    /**
     * Refuses a SETUP whose bearer `code(token)` names a code for (REJECTED_SETUP with
     * `{"code": …}`), as a server enforcing tokens does; `refuseSetups()` accepts every one again.
     */
    refuseSetups(code = () => null) {
      refuse = code;
    },
    /** Forgets the log below `sequence`, as pruning does. */
    prune(sequence) {
      prunedBefore = sequence;
    },
    /** Misbehaves: replays the `since` change itself too. */
    replayInclusive(on = true) {
      replayFromInclusive = on;
    },
    /** Tells every subscriber of a topic to resync, as an overflow would. */
    forceResync(topic) {
      for (const subscriber of [...subscribers]) {
        if (subscriber.topic === topic) {
          subscriber.overflowed = true;
          subscriber.queue = [{ kind: 'resync', topic, sequence: head, reason: 'overflow' }];
          drain(subscriber);
        }
      }
    },
    /** Cuts every transport, as a network failure would. */
    dropConnections() {
      for (const socket of sockets) socket.destroy();
    },
    subscriberCount(topic) {
      return [...subscribers].filter((s) => s.topic === topic).length;
    },
    close() {
      for (const socket of sockets) socket.destroy();
      // rsocket's ServerCloseable also listens for the server's 'close' and would close twice.
      created.removeAllListeners('close');
      closeable.close();
    },
  };
}

function decodeEntries(metadata) {
  const result = {};
  if (!metadata) return result;
  for (const entry of decodeCompositeMetadata(metadata)) {
    if (entry.mimeType === WellKnownMimeType.MESSAGE_RSOCKET_ROUTING.string) {
      [result.route] = decodeRoutes(entry.content);
    } else if (entry.mimeType === WellKnownMimeType.MESSAGE_RSOCKET_AUTHENTICATION.string) {
      const auth = decodeAuthMetadata(entry.content);
      result.token = auth.payload.toString('utf8');
      result.authType = auth.type.string;
    }
  }
  return result;
}

function eventOf(eventId) {
  return {
    id: eventId,
    networkId: 7,
    title: 'Формирующее оценивание на уроках математики',
    format: 'seminar',
    mode: 'offline',
    startsAt: '2026-11-22T15:00:00Z',
    endsAt: '2026-11-22T17:00:00Z',
    timeZone: 'Europe/Moscow',
    place: 'Школа № 5, актовый зал',
    link: null,
    capacity: 120,
    description: '',
    materials: [],
    state: 'live',
    cancelReason: null,
    hostIds: [1],
    presenterIds: [],
    requestIds: [],
    registered: 0,
    waitlisted: 0,
    checkInOpensAt: '2026-11-22T14:30:00Z',
    checkInClosesAt: '2026-11-22T17:30:00Z',
  };
}

function participantOf(eventId, participationId, status) {
  return {
    participationId,
    eventId,
    teacherId: 1000 + participationId,
    teacherName: `Учитель ${participationId}`,
    organisationId: 1 + (participationId % 3),
    organisationName: `Школа № ${1 + (participationId % 3)}`,
    role: participationId % 5 === 0 ? 'presenter' : 'listener',
    method: 'qr',
    status,
    recordedAt: new Date().toISOString(),
  };
}
