package org.centrik.live;

import java.util.List;

import io.r2dbc.postgresql.codec.Json;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;

/**
 * Where every module records a change that clients can watch. Call {@link #append} inside
 * the transaction that makes the change: the row commits or rolls back with it, and
 * subscribers see it only once it has committed.
 */
@Component
public class ChangeLog {

	private final DatabaseClient database;

	private final JsonMapper json;

	private final Sequencer sequencer;

	ChangeLog(DatabaseClient database, JsonMapper json, Sequencer sequencer) {
		this.database = database;
		this.json = json;
		this.sequencer = sequencer;
	}

	/**
	 * Appends a change to the log in the caller's current transaction (or in one of its
	 * own when there is none).
	 * @param topic what the change is about
	 * @param type what happened, e.g. {@code participation.recorded}
	 * @param data the new state of the entity that changed; clients apply it as an upsert
	 */
	public Mono<Void> append(Topic topic, String type, Object data) {
		Json payload = Json.of(this.json.writeValueAsString(data));
		return this.database.sql("insert into change_log (topic, type, payload) values (:topic, :type, :payload)")
			.bind("topic", topic.name())
			.bind("type", type)
			.bind("payload", payload)
			.then()
			.then(wakeSequencerAfterCommit());
	}

	/**
	 * Appends several changes in one statement, in the caller's current transaction (or
	 * in one of its own when there is none), in the order given: for a change that
	 * reaches many topics at once, such as an event on the feeds of everyone it concerns.
	 */
	public Mono<Void> appendAll(List<Entry> entries) {
		if (entries.isEmpty()) {
			return Mono.empty();
		}
		return this.database
			.sql("""
					insert into change_log (topic, type, payload)
					select e.topic, e.type, e.payload::jsonb
					from unnest(:topics::text[], :types::text[], :payloads::text[]) with ordinality as e(topic, type, payload, n)
					order by e.n
					""")
			.bind("topics", entries.stream().map((entry) -> entry.topic().name()).toArray(String[]::new))
			.bind("types", entries.stream().map(Entry::type).toArray(String[]::new))
			.bind("payloads",
					entries.stream().map((entry) -> this.json.writeValueAsString(entry.data())).toArray(String[]::new))
			.then()
			.then(wakeSequencerAfterCommit());
	}

	/** One change of {@link #appendAll}: its topic, what happened, the new state. */
	public record Entry(Topic topic, String type, Object data) {
	}

	/**
	 * The JSON of a change's data, for a writer that inserts its {@code change_log} rows
	 * ({@code topic}, {@code type}, {@code payload jsonb}) in the very statement that
	 * makes the change: one round trip and no explicit transaction on a hot path (a
	 * check-in). It must call {@link #committed()} once that statement has committed.
	 */
	public Json payload(Object data) {
		return Json.of(this.json.writeValueAsString(data));
	}

	/**
	 * Tells the live core that change-log rows written by the caller's own statement (see
	 * {@link #payload}) have committed.
	 */
	public void committed() {
		this.sequencer.wake();
	}

	private Mono<Void> wakeSequencerAfterCommit() {
		return TransactionSynchronizationManager.forCurrentTransaction()
			.filter(TransactionSynchronizationManager::isSynchronizationActive)
			.doOnNext((transaction) -> transaction.registerSynchronization(new TransactionSynchronization() {
				@Override
				public Mono<Void> afterCommit() {
					return Mono.fromRunnable(ChangeLog.this.sequencer::wake);
				}
			}))
			.switchIfEmpty(Mono.fromRunnable(this.sequencer::wake))
			.onErrorResume(NoTransactionException.class, (ex) -> Mono.fromRunnable(this.sequencer::wake))
			.then();
	}

}
