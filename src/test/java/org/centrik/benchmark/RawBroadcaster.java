package org.centrik.benchmark;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import org.centrik.support.TestDatabase;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.tcp.TcpServer;
import reactor.util.concurrent.Queues;

/**
 * The reference of W2: the least a broadcaster on the same Netty (Reactor Netty, as under
 * Spring's RSocket) must do, with no framework, no protocol beyond framing, no
 * sequencing, no resume, no authentication. It holds {@code LISTEN bench_raw} on a plain
 * R2DBC connection; a writer commits each change as a row and a {@code pg_notify} of its
 * JSON in one transaction; each notification's bytes are written once into a buffer that
 * every connection sends (a retained duplicate), newline-terminated over TCP, one text
 * frame over WebSocket. Each connection has a bounded queue of 256, as the live core's
 * subscribers do; a connection that overflows it is dropped.
 */
final class RawBroadcaster implements AutoCloseable {

	static final String CHANNEL = "bench_raw";

	private final Set<Sinks.Many<ByteBuf>> tcp = ConcurrentHashMap.newKeySet();

	private final Set<Sinks.Many<ByteBuf>> webSocket = ConcurrentHashMap.newKeySet();

	private final DisposableServer tcpServer;

	private final DisposableServer webSocketServer;

	private final PostgresqlConnection listening;

	RawBroadcaster() {
		this.tcpServer = TcpServer.create().host("127.0.0.1").port(0).handle((in, out) -> {
			Sinks.Many<ByteBuf> sink = Sinks.many().unicast().onBackpressureBuffer(Queues.<ByteBuf>get(256).get());
			this.tcp.add(sink);
			sink.tryEmitNext(ByteBufAllocator.DEFAULT.buffer().writeBytes("hello\n".getBytes(StandardCharsets.UTF_8)));
			return out.send(sink.asFlux(), (buffer) -> true)
				.then()
				.and(in.receive().then())
				.doFinally((signal) -> this.tcp.remove(sink));
		}).bindNow();
		this.webSocketServer = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes.ws("/raw", (in, out) -> {
				Sinks.Many<ByteBuf> sink = Sinks.many().unicast().onBackpressureBuffer(Queues.<ByteBuf>get(256).get());
				this.webSocket.add(sink);
				sink.tryEmitNext(
						ByteBufAllocator.DEFAULT.buffer().writeBytes("hello".getBytes(StandardCharsets.UTF_8)));
				return out.sendObject(sink.asFlux().map(TextWebSocketFrame::new), (frame) -> true)
					.then()
					.and(in.receive().then())
					.doFinally((signal) -> this.webSocket.remove(sink));
			}))
			.bindNow();
		ConnectionFactory factory = ConnectionFactories
			.get(TestDatabase.url().replaceFirst("^postgresql:", "r2dbc:postgresql:"));
		this.listening = (PostgresqlConnection) Mono.from(factory.create()).block(Duration.ofSeconds(30));
		this.listening.createStatement("LISTEN " + CHANNEL)
			.execute()
			.flatMap((result) -> result.getRowsUpdated())
			.then()
			.block(Duration.ofSeconds(30));
		this.listening.getNotifications().subscribe((notification) -> broadcast(notification.getParameter()));
	}

	private void broadcast(String payload) {
		byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
		ByteBuf line = ByteBufAllocator.DEFAULT.buffer(bytes.length + 1).writeBytes(bytes).writeByte('\n');
		ByteBuf frame = ByteBufAllocator.DEFAULT.buffer(bytes.length).writeBytes(bytes);
		send(this.tcp, line);
		send(this.webSocket, frame);
	}

	private static void send(Set<Sinks.Many<ByteBuf>> connections, ByteBuf message) {
		for (Sinks.Many<ByteBuf> sink : connections) {
			ByteBuf copy = message.retainedDuplicate();
			if (sink.tryEmitNext(copy).isFailure()) {
				copy.release();
				sink.tryEmitComplete();
				connections.remove(sink);
			}
		}
		message.release();
	}

	int tcpPort() {
		return this.tcpServer.port();
	}

	int webSocketPort() {
		return this.webSocketServer.port();
	}

	@Override
	public void close() {
		Mono.from(this.listening.close()).block(Duration.ofSeconds(10));
		this.tcpServer.disposeNow();
		this.webSocketServer.disposeNow();
	}

}
