/**
 * Where each topic keeps its entities in a snapshot and which field keys them. Changes are
 * idempotent upserts by that key.
 */
const COLLECTIONS = [
  { prefix: 'attendance.', field: 'participants', key: 'participationId' },
  { prefix: 'matrix.', field: 'requests', key: 'id' },
  { prefix: 'events.upcoming.', field: 'events', key: 'id' },
  // a MyEvent is keyed by its event's id, and leaves the feed when it is no longer listed
  { prefix: 'events.mine.', field: 'events', key: (entity) => entity.event.id, drop: (entity) => !entity.mine.listed },
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
  const collection = collectionOf(message.topic);
  const keyOf = (entity) => keyIn(collection, entity);
  if (message.kind === 'snapshot') {
    return new Map(message.data[collection.field].map((entity) => [keyOf(entity), entity]));
  }
  if (message.kind === 'change') {
    const next = new Map(entities);
    if (collection.drop?.(message.data)) next.delete(keyOf(message.data));
    else next.set(keyOf(message.data), message.data);
    return next;
  }
  return entities;
}

/** The key of one entity of a topic (e.g. a Participant's participationId). */
export function entityKey(topic, entity) {
  return keyIn(collectionOf(topic), entity);
}

function keyIn(collection, entity) {
  return typeof collection.key === 'function' ? collection.key(entity) : entity[collection.key];
}
