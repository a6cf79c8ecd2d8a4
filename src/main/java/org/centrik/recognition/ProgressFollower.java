package org.centrik.recognition;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.centrik.live.ChangeLog;
import org.centrik.live.Topic;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Keeps the progress on open cards live: a participation recorded or corrected, or a
 * certificate issued or revoked, on a teacher's card topic is answered, within about a
 * {@code centrik.recognition.progress-interval}, by a {@code progress.changed} change
 * with the card's new progress and warnings.
 * <p>
 * Attendance writes the card topic without knowing recognition, so recognition follows
 * the change log: one node at a time (an advisory lock), from a cursor moved in the same
 * transaction as the changes it appends, so each change is answered once whatever the
 * number of nodes. Positions become visible in order (docs/live.md), so the cursor never
 * skips one.
 */
@Component
class ProgressFollower implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(ProgressFollower.class);

	// "centrik card progress", a constant no other advisory lock uses
	private static final long LOCK = 0x63636172647072L;

	private static final int BATCH = 1000;

	private static final int CARDS_AT_ONCE = 50;

	private final DatabaseClient database;

	private final ChangeLog changes;

	private final CardSnapshots cards;

	private final TransactionalOperator transaction;

	private final Duration interval;

	private final ObjectProvider<WarningMails> mails;

	private volatile Disposable following;

	ProgressFollower(DatabaseClient database, ChangeLog changes, CardSnapshots cards,
			ReactiveTransactionManager transactions,
			@Value("${centrik.recognition.progress-interval:1s}") Duration interval,
			ObjectProvider<WarningMails> mails) {
		this.mails = mails;
		this.database = database;
		this.changes = changes;
		this.cards = cards;
		this.transaction = TransactionalOperator.create(transactions);
		this.interval = interval;
	}

	@Override
	public void start() {
		this.following = Flux.interval(this.interval)
			.onBackpressureDrop()
			.concatMap((tick) -> follow().onErrorResume((ex) -> {
				logger.warn("Card progress could not follow the change log: " + ex.getMessage());
				return Mono.empty();
			}), 1)
			.subscribe();
	}

	/**
	 * Answers the card changes since the cursor, when no other node is doing it.
	 * @return how many cards got a new progress
	 */
	Mono<Integer> follow() {
		return this.database.sql("select pg_try_advisory_xact_lock(:lock) as locked")
			.bind("lock", LOCK)
			.map((row) -> Boolean.TRUE.equals(row.get("locked", Boolean.class)))
			.one()
			.filter(Boolean::booleanValue)
			.flatMap((locked) -> this.database.sql("select position from card_progress_cursor")
				.map((row) -> row.get("position", Long.class))
				.one())
			.flatMap((cursor) -> this.database.sql("""
					select seq, topic, type from change_log where seq > :cursor order by seq limit :batch
					""")
				.bind("cursor", cursor)
				.bind("batch", BATCH)
				.map((row) -> new Seen(row.get("seq", Long.class), row.get("topic", String.class),
						row.get("type", String.class)))
				.all()
				.collectList()
				.flatMap(this::answer))
			.defaultIfEmpty(0)
			.as(this.transaction::transactional);
	}

	private Mono<Integer> answer(List<Seen> seen) {
		if (seen.isEmpty()) {
			return Mono.just(0);
		}
		Set<Long> teachers = new LinkedHashSet<>();
		seen.stream()
			.filter((change) -> change.topic().startsWith("cards.")
					&& (change.type().startsWith("participation.") || change.type().startsWith("certificate.")))
			.forEach((change) -> teachers.add(new Topic(change.topic()).key(0)));
		// a few cards at a time: the rows of every card of an event's opening, decoded in
		// one go, would hold an event loop that check-ins are waiting on
		return Flux.fromIterable(teachers)
			.buffer(CARDS_AT_ONCE)
			.concatMap(
					(some) -> this.cards.progressOf(some)
						.collectList()
						.flatMap((changed) -> this.changes
							.appendAll(changed.stream()
								.map((card) -> new ChangeLog.Entry(Topic.card(card.teacherId()), "progress.changed",
										card))
								.toList())
							.thenMany(Flux.fromIterable(changed).concatMap(this::warnByMail))
							.then()))
			.then()
			.then(this.database.sql("update card_progress_cursor set position = :position")
				.bind("position", seen.get(seen.size() - 1).sequence())
				.then())
			.thenReturn(teachers.size());
	}

	private Mono<Void> warnByMail(CardSnapshots.ProgressChanged card) {
		WarningMails mails = this.mails.getIfAvailable();
		return (mails != null) ? mails.record(card.teacherId(), card.schoolYear(), card.warnings()) : Mono.empty();
	}

	@Override
	public void stop() {
		if (this.following != null) {
			this.following.dispose();
			this.following = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.following != null;
	}

	private record Seen(long sequence, String topic, String type) {
	}

}
