package org.centrik.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.centrik.demo.RussianNames.Person;

/**
 * Every row of the demo network, built in memory before anything is written. Rows point
 * at each other by their position in these lists; {@link DemoWriter} turns positions into
 * database ids.
 */
record DemoPlan(Instant now, List<OrganisationRow> organisations, List<AgreementRow> agreements,
		List<TeacherRow> teachers, List<PracticeRow> practices, List<RequestRow> requests, List<EventRow> events,
		List<ParticipationRow> participations, List<CorrectionRow> corrections, List<RegistrationRow> registrations,
		List<GroupRow> groups, List<ProductRow> products, List<ReviewRow> reviews, OpenMicrophone openMicrophone) {

	/**
	 * A person as requests, attendance and corrections name who acted: «Смирнова Е. А.
	 * (Школа № 155)».
	 */
	String actor(int teacher) {
		TeacherRow row = this.teachers.get(teacher);
		return row.person().shortName() + " (" + this.organisations.get(row.organisation()).shortName() + ")";
	}

	record OrganisationRow(String name, String shortName, String kind, String address, String email,
			List<String> labels, Instant createdAt) {

	}

	record AgreementRow(int organisation, String number, LocalDate signedOn, LocalDate validFrom, LocalDate validTo,
			String purpose) {

	}

	record TeacherRow(int organisation, Person person, String email, String position, String subject,
			Instant createdAt) {

	}

	record PracticeRow(int organisation, String title, String direction, List<String> levels, List<String> formats,
			String description, String materialsUrl, LocalDate declaredOn) {

	}

	record TransitionRow(String from, String to, String actor, String reason, Instant at) {

	}

	record RequestRow(int practice, int applicant, int schoolYear, String desiredFormat, LocalDate periodFrom,
			LocalDate periodTo, int teachersCount, String comment, String declineReason,
			List<TransitionRow> transitions) {

		String state() {
			return this.transitions.get(this.transitions.size() - 1).to();
		}

		Instant submittedAt() {
			return this.transitions.get(0).at();
		}

		Instant updatedAt() {
			return this.transitions.get(this.transitions.size() - 1).at();
		}

	}

	record EventRow(String title, String format, String mode, Instant startsAt, Instant endsAt, String place,
			String link, Integer capacity, String description, String state, String cancelReason, Instant createdAt,
			Instant updatedAt, List<Integer> hosts, List<Integer> presenters, List<Integer> requests) {

	}

	record ParticipationRow(int event, int teacher, String role, String method, String status, Instant recordedAt,
			Instant receivedAt, UUID clientId, String recordedBy) {

	}

	record CorrectionRow(int participation, String fromRole, String toRole, String fromStatus, String toStatus,
			String reason, String correctedBy, Instant correctedAt) {

	}

	record RegistrationRow(int event, int teacher, Instant registeredAt) {

	}

	record GroupRow(String name, String problem, String expectedResult, LocalDate termFrom, LocalDate termTo,
			int leader, String state, String decisionReason, Instant appliedAt, Instant decidedAt,
			List<Integer> members) {

	}

	record ProductRow(String title, String type, List<String> levels, String subject, String description, String link,
			int organisation, Integer group, String state, Instant submittedAt, List<Integer> authors) {

	}

	record ReviewRow(int product, int expert, Instant assignedAt, String conclusion, String comments,
			Instant decidedAt) {

	}

	/**
	 * Who runs the open microphone that is live whenever the demo server runs: the
	 * organisations hosting it (by their responsible teacher), its presenters and the
	 * teachers who have already checked in.
	 */
	record OpenMicrophone(List<Integer> hostContacts, List<Integer> presenters, List<Integer> listeners) {

	}

	/**
	 * An open microphone, live from twenty minutes ago for three hours, to be written.
	 */
	record LiveEventRow(String title, String format, String mode, String place, String link, String description,
			Instant startsAt, Instant endsAt, List<String> hostContactEmails, List<String> presenterEmails,
			List<CheckIn> checkIns) {

	}

	record CheckIn(String email, String role, String method, Instant recordedAt, Instant receivedAt, UUID clientId,
			String recordedBy) {

	}

}
