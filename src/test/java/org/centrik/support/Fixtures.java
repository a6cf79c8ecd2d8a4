package org.centrik.support;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Creates the rows a test needs, each with unique names, in a database that other tests
 * share.
 */
public final class Fixtures {

	private final DatabaseClient database;

	public Fixtures(DatabaseClient database) {
		this.database = database;
	}

	public long organisation(String name) {
		return id("insert into organisations (name, kind, municipality, labels) values (:name, 'school', "
				+ "'Тестовый район', '{kip}') returning id", "name", name + " " + unique());
	}

	public long network(long coordinator) {
		return id("insert into networks (name, level, coordinator_id) values ('Тестовая сеть " + unique()
				+ "', 'district', :coordinator) returning id", "coordinator", coordinator);
	}

	/**
	 * An agreement in force from a year ago, without end: the organisation is a member.
	 */
	public long member(long network, long organisation) {
		return this.database.sql("""
				insert into agreements (network_id, organisation_id, number, signed_on, valid_from)
				values (:network, :organisation, :number, current_date - 365, current_date - 365) returning id
				""")
			.bind("network", network)
			.bind("organisation", organisation)
			.bind("number", "Д-" + unique())
			.map((row) -> row.get("id", Long.class))
			.one()
			.block();
	}

	/** Many teachers of an organisation in one statement (benchmarks), in id order. */
	public List<Long> teachers(long organisation, int count) {
		return this.database.sql("""
				insert into teachers (organisation_id, last_name, first_name, middle_name)
				select :organisation, 'Бенчмарк' || n, 'Анна', 'Сергеевна' from generate_series(1, :count) as n
				returning id
				""")
			.bind("organisation", organisation)
			.bind("count", count)
			.map((row) -> row.get("id", Long.class))
			.all()
			.collectList()
			.block();
	}

	public long teacher(long organisation, String lastName) {
		return id("insert into teachers (organisation_id, last_name, first_name, middle_name) values (:organisation, '"
				+ lastName + "', 'Анна', 'Сергеевна') returning id", "organisation", organisation);
	}

	/**
	 * A live offline event that started ten minutes ago and ends in an hour, hosted by
	 * the organisation.
	 */
	public long liveEvent(long network, long host) {
		return event(network, host, Instant.now().minus(Duration.ofMinutes(10)), Duration.ofMinutes(70), "live");
	}

	public long event(long network, long host, Instant startsAt, Duration length, String state) {
		long event = this.database.sql("""
				insert into events (network_id, title, format, mode, starts_at, ends_at, place, state)
				values (:network, :title, 'seminar', 'offline', :startsAt, :endsAt, 'Актовый зал', :state) returning id
				""")
			.bind("network", network)
			.bind("title", "Семинар " + unique())
			.bind("startsAt", startsAt)
			.bind("endsAt", startsAt.plus(length))
			.bind("state", state)
			.map((row) -> row.get("id", Long.class))
			.one()
			.block();
		this.database.sql("insert into event_hosts (event_id, organisation_id) values (:event, :host)")
			.bind("event", event)
			.bind("host", host)
			.then()
			.block();
		return event;
	}

	private long id(String sql, String name, Object value) {
		return this.database.sql(sql).bind(name, value).map((row) -> row.get("id", Long.class)).one().block();
	}

	private static String unique() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

}
