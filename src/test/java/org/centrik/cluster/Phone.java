package org.centrik.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import io.rsocket.exceptions.ApplicationErrorException;
import io.rsocket.exceptions.RejectedSetupException;
import io.rsocket.transport.netty.client.TcpClientTransport;
import org.centrik.security.TestAccounts;
import reactor.netty.tcp.TcpClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.messaging.rsocket.RSocketRequester;

/**
 * A teacher's phone as the check-in queue of the web client behaves: it sends a check-in
 * over RSocket TCP to a node and, until the server answers it, sends it again with the
 * same client id and scan time — after {@code retryAfter} when the server says
 * {@code unavailable} or {@code too_many_attempts}, and to the next node when the
 * connection is lost or cannot be made (a load balancer would do the same). A refusal
 * with any other code ends the attempt: the test fails on it.
 */
final class Phone implements AutoCloseable {

	private static final JsonMapper json = JsonMapper.builder().build();

	/** Codes after which the same check-in may succeed later. */
	private static final Set<String> RETRY = Set.of("unavailable", "internal", "too_many_attempts");

	private final TestAccounts.Account teacher;

	private final Supplier<RSocketRequester.Builder> builders;

	private final List<Integer> nodes;

	private int current;

	private RSocketRequester requester;

	/** What went wrong on the way, in order: error codes, or {@code connection}. */
	final List<String> troubles = Collections.synchronizedList(new ArrayList<>());

	/**
	 * @param nodes the RSocket TCP ports of the nodes, the one to try first first
	 */
	Phone(TestAccounts.Account teacher, Supplier<RSocketRequester.Builder> builders, List<Integer> nodes) {
		this.teacher = teacher;
		this.builders = builders;
		this.nodes = nodes;
	}

	/**
	 * Sends the check-in until the server answers it.
	 * @param sentAt the phone's clock when it sends, given the scan time: a phone that
	 * was offline sends {@code scannedAt} as it was and {@code sentAt} as now
	 * @return the server's answer: {@code participation} and {@code created}
	 */
	JsonNode checkIn(long eventId, UUID clientId, String code, Instant scannedAt, Supplier<Instant> sentAt,
			Duration patience) {
		Instant deadline = Instant.now().plus(patience);
		while (true) {
			Map<String, Object> request = new LinkedHashMap<>();
			request.put("clientId", clientId.toString());
			request.put("code", code);
			request.put("scannedAt", scannedAt.toString());
			request.put("sentAt", sentAt.get().toString());
			Duration wait;
			try {
				JsonNode answer = requester().route("attendance." + eventId + ".check-in")
					.data(request)
					.retrieveMono(JsonNode.class)
					.block(Duration.ofSeconds(10));
				if (answer != null) {
					return answer;
				}
				this.troubles.add("empty");
				wait = Duration.ofMillis(200);
			}
			catch (ApplicationErrorException ex) {
				JsonNode error = json.readTree(ex.getMessage());
				String errorCode = error.path("code").asString();
				this.troubles.add(errorCode);
				if (!RETRY.contains(errorCode)) {
					throw new AssertionError("Check-in " + clientId + " refused: " + ex.getMessage());
				}
				wait = Duration.ofSeconds(Math.max(1, error.path("retryAfter").asLong(1)));
			}
			catch (RejectedSetupException ex) {
				// the node refused the connection: its JSON says why
				JsonNode error = json.readTree(ex.getMessage());
				this.troubles.add("setup " + error.path("code").asString());
				if (!RETRY.contains(error.path("code").asString())) {
					throw new AssertionError("Connection of " + clientId + " refused: " + ex.getMessage());
				}
				switchNode();
				wait = Duration.ofSeconds(1);
			}
			catch (RuntimeException ex) {
				// the node went away, or cannot be reached: try the next one
				this.troubles.add("connection (" + ex.getClass().getSimpleName() + ": " + ex.getMessage() + ")");
				switchNode();
				wait = Duration.ofMillis(200);
			}
			if (Instant.now().plus(wait).isAfter(deadline)) {
				throw new AssertionError(
						"Check-in " + clientId + " not answered within " + patience + "; troubles: " + this.troubles);
			}
			sleep(wait);
		}
	}

	/** The node this phone talks to now. */
	int node() {
		return this.nodes.get(this.current);
	}

	private synchronized RSocketRequester requester() {
		if (this.requester == null) {
			this.requester = this.teacher.setup(this.builders.get().dataMimeType(MediaType.APPLICATION_JSON))
				.transport(TcpClientTransport.create(TcpClient.newConnection().host("localhost").port(node())));
		}
		return this.requester;
	}

	private synchronized void switchNode() {
		if (this.requester != null) {
			this.requester.dispose();
			this.requester = null;
		}
		this.current = (this.current + 1) % this.nodes.size();
	}

	@Override
	public synchronized void close() {
		if (this.requester != null) {
			this.requester.dispose();
		}
	}

	static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
