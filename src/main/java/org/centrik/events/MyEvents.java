package org.centrik.events;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.r2dbc.spi.Readable;
import org.centrik.live.ChangeLog;
import org.centrik.live.Topic;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Everyone's own feed of events ({@code events.mine.{userId}}): the events of their
 * organisation, those they registered for, present at or run, each with what it is to
 * them. A draft is its runners' only (its host people and the admins of its host
 * organisations), as everywhere else. Every change of an event is appended, in the
 * writing transaction, to the feed of each user it concerns, and of each user it
 * concerned just before (who then learns it left their feed).
 */
@Component
class MyEvents {

	/**
	 * The users an event concerns now (with the users given as {@code :former}), and what
	 * it is to each of them.
	 */
	private static final String RELATIONS = """
			with e as (select published_at is not null as seen from events where id = :event),
			hosts as (select organisation_id from event_hosts where event_id = :event),
			people as (
			    select p.user_id from event_host_people p where p.event_id = :event
			    union
			    select r.user_id from user_roles r
			    where r.role = 'organisation_admin' and r.organisation_id in (select organisation_id from hosts)
			    union
			    select u.id from users u join teachers t on t.id = u.teacher_id cross join e
			    where e.seen and (t.organisation_id in (select organisation_id from hosts)
			        or t.id in (select teacher_id from event_presenters where event_id = :event)
			        or t.id in (select teacher_id from event_registrations where event_id = :event))
			    union
			    select unnest(:former::bigint[])
			)
			select u.id as user_id,
			       exists (select 1 from event_host_people p where p.event_id = :event and p.user_id = u.id) as host,
			       (exists (select 1 from user_roles r where r.user_id = u.id and r.role = 'organisation_admin'
			                and r.organisation_id in (select organisation_id from hosts))
			        or (e.seen and exists (select 1 from teachers t where t.id = u.teacher_id
			                               and t.organisation_id in (select organisation_id from hosts)))) as organisation,
			       (e.seen and exists (select 1 from event_presenters p
			                           where p.event_id = :event and p.teacher_id = u.teacher_id)) as presenter,
			       case when e.seen then g.status end as registration,
			       case when e.seen and g.status = 'waitlisted' then (select count(*) from event_registrations w
			            where w.event_id = :event and w.status = 'waitlisted'
			            and (w.registered_at, w.arrival) <= (g.registered_at, g.arrival)) end as waiting_position
			from users u cross join e
			left join event_registrations g on g.event_id = :event and g.teacher_id = u.teacher_id
			where u.enabled and u.id in (select user_id from people)
			""";

	/** The events in a user's feed now: not ended, and listed for them. */
	private static final String LISTED = """
			select e.id from events e
			where e.ends_at > now() and (
			    exists (select 1 from event_host_people p where p.event_id = e.id and p.user_id = :user)
			    or exists (select 1 from user_roles r join event_hosts h on h.organisation_id = r.organisation_id
			               where r.user_id = :user and r.role = 'organisation_admin' and h.event_id = e.id)
			    or (e.published_at is not null and exists (
			        select 1 from users u join teachers t on t.id = u.teacher_id where u.id = :user and (
			            exists (select 1 from event_hosts h where h.event_id = e.id and h.organisation_id = t.organisation_id)
			            or exists (select 1 from event_presenters p where p.event_id = e.id and p.teacher_id = t.id)
			            or exists (select 1 from event_registrations g where g.event_id = e.id and g.teacher_id = t.id
			                       and g.status in ('registered', 'waitlisted'))))))
			order by e.starts_at, e.id
			""";

	private final DatabaseClient database;

	private final ChangeLog changes;

	private final Schedule schedule;

	MyEvents(DatabaseClient database, ChangeLog changes, Schedule schedule) {
		this.database = database;
		this.changes = changes;
		this.schedule = schedule;
	}

	/** The users an event concerns now: to be told when it leaves their feed. */
	Mono<Set<Long>> concerned(EventId event) {
		return relations(event.value(), Set.of()).map(UserRelation::user).collect(Collectors.toUnmodifiableSet());
	}

	/**
	 * Appends the event, as it is now, to the feed of every user it concerns and of the
	 * {@code former} ones, in the caller's transaction.
	 * @param type what happened: {@code event.changed}, {@code event.published},
	 * {@code event.cancelled}, {@code event.starting-soon}, {@code event.live},
	 * {@code event.finished}
	 */
	Mono<Void> announce(Event event, String type, Collection<Long> former) {
		return relations(event.id(), former)
			.map((relation) -> new ChangeLog.Entry(Topic.myEvents(relation.user()), type,
					new MyEvent(event, relation.mine())))
			.collectList()
			.flatMap(this.changes::appendAll);
	}

	/** A user's feed now, earliest first. */
	Mono<List<MyEvent>> of(long user) {
		return this.database.sql(LISTED)
			.bind("user", user)
			.map((row) -> row.get("id", Long.class))
			.all()
			.collectList()
			.flatMapMany((ids) -> ids.isEmpty() ? Flux.<Event>empty()
					: this.schedule.events("e.id = any(:ids)", "ids", ids.toArray(Long[]::new)))
			.concatMap((event) -> relations(event.id(), Set.of()).filter((relation) -> relation.user() == user)
				.next()
				.map((relation) -> new MyEvent(event, relation.mine())))
			.collectList();
	}

	private Flux<UserRelation> relations(long event, Collection<Long> former) {
		return this.database.sql(RELATIONS)
			.bind("event", event)
			.bind("former", former.toArray(Long[]::new))
			.map(MyEvents::relation)
			.all();
	}

	private static UserRelation relation(Readable row) {
		Long position = row.get("waiting_position", Long.class);
		return new UserRelation(row.get("user_id", Long.class),
				new Mine(Boolean.TRUE.equals(row.get("organisation", Boolean.class)),
						Boolean.TRUE.equals(row.get("host", Boolean.class)),
						Boolean.TRUE.equals(row.get("presenter", Boolean.class)), row.get("registration", String.class),
						(position != null) ? position.intValue() : null));
	}

	/**
	 * An event as one user's feed shows it: the event, and what it is to them.
	 */
	record MyEvent(Event event, Mine mine) {
	}

	/**
	 * What an event is to one user.
	 *
	 * @param organisation hosted by their organisation (for a draft: they are the admin
	 * of a host organisation)
	 * @param host they are one of the people appointed to run it
	 * @param presenter they present at it
	 * @param registration their registration ({@code registered}, {@code waitlisted},
	 * {@code cancelled}), or {@code null}
	 * @param waitingPosition their place on the waiting list, or {@code null}
	 */
	record Mine(boolean organisation, boolean host, boolean presenter, String registration, Integer waitingPosition) {

		/** Whether the event belongs in their feed; when not, a client drops it. */
		@JsonProperty("listed")
		public boolean listed() {
			return this.organisation || this.host || this.presenter || "registered".equals(this.registration)
					|| "waitlisted".equals(this.registration);
		}

	}

	private record UserRelation(long user, Mine mine) {
	}

}
