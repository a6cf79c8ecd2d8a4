package org.centrik.events;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Moves events along by the clock: a published event is announced as starting soon once
 * (when its check-in opens, or {@code centrik.events.starting-soon} before its start if
 * that is earlier), goes live at its start, and a live event finishes when its check-in
 * window has closed (its end plus {@code check_in_closes_after}). Each run takes the due
 * rows with {@code for update skip locked} and moves each only from the state it was
 * found in, so any number of nodes may run it at once: every transition happens once,
 * with its change on the network's upcoming feed ("now live", "finished") in the same
 * transaction.
 */
@Component
class EventTransitions implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(EventTransitions.class);

	static final String ACTOR = "scheduler";

	private static final int BATCH = 200;

	private final DatabaseClient database;

	private final EventLifecycle lifecycle;

	private final TransactionalOperator transaction;

	private final Duration interval;

	private final Duration soon;

	private volatile Disposable loop;

	EventTransitions(DatabaseClient database, EventLifecycle lifecycle, TransactionalOperator transaction,
			@Value("${centrik.events.transition-interval:15s}") Duration interval,
			@Value("${centrik.events.starting-soon:30m}") Duration soon) {
		this.database = database;
		this.lifecycle = lifecycle;
		this.transaction = transaction;
		this.interval = interval;
		this.soon = soon;
	}

	/**
	 * Moves every event that is due now, in one transaction.
	 * @return how many transitions were made
	 */
	Mono<Integer> run() {
		return announceStartingSoon().flatMap((announced) -> move().map((moved) -> announced + moved));
	}

	/**
	 * Tells the live feeds which published events start soon, once each, in one
	 * transaction.
	 */
	private Mono<Integer> announceStartingSoon() {
		return this.database.sql("""
				update events set soon_announced_at = now()
				where id in (select id from events
				             where state = 'published' and soon_announced_at is null and starts_at > now()
				               and starts_at - greatest(check_in_opens_before, make_interval(secs => :soon)) <= now()
				             order by starts_at, id limit :batch
				             for update skip locked)
				returning id
				""")
			.bind("soon", (double) this.soon.toSeconds())
			.bind("batch", BATCH)
			.map((row) -> row.get("id", Long.class))
			.all()
			.concatMap((id) -> this.lifecycle.announce(new EventId(id), "event.starting-soon", java.util.Set.of()))
			.count()
			.map(Long::intValue)
			.as(this.transaction::transactional);
	}

	private Mono<Integer> move() {
		return this.database.sql("""
				select id, state from events
				where (state = 'published' and starts_at <= now())
				   or (state = 'live' and ends_at + check_in_closes_after <= now())
				order by starts_at, id
				limit :batch
				for update skip locked
				""")
			.bind("batch", BATCH)
			.map((row) -> new Due(row.get("id", Long.class), Event.State.of(row.get("state", String.class))))
			.all()
			.concatMap(this::advance)
			.reduce(0, Integer::sum)
			.as(this.transaction::transactional);
	}

	/**
	 * A published event whose whole window passed (the server was down) goes live, then
	 * finishes.
	 */
	private Mono<Integer> advance(Due due) {
		EventId id = new EventId(due.id());
		Mono<Integer> finish = this.database.sql("""
				select 1 from events where id = :id and state = 'live' and ends_at + check_in_closes_after <= now()
				""")
			.bind("id", due.id())
			.map((row) -> 1)
			.one()
			.flatMap((yes) -> this.lifecycle.move(id, Event.State.FINISHED, ACTOR, null).thenReturn(1))
			.defaultIfEmpty(0);
		Mono<Integer> live = (due.state() == Event.State.PUBLISHED)
				? this.lifecycle.move(id, Event.State.LIVE, ACTOR, null).thenReturn(1) : Mono.just(0);
		return live.flatMap((moved) -> finish.map((finished) -> moved + finished));
	}

	@Override
	public void start() {
		this.loop = Flux.interval(this.interval, this.interval)
			.onBackpressureDrop()
			.concatMap((tick) -> run().onErrorResume((ex) -> {
				logger.warn("Event transitions failed, next try in " + this.interval + ": " + ex.getMessage());
				return Mono.empty();
			}), 1)
			.subscribe();
	}

	@Override
	public void stop() {
		if (this.loop != null) {
			this.loop.dispose();
			this.loop = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.loop != null;
	}

	private record Due(long id, Event.State state) {

	}

}
