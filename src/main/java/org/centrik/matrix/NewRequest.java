package org.centrik.matrix;

import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

/**
 * What an applicant asks for: a practice of another organisation, in a desired format and
 * period, for a number of teachers.
 *
 * @param clientId the client-generated id of the command: a retry changes nothing
 * @param schoolYear the school year by its starting calendar year; by default the one the
 * period starts in, or the current one
 */
public record NewRequest(UUID clientId, Long practiceId, Long applicantId, String desiredFormat, LocalDate periodFrom,
		LocalDate periodTo, Integer teachersCount, String comment, Integer schoolYear) {

	static final Set<String> FORMATS = Set.of("seminar", "webinar", "web_conference", "master_class", "workshop",
			"discussion", "contest", "open_microphone", "fair", "open_day");

	NewRequest validated() {
		if (this.practiceId == null || this.applicantId == null) {
			throw new IllegalArgumentException(
					"A request names the practice (practiceId) and the applicant " + "organisation (applicantId).");
		}
		if (this.desiredFormat != null && !FORMATS.contains(this.desiredFormat)) {
			throw new IllegalArgumentException("Unknown format " + this.desiredFormat + " (" + FORMATS + ").");
		}
		if (this.periodFrom != null && this.periodTo != null && this.periodTo.isBefore(this.periodFrom)) {
			throw new IllegalArgumentException("The period cannot end before it starts.");
		}
		if (this.teachersCount != null && this.teachersCount < 1) {
			throw new IllegalArgumentException("teachersCount must be at least 1.");
		}
		if (this.schoolYear != null && (this.schoolYear < 2000 || this.schoolYear > 2200)) {
			throw new IllegalArgumentException("schoolYear is the calendar year the school year starts in.");
		}
		return this;
	}

}
