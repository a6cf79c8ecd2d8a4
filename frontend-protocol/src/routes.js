/** The RSocket routes of asyncapi.yaml, built from their parameters. */
export const routes = Object.freeze({
  attendance: (eventId) => `attendance.${id(eventId, 'eventId')}.stream`,
  matrix: (networkId, schoolYear) =>
    `matrix.${id(networkId, 'networkId')}.${year(schoolYear)}.stream`,
  upcomingEvents: (networkId) => `events.upcoming.${id(networkId, 'networkId')}.stream`,
  // the caller's own events: the route names no user
  myEvents: () => 'events.mine.stream',
  card: (teacherId) => `cards.${id(teacherId, 'teacherId')}.stream`,
  requestSubmit: () => 'requests.submit',
  requestAccept: (requestId) => `requests.${id(requestId, 'requestId')}.accept`,
  requestDecline: (requestId) => `requests.${id(requestId, 'requestId')}.decline`,
  requestWithdraw: (requestId) => `requests.${id(requestId, 'requestId')}.withdraw`,
  request: (requestId) => `requests.${id(requestId, 'requestId')}`,
  requestHistory: (requestId) => `requests.${id(requestId, 'requestId')}.history`,
  // request-response routes of the bank of practices and the registry
  practicesSearch: () => 'practices.search',
  practice: (practiceId) => `practices.${id(practiceId, 'practiceId')}`,
  practicesCreate: () => 'practices.create',
  practiceUpdate: (practiceId) => `practices.${id(practiceId, 'practiceId')}.update`,
  networks: () => 'networks',
  agreements: (networkId) => `networks.${id(networkId, 'networkId')}.agreements`,
  agreementAdd: (networkId) => `networks.${id(networkId, 'networkId')}.agreements.add`,
  organisations: () => 'organisations',
  organisation: (organisationId) => `organisations.${id(organisationId, 'organisationId')}`,
  organisationsCreate: () => 'organisations.create',
  organisationUpdate: (organisationId) => `organisations.${id(organisationId, 'organisationId')}.update`,
  // request-response commands of events
  createEvent: () => 'events.create',
  eventCommand: (eventId, command) => `events.${id(eventId, 'eventId')}.${eventCommand(command)}`,
  // the library: a user's desk (request-stream) and its request-response commands
  library: (userId) => `library.${id(userId, 'userId')}.stream`,
  productSubmit: () => 'products.submit',
  product: (productId) => `products.${id(productId, 'productId')}`,
  productRevise: (productId) => `products.${id(productId, 'productId')}.revise`,
  productReviewers: (productId) => `products.${id(productId, 'productId')}.reviewers`,
  reviewConclusion: (reviewId) => `reviews.${id(reviewId, 'reviewId')}.conclusion`,
  librarySearch: () => 'library.search',
  creativeGroupApply: () => 'creative-groups.apply',
  creativeGroupDecision: (groupId) => `creative-groups.${id(groupId, 'groupId')}.decision`,
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
