package org.centrik.live;

import java.time.Instant;

import tools.jackson.databind.JsonNode;

/**
 * A committed change as it left the log: its position, what it is about, and its data.
 *
 * @param id the row id, used only to recognise changes a snapshot already holds
 * @param json the change as a JSON {@link LiveMessage}, encoded once for all subscribers
 */
record Change(long sequence, long id, String topic, String type, JsonNode data, Instant at, byte[] json) {

}
