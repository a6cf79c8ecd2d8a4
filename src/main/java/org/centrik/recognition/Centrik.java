package org.centrik.recognition;

import java.time.LocalDate;

import org.centrik.attendance.Participation;
import org.centrik.shared.SchoolYear;

/**
 * One centrik of a teacher's card: a participation, present, in an event that was not
 * cancelled; green for a listener, red for a presenter.
 *
 * @param participationId the participation
 * @param eventId its event
 * @param day the day the event started, in the event's time zone
 * @param role listener (green) or presenter (red)
 */
record Centrik(long participationId, long eventId, LocalDate day, Participation.Role role) {

	SchoolYear schoolYear() {
		return SchoolYear.of(this.day);
	}

	boolean red() {
		return this.role == Participation.Role.PRESENTER;
	}

}
