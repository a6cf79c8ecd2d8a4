package org.centrik.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.rsocket.transport.netty.client.TcpClientTransport;
import org.centrik.security.TestAccounts;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.netty.tcp.TcpClient;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.messaging.rsocket.RSocketRequester;

/**
 * The screen in the hall: watches {@code attendance.{eventId}.stream} over RSocket TCP as
 * the web client does — a snapshot, then every change; when the stream fails (its node
 * went away, the database could not serve the subscription) it subscribes again on the
 * next node with {@code since} = the last sequence it processed, and after a
 * {@code resync} on the same node. It keeps every change message it received, so that a
 * test can check that none is missing or doubled.
 */
final class Dashboard implements AutoCloseable {

	private final TestAccounts.Account viewer;

	private final Supplier<RSocketRequester.Builder> builders;

	private final String route;

	private final List<Integer> nodes;

	private int current;

	private volatile long last = -1;

	private volatile boolean closed;

	private RSocketRequester requester;

	private Disposable subscription;

	/** Every {@code change} message, in the order received. */
	final List<JsonNode> changes = Collections.synchronizedList(new ArrayList<>());

	/** Snapshots received (1 unless a resubscription was answered with one). */
	final List<JsonNode> snapshots = Collections.synchronizedList(new ArrayList<>());

	/** Each subscription after the first: the node's port and the {@code since} sent. */
	final List<String> resubscriptions = Collections.synchronizedList(new ArrayList<>());

	Dashboard(TestAccounts.Account viewer, Supplier<RSocketRequester.Builder> builders, long eventId,
			List<Integer> nodes) {
		this.viewer = viewer;
		this.builders = builders;
		this.route = "attendance." + eventId + ".stream";
		this.nodes = nodes;
	}

	Dashboard start() {
		subscribe();
		return this;
	}

	/** Whether the first snapshot arrived. */
	boolean ready() {
		return !this.snapshots.isEmpty();
	}

	/** The teachers of the {@code participation.recorded} changes, in order. */
	List<Long> checkedIn() {
		synchronized (this.changes) {
			return this.changes.stream()
				.filter((change) -> change.path("type").asString().equals("participation.recorded"))
				.map((change) -> change.at("/data/teacherId").asLong())
				.toList();
		}
	}

	/** The sequences of every change received, in order. */
	List<Long> sequences() {
		synchronized (this.changes) {
			return this.changes.stream().map((change) -> change.path("sequence").asLong()).toList();
		}
	}

	int node() {
		return this.nodes.get(this.current);
	}

	private synchronized void subscribe() {
		if (this.closed) {
			return;
		}
		if (this.requester == null) {
			this.requester = this.viewer.setup(this.builders.get().dataMimeType(MediaType.APPLICATION_JSON))
				.transport(TcpClientTransport.create(TcpClient.newConnection().host("localhost").port(node())));
		}
		Map<String, Object> data = new LinkedHashMap<>();
		if (this.last >= 0) {
			data.put("since", this.last);
			this.resubscriptions.add(node() + " since " + this.last);
		}
		this.subscription = this.requester.route(this.route)
			.data(data)
			.retrieveFlux(JsonNode.class)
			.subscribe(this::receive, (failure) -> again(true), () -> again(false));
	}

	private void receive(JsonNode message) {
		switch (message.path("kind").asString()) {
			case "snapshot" -> this.snapshots.add(message);
			case "change" -> this.changes.add(message);
			default -> {
				return; // resync: the stream completes next, and we subscribe again
			}
		}
		this.last = message.path("sequence").asLong();
	}

	private synchronized void again(boolean failed) {
		if (this.closed) {
			return;
		}
		if (failed) {
			this.requester.dispose();
			this.requester = null;
			this.current = (this.current + 1) % this.nodes.size();
		}
		Mono.delay(Duration.ofMillis(200)).subscribe((tick) -> subscribe());
	}

	@Override
	public synchronized void close() {
		this.closed = true;
		if (this.subscription != null) {
			this.subscription.dispose();
		}
		if (this.requester != null) {
			this.requester.dispose();
		}
	}

}
