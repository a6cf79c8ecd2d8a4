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
  // request-response commands of events
  createEvent: () => 'events.create',
  eventCommand: (eventId, command) => `events.${id(eventId, 'eventId')}.${eventCommand(command)}`,
  // recognition: request-response, and the year-end run as a finite request-stream of progress
  cardRead: (teacherId) => `cards.${id(teacherId, 'teacherId')}`,
  organisationTeachers: (organisationId) => `organisations.${id(organisationId, 'organisationId')}.teachers`,
  yearEndPreview: (networkId, schoolYear) => `year-end.${id(networkId, 'networkId')}.${year(schoolYear)}.preview`,
  yearEndRun: (networkId, schoolYear) => `year-end.${id(networkId, 'networkId')}.${year(schoolYear)}.run`,
  platformConfirm: (networkId, schoolYear, organisationId) =>
    `year-end.${id(networkId, 'networkId')}.${year(schoolYear)}.platforms.${id(organisationId, 'organisationId')}.confirm`,
  certificateRevoke: (certificateId) => `certificates.${id(certificateId, 'certificateId')}.revoke`,
});

/** The commands of one event, each a request-response route `events.{eventId}.{command}`. */
export const EVENT_COMMANDS = Object.freeze(['update', 'publish', 'cancel', 'finish', 'hosts', 'register', 'unregister']);

function eventCommand(command) {
  if (!EVENT_COMMANDS.includes(command)) {
    throw new TypeError(`command must be one of ${EVENT_COMMANDS.join(', ')}, got ${String(command)}`);
  }
  return command;
}

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
