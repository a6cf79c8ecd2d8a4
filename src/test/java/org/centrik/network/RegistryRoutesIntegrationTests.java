package org.centrik.network;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.centrik.security.TestAccounts;
import org.centrik.support.Fixtures;
import org.centrik.support.IntegrationTest;
import org.centrik.support.RouteCalls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.rsocket.server.LocalRSocketServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registry over RSocket (request-response): a coordinator adds organisations and
 * agreements, members read them, an admin edits the names and contacts of their own
 * organisation; everyone else, and bad input, gets an error frame with a code.
 */
@IntegrationTest
class RegistryRoutesIntegrationTests {

	@Autowired
	ApplicationContext context;

	@Autowired
	DatabaseClient database;

	@Autowired
	RSocketRequester.Builder requesters;

	@LocalRSocketServerPort
	int tcpPort;

	RSocketRequester requester;

	@AfterEach
	void disconnect() {
		if (this.requester != null) {
			this.requester.dispose();
		}
	}

	@Test
	void theCoordinatorAddsAnOrganisationAndItsAgreementWhichMakesItAMember() {
		Fixtures fixtures = new Fixtures(this.database);
		TestAccounts users = new TestAccounts(this.context);
		long network = fixtures.network(fixtures.organisation("ИМЦ реестра"));
		connect(users.coordinator(network));

		JsonNode school = call("organisations.create", Map.of("name", "МБОУ «Школа № 12»", "shortName", "Школа № 12",
				"kind", "school", "municipality", "Колпинский район", "labels", List.of("kip", "oou")));
		long id = school.get("id").asLong();
		assertThat(school.get("kind").asString()).isEqualTo("school");
		assertThat(school.get("labels")).hasSize(2);

		String number = "СМ-" + UUID.randomUUID().toString().substring(0, 8);
		Map<String, Object> agreement = Map.of("organisationId", id, "number", number, "signedOn",
				LocalDate.now().minusDays(3).toString(), "validFrom", LocalDate.now().minusDays(1).toString(),
				"purpose", "Методическое взаимодействие");
		JsonNode added = call("networks.{id}.agreements.add", agreement, network);
		assertThat(added.get("inForce").asBoolean()).isTrue();
		assertThat(error("networks.{id}.agreements.add", agreement, network).get("code").asString())
			.isEqualTo("conflict");
		assertThat(
				error("networks.{id}.agreements.add",
						Map.of("organisationId", id, "number", "СМ-2", "signedOn", "2025-09-01", "validFrom",
								"2025-09-01", "validTo", "2025-01-01"),
						network)
					.get("code")
					.asString())
			.isEqualTo("bad_input");
		assertThat(error("networks.{id}.agreements.add", agreement, Long.MAX_VALUE).get("code").asString())
			.isEqualTo("forbidden");

		JsonNode registry = call("networks.{id}.agreements", Map.of(), network);
		assertThat(registry).anySatisfy((entry) -> assertThat(entry.get("number").asString()).isEqualTo(number));
		assertThat(call("organisations", Map.of()))
			.anySatisfy((entry) -> assertThat(entry.get("id").asLong()).isEqualTo(id));
		assertThat(call("networks", Map.of())).singleElement()
			.satisfies((entry) -> assertThat(entry.get("id").asLong()).isEqualTo(network));
		assertThat(error("organisations.create", Map.of("name", "Школа", "kind", "university", "municipality", "Район"))
			.get("code")
			.asString()).isEqualTo("bad_input");
	}

	@Test
	void anAdminEditsNamesAndContactsOfTheirOwnOrganisationOnly() {
		Fixtures fixtures = new Fixtures(this.database);
		TestAccounts users = new TestAccounts(this.context);
		long network = fixtures.network(fixtures.organisation("ИМЦ карточки"));
		long school = fixtures.organisation("Школа карточки");
		long other = fixtures.organisation("Чужая школа");
		fixtures.member(network, school);
		fixtures.member(network, other);
		TestAccounts.Account admin = users.admin(school);
		connect(admin);

		JsonNode own = call("organisations.{id}", Map.of(), school);
		Map<String, Object> card = Map.of("name", own.get("name").asString(), "shortName", "Школа № 1", "kind",
				"school", "municipality", "Тестовый район", "phone", "+7 812 000-00-00", "labels", List.of("kip"));
		JsonNode edited = call("organisations.{id}.update", card, school);
		assertThat(edited.get("phone").asString()).isEqualTo("+7 812 000-00-00");
		assertThat(error("organisations.{id}.update",
				Map.of("name", "Школа", "kind", "school", "municipality", "Тестовый район", "labels", List.of("fip")),
				school)
			.get("code")
			.asString()).isEqualTo("forbidden");
		assertThat(error("organisations.{id}.update", card, other).get("code").asString()).isEqualTo("forbidden");
		assertThat(error("organisations.create", card).get("code").asString()).isEqualTo("forbidden");
		assertThat(error("organisations.{id}", Map.of(), Long.MAX_VALUE).get("code").asString()).isEqualTo("not_found");
		this.requester.dispose();

		connect(users.nobody());
		assertThat(error("organisations.{id}", Map.of(), school).get("code").asString()).isEqualTo("forbidden");
		assertThat(error("networks.{id}.agreements", Map.of(), network).get("code").asString()).isEqualTo("forbidden");
	}

	private JsonNode call(String route, Object data, Object... variables) {
		return RouteCalls.call(this.requester, route, data, variables);
	}

	private JsonNode error(String route, Object data, Object... variables) {
		return RouteCalls.error(this.requester, route, data, variables);
	}

	private void connect(TestAccounts.Account account) {
		this.requester = account.setup(this.requesters.dataMimeType(MediaType.APPLICATION_JSON))
			.tcp("localhost", this.tcpPort);
	}

}
