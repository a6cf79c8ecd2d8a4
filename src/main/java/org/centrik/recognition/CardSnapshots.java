package org.centrik.recognition;

import java.util.List;

import org.centrik.attendance.CardEntry;
import org.centrik.attendance.Participations;
import org.centrik.live.SnapshotSource;
import org.centrik.live.Topic;
import org.centrik.shared.NotFoundException;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * The state of a teacher's activity-card topic: every participation, derived from the
 * attendance register (never stored twice).
 */
@Component
class CardSnapshots implements SnapshotSource {

	private final Participations participations;

	private final DatabaseClient database;

	CardSnapshots(Participations participations, DatabaseClient database) {
		this.participations = participations;
		this.database = database;
	}

	@Override
	public String kind() {
		return "cards";
	}

	@Override
	public Mono<Void> verify(Topic topic) {
		long teacher = topic.key(0);
		return this.database.sql("select 1 from teachers where id = :id")
			.bind("id", teacher)
			.map((row) -> true)
			.one()
			.switchIfEmpty(Mono.error(() -> new NotFoundException("teacher", teacher)))
			.then();
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
