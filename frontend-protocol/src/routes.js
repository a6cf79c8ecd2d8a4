/** The RSocket routes of asyncapi.yaml, built from their parameters. */
export const routes = Object.freeze({
  attendance: (eventId) => `attendance.${id(eventId, 'eventId')}.stream`,
  matrix: (networkId, schoolYear) =>
    `matrix.${id(networkId, 'networkId')}.${year(schoolYear)}.stream`,
  upcomingEvents: (networkId) => `events.upcoming.${id(networkId, 'networkId')}.stream`,
  card: (teacherId) => `cards.${id(teacherId, 'teacherId')}.stream`,
  requestSubmit: () => 'requests.submit',
  requestAccept: (requestId) => `requests.${id(requestId, 'requestId')}.accept`,
  requestDecline: (requestId) => `requests.${id(requestId, 'requestId')}.decline`,
  requestWithdraw: (requestId) => `requests.${id(requestId, 'requestId')}.withdraw`,
});

function id(value, name) {
  const n = typeof value === 'string' && /^[1-9][0-9]*$/.test(value) ? Number(value) : value;
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new TypeError(`${name} must be a positive integer, got ${String(value)}`);
  }
  return n;
}

function year(value) {
  const n = typeof value === 'string' && /^[0-9]{4}$/.test(value) ? Number(value) : value;
  if (!Number.isInteger(n) || n < 2000 || n > 2100) {
    throw new TypeError(`schoolYear must be the calendar year the school year starts in, got ${String(value)}`);
  }
  return n;
}
