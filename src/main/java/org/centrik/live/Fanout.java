package org.centrik.live;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;
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

	Fanout(DatabaseClient database, JsonMapper json, Subscribers subscribers, LiveProperties properties) {
		this.database = database;
		this.json = json;
		this.subscribers = subscribers;
		this.properties = properties;
	}

	@Override
	protected Mono<Boolean> runOnce() {
		Mono<Long> from = (this.delivered >= 0) ? Mono.just(this.delivered)
				: this.database.sql("select position from change_log_head")
					.map((row) -> row.get("position", Long.class))
					.one()
					.doOnNext((head) -> this.delivered = head);
		return from
			.flatMap((position) -> this.database.sql(SELECT + "where seq > :from order by seq limit :batch")
				.bind("from", position)
				.bind("batch", this.properties.batch())
				.map((row) -> change(row))
				.all()
				.collectList())
			.map(this::deliver);
	}

	private boolean deliver(List<Change> changes) {
		for (Change change : changes) {
			this.subscribers.publish(change);
			this.delivered = change.sequence();
		}
		return changes.size() == this.properties.batch();
	}

	/** The last position handed to this node's subscribers. */
	long delivered() {
		return this.delivered;
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
