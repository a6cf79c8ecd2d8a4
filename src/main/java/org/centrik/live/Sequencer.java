package org.centrik.live;

import java.time.Duration;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Gives committed changes their positions, in an order no reader can overtake.
 * <p>
 * A sequence drawn at insert time is not commit order: a transaction holding position 100
 * can commit after one holding 101, and a reader that moved past 101 would lose 100 for
 * good. Instead, writers append rows without a position; this sequencer, one run at a
 * time across all nodes (an advisory lock held to commit), stamps positions after the
 * head on the rows that have committed (the only ones its statement can see) and moves
 * the head in the same transaction (one statement, the function
 * {@code centrik_sequence}). Each run's positions are all greater than the previous run's
 * and become visible at once, after it: a reader of {@code seq > last} never skips one.
 * One NOTIFY per run, carrying only the new head, wakes the other nodes.
 */
@Component
class Sequencer extends Wakeable {

	private final DatabaseClient database;

	private final LiveProperties properties;

	private Fanout fanout;

	Sequencer(DatabaseClient database, LiveProperties properties) {
		this.database = database;
		this.properties = properties;
	}

	void deliverTo(Fanout fanout) {
		this.fanout = fanout;
	}

	/**
	 * One run, one statement: {@code centrik_sequence} (migration V15_1) takes the lock,
	 * stamps, moves the head, sends the NOTIFY and says whether rows are still waiting.
	 */
	@Override
	protected Mono<Boolean> runOnce() {
		return this.database.sql("select head, waiting from centrik_sequence(:batch, :channel)")
			.bind("batch", this.properties.batch())
			.bind("channel", this.properties.channel())
			.map((row) -> new Run(row.get("head", Long.class), Boolean.TRUE.equals(row.get("waiting", Boolean.class))))
			.one()
			.map((run) -> {
				if (run.head() != null && this.fanout != null) {
					this.fanout.wake();
				}
				return run.waiting();
			});
	}

	/** What a run did: the new head, or null when nothing was stamped. */
	private record Run(Long head, boolean waiting) {
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
