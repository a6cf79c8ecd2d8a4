package org.centrik.live;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Reads the log from the last position this node delivered and hands each change to the
 * node's subscribers of its topic. Woken by this node's sequencer, by NOTIFY from other
 * nodes, and by a slow poll; runs one read at a time.
 */
@Component
class Fanout extends Wakeable {

	static final String SELECT = "select seq, id, topic, type, payload, created_at from change_log ";

	private final DatabaseClient database;

	private final JsonMapper json;

	private final Subscribers subscribers;

	private final LiveProperties properties;

	private volatile long delivered = -1;

	// completes once the start position is known; no subscriber registers before that
	private final Sinks.One<Long> ready = Sinks.one();

	Fanout(DatabaseClient database, JsonMapper json, Subscribers subscribers, LiveProperties properties) {
		this.database = database;
		this.json = json;
		this.subscribers = subscribers;
		this.properties = properties;
	}

	/**
	 * Starts from the head of the log as it is now, before any subscriber can register: a
	 * change stamped after that is delivered, whenever the first read happens.
	 */
	@Override
	void start() {
		if (this.delivered >= 0) {
			// started again after a stop: carry on from where it was
			super.start();
			return;
		}
		this.database.sql("select position from change_log_head")
			.map((row) -> row.get("position", Long.class))
			.one()
			.retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(100)).maxBackoff(Duration.ofSeconds(2)))
			.subscribe((head) -> {
				this.delivered = head;
				this.ready.tryEmitValue(head);
				super.start();
			});
	}

	/** Completes when the fan-out knows where it starts. */
	Mono<Void> ready() {
		return this.ready.asMono().then();
	}

	@Override
	protected Mono<Boolean> runOnce() {
		return this.database.sql(SELECT + "where seq > :from order by seq limit :batch")
			.bind("from", this.delivered)
			.bind("batch", this.properties.batch())
			.map((row) -> change(row))
			.all()
			.collectList()
			.map(this::deliver);
	}

	private boolean deliver(List<Change> changes) {
		this.subscribers.publish(changes);
		if (!changes.isEmpty()) {
			this.delivered = changes.get(changes.size() - 1).sequence();
		}
		return changes.size() == this.properties.batch();
	}

	Change change(Readable row) {
		long sequence = row.get("seq", Long.class);
		String topic = row.get("topic", String.class);
		String type = row.get("type", String.class);
		JsonNode data = this.json.readTree(row.get("payload", Json.class).asString());
		Instant at = row.get("created_at", Instant.class);
		byte[] encoded = this.json
			.writeValueAsBytes(new LiveMessage(LiveMessage.Kind.CHANGE, topic, sequence, null, type, at, data));
		return new Change(sequence, row.get("id", Long.class), topic, type, data, at, encoded);
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
