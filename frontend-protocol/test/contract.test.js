// The contract documents agree with each other: schemas compile and reference each other by
// the $ids the server's validator maps, asyncapi.yaml points at schemas that exist, and the
// client knows every route the document declares. Runs everywhere, no server needed.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { checkInRoute, routes } from '../src/index.js';
import { EVENT_COMMANDS } from '../src/routes.js';
import { SCHEMA_BASE, createAjv, loadSchemas, validatorFor } from '../test-support/schemas.js';

const root = new URL('../', import.meta.url);
const asyncapi = parse(readFileSync(new URL('asyncapi.yaml', root), 'utf8'));
const examples = (file) => JSON.parse(readFileSync(new URL(`examples/${file}`, root), 'utf8'));

/** Every {"$ref": ...} in a JSON value, with its path. */
function refsOf(value, path = '#') {
  if (Array.isArray(value)) return value.flatMap((v, i) => refsOf(v, `${path}/${i}`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => (k === '$ref' ? [{ ref: v, path }] : refsOf(v, `${path}/${k}`)));
  }
  return [];
}

function pointer(document, fragment) {
  return fragment
    .replace(/^\//, '')
    .split('/')
    .filter(Boolean)
    .reduce((node, key) => node?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], document);
}

/** Requests whose every field is optional. */
const OPTIONAL_ONLY = new Set(['stream-request.json', 'registration-request.json', 'empty-request.json', 'request-command.json', 'library-search.json', 'practice-filter.json']);

describe('schemas', () => {
  const schemas = loadSchemas();

  test('each is JSON Schema 2020-12 with the $id the server maps to this folder', () => {
    for (const { file, schema } of schemas) {
      assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema', file);
      assert.equal(schema.$id, SCHEMA_BASE + file, file);
    }
  });

  test('all compile in strict mode', () => {
    const ajv = createAjv();
    for (const { file } of schemas) assert.ok(ajv.getSchema(SCHEMA_BASE + file), file);
  });

  test('every $ref is a relative file of this folder (with an existing fragment) or local', () => {
    const byFile = new Map(schemas.map(({ file, schema }) => [file, schema]));
    for (const { file, schema } of schemas) {
      for (const { ref, path } of refsOf(schema)) {
        const [target, fragment = ''] = ref.split('#');
        assert.ok(!/^[a-z]+:/.test(target), `${file} ${path}: use a relative $ref, not ${ref}`);
        const document = target === '' ? schema : byFile.get(target);
        assert.ok(document, `${file} ${path}: ${ref} names no schema file`);
        assert.ok(pointer(document, fragment) !== undefined, `${file} ${path}: ${ref} points at nothing`);
      }
    }
  });

  test('objects are closed: every object schema says additionalProperties: false and lists its required fields', () => {
    for (const { file, schema } of schemas) {
      const visit = (node, path) => {
        if (Array.isArray(node)) return node.forEach((n, i) => visit(n, `${path}/${i}`));
        if (!node || typeof node !== 'object') return;
        if (node.type === 'object') {
          assert.equal(node.additionalProperties, false, `${file} ${path}`);
          if (!OPTIONAL_ONLY.has(file)) assert.ok(node.required?.length > 0, `${file} ${path}: no required fields`);
        }
        for (const [key, child] of Object.entries(node)) {
          if (key !== 'examples') visit(child, `${path}/${key}`);
        }
      };
      visit(schema, '#');
    }
  });

  test('the example messages are valid LiveMessages', () => {
    const validate = validatorFor('live-message.json');
    for (const message of examples('live-messages.json')) {
      assert.ok(validate(message), `${message.topic} ${message.kind}: ${JSON.stringify(validate.errors)}`);
    }
    const error = validatorFor('error.json');
    for (const body of examples('errors.json')) assert.ok(error(body), JSON.stringify(error.errors));
  });

  test('messages that break the contract are rejected', () => {
    const validate = validatorFor('live-message.json');
    const [snapshot, change] = examples('live-messages.json');
    const card = examples('live-messages.json').find((m) => m.topic.startsWith('cards.') && m.kind === 'change');
    const broken = {
      'an unknown field': { ...change, extra: 1 },
      'an upper-case kind': { ...change, kind: 'CHANGE' },
      'a change without at': (({ at, ...rest }) => rest)(change),
      'a local time without an offset': { ...change, at: '2026-11-22T18:30:00' },
      'a fractional sequence': { ...change, sequence: 1201.5 },
      'a change at sequence 0': { ...change, sequence: 0 },
      'a change type of another topic': { ...change, type: 'request.changed' },
      'card data on an attendance topic': { ...card, topic: 'attendance.42' },
      'a snapshot reason that does not exist': { ...snapshot, reason: 'fresh' },
      'a participant with an unknown role': { ...change, data: { ...change.data, role: 'guest' } },
      'a participant without a name': { ...change, data: (({ teacherName, ...rest }) => rest)(change.data) },
      'a resync with data': { kind: 'resync', topic: 'attendance.42', sequence: 5, reason: 'overflow', data: {} },
      'a topic id of 0': { ...change, topic: 'attendance.0' },
      'an event without hostIds': {
        ...snapshot,
        data: { ...snapshot.data, event: (({ hostIds, ...rest }) => rest)(snapshot.data.event) },
      },
    };
    for (const [what, message] of Object.entries(broken)) {
      assert.equal(validate(message), false, `accepted ${what}`);
    }
    const request = validatorFor('stream-request.json');
    for (const ok of [{}, { since: 0 }, { since: 1200 }]) assert.ok(request(ok), JSON.stringify(ok));
    for (const bad of [{ since: -1 }, { since: 1.5 }, { since: '12' }, { from: 1 }]) assert.equal(request(bad), false, JSON.stringify(bad));
  });
});

describe('asyncapi.yaml', () => {
  const channels = Object.entries(asyncapi.channels);
  const operations = Object.entries(asyncapi.operations);

  test('is AsyncAPI 3.0 with the TCP and WebSocket transports and the encoding', () => {
    assert.equal(asyncapi.asyncapi, '3.0.0');
    assert.equal(asyncapi.defaultContentType, 'application/json');
    assert.match(asyncapi.servers.tcp.host, /:7000$/);
    assert.equal(asyncapi.servers.tcp['x-rsocket-transport'], 'tcp');
    assert.equal(asyncapi.servers.websocket.pathname, '/rsocket');
    assert.equal(asyncapi.servers.websocket['x-rsocket-transport'], 'websocket');
    for (const server of Object.values(asyncapi.servers)) {
      assert.deepEqual(server['x-rsocket-setup'], {
        dataMimeType: 'application/json',
        metadataMimeType: 'message/x.rsocket.composite-metadata.v0',
      });
    }
    assert.equal(asyncapi.components.securitySchemes.bearer.scheme, 'bearer');
  });

  test('declares exactly the routes the client serves', () => {
    const sample = { eventId: 42, networkId: 7, schoolYear: 2025, teacherId: 314, requestId: 77, userId: 12, productId: 5, reviewId: 9, groupId: 3, practiceId: 5, organisationId: 12, certificateId: 501 };
    const declared = channels.map(([, channel]) => channel.address.replace(/\{(\w+)\}/g, (_, name) => sample[name])).sort();
    const served = [
      routes.attendance(42), routes.matrix(7, 2025), routes.upcomingEvents(7), routes.myEvents(), routes.card(314),
      routes.requestSubmit(), routes.requestAccept(77), routes.requestDecline(77), routes.requestWithdraw(77),
      routes.request(77), routes.requestHistory(77),
      routes.practicesSearch(), routes.practice(5), routes.practicesCreate(), routes.practiceUpdate(5),
      routes.networks(), routes.agreements(7), routes.agreementAdd(7),
      routes.organisations(), routes.organisation(12), routes.organisationsCreate(), routes.organisationUpdate(12),
      checkInRoute(42), 'attendance.42.mark', 'attendance.42.correct',
      routes.createEvent(), ...EVENT_COMMANDS.map((command) => routes.eventCommand(42, command)),
      routes.library(12), routes.productSubmit(), routes.product(5), routes.productRevise(5), routes.productReviewers(5),
      routes.reviewConclusion(9), routes.librarySearch(), routes.creativeGroupApply(), routes.creativeGroupDecision(3),
      routes.cardRead(314), routes.organisationTeachers(12), routes.yearEndPreview(7, 2025), routes.yearEndRun(7, 2025),
      routes.platformConfirm(7, 2025, 12), routes.certificateRevoke(501),
    ].sort();
    assert.deepEqual(declared, served);
    for (const [name, channel] of channels) {
      for (const parameter of (channel.address.match(/\{(\w+)\}/g) ?? []).map((p) => p.slice(1, -1))) {
        assert.ok(channel.parameters?.[parameter], `${name}: parameter ${parameter} is not described`);
      }
    }
  });

  test('every operation is a live request-stream (a .stream route), a request-response or a finite request-stream of progress, with its replies and the error', () => {
    assert.equal(operations.length, channels.length);
    for (const [name, operation] of operations) {
      assert.equal(operation.action, 'receive', name);
      const channel = operation.channel.$ref.replace('#/channels/', '');
      assert.ok(asyncapi.channels[channel], `${name}: no channel ${channel}`);
      const stream = asyncapi.channels[channel].address.endsWith('.stream');
      // a finite request-stream (the year-end run) replies with progress, not LiveMessages
      const progress = !stream && operation['x-rsocket-interaction'] === 'request-stream';
      const interaction = stream || progress ? 'request-stream' : 'request-response';
      assert.equal(operation['x-rsocket-interaction'], interaction, name);
      assert.match(operation.description, new RegExp(interaction), name);
      assert.deepEqual(operation.messages.map((m) => m.$ref), [`#/channels/${channel}/messages/request`]);
      assert.deepEqual(
        operation.reply.messages.map((m) => m.$ref.split('/').at(-1)),
        stream ? ['snapshot', 'change', 'resync', 'error'] : progress ? ['progress', 'error'] : ['response', 'error'],
        name,
      );
      for (const code of operation['x-rsocket-errors']) assert.ok(validatorFor('error.json')({ code, detail: '' }), code);
    }
  });

  test('every message payload points at an existing schema, and its examples validate', () => {
    const ajv = createAjv();
    for (const [name, message] of Object.entries(asyncapi.components.messages)) {
      const ref = message.payload.$ref;
      const [file, fragment = ''] = ref.replace('./schemas/', '').split('#');
      assert.ok(existsSync(new URL(`schemas/${file}`, root)), `${name}: ${ref}`);
      const validate = ajv.getSchema(SCHEMA_BASE + file + (fragment ? `#${fragment}` : ''));
      assert.ok(validate, `${name}: ${ref} does not resolve`);
      for (const example of message.examples ?? []) {
        assert.ok(validate(example.payload), `${name} example ${example.name}: ${JSON.stringify(validate.errors)}`);
      }
    }
  });
});
