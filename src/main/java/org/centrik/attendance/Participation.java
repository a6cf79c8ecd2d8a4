package org.centrik.attendance;

import java.time.Instant;

/**
 * One teacher's participation in one event, as a listener (a green centrik) or a
 * presenter (a red centrik).
 */
public record Participation(long participationId, long eventId, long teacherId, String teacherName, long organisationId,
		String organisationName, Role role, Method method, Status status, Instant recordedAt) {

	public enum Role {

		/** A green centrik. */
		LISTENER,
		/** A red centrik: the teacher presented innovative experience. */
		PRESENTER;

		/**
		 * The role named {@code listener} or {@code presenter}, or {@code null} for none.
		 */
		public static Role of(String code) {
			if (code == null) {
				return null;
			}
			return switch (code) {
				case "listener" -> LISTENER;
				case "presenter" -> PRESENTER;
				default -> throw new IllegalArgumentException("role must be listener or presenter, not " + code + ".");
			};
		}

	}

	public enum Method {

		QR, CODE_WORD, LINK, HOST_MARKED, IMPORT

	}

	public enum Status {

		PRESENT, REMOVED

	}

}
