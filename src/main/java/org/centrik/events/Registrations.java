package org.centrik.events;

import org.centrik.shared.NotFoundException;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Registration in advance with a capacity and a waiting list. Every change locks the
 * event's row first, so registrations of one event take turns: however many arrive at
 * once, no more than the capacity are ever {@code registered}; the rest wait in arrival
 * order, and a seat that frees goes to the first of them. Runs in the caller's
 * transaction.
 */
@Component
class Registrations {

	private final DatabaseClient database;

	Registrations(DatabaseClient database) {
		this.database = database;
	}

	Mono<Result> register(long event, long teacher) {
		return open(event, "registers").flatMap((state) -> current(event, teacher).flatMap((existing) -> {
			if (existing != Registration.Status.CANCELLED) {
				return registration(event, teacher).map((registration) -> new Result(registration, false));
			}
			return Mono.empty();
		})
			.switchIfEmpty(Mono.defer(() -> this.database.sql("""
					insert into event_registrations (event_id, teacher_id, status)
					select :event, :teacher,
					       case when e.capacity is null or (select count(*) from event_registrations g
					            where g.event_id = e.id and g.status = 'registered') < e.capacity
					            then 'registered' else 'waitlisted' end
					from events e where e.id = :event
					on conflict (event_id, teacher_id) do update
					    set status = excluded.status, registered_at = now()
					""")
				.bind("event", event)
				.bind("teacher", teacher)
				.then()
				.then(registration(event, teacher))
				.map((registration) -> new Result(registration, true)))));
	}

	Mono<Result> unregister(long event, long teacher) {
		return open(event, "leaves").flatMap((state) -> current(event, teacher)
			.switchIfEmpty(
					Mono.error(() -> new NotFoundException("registration of teacher " + teacher + " for event", event)))
			.flatMap((existing) -> (existing == Registration.Status.CANCELLED)
					? registration(event, teacher).map((registration) -> new Result(registration, false))
					: this.database.sql("""
							update event_registrations set status = 'cancelled'
							where event_id = :event and teacher_id = :teacher
							""")
						.bind("event", event)
						.bind("teacher", teacher)
						.then()
						.then(promote(event))
						.then(registration(event, teacher))
						.map((registration) -> new Result(registration, true))));
	}

	/**
	 * Gives the free seats to the waiting list, first come first served (the event's row
	 * is locked by the caller).
	 */
	Mono<Void> promote(long event) {
		return this.database.sql("""
				update event_registrations g set status = 'registered'
				from (select w.teacher_id from event_registrations w
				      where w.event_id = :event and w.status = 'waitlisted'
				      order by w.registered_at, w.arrival
				      limit (select case when e.capacity is null then null
				                         else greatest(e.capacity - (select count(*) from event_registrations r
				                              where r.event_id = e.id and r.status = 'registered'), 0) end
				             from events e where e.id = :event)) as next
				where g.event_id = :event and g.teacher_id = next.teacher_id
				""").bind("event", event).then();
	}

	/** Locks the event's row, and refuses unless it is published or live. */
	private Mono<Event.State> open(long event, String what) {
		return this.database.sql("select state from events where id = :event for update")
			.bind("event", event)
			.map((row) -> Event.State.of(row.get("state", String.class)))
			.one()
			.switchIfEmpty(Mono.error(() -> new NotFoundException("event", event)))
			.flatMap((state) -> (state == Event.State.PUBLISHED || state == Event.State.LIVE) ? Mono.just(state)
					: Mono.error(new IllegalTransitionException(event, state, "Event " + event + " is " + state.code()
							+ ": nobody " + what + " now (registration is open while it is published " + "or live).")));
	}

	private Mono<Registration.Status> current(long event, long teacher) {
		return this.database
			.sql("select status from event_registrations where event_id = :event and teacher_id = :teacher")
			.bind("event", event)
			.bind("teacher", teacher)
			.map((row) -> Registration.Status.of(row.get("status", String.class)))
			.one();
	}

	private Mono<Registration> registration(long event, long teacher) {
		return this.database.sql("""
				select g.status,
				       case when g.status = 'waitlisted' then (select count(*) from event_registrations w
				            where w.event_id = g.event_id and w.status = 'waitlisted'
				            and (w.registered_at, w.arrival) <= (g.registered_at, g.arrival)) end as position
				from event_registrations g where g.event_id = :event and g.teacher_id = :teacher
				""").bind("event", event).bind("teacher", teacher).map((row) -> {
			Long position = row.get("position", Long.class);
			return new Registration(event, teacher, Registration.Status.of(row.get("status", String.class)),
					(position != null) ? position.intValue() : null);
		}).one();
	}

	/** A registration and whether this command changed it. */
	record Result(Registration registration, boolean changed) {

	}

}
