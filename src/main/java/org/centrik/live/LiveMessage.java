package org.centrik.live;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One element of a live stream: a snapshot of the topic's state valid at
 * {@code sequence}, a change at {@code sequence}, or the signal to subscribe again from
 * the last sequence seen.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LiveMessage(Kind kind, String topic, long sequence, String reason, String type, Instant at, Object data) {

	public enum Kind {

		SNAPSHOT, CHANGE, RESYNC

	}

	static LiveMessage snapshot(Topic topic, long sequence, SnapshotReason reason, Object data) {
		return new LiveMessage(Kind.SNAPSHOT, topic.name(), sequence, reason.code(), null, null, data);
	}

	static LiveMessage change(Change change) {
		return new LiveMessage(Kind.CHANGE, change.topic(), change.sequence(), null, change.type(), change.at(),
				change.data());
	}

	static LiveMessage resync(Topic topic, long sequence) {
		return new LiveMessage(Kind.RESYNC, topic.name(), sequence, "overflow", null, null, null);
	}

	enum SnapshotReason {

		INITIAL, PRUNED, UNKNOWN_POSITION;

		String code() {
			return name().toLowerCase();
		}

	}

}
