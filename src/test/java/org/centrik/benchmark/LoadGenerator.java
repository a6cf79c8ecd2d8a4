package org.centrik.benchmark;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.handler.codec.LineBasedFrameDecoder;
import io.rsocket.transport.ClientTransport;
import io.rsocket.transport.netty.client.TcpClientTransport;
import io.rsocket.transport.netty.client.WebsocketClientTransport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import reactor.core.Disposable;
import reactor.netty.Connection;
import reactor.netty.http.client.HttpClient;
import reactor.netty.tcp.TcpClient;

import org.springframework.http.MediaType;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.security.rsocket.metadata.BearerTokenAuthenticationEncoder;
import org.springframework.security.rsocket.metadata.BearerTokenMetadata;
import org.springframework.util.MimeTypeUtils;

/**
 * The benchmarks' load generator, run as a JVM of its own so that the server's memory and
 * CPU are its own: it opens subscriptions as real clients (rsocket-java through Spring's
 * {@link RSocketRequester}, over TCP or WebSocket; or plain Netty clients of the raw
 * broadcaster) and records, per delivered change, the latency from the change's intended
 * send time ({@code "t"}, {@link System#nanoTime()}, which every JVM of this machine
 * reads from the same monotonic clock) to its decoding here. Measuring from the intended
 * time rather than the actual send corrects for coordinated omission: a writer that
 * stalls delays its changes' intended times not at all.
 * <p>
 * Arguments are {@code key=value}: {@code transport} (rsocket-tcp, rsocket-ws, raw-tcp,
 * raw-ws), {@code host}, {@code port}, {@code path} (WebSocket), {@code token},
 * {@code routes} (comma-separated RSocket routes, subscriptions take them in turn),
 * {@code streams} (subscriptions per connection), {@code warm} (changes numbered below it
 * are counted, not measured). Commands, one per line on stdin, each answered by a line
 * starting with {@code @} on stdout: {@code add N} (open N more subscriptions, answered
 * once each got its first message), {@code wait N S} (until N deliveries, at most S
 * seconds), {@code count}, {@code report}, {@code quit}.
 */
public final class LoadGenerator {

	private final Map<String, String> options;

	private final Recorder latency = new Recorder(TimeUnit.MINUTES.toMicros(10), 3);

	private final AtomicLong delivered = new AtomicLong();

	private final AtomicLong measured = new AtomicLong();

	private final AtomicLong lastReceived = new AtomicLong();

	private final AtomicLong resyncs = new AtomicLong();

	private final AtomicLong errors = new AtomicLong();

	private final List<Object> connections = new ArrayList<>();

	private final List<Disposable> subscriptions = new ArrayList<>();

	private RSocketRequester current;

	private int onCurrent;

	private int opened;

	private LoadGenerator(Map<String, String> options) {
		this.options = options;
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new HashMap<>();
		for (String arg : args) {
			int eq = arg.indexOf('=');
			options.put(arg.substring(0, eq), arg.substring(eq + 1));
		}
		new LoadGenerator(options).run();
	}

	private void run() throws Exception {
		BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		answer("ready");
		String line;
		while ((line = commands.readLine()) != null) {
			String[] words = line.trim().split(" ");
			switch (words[0]) {
				case "add" -> add(Integer.parseInt(words[1]));
				case "wait" -> {
					long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(words[2]));
					while (this.delivered.get() < Long.parseLong(words[1]) && System.nanoTime() < until) {
						Thread.sleep(20);
					}
					answer("waited " + this.delivered.get());
				}
				case "count" ->
					answer("count " + this.delivered.get() + " " + this.resyncs.get() + " " + this.errors.get());
				case "report" -> answer(report());
				case "quit" -> {
					close();
					answer("bye");
					System.exit(0);
				}
				default -> answer("unknown " + line);
			}
		}
		close();
	}

	private static void answer(String text) {
		System.out.println("@" + text);
		System.out.flush();
	}

	/**
	 * Opens n more subscriptions and waits (at most a minute each batch) for their first
	 * message.
	 */
	private void add(int n) throws InterruptedException {
		String transport = this.options.get("transport");
		String[] routes = this.options.getOrDefault("routes", "").split(",");
		int streams = Integer.parseInt(this.options.getOrDefault("streams", "1"));
		CountDownLatch started = new CountDownLatch(n);
		AtomicLong failed = new AtomicLong();
		long begin = System.nanoTime();
		for (int i = 0; i < n; i++) {
			if (transport.startsWith("raw")) {
				rawSubscription(transport, started, failed);
			}
			else {
				if (this.current == null || this.onCurrent == streams) {
					this.current = requester(transport);
					this.connections.add(this.current);
					this.onCurrent = 0;
				}
				this.onCurrent++;
				String route = routes[this.opened % routes.length];
				this.subscriptions.add(this.current.route(route)
					.data("{}")
					.retrieveFlux(String.class)
					.subscribe(new FirstMessage(started)::received, (ex) -> {
						this.errors.incrementAndGet();
						System.err.println("stream failed: " + ex);
						started.countDown();
						failed.incrementAndGet();
					}));
			}
			this.opened++;
			if (i % 500 == 499) {
				// let the server keep up with the connections and snapshots
				started.await(5, TimeUnit.SECONDS);
			}
		}
		boolean all = started.await(Math.max(120, n / 50), TimeUnit.SECONDS);
		answer("held " + this.opened + " " + (started.getCount() + failed.get()) + " "
				+ (System.nanoTime() - begin) / 1_000_000 + (all ? "" : " incomplete"));
	}

	private RSocketRequester requester(String transport) {
		String host = this.options.getOrDefault("host", "127.0.0.1");
		int port = Integer.parseInt(this.options.get("port"));
		ClientTransport client = transport.equals("rsocket-ws")
				? WebsocketClientTransport.create(HttpClient.newConnection().host(host).port(port),
						this.options.getOrDefault("path", "/rsocket"))
				: TcpClientTransport.create(TcpClient.newConnection().host(host).port(port));
		return RSocketRequester.builder()
			.dataMimeType(MediaType.APPLICATION_JSON)
			.setupMetadata(new BearerTokenMetadata(this.options.get("token")),
					MimeTypeUtils.parseMimeType("message/x.rsocket.authentication.v0"))
			.rsocketStrategies((strategies) -> strategies.encoder(new BearerTokenAuthenticationEncoder()))
			.transport(client);
	}

	private void rawSubscription(String transport, CountDownLatch started, AtomicLong failed) {
		String host = this.options.getOrDefault("host", "127.0.0.1");
		int port = Integer.parseInt(this.options.get("port"));
		FirstMessage first = new FirstMessage(started);
		if (transport.equals("raw-ws")) {
			this.subscriptions.add(HttpClient.newConnection()
				.websocket()
				.uri(URI.create("ws://" + host + ":" + port + this.options.getOrDefault("path", "/raw")))
				.handle((in, out) -> in.receive().asString().doOnNext(first::received).then())
				.subscribe(null, (ex) -> {
					this.errors.incrementAndGet();
					started.countDown();
					failed.incrementAndGet();
				}));
			return;
		}
		Connection connection = TcpClient.newConnection()
			.host(host)
			.port(port)
			.doOnConnected((c) -> c.addHandlerLast(new LineBasedFrameDecoder(1 << 20)))
			.connectNow(Duration.ofSeconds(30));
		this.connections.add(connection);
		this.subscriptions.add(connection.inbound().receive().asString().subscribe(first::received, (ex) -> {
			this.errors.incrementAndGet();
			started.countDown();
			failed.incrementAndGet();
		}));
	}

	private void message(String message) {
		long now = System.nanoTime();
		if (message.startsWith("{\"kind\":\"resync\"")) {
			this.resyncs.incrementAndGet();
			return;
		}
		if (message.startsWith("{\"kind\":\"snapshot\"") || message.equals("hello")) {
			return;
		}
		this.delivered.incrementAndGet();
		long intended = Bench.longField(message, "t");
		if (intended < 0 || Bench.longField(message, "n") < Long.parseLong(this.options.getOrDefault("warm", "0"))) {
			return;
		}
		this.latency.recordValue(Math.min(Math.max(0, now - intended) / 1000, TimeUnit.MINUTES.toMicros(10)));
		this.measured.incrementAndGet();
		this.lastReceived.accumulateAndGet(now, Math::max);
	}

	private String report() {
		Histogram histogram = this.latency.getIntervalHistogram();
		ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
		int length = histogram.encodeIntoCompressedByteBuffer(buffer);
		byte[] bytes = new byte[length];
		buffer.rewind();
		buffer.get(bytes);
		return "result " + this.delivered.get() + " " + this.measured.get() + " " + this.lastReceived.get() + " "
				+ this.resyncs.get() + " " + this.errors.get() + " " + Base64.getEncoder().encodeToString(bytes);
	}

	private void close() {
		this.subscriptions.forEach(Disposable::dispose);
		for (Object connection : this.connections) {
			if (connection instanceof RSocketRequester requester) {
				requester.dispose();
			}
			else if (connection instanceof Connection plain) {
				plain.dispose();
			}
		}
	}

	/** Counts a subscription as open at its first message (a snapshot, or hello). */
	private final class FirstMessage {

		private final CountDownLatch started;

		private boolean first = true;

		FirstMessage(CountDownLatch started) {
			this.started = started;
		}

		void received(String message) {
			if (this.first) {
				this.first = false;
				this.started.countDown();
			}
			message(message);
		}

	}

}
