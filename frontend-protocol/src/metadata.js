import {
  WellKnownMimeType,
  encodeBearerAuthMetadata,
  encodeCompositeMetadata,
  encodeRoute,
} from 'rsocket-composite-metadata';

export const DATA_MIME_TYPE = 'application/json';
export const METADATA_MIME_TYPE = 'message/x.rsocket.composite-metadata.v0';

/** Composite metadata for a request: the route and, when there is one, the bearer token. */
export function requestMetadata(route, token) {
  const entries = [[WellKnownMimeType.MESSAGE_RSOCKET_ROUTING, encodeRoute(route)]];
  if (token) {
    entries.push([WellKnownMimeType.MESSAGE_RSOCKET_AUTHENTICATION, encodeBearerAuthMetadata(token)]);
  }
  return encodeCompositeMetadata(entries);
}

/** Composite metadata for the SETUP frame: the bearer token only. */
export function setupMetadata(token) {
  return token
    ? encodeCompositeMetadata([[WellKnownMimeType.MESSAGE_RSOCKET_AUTHENTICATION, encodeBearerAuthMetadata(token)]])
    : undefined;
}

export function jsonPayload(value, metadata) {
  return { data: Buffer.from(JSON.stringify(value), 'utf8'), metadata };
}
