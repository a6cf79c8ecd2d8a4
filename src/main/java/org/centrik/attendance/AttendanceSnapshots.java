package org.centrik.attendance;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.centrik.events.Event;
import org.centrik.events.EventId;
import org.centrik.events.Schedule;
import org.centrik.live.SnapshotSource;
import org.centrik.live.Topic;
import org.centrik.security.Access;
import org.centrik.security.Caller;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * The state of an event's attendance topic: the event, everyone recorded, and the counts
 * a dashboard shows.
 */
@Component
class AttendanceSnapshots implements SnapshotSource {

	private final Schedule schedule;

	private final Participations participations;

	private final Access access;

	AttendanceSnapshots(Schedule schedule, Participations participations, Access access) {
		this.schedule = schedule;
		this.participations = participations;
		this.access = access;
	}

	@Override
	public String kind() {
		return "attendance";
	}

	@Override
	public Mono<Void> verify(Topic topic) {
		return this.schedule.event(new EventId(topic.key(0))).then();
	}

	/** It names people of every school: for those who run the event only. */
	@Override
	public Mono<Void> authorize(Topic topic, Caller caller) {
		return this.access.eventRoster(caller, topic.key(0));
	}

	@Override
	public Mono<EventAttendance> snapshot(Topic topic) {
		EventId event = new EventId(topic.key(0));
		return this.schedule.event(event)
			.zipWith(this.participations.ofEvent(event).collectList())
			.map((both) -> new EventAttendance(both.getT1(), both.getT2(), Counts.of(both.getT2())));
	}

	record EventAttendance(Event event, List<Participation> participants, Counts counts) {
	}

	record Counts(long present, long listeners, long presenters, List<OrganisationCount> byOrganisation) {

		static Counts of(List<Participation> participants) {
			List<Participation> present = participants.stream()
				.filter((p) -> p.status() == Participation.Status.PRESENT)
				.toList();
			Map<Long, List<Participation>> byOrganisation = present.stream()
				.collect(Collectors.groupingBy(Participation::organisationId));
			List<OrganisationCount> organisations = byOrganisation.values()
				.stream()
				.map((list) -> new OrganisationCount(list.get(0).organisationId(), list.get(0).organisationName(),
						list.size(), presenters(list)))
				.sorted(Comparator.comparingLong(OrganisationCount::present)
					.reversed()
					.thenComparing(OrganisationCount::organisationName))
				.toList();
			long presenters = presenters(present);
			return new Counts(present.size(), present.size() - presenters, presenters, organisations);
		}

		private static long presenters(List<Participation> present) {
			return present.stream().filter((p) -> p.role() == Participation.Role.PRESENTER).count();
		}

	}

	record OrganisationCount(long organisationId, String organisationName, long present, long listeners,
			long presenters) {

		OrganisationCount(long organisationId, String organisationName, long present, long presenters) {
			this(organisationId, organisationName, present, present - presenters, presenters);
		}

	}

}
