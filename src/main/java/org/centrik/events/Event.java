package org.centrik.events;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A network event: a seminar, webinar, master-class, workshop… run by its host
 * organisations, as the schedule, the live feeds and the calendar show it.
 *
 * @param registered teachers registered in advance (within the capacity)
 * @param waitlisted teachers on the waiting list, served in arrival order
 */
public record Event(long id, long networkId, String title, Format format, Mode mode, Instant startsAt, Instant endsAt,
		String timeZone, String place, String link, Integer capacity, String description, List<String> materials,
		State state, String cancelReason, List<Long> hostIds, List<Long> presenterIds, List<Long> requestIds,
		int registered, int waitlisted, Instant checkInOpensAt, Instant checkInClosesAt) {

	public enum Format {

		SEMINAR, WEBINAR, WEB_CONFERENCE, MASTER_CLASS, WORKSHOP, DISCUSSION, CONTEST, OPEN_MICROPHONE, FAIR, OPEN_DAY;

		public String code() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	public enum Mode {

		ONLINE, OFFLINE, HYBRID;

		public String code() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/**
	 * The life of an event: draft → published → live → finished, or cancelled (with a
	 * reason) before it finished.
	 */
	public enum State {

		DRAFT, PUBLISHED, LIVE, FINISHED, CANCELLED;

		/** Whether an event in this state may move to {@code next}. */
		public boolean canBecome(State next) {
			return switch (next) {
				case DRAFT -> false;
				case PUBLISHED -> this == DRAFT;
				case LIVE -> this == PUBLISHED;
				case FINISHED -> this == LIVE;
				case CANCELLED -> this == DRAFT || this == PUBLISHED || this == LIVE;
			};
		}

		/** The states an event may come to {@code next} from. */
		static Set<State> before(State next) {
			return java.util.EnumSet.allOf(State.class)
				.stream()
				.filter((state) -> state.canBecome(next))
				.collect(java.util.stream.Collectors.toUnmodifiableSet());
		}

		/**
		 * Whether its details may still change: not once it finished or was cancelled.
		 */
		public boolean editable() {
			return this == DRAFT || this == PUBLISHED || this == LIVE;
		}

		public String code() {
			return name().toLowerCase(Locale.ROOT);
		}

		static State of(String code) {
			return valueOf(code.toUpperCase(Locale.ROOT));
		}

	}

	/** Whether a check-in made at this instant falls inside the check-in window. */
	public boolean checkInOpenAt(Instant instant) {
		return !instant.isBefore(this.checkInOpensAt) && !instant.isAfter(this.checkInClosesAt);
	}

}
