package org.centrik.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.centrik.demo.DemoPlan.AgreementRow;
import org.centrik.demo.DemoPlan.EventRow;
import org.centrik.demo.DemoPlan.ParticipationRow;
import org.centrik.demo.DemoPlan.RequestRow;
import org.centrik.demo.DemoPlan.TransitionRow;
import org.centrik.shared.SchoolYear;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

class DemoPlannerTests {

	private static final DemoPlanner planner = new DemoPlanner(DemoPlanner.SEED);

	private static final Map<String, Set<String>> WORKFLOW = Map.of("submitted",
			Set.of("accepted", "declined", "withdrawn"), "accepted", Set.of("scheduled", "withdrawn"), "scheduled",
			Set.of("delivered"));

	/** Every week over two school years, and the awkward edges of a school year. */
	static Stream<Instant> moments() {
		List<Instant> moments = new ArrayList<>();
		Instant from = ZonedDateTime.of(2025, 8, 25, 14, 7, 0, 0, DemoPlanner.ZONE).toInstant();
		for (int week = 0; week < 106; week++) {
			moments.add(from.plus(Duration.ofDays(7L * week + week % 7)));
		}
		for (String day : List.of("2026-08-31", "2026-09-01", "2026-09-02", "2027-01-01", "2027-01-09", "2027-06-01")) {
			moments.add(ZonedDateTime.of(LocalDate.parse(day), LocalTime.of(0, 5), DemoPlanner.ZONE).toInstant());
			moments.add(ZonedDateTime.of(LocalDate.parse(day), LocalTime.of(23, 55), DemoPlanner.ZONE).toInstant());
		}
		return moments.stream();
	}

	@Test
	void sameSeedAndMomentGiveTheSameNetwork() {
		Instant now = Instant.parse("2026-11-22T09:30:00Z");
		assertThat(new DemoPlanner(DemoPlanner.SEED).plan(now)).isEqualTo(planner.plan(now));
	}

	@Test
	void onlyTheDatesMoveWithTheCalendar() {
		DemoPlan autumn = planner.plan(Instant.parse("2026-10-05T09:30:00Z"));
		DemoPlan spring = planner.plan(Instant.parse("2028-04-17T12:00:00Z"));
		assertThat(spring.teachers()).isEqualTo(autumn.teachers()
			.stream()
			.map((teacher) -> new DemoPlan.TeacherRow(teacher.organisation(), teacher.person(), teacher.email(),
					teacher.position(), teacher.subject(),
					spring.teachers().get(autumn.teachers().indexOf(teacher)).createdAt()))
			.toList());
		assertThat(spring.requests().stream().map(RequestRow::state))
			.isEqualTo(autumn.requests().stream().map(RequestRow::state).toList());
		assertThat(spring.participations().stream().map(DemoPlannerTests::who))
			.isEqualTo(autumn.participations().stream().map(DemoPlannerTests::who).toList());
	}

	@ParameterizedTest
	@MethodSource("moments")
	void networkIsBigEnoughAndHasEveryRequestState(Instant now) {
		DemoPlan plan = planner.plan(now);
		assertThat(plan.organisations()).hasSizeGreaterThanOrEqualTo(12);
		assertThat(plan.organisations().stream().map(DemoPlan.OrganisationRow::kind)).contains("kindergarten", "school",
				"lyceum", "gymnasium", "additional_education", "methodical_centre");
		assertThat(plan.teachers()).hasSizeGreaterThanOrEqualTo(150);
		assertThat(plan.teachers().stream().map(DemoPlan.TeacherRow::email).distinct()).hasSize(plan.teachers().size());
		assertThat(plan.practices()).hasSizeGreaterThanOrEqualTo(20);
		assertThat(plan.requests()).hasSizeGreaterThanOrEqualTo(30);
		assertThat(plan.requests().stream().map(RequestRow::state)).contains("submitted", "accepted", "declined",
				"scheduled", "delivered", "withdrawn");
		assertThat(plan.events()).hasSizeGreaterThanOrEqualTo(15);
		assertThat(
				plan.participations().stream().filter((row) -> plan.events().get(row.event()).endsAt().isBefore(now)))
			.hasSizeGreaterThanOrEqualTo(500);
	}

	@ParameterizedTest
	@MethodSource("moments")
	void requestHistoriesFollowTheWorkflowUpToNow(Instant now) {
		DemoPlan plan = planner.plan(now);
		for (RequestRow request : plan.requests()) {
			List<TransitionRow> history = request.transitions();
			assertThat(history.get(0).from()).isNull();
			assertThat(history.get(0).to()).isEqualTo("submitted");
			for (int i = 1; i < history.size(); i++) {
				TransitionRow previous = history.get(i - 1);
				TransitionRow transition = history.get(i);
				assertThat(transition.from()).isEqualTo(previous.to());
				assertThat(WORKFLOW.get(transition.from())).contains(transition.to());
				assertThat(transition.at()).isAfter(previous.at());
			}
			assertThat(request.updatedAt()).isBefore(now);
			assertThat(request.declineReason() != null).isEqualTo(request.state().equals("declined"));
			if (request.state().equals("declined") || request.state().equals("withdrawn")) {
				assertThat(history.get(history.size() - 1).reason()).isNotBlank();
			}
		}
	}

	@ParameterizedTest
	@MethodSource("moments")
	void scheduledRequestsAwaitUpcomingEventsAndDeliveredOnesWereAnsweredByFinishedOnes(Instant now) {
		DemoPlan plan = planner.plan(now);
		Set<Integer> answered = new HashSet<>();
		for (EventRow event : plan.events()) {
			for (int r : event.requests()) {
				RequestRow request = plan.requests().get(r);
				assertThat(answered.add(r)).isTrue();
				assertThat(event.hosts()).contains(plan.practices().get(request.practice()).organisation());
				if (event.state().equals("finished")) {
					assertThat(request.state()).isEqualTo("delivered");
					assertThat(event.endsAt()).isBefore(request.updatedAt());
				}
				else {
					assertThat(event.state()).isEqualTo("published");
					assertThat(request.state()).isEqualTo("scheduled");
					assertThat(event.startsAt()).isAfter(now);
				}
				assertThat(request.schoolYear())
					.isEqualTo(SchoolYear.of(LocalDate.ofInstant(event.startsAt(), DemoPlanner.ZONE)).startYear());
			}
		}
		assertThat(plan.requests()
			.stream()
			.filter((request) -> request.state().equals("scheduled") || request.state().equals("delivered")))
			.hasSize(answered.size());
	}

	@ParameterizedTest
	@MethodSource("moments")
	void eventsSpanThePreviousAndTheCurrentSchoolYear(Instant now) {
		DemoPlan plan = planner.plan(now);
		assertThat(plan.registrations()).isNotEmpty()
			.allMatch((registration) -> registration.registeredAt().isBefore(now));
		SchoolYear current = SchoolYear.of(LocalDate.ofInstant(now, DemoPlanner.ZONE));
		for (EventRow event : plan.events()) {
			LocalDate day = LocalDate.ofInstant(event.startsAt(), DemoPlanner.ZONE);
			switch (event.state()) {
				case "finished", "cancelled" -> {
					assertThat(event.endsAt()).isBefore(now);
					assertThat(day).isAfterOrEqualTo(current.previous().firstDay());
				}
				default -> assertThat(event.startsAt()).isAfter(now);
			}
			assertThat(event.createdAt()).isBefore(now).isBefore(event.startsAt());
			assertThat(event.place() != null).isEqualTo(!event.mode().equals("online"));
			assertThat(event.link() != null).isEqualTo(!event.mode().equals("offline"));
		}
		assertThat(plan.events()
			.stream()
			.filter((event) -> event.state().equals("finished"))
			.map((event) -> SchoolYear.of(LocalDate.ofInstant(event.startsAt(), DemoPlanner.ZONE)))
			.distinct()).contains(current.previous());
	}

	@ParameterizedTest
	@MethodSource("moments")
	void attendanceIsRecordedWithinTheCheckInWindowOncePerTeacherAndEvent(Instant now) {
		DemoPlan plan = planner.plan(now);
		Set<String> seen = new HashSet<>();
		for (ParticipationRow row : plan.participations()) {
			EventRow event = plan.events().get(row.event());
			assertThat(event.state()).isEqualTo("finished");
			assertThat(seen.add(row.event() + "/" + row.teacher())).isTrue();
			assertThat(row.recordedAt()).isAfterOrEqualTo(event.startsAt().minus(Duration.ofMinutes(30)))
				.isBefore(event.endsAt().plus(Duration.ofMinutes(30)));
			assertThat(row.receivedAt()).isAfterOrEqualTo(row.recordedAt()).isBefore(now);
			assertThat(row.role()).isEqualTo(event.presenters().contains(row.teacher()) ? "presenter" : "listener");
			assertThat(row.clientId() != null).isEqualTo(Set.of("qr", "code_word", "link").contains(row.method()));
		}
		assertThat(plan.corrections()).isNotEmpty();
	}

	@ParameterizedTest
	@MethodSource("moments")
	void theLyceumDeliversItsOpenDayInTheCurrentYearWithThreeOfItsTeachersEligibleAsPresenters(Instant now) {
		DemoPlan plan = planner.plan(now);
		EventRow openDay = plan.events().get(DemoCatalogue.PLATFORM_EVENT);
		int lyceum = openDay.hosts().get(0);
		assertThat(openDay.hosts()).containsExactly(lyceum);
		assertThat(openDay.state()).isEqualTo("finished");
		assertThat(openDay.requests()).hasSizeGreaterThanOrEqualTo(1)
			.allMatch((request) -> plan.requests()
				.get(request)
				.transitions()
				.stream()
				.anyMatch((transition) -> "delivered".equals(transition.to())));
		SchoolYear current = SchoolYear.of(LocalDate.ofInstant(now, DemoPlanner.ZONE));
		LocalDate day = LocalDate.ofInstant(openDay.startsAt(), DemoPlanner.ZONE);
		LocalDate sinceSeptember = current.firstDay().plusDays(10);
		if (LocalDate.ofInstant(now, DemoPlanner.ZONE).isAfter(sinceSeptember)) {
			assertThat(current.contains(day)).as("the open day of %s is in the current school year", day).isTrue();
		}
		assertThat(plan.practices().stream().filter((practice) -> practice.organisation() == lyceum))
			.anyMatch((practice) -> !practice.declaredOn().isAfter(day));
		assertThat(openDay.presenters()).hasSize(3).doesNotHaveDuplicates().allMatch((teacher) -> {
			long centriks = plan.participations()
				.stream()
				.filter((row) -> row.teacher() == teacher && row.status().equals("present"))
				.count();
			return plan.teachers().get(teacher).organisation() == lyceum && centriks >= 3;
		});
	}

	@Test
	void someTeachersEarnACertificateAndSomeAreOneCentrikShort() {
		DemoPlan plan = planner.plan(Instant.parse("2026-11-22T09:30:00Z"));
		int[] centriks = new int[plan.teachers().size()];
		plan.participations()
			.stream()
			.filter((row) -> row.status().equals("present"))
			.forEach((row) -> centriks[row.teacher()]++);
		assertThat(IntStream.of(centriks).filter((count) -> count >= 3).count()).isGreaterThan(10);
		assertThat(IntStream.of(centriks).filter((count) -> count == 2).count()).isGreaterThan(10);
		assertThat(plan.openMicrophone().listeners()).allMatch((teacher) -> centriks[teacher] >= 3);
	}

	@ParameterizedTest
	@MethodSource("moments")
	void lapsedMemberActedOnlyWhileItsAgreementWasInForce(Instant now) {
		DemoPlan plan = planner.plan(now);
		LocalDate today = LocalDate.ofInstant(now, DemoPlanner.ZONE);
		AgreementRow lapsed = plan.agreements()
			.stream()
			.filter((agreement) -> agreement.organisation() == DemoCatalogue.LAPSED_MEMBER)
			.findFirst()
			.orElseThrow();
		assertThat(lapsed.validTo()).isBefore(today);
		assertThat(plan.agreements().stream().filter((agreement) -> agreement != lapsed))
			.allMatch((agreement) -> agreement.validTo() == null || agreement.validTo().isAfter(today));
		Instant end = ZonedDateTime.of(lapsed.validTo().plusDays(1), LocalTime.MIDNIGHT, DemoPlanner.ZONE).toInstant();
		assertThat(plan.requests().stream().filter((request) -> request.applicant() == DemoCatalogue.LAPSED_MEMBER))
			.isNotEmpty()
			.allMatch((request) -> request.submittedAt().isBefore(end));
		assertThat(plan.participations()
			.stream()
			.filter((row) -> plan.teachers().get(row.teacher()).organisation() == DemoCatalogue.LAPSED_MEMBER))
			.allMatch((row) -> plan.events().get(row.event()).startsAt().isBefore(end));
	}

	@Test
	void openMicrophoneStartedTwentyMinutesAgoAndRunsThreeHours() {
		Instant now = Instant.parse("2026-11-22T09:30:41Z");
		DemoPlan.LiveEventRow live = planner.openMicrophone(planner.plan(now), now, 5);
		assertThat(live.startsAt()).isEqualTo(Instant.parse("2026-11-22T09:10:00Z"));
		assertThat(live.endsAt()).isEqualTo(Instant.parse("2026-11-22T12:30:00Z"));
		assertThat(live.title()).startsWith("Открытый микрофон: ");
		assertThat(live.checkIns()).allMatch((checkIn) -> !checkIn.recordedAt().isAfter(now)
				&& checkIn.recordedAt().isAfter(live.startsAt().minus(Duration.ofMinutes(30))));
		assertThat(live.checkIns()
			.stream()
			.filter((checkIn) -> checkIn.role().equals("presenter"))
			.map(DemoPlan.CheckIn::email)).containsExactlyElementsOf(live.presenterEmails());
	}

	private static String who(ParticipationRow row) {
		return row.event() + "/" + row.teacher() + "/" + row.role() + "/" + row.method() + "/" + row.status();
	}

}
