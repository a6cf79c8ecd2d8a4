package org.centrik.attendance;

import java.time.Instant;

/**
 * One participation as it appears on the teacher's activity card: a green (listener) or
 * red (presenter) centrik of a school year.
 *
 * @param schoolYear the school year of the event, named by its starting year
 */
public record CardEntry(long participationId, long eventId, String eventTitle, Participation.Role role,
		Participation.Status status, Instant startsAt, int schoolYear) {

}
