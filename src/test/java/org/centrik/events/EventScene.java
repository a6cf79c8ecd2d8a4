package org.centrik.events;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.centrik.security.TestAccounts;
import org.centrik.support.Fixtures;

import org.springframework.context.ApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The scene of the event tests: network N with member schools A (hosts) and B, network M
 * with school C; a teacher of each, a request of N, and an account per role.
 */
final class EventScene {

	final DatabaseClient database;

	final Fixtures fixtures;

	final TestAccounts users;

	final long a;

	final long b;

	final long c;

	final long n;

	final long m;

	final long teacherA;

	final long teacherB;

	final long request;

	final TestAccounts.Account adminA;

	final TestAccounts.Account adminB;

	final TestAccounts.Account adminC;

	final TestAccounts.Account coordinatorN;

	final TestAccounts.Account coordinatorM;

	final TestAccounts.Account expertN;

	final TestAccounts.Account accountA;

	final TestAccounts.Account accountB;

	EventScene(ApplicationContext context, DatabaseClient database) {
		this.database = database;
		this.fixtures = new Fixtures(database);
		this.users = new TestAccounts(context);
		this.a = this.fixtures.organisation("Школа А");
		this.b = this.fixtures.organisation("Школа Б");
		this.c = this.fixtures.organisation("Школа В");
		this.n = this.fixtures.network(this.a);
		this.m = this.fixtures.network(this.c);
		this.fixtures.member(this.n, this.a);
		this.fixtures.member(this.n, this.b);
		this.fixtures.member(this.m, this.c);
		this.teacherA = this.fixtures.teacher(this.a, "Андреева");
		this.teacherB = this.fixtures.teacher(this.b, "Борисова");
		long practice = id("""
				insert into practices (network_id, organisation_id, title, direction, levels, declared_on)
				values (:network, :organisation, 'Проектная деятельность', 'Цифровая школа', '{general}', current_date)
				returning id
				""", Map.of("network", this.n, "organisation", this.a));
		this.request = id("""
				insert into requests (network_id, school_year, practice_id, applicant_id, state)
				values (:network, 2025, :practice, :applicant, 'accepted') returning id
				""", Map.of("network", this.n, "practice", practice, "applicant", this.b));
		this.adminA = this.users.admin(this.a);
		this.adminB = this.users.admin(this.b);
		this.adminC = this.users.admin(this.c);
		this.coordinatorN = this.users.coordinator(this.n);
		this.coordinatorM = this.users.coordinator(this.m);
		this.expertN = this.users.expert(this.n);
		this.accountA = this.users.teacher(this.teacherA);
		this.accountB = this.users.teacher(this.teacherB);
	}

	/** The body of a create: an offline seminar of A in N starting in a week. */
	Map<String, Object> details() {
		Instant start = Instant.now().plus(Duration.ofDays(7));
		Map<String, Object> details = new HashMap<>();
		details.put("clientId", UUID.randomUUID().toString());
		details.put("networkId", this.n);
		details.put("title", "Семинар «Проектная неделя»");
		details.put("format", "seminar");
		details.put("mode", "offline");
		details.put("startsAt", start.toString());
		details.put("endsAt", start.plus(Duration.ofHours(2)).toString());
		details.put("timeZone", "Europe/Moscow");
		details.put("place", "Актовый зал школы А");
		details.put("hostIds", List.of(this.a));
		details.put("presenterIds", List.of(this.teacherA));
		details.put("requestIds", List.of(this.request));
		details.put("description", "Как провести проектную неделю");
		details.put("materials", List.of("https://example.org/materials.pdf"));
		return details;
	}

	long teacher(long organisation) {
		return this.fixtures.teacher(organisation, "Учителева");
	}

	long count(String sql, long event) {
		return this.database.sql(sql).bind("event", event).map((row) -> row.get(0, Long.class)).one().block();
	}

	/** Every row an event command could write. */
	long writes() {
		return this.database
			.sql("""
					select (select count(*) from events) + (select count(*) from event_transitions)
					     + (select count(*) from event_registrations where status <> 'cancelled')
					     + (select count(*) from event_host_people) + (select count(*) from event_requests)
					     + (select count(*) from change_log where type <> 'progress.changed') + (select count(*) from calendar_feeds) as total
					""")
			.map((row) -> row.get("total", Long.class))
			.one()
			.block();
	}

	private long id(String sql, Map<String, Object> values) {
		return this.database.sql(sql).bindValues(values).map((row) -> row.get("id", Long.class)).one().block();
	}

}
