package org.centrik.events;

import java.time.Instant;
import java.util.List;

/**
 * A network event: a seminar, webinar, master-class, workshop… run by its host
 * organisations.
 */
public record Event(long id, long networkId, String title, Format format, Mode mode, Instant startsAt, Instant endsAt,
		String timeZone, String place, String link, Integer capacity, String description, State state,
		List<Long> hostIds, Instant checkInOpensAt, Instant checkInClosesAt) {

	public enum Format {

		SEMINAR, WEBINAR, WEB_CONFERENCE, MASTER_CLASS, WORKSHOP, DISCUSSION, CONTEST, OPEN_MICROPHONE, FAIR, OPEN_DAY

	}

	public enum Mode {

		ONLINE, OFFLINE, HYBRID

	}

	public enum State {

		DRAFT, PUBLISHED, LIVE, FINISHED, CANCELLED

	}

	/** Whether a check-in made at this instant falls inside the check-in window. */
	public boolean checkInOpenAt(Instant instant) {
		return !instant.isBefore(this.checkInOpensAt) && !instant.isAfter(this.checkInClosesAt);
	}

}
