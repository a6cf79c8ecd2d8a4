package org.centrik.demo;

import java.time.Duration;
import java.util.Map;

import org.centrik.demo.DemoNetwork.Summary;
import org.centrik.security.Accounts;
import org.centrik.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest(properties = { "centrik.demo.enabled=true", "centrik.demo.pulse.enabled=false" })
@AutoConfigureWebTestClient
class DemoAccountsIntegrationTests {

	@Autowired
	WebTestClient http;

	@Autowired
	DemoNetwork demoNetwork;

	@Autowired
	Accounts accounts;

	@Autowired
	DatabaseClient database;

	@Test
	void everyDemoAccountGetsTokensWithTheDocumentedPassword() {
		for (String login : DemoAccounts.LOGINS) {
			this.http.post()
				.uri("/api/auth/token")
				.bodyValue(Map.of("login", login, "password", DemoAccounts.PASSWORD))
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.accessToken")
				.isNotEmpty();
		}
	}

	@Test
	void theTeacherHasCentriksAndTheHostHostsTheLiveEvent() {
		Summary demo = this.demoNetwork.load().block(Duration.ofSeconds(30));

		assertThat(count("""
				select count(*) from users u join participations p on p.teacher_id = u.teacher_id
				where u.login = 'teacher@centrik.example' and p.status = 'present'
				""")).isGreaterThanOrEqualTo(3);
		assertThat(count("select count(*) from event_host_people h join users u on u.id = h.user_id "
				+ "where u.login = 'host@centrik.example' and h.event_id = " + demo.liveEvent().id().value()))
			.isEqualTo(1);
	}

	@Test
	void ensuringTheAccountsAgainCreatesNothing() {
		Summary demo = this.demoNetwork.load().block(Duration.ofSeconds(30));
		long before = count("select count(*) from users");

		new DemoAccounts(this.accounts, this.database).ensure(demo).block(Duration.ofSeconds(30));

		assertThat(count("select count(*) from users")).isEqualTo(before);
		assertThat(count("select count(*) from users where login like '%@centrik.example'"))
			.isEqualTo(DemoAccounts.LOGINS.size());
	}

	private long count(String sql) {
		return this.database.sql(sql).map((row) -> row.get(0, Long.class)).one().block();
	}

}
