package org.centrik.live;

import java.time.Duration;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Gives committed changes their positions, in an order no reader can overtake.
 * <p>
 * A sequence drawn at insert time is not commit order: a transaction holding position 100
 * can commit after one holding 101, and a reader that moved past 101 would lose 100 for
 * good. Instead, writers append rows without a position; this sequencer, one run at a
 * time across all nodes (an advisory lock held to commit), stamps positions after the
 * head on the rows that have committed (the only ones its statement can see) and moves
 * the head in the same transaction. Each run's positions are all greater than the
 * previous run's and become visible at once, after it: a reader of {@code seq > last}
 * never skips one. One NOTIFY per run, carrying only the new head, wakes the other nodes.
 */
@Component
class Sequencer extends Wakeable {

	private static final long LOCK = 7_321_001L;

	private static final String STAMP = """
			with ready as (
			    select id, row_number() over (order by id) as n
			    from change_log
			    where seq is null
			    order by id
			    limit :batch
			), head as (
			    select position from change_log_head
			), stamped as (
			    update change_log c set seq = head.position + ready.n from ready, head where c.id = ready.id
			)
			update change_log_head set position = position + (select count(*) from ready)
			where exists (select 1 from ready)
			returning position
			""";

	private final DatabaseClient database;

	private final TransactionalOperator transaction;

	private final LiveProperties properties;

	private Fanout fanout;

	Sequencer(DatabaseClient database, TransactionalOperator transaction, LiveProperties properties) {
		this.database = database;
		this.transaction = transaction;
		this.properties = properties;
	}

	void deliverTo(Fanout fanout) {
		this.fanout = fanout;
	}

	@Override
	protected Mono<Boolean> runOnce() {
		Mono<Long> stamp = this.database.sql("select pg_advisory_xact_lock(" + LOCK + ")")
			.then()
			.then(this.database.sql(STAMP)
				.bind("batch", this.properties.batch())
				.map((row) -> row.get("position", Long.class))
				.one())
			.flatMap((head) -> this.database.sql("select pg_notify(:channel, :head)")
				.bind("channel", this.properties.channel())
				.bind("head", head.toString())
				.then()
				.thenReturn(head))
			.as(this.transaction::transactional);
		return stamp.doOnNext((head) -> {
			if (this.fanout != null) {
				this.fanout.wake();
			}
		})
			.then(this.database.sql("select exists (select 1 from change_log where seq is null) as waiting")
				.map((row) -> row.get("waiting", Boolean.class))
				.one());
	}

	@Override
	protected Duration pollInterval() {
		return this.properties.pollInterval();
	}

	@Override
	protected Duration retryInterval() {
		return this.properties.retryInterval();
	}

}
