package org.centrik.network;

import org.centrik.support.IntegrationTest;
import org.centrik.security.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

@IntegrationTest
@AutoConfigureWebTestClient
class RegistryApiIntegrationTests {

	@Autowired
	WebTestClient http;

	@Autowired
	DatabaseClient database;

	@Autowired
	ApplicationContext context;

	@BeforeEach
	void logInAsTheInstallationsCoordinator() {
		TestAccounts.Account coordinator = new TestAccounts(this.context).coordinatorOfAll();
		this.http = this.http.mutate().defaultHeaders(coordinator::bearer).build();
	}

	@Test
	void organisationIsReadWithItsLabels() {
		Long id = this.database.sql("""
				insert into organisations (name, short_name, kind, municipality, labels)
				values ('МБОУ «Лицей № 7»', 'Лицей № 7', 'lyceum', 'Центральный район', '{fip,cio}') returning id
				""").map((row) -> row.get("id", Long.class)).one().block();

		this.http.get()
			.uri("/api/organisations/{id}", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.name")
			.isEqualTo("МБОУ «Лицей № 7»")
			.jsonPath("$.kind")
			.isEqualTo("lyceum")
			.jsonPath("$.labels[1]")
			.isEqualTo("cio");
	}

	@Test
	void unknownOrganisationIsA404ProblemDetail() {
		this.http.get()
			.uri("/api/organisations/{id}", Long.MAX_VALUE)
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("not_found")
			.jsonPath("$.status")
			.isEqualTo(404)
			.jsonPath("$.trace")
			.doesNotExist();
	}

	@Test
	void malformedIdIsA400ProblemDetail() {
		this.http.get()
			.uri("/api/organisations/not-a-number")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("bad_input")
			.jsonPath("$.detail")
			.isEqualTo("Parameter 'id' has an invalid value.");
	}

}
