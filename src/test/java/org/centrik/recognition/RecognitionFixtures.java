package org.centrik.recognition;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

import org.centrik.shared.SchoolYear;
import org.centrik.support.Fixtures;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * A network of one school year for the recognition tests: finished events of an executor
 * organisation answering a request, and participations recorded straight into the
 * register.
 */
final class RecognitionFixtures {

	private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");

	final DatabaseClient database;

	final Fixtures fixtures;

	final long coordinatorOrganisation;

	final long network;

	final long executor;

	final long applicant;

	final long practice;

	final long request;

	RecognitionFixtures(DatabaseClient database) {
		this.database = database;
		this.fixtures = new Fixtures(database);
		this.coordinatorOrganisation = this.fixtures.organisation("ИМЦ");
		this.network = this.fixtures.network(this.coordinatorOrganisation);
		this.executor = this.fixtures.organisation("Гимназия");
		this.applicant = this.fixtures.organisation("Школа");
		this.fixtures.member(this.network, this.executor);
		this.fixtures.member(this.network, this.applicant);
		this.practice = id("""
				insert into practices (network_id, organisation_id, title, direction, levels, declared_on)
				values (:network, :organisation, 'Проектная деятельность', 'Проекты', '{general}', date '2015-09-01')
				returning id
				""", this.executor);
		this.request = id("""
				insert into requests (network_id, school_year, practice_id, applicant_id, state)
				values (:network, 2020, %d, :organisation, 'delivered') returning id
				""".formatted(this.practice), this.applicant);
	}

	long teacher(long organisation, String lastName) {
		return this.fixtures.teacher(organisation, lastName);
	}

	/**
	 * A finished event of the executor on that day (in Moscow), answering the request
	 * when asked.
	 */
	long event(LocalDate day, boolean answersRequest) {
		long event = this.fixtures.event(this.network, this.executor,
				day.atTime(LocalTime.of(15, 0)).atZone(MOSCOW).toInstant(), Duration.ofHours(2), "finished");
		if (answersRequest) {
			this.database.sql("insert into event_requests (event_id, request_id) values (:event, :request)")
				.bind("event", event)
				.bind("request", this.request)
				.then()
				.block();
		}
		return event;
	}

	/**
	 * Three teachers of the executor, each presenting at one of three events and
	 * listening at the other two: three centriks each, a red one among them.
	 */
	long[] presentersOfTheExecutor(java.util.List<Long> events) {
		long[] presenters = new long[3];
		for (int i = 0; i < 3; i++) {
			presenters[i] = teacher(this.executor, "Транслятор" + "ова".repeat(i + 1));
			presenter(events.get(i), presenters[i]);
			listener(events.get((i + 1) % 3), presenters[i]);
			listener(events.get((i + 2) % 3), presenters[i]);
		}
		return presenters;
	}

	void listener(long event, long teacher) {
		participation(event, teacher, "listener");
	}

	void presenter(long event, long teacher) {
		participation(event, teacher, "presenter");
	}

	private void participation(long event, long teacher, String role) {
		this.database.sql("""
				insert into participations (event_id, teacher_id, role, method, recorded_at, recorded_by)
				select :event, :teacher, :role, 'host_marked', starts_at, 'test' from events where id = :event
				""").bind("event", event).bind("teacher", teacher).bind("role", role).then().block();
	}

	static SchoolYear lastYear() {
		return SchoolYear.of(LocalDate.now(MOSCOW)).previous();
	}

	private long id(String sql, long organisation) {
		return this.database.sql(sql)
			.bind("network", this.network)
			.bind("organisation", organisation)
			.map((row) -> row.get("id", Long.class))
			.one()
			.block();
	}

}
