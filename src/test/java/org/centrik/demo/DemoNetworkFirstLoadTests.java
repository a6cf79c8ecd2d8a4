package org.centrik.demo;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Option;
import org.centrik.demo.DemoNetwork.Summary;
import org.centrik.support.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first load, each time in a schema of its own on this run's PostgreSQL, so that it
 * really is the first: the shared schema already holds the demo network.
 */
class DemoNetworkFirstLoadTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final Clock clock = Clock.fixed(Instant.parse("2026-02-11T07:45:00Z"), ZoneOffset.UTC);

	private String schema;

	private DatabaseClient database;

	private R2dbcTransactionManager transactionManager;

	@BeforeEach
	void migrateASchemaOfItsOwn() {
		this.schema = "demo_first_load_" + UUID.randomUUID().toString().substring(0, 8);
		URI url = URI.create(TestDatabase.url());
		String[] credentials = url.getRawUserInfo().split(":", 2);
		String user = URLDecoder.decode(credentials[0], StandardCharsets.UTF_8);
		String password = (credentials.length > 1) ? URLDecoder.decode(credentials[1], StandardCharsets.UTF_8) : "";
		Flyway.configure()
			.dataSource(TestDatabase.jdbcUrl(), user, password)
			.schemas(this.schema)
			.defaultSchema(this.schema)
			.locations("classpath:db/migration")
			.load()
			.migrate();
		ConnectionFactory connections = ConnectionFactories.get(ConnectionFactoryOptions.parse("r2dbc:" + url)
			.mutate()
			.option(Option.valueOf("schema"), this.schema)
			.build());
		this.database = DatabaseClient.create(connections);
		this.transactionManager = new R2dbcTransactionManager(connections);
	}

	@AfterEach
	void dropTheSchema() throws Exception {
		try (Connection connection = TestDatabase.connect(); Statement statement = connection.createStatement()) {
			statement.execute("drop schema " + this.schema + " cascade");
		}
	}

	@Test
	void twoConcurrentFirstStartsLoadTheNetworkOnceAndOpenOneLiveEvent() {
		List<Summary> summaries = Flux
			.merge(demoNetwork().load(), demoNetwork().load(), demoNetwork().load(), demoNetwork().load())
			.collectList()
			.block(WAIT);
		assertThat(summaries).filteredOn(Summary::loadedNow).hasSize(1);
		assertThat(summaries).filteredOn((summary) -> summary.liveEvent().openedNow()).hasSize(1);
		assertThat(summaries).extracting(Summary::counts).containsOnly(summaries.get(0).counts());
		assertThat(count("select count(*) from networks")).isEqualTo(1);
		assertThat(count("select count(*) from teachers")).isEqualTo(summaries.get(0).counts().teachers());
		assertThat(count("select count(*) from events where state = 'live'")).isEqualTo(1);
	}

	@Test
	void concurrentRestartsAfterTheLiveEventEndedOpenOneNewLiveEvent() {
		demoNetwork().load().block(WAIT);
		Clock later = Clock.offset(this.clock, Duration.ofHours(4));
		List<Summary> summaries = Flux
			.merge(demoNetwork(later).load(), demoNetwork(later).load(), demoNetwork(later).load(),
					demoNetwork(later).load())
			.collectList()
			.block(WAIT);
		assertThat(summaries).noneMatch(Summary::loadedNow);
		assertThat(summaries).filteredOn((summary) -> summary.liveEvent().openedNow()).hasSize(1);
		assertThat(count("select count(*) from events where state = 'live'")).isEqualTo(2);
	}

	@Test
	void liveEventOfANetworkFromAnotherCatalogueIsHostedByItsCoordinator() {
		demoNetwork().load().block(WAIT);
		this.database.sql("update teachers set email = 'old.' || email").then().block(WAIT);
		Summary summary = demoNetwork(Clock.offset(this.clock, Duration.ofHours(4))).load().block(WAIT);
		assertThat(summary.liveEvent().openedNow()).isTrue();
		assertThat(this.database.sql("""
				select count(*) from event_hosts h join networks n on n.coordinator_id = h.organisation_id
				where h.event_id = :event
				""")
			.bind("event", summary.liveEvent().id().value())
			.map((row) -> row.get(0, Long.class))
			.one()
			.block(WAIT)).isEqualTo(1);
	}

	@Test
	void firstLoadTakesWellUnderTwoSeconds() {
		// warm up the planner and the driver, as a server has before its runner starts
		new DemoPlanner(DemoPlanner.SEED).plan(this.clock.instant());
		count("select count(*) from networks");
		long started = System.nanoTime();
		Summary summary = demoNetwork().load().block(WAIT);
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		System.out.println(DemoNetworkRunner.describe(summary, took));
		assertThat(summary.loadedNow()).isTrue();
		assertThat(took).isLessThan(Duration.ofSeconds(2));
	}

	@Test
	void datesAreRelativeToTheFirstLoad() {
		Summary summary = demoNetwork().load().block(WAIT);
		assertThat(summary.loadedAt()).isEqualTo(this.clock.instant());
		assertThat(summary.liveEvent().startsAt()).isEqualTo(this.clock.instant().minus(Duration.ofMinutes(20)));
		assertThat(summary.liveEvent().endsAt()).isEqualTo(this.clock.instant().plus(Duration.ofHours(3)));
		assertThat(count("select count(*) from events where state = 'finished' and ends_at >= '2026-02-11'")).isZero();
		assertThat(count("select count(*) from events where state = 'published' and starts_at <= '2026-02-11'"))
			.isZero();
		assertThat(count("select count(*) from request_transitions where at > '2026-02-11T07:45:00Z'")).isZero();
	}

	private DemoNetwork demoNetwork() {
		return demoNetwork(this.clock);
	}

	private DemoNetwork demoNetwork(Clock clock) {
		return new DemoNetwork(this.database, this.transactionManager, clock);
	}

	private long count(String sql) {
		return this.database.sql(sql).map((row) -> row.get(0, Long.class)).one().block(WAIT);
	}

}
