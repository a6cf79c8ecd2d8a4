/**
 * Where each topic keeps its entities in a snapshot and which field keys them. Changes are
 * idempotent upserts by that key.
 */
const COLLECTIONS = [
  { prefix: 'attendance.', field: 'participants', key: 'participationId' },
  { prefix: 'matrix.', field: 'requests', key: 'id' },
  { prefix: 'events.upcoming.', field: 'events', key: 'id' },
  { prefix: 'cards.', field: 'entries', key: 'participationId' },
];

function collectionOf(topic) {
  const collection = COLLECTIONS.find((c) => topic.startsWith(c.prefix));
  if (!collection) throw new TypeError(`unknown topic ${topic}`);
  return collection;
}

/**
 * Applies a LiveMessage to the entities of its topic, keyed as the protocol keys them, and
 * returns a new Map (the one given is never changed). A snapshot replaces everything; a change
 * upserts its data; anything else leaves the map as it was.
 *
 *   let participants = new Map();
 *   client.attendanceStream(42, { onMessage: (m) => { participants = applyMessage(participants, m); } });
 */
export function applyMessage(entities, message) {
  const { field, key } = collectionOf(message.topic);
  if (message.kind === 'snapshot') {
    return new Map(message.data[field].map((entity) => [entity[key], entity]));
  }
  if (message.kind === 'change') {
    const next = new Map(entities);
    next.set(message.data[key], message.data);
    return next;
  }
  return entities;
}

/** The key of one entity of a topic (e.g. a Participant's participationId). */
export function entityKey(topic, entity) {
  return entity[collectionOf(topic).key];
}
