package org.centrik.events;

import java.util.Locale;

/**
 * A teacher's registration for an event in advance.
 *
 * @param status where it stands
 * @param waitingPosition the place on the waiting list (1 = next to get a seat), or
 * {@code null} unless waitlisted
 */
public record Registration(long eventId, long teacherId, Status status, Integer waitingPosition) {

	public enum Status {

		REGISTERED, WAITLISTED, CANCELLED;

		String code() {
			return name().toLowerCase(Locale.ROOT);
		}

		static Status of(String code) {
			return valueOf(code.toUpperCase(Locale.ROOT));
		}

	}

}
