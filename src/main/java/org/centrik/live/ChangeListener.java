package org.centrik.live;

import java.time.Duration;
import java.util.UUID;

import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Option;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import org.springframework.boot.r2dbc.autoconfigure.R2dbcProperties;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Holds this node's LISTEN on a connection of its own (a pooled one would be handed to
 * others). Each notification, and each (re)connection, wakes the fan-out, which reads the
 * log from where it is: so a notification lost while the connection was down costs
 * nothing.
 */
@Component
class ChangeListener {

	private static final Log logger = LogFactory.getLog(ChangeListener.class);

	private final ConnectionFactory connections;

	private final LiveProperties properties;

	private final String applicationName = "centrik-listen-" + UUID.randomUUID().toString().substring(0, 8);

	private Disposable listening;

	ChangeListener(R2dbcProperties r2dbc, LiveProperties properties) {
		ConnectionFactoryOptions.Builder options = ConnectionFactoryOptions.parse(r2dbc.getUrl()).mutate();
		if (StringUtils.hasText(r2dbc.getUsername())) {
			options.option(ConnectionFactoryOptions.USER, r2dbc.getUsername());
		}
		if (StringUtils.hasText(r2dbc.getPassword())) {
			options.option(ConnectionFactoryOptions.PASSWORD, r2dbc.getPassword());
		}
		options.option(Option.valueOf("applicationName"), this.applicationName);
		this.connections = ConnectionFactories.get(options.build());
		this.properties = properties;
	}

	void start(Fanout fanout) {
		this.listening = Flux
			.usingWhen(Mono.from(this.connections.create()), this::listen, Connection::close,
					(connection, ex) -> Mono.from(connection.close()).onErrorComplete(), Connection::close)
			.doOnNext((signal) -> fanout.wake())
			.concatWith(Mono.error(() -> new IllegalStateException("LISTEN connection closed")))
			.retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(50))
				.maxBackoff(Duration.ofSeconds(2))
				.doBeforeRetry((retry) -> logger.warn("LISTEN connection lost (" + retry.failure().getMessage()
						+ "); reconnecting, attempt " + (retry.totalRetriesInARow() + 1))))
			.subscribe();
	}

	private Flux<String> listen(Connection connection) {
		PostgresqlConnection postgres = (PostgresqlConnection) connection;
		return postgres.createStatement("LISTEN " + this.properties.channel())
			.execute()
			.flatMap((result) -> result.getRowsUpdated())
			.then(Mono.fromRunnable(() -> logger.info("Listening for changes on " + this.properties.channel())))
			.thenMany(Flux.just("connected")
				.concatWith(postgres.getNotifications().map((notification) -> notification.getParameter())));
	}

	/**
	 * The application name of the LISTEN connection, as seen in {@code pg_stat_activity}.
	 */
	String applicationName() {
		return this.applicationName;
	}

	void stop() {
		if (this.listening != null) {
			this.listening.dispose();
		}
	}

}
