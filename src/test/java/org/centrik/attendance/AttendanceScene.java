package org.centrik.attendance;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.centrik.security.TestAccounts;
import org.centrik.support.Fixtures;

import org.springframework.context.ApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The scene of the attendance tests: network N with member schools A (hosts every event)
 * and B, and school C outside N; a host (a teacher of A appointed to the event), teachers
 * of A, B and C with e-mail addresses, and accounts for them.
 */
final class AttendanceScene {

	final DatabaseClient database;

	final Fixtures fixtures;

	final TestAccounts accounts;

	final long schoolA;

	final long schoolB;

	final long schoolC;

	final long network;

	final String tag = UUID.randomUUID().toString().substring(0, 8);

	AttendanceScene(ApplicationContext context) {
		this.database = context.getBean(DatabaseClient.class);
		this.fixtures = new Fixtures(this.database);
		this.accounts = new TestAccounts(context);
		this.schoolA = this.fixtures.organisation("Лицей А");
		this.schoolB = this.fixtures.organisation("Гимназия Б");
		this.schoolC = this.fixtures.organisation("Школа В");
		this.network = this.fixtures.network(this.schoolA);
		this.fixtures.member(this.network, this.schoolA);
		this.fixtures.member(this.network, this.schoolB);
	}

	/** A live event of N hosted by A: started ten minutes ago, ends in an hour. */
	long liveEvent() {
		return event(Instant.now().minus(Duration.ofMinutes(10)), Duration.ofMinutes(70), "live");
	}

	long event(Instant startsAt, Duration length, String state) {
		return this.fixtures.event(this.network, this.schoolA, startsAt, length, state);
	}

	void cancel(long event) {
		this.database.sql("update events set state = 'cancelled', cancel_reason = 'Болезнь ведущего' where id = :id")
			.bind("id", event)
			.then()
			.block();
	}

	void presenter(long event, long teacher) {
		this.database.sql("insert into event_presenters (event_id, teacher_id) values (:event, :teacher)")
			.bind("event", event)
			.bind("teacher", teacher)
			.then()
			.block();
	}

	/** A teacher with a unique e-mail; returns the id. */
	long teacher(long school, String lastName, String firstName, String middleName) {
		return this.database.sql("""
				insert into teachers (organisation_id, last_name, first_name, middle_name, email)
				values (:school, :last, :first, :middle, :email) returning id
				""")
			.bind("school", school)
			.bind("last", lastName)
			.bind("first", firstName)
			.bind("middle", middleName)
			.bind("email", email(lastName))
			.map((row) -> row.get("id", Long.class))
			.one()
			.block();
	}

	String email(String lastName) {
		return lastName.toLowerCase() + "." + this.tag + "@school.example";
	}

	String organisationName(long school) {
		return this.database.sql("select name from organisations where id = :id")
			.bind("id", school)
			.map((row) -> row.get("name", String.class))
			.one()
			.block();
	}

	long count(String sql, long event) {
		return this.database.sql(sql).bind("event", event).map((row) -> row.get(0, Long.class)).one().block();
	}

	long participations(long event) {
		return count("select count(*) from participations where event_id = :event", event);
	}

	/** Every row a command could write, for "denied calls write nothing". */
	long writes() {
		return this.database
			.sql("""
					select (select count(*) from participations) + (select count(*) from participation_corrections)
					     + (select count(*) from change_log where type <> 'progress.changed') + (select count(*) from attendance_closures)
					     + (select count(*) from audit_log where action = 'attendance_corrected')
					""")
			.map((row) -> row.get(0, Long.class))
			.one()
			.block();
	}

}
