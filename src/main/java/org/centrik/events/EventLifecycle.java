package org.centrik.events;

import java.util.Arrays;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

import org.centrik.live.ChangeLog;
import org.centrik.matrix.Requests;
import org.centrik.live.Topic;
import org.centrik.shared.NetworkId;
import org.centrik.shared.NotFoundException;
import org.centrik.shared.OrganisationId;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;

/**
 * The state machine of an event in the database: locks its row, moves it only along
 * {@link Event.State#canBecome}, records every transition with who and why, and appends
 * the event's new state to its network's upcoming feed. Runs in the caller's transaction.
 */
@Component
class EventLifecycle {

	private final DatabaseClient database;

	private final Schedule schedule;

	private final ChangeLog changes;

	private final Requests requests;

	private final MyEvents feeds;

	EventLifecycle(DatabaseClient database, Schedule schedule, ChangeLog changes, Requests requests, MyEvents feeds) {
		this.database = database;
		this.schedule = schedule;
		this.changes = changes;
		this.requests = requests;
		this.feeds = feeds;
	}

	/**
	 * Moves the event to {@code next} in the caller's transaction, with the row locked:
	 * already there is a harmless retry; not allowed from its state is an
	 * {@link IllegalTransitionException}.
	 */
	Mono<Event> move(EventId id, Event.State next, String actor, String reason) {
		return lock(id).flatMap((current) -> {
			if (current.state() == next) {
				return this.schedule.event(id);
			}
			if (!current.state().canBecome(next)) {
				return Mono.error(new IllegalTransitionException(id.value(), current.state(),
						"Event " + id.value() + " is " + current.state().code() + ": it cannot become " + next.code()
								+ " (allowed: draft → published → live → finished, or cancelled before it finished)."));
			}
			return this.database.sql("""
					update events set state = :state, updated_at = now(),
					    cancel_reason = case when :state = 'cancelled' then :reason else cancel_reason end,
					    published_at = case when :state = 'published' then coalesce(published_at, now())
					                        else published_at end
					where id = :id
					""")
				.bind("state", next.code())
				.bind("id", id.value())
				.bind("reason", (reason != null) ? reason : "")
				.then()
				.then(recordTransition(id.value(), current.state(), next, actor, reason))
				// an event held with attendance delivers the requests it answers
				.then((next == Event.State.FINISHED) ? this.requests.deliverAnsweredBy(id.value()).then()
						: Mono.<Void>empty())
				.then(announce(id, changeType(next), Set.of()));
		});
	}

	/** What a move to {@code next} is called on the users' own feeds. */
	static String changeType(Event.State next) {
		return switch (next) {
			case PUBLISHED -> "event.published";
			case LIVE -> "event.live";
			case FINISHED -> "event.finished";
			case CANCELLED -> "event.cancelled";
			case DRAFT -> "event.changed";
		};
	}

	/**
	 * Appends the event's state to its network's upcoming feed, unless it never left
	 * draft (a draft is its hosts' secret, and so is a draft cancelled before anyone saw
	 * it), and to the own feed of everyone it concerns ({@link MyEvents}).
	 * @param type what happened, as the own feeds call it (the upcoming feed calls every
	 * change {@code event.changed}, but for {@code event.starting-soon})
	 * @param former users it concerned before this change, told too
	 */
	Mono<Event> announce(EventId id, String type, Collection<Long> former) {
		String upcomingType = "event.starting-soon".equals(type) ? type : "event.changed";
		return this.schedule.event(id)
			.flatMap((event) -> this.database.sql("select published_at is not null as seen from events where id = :id")
				.bind("id", id.value())
				.map((row) -> row.get("seen", Boolean.class))
				.one()
				.flatMap((seen) -> (seen
						? this.changes.append(Topic.upcomingEvents(event.networkId()), upcomingType, event)
						: Mono.<Void>empty())
					.then(this.feeds.announce(event, type, former))
					.thenReturn(event)));
	}

	Mono<Current> lock(EventId id) {
		return this.database.sql("""
				select e.network_id, e.state,
				       array(select h.organisation_id from event_hosts h where h.event_id = e.id) as hosts
				from events e where e.id = :id for update
				""")
			.bind("id", id.value())
			.map((row) -> new Current(new NetworkId(row.get("network_id", Long.class)),
					Event.State.of(row.get("state", String.class)),
					Arrays.stream(row.get("hosts", Long[].class))
						.map(OrganisationId::new)
						.collect(Collectors.toUnmodifiableSet())))
			.one()
			.switchIfEmpty(Mono.error(() -> new NotFoundException("event", id.value())));
	}

	Mono<Void> recordTransition(long event, Event.State from, Event.State to, String actor, String reason) {
		return this.database.sql("""
				insert into event_transitions (event_id, from_state, to_state, actor, reason)
				values (:event, :from, :to, :actor, :reason)
				""")
			.bind("event", event)
			.bind("from", Parameter.fromOrEmpty((from != null) ? from.code() : null, String.class))
			.bind("to", to.code())
			.bind("actor", actor)
			.bind("reason", Parameter.fromOrEmpty(reason, String.class))
			.then();
	}

	/** An event's facts while its row is locked. */
	record Current(NetworkId network, Event.State state, Set<OrganisationId> hosts) {

	}

}
