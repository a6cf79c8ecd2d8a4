package org.centrik.matrix;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.centrik.security.TestAccounts;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bank of practices and the reads of a request over RSocket (request-response):
 * answers for those the rules allow, error frames with a code for everyone else and for
 * bad input, and nothing written by a refused command.
 */
@IntegrationTest
class PracticeRoutesIntegrationTests {

	private static final int YEAR = 2025;

	@Autowired
	ApplicationContext context;

	@Autowired
	RSocketRequester.Builder requesters;

	@Autowired
	Requests requests;

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
	void searchRanksAnotherWordFormFirstAndFilters() {
		MatrixScene scene = new MatrixScene(this.context);
		String unique = UUID.randomUUID().toString().substring(0, 6);
		long projects = scene.practice(scene.executor, "Организация проектной деятельности " + unique,
				"Проектная деятельность");
		scene.practice(scene.bystander, "Читательская грамотность " + unique, "Проектная деятельность");
		connect(scene.applicantAdmin);

		JsonNode found = call("practices.search",
				Map.of("query", "проектная деятельность " + unique, "network", scene.network));
		assertThat(found.isArray()).isTrue();
		assertThat(found.get(0).get("id").asLong()).isEqualTo(projects);
		assertThat(found.get(0).get("organisationName").asString()).startsWith("Лицей-исполнитель");

		JsonNode ofBystander = call("practices.search",
				Map.of("network", scene.network, "organisation", scene.bystander));
		assertThat(ofBystander).hasSize(1);
		assertThat(ofBystander.get(0).get("title").asString()).startsWith("Читательская грамотность");
		assertThat(call("practices.search", Map.of("network", scene.network, "level", "preschool"))).isEmpty();
		assertThat(call("practices.{id}", Map.of(), projects).get("direction").asString())
			.isEqualTo("Проектная деятельность");
	}

	@Test
	void theOrganisationsAdminDeclaresAndEditsOthersAreRefusedWithACode() {
		MatrixScene scene = new MatrixScene(this.context);
		Map<String, Object> declaration = Map.of("networkId", scene.network, "organisationId", scene.executor, "title",
				"Музейная педагогика", "direction", "Краеведение", "levels", List.of("primary", "general"), "formats",
				List.of("master_class"), "materialsUrl", "https://lyceum.example/museum");

		connect(scene.applicantAdmin);
		long before = scene.writes();
		assertThat(error("practices.create", declaration).get("code").asString()).isEqualTo("forbidden");
		assertThat(scene.writes()).isEqualTo(before);
		this.requester.dispose();

		connect(scene.executorAdmin);
		JsonNode declared = call("practices.create", declaration);
		long id = declared.get("id").asLong();
		assertThat(declared.get("levels")).hasSize(2);
		JsonNode edited = call("practices.{id}.update", Map.of("title", "Музейная педагогика в начальной школе",
				"direction", "Краеведение", "levels", List.of("primary")), id);
		assertThat(edited.get("title").asString()).isEqualTo("Музейная педагогика в начальной школе");
		assertThat(edited.get("organisationId").asLong()).isEqualTo(scene.executor);

		Map<String, Object> noLevels = Map.of("networkId", scene.network, "organisationId", scene.executor, "title",
				"Без уровней", "direction", "Краеведение");
		assertThat(error("practices.create", noLevels).get("code").asString()).isEqualTo("bad_input");
		assertThat(
				error("practices.{id}.update", Map.of("title", "x", "direction", "y", "levels", List.of("college")), id)
					.get("code")
					.asString())
			.isEqualTo("bad_input");
		assertThat(error("practices.{id}.update", declaration, Long.MAX_VALUE).get("code").asString())
			.isEqualTo("not_found");

		scene.lapse(scene.executor);
		assertThat(error("practices.{id}.update", declaration, id).get("code").asString()).isEqualTo("forbidden");
		this.requester.dispose();

		connect(scene.bystanderAdmin);
		assertThat(error("practices.{id}.update", declaration, id).get("code").asString()).isEqualTo("forbidden");
	}

	@Test
	void aRequestAndItsHistoryAreReadByMembersOnly() {
		MatrixScene scene = new MatrixScene(this.context);
		long id = this.requests.submit(scene.request(YEAR), scene.asAdmin(scene.applicantAdmin, scene.applicant))
			.block()
			.request()
			.id();
		this.requests.decline(id, "Нет свободных педагогов", null, scene.asCoordinator()).block();

		connect(scene.bystanderAdmin);
		assertThat(call("requests.{id}", Map.of(), id).get("state").asString()).isEqualTo("declined");
		JsonNode history = call("requests.{id}.history", Map.of(), id);
		assertThat(history).hasSize(2);
		assertThat(history.get(0).get("from").isNull()).isTrue();
		assertThat(history.get(0).get("actor").asString()).isEqualTo(scene.applicantAdmin.login());
		assertThat(history.get(1).get("to").asString()).isEqualTo("declined");
		assertThat(history.get(1).get("reason").asString()).isEqualTo("Нет свободных педагогов");
		assertThat(error("requests.{id}", Map.of(), Long.MAX_VALUE).get("code").asString()).isEqualTo("not_found");
		this.requester.dispose();

		connect(new TestAccounts(this.context).nobody());
		assertThat(error("requests.{id}", Map.of(), id).get("code").asString()).isEqualTo("forbidden");
		assertThat(error("requests.{id}.history", Map.of(), id).get("code").asString()).isEqualTo("forbidden");
		assertThat(error("practices.{id}", Map.of(), scene.practice).get("code").asString()).isEqualTo("forbidden");
		assertThat(call("practices.search", Map.of("network", scene.network))).isEmpty();
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
