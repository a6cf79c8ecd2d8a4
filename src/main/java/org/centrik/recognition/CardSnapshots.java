package org.centrik.recognition;

import java.util.List;

import org.centrik.attendance.CardEntry;
import org.centrik.attendance.Participations;
import org.centrik.live.SnapshotSource;
import org.centrik.live.Topic;
import org.centrik.network.Registry;
import org.centrik.shared.TeacherId;
import org.centrik.security.Access;
import org.centrik.security.Caller;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * The state of a teacher's activity-card topic: every participation, derived from the
 * attendance register (never stored twice).
 */
@Component
class CardSnapshots implements SnapshotSource {

	private final Participations participations;

	private final Registry registry;

	private final Access access;

	CardSnapshots(Participations participations, Registry registry, Access access) {
		this.participations = participations;
		this.registry = registry;
		this.access = access;
	}

	@Override
	public String kind() {
		return "cards";
	}

	@Override
	public Mono<Void> verify(Topic topic) {
		return this.registry.requireTeacher(new TeacherId(topic.key(0)));
	}

	/** Personal data: the teacher, their organisation's admin, the coordinator. */
	@Override
	public Mono<Void> authorize(Topic topic, Caller caller) {
		return this.access.teacher(caller, new TeacherId(topic.key(0)));
	}

	@Override
	public Mono<ActivityCard> snapshot(Topic topic) {
		long teacher = topic.key(0);
		return this.participations.ofTeacher(teacher)
			.collectList()
			.map((entries) -> new ActivityCard(teacher, entries));
	}

	record ActivityCard(long teacherId, List<CardEntry> entries) {
	}

}
