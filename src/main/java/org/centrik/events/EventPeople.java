package org.centrik.events;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * The names behind an event's ids, as its page and its editor show them: host
 * organisations, presenters, the people appointed to run it; and, for its editor, who may
 * present at it or run it (teachers and users of its host organisations).
 */
@Component
class EventPeople {

	private static final String NAME = "t.last_name || ' ' || t.first_name || coalesce(' ' || t.middle_name, '')";

	private final DatabaseClient database;

	EventPeople(DatabaseClient database) {
		this.database = database;
	}

	Mono<People> of(long event) {
		Mono<List<Named>> hosts = this.database.sql("""
				select o.id, coalesce(o.short_name, o.name) as name, null::bigint as organisation_id
				from event_hosts h join organisations o on o.id = h.organisation_id
				where h.event_id = :event order by name
				""").bind("event", event).map(EventPeople::named).all().collectList();
		Mono<List<Named>> presenters = this.database.sql("select t.id, " + NAME + """
				 as name, t.organisation_id
				from event_presenters p join teachers t on t.id = p.teacher_id
				where p.event_id = :event order by name
				""").bind("event", event).map(EventPeople::named).all().collectList();
		Mono<List<Named>> hostPeople = this.database.sql("""
				select u.id, u.display_name as name, t.organisation_id
				from event_host_people p join users u on u.id = p.user_id
				left join teachers t on t.id = u.teacher_id
				where p.event_id = :event order by name
				""").bind("event", event).map(EventPeople::named).all().collectList();
		return Mono.zip(hosts, presenters, hostPeople).map((all) -> new People(all.getT1(), all.getT2(), all.getT3()));
	}

	/**
	 * Who may present at or run an event of these host organisations: their teachers, and
	 * their users (teachers and admins).
	 */
	Mono<Candidates> candidates(List<Long> hosts) {
		Long[] ids = hosts.toArray(Long[]::new);
		Mono<List<Named>> teachers = this.database.sql("select t.id, " + NAME + """
				 as name, t.organisation_id
				from teachers t where t.organisation_id = any(:hosts) order by name
				""").bind("hosts", ids).map(EventPeople::named).all().collectList();
		Mono<List<Named>> users = this.database.sql("""
				select u.id, u.display_name as name, coalesce(t.organisation_id, r.organisation_id) as organisation_id
				from users u left join teachers t on t.id = u.teacher_id
				left join user_roles r on r.user_id = u.id and r.role = 'organisation_admin'
				     and r.organisation_id = any(:hosts)
				where u.enabled and (t.organisation_id = any(:hosts) or r.organisation_id is not null)
				order by name
				""").bind("hosts", ids).map(EventPeople::named).all().distinct(Named::id).collectList();
		return Mono.zip(teachers, users).map((both) -> new Candidates(both.getT1(), both.getT2()));
	}

	private static Named named(io.r2dbc.spi.Readable row) {
		return new Named(row.get("id", Long.class), row.get("name", String.class),
				row.get("organisation_id", Long.class));
	}

	/**
	 * An organisation, a teacher or a user by name.
	 *
	 * @param organisationId the organisation of a teacher or user, when known
	 */
	record Named(long id, String name, Long organisationId) {
	}

	/**
	 * The people of an event: host organisations, presenters (teachers), host people
	 * (users).
	 */
	record People(List<Named> hosts, List<Named> presenters, List<Named> hostPeople) {
	}

	/**
	 * Who may be chosen in an event's editor: presenters (teachers) and host people
	 * (users).
	 */
	record Candidates(List<Named> teachers, List<Named> users) {
	}

}
