package org.centrik.recognition;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.rsocket.exceptions.ApplicationErrorException;
import org.centrik.security.TestAccounts;
import org.centrik.shared.SchoolYear;
import org.centrik.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.rsocket.server.LocalRSocketServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.centrik.support.ProtocolSchemas.assertValid;

/**
 * Recognition over RSocket: the routes answer what frontend-protocol declares (every
 * reply and progress element validates against its schema), refuse with error frames that
 * carry a code, and the year-end run streams its progress and is repeatable without
 * doubles.
 */
@IntegrationTest
class RecognitionRoutesIntegrationTests {

	@LocalRSocketServerPort
	int port;

	@Autowired
	RSocketRequester.Builder requesters;

	@Autowired
	DatabaseClient database;

	@Autowired
	ApplicationContext context;

	@Autowired
	JsonMapper json;

	RecognitionFixtures net;

	TestAccounts accounts;

	SchoolYear year;

	long listener;

	long oneShort;

	long[] presenters;

	final List<RSocketRequester> opened = new ArrayList<>();

	@BeforeEach
	void network() {
		this.net = new RecognitionFixtures(this.database);
		this.accounts = new TestAccounts(this.context);
		this.year = RecognitionFixtures.lastYear();
		LocalDate first = this.year.firstDay();
		long e1 = this.net.event(first.plusDays(40), true);
		long e2 = this.net.event(first.plusDays(90), true);
		long e3 = this.net.event(first.plusDays(200), true);
		this.listener = this.net.teacher(this.net.applicant, "Слушателева");
		this.net.listener(e1, this.listener);
		this.net.listener(e2, this.listener);
		this.net.listener(e3, this.listener);
		this.presenters = this.net.presentersOfTheExecutor(List.of(e1, e2, e3));
		this.oneShort = this.net.teacher(this.net.applicant, "Почтиева");
		this.net.listener(e1, this.oneShort);
		this.net.listener(e3, this.oneShort);
	}

	@AfterEach
	void disconnect() {
		this.opened.forEach(RSocketRequester::dispose);
	}

	@Test
	void theYearEndRunStreamsItsProgressAndIssuesNothingTwice() {
		RSocketRequester coordinator = connect(this.accounts.coordinator(this.net.network));
		String preview = request(coordinator, yearEnd("preview"), Map.of()).block(Duration.ofSeconds(20));
		assertValid("year-end-outcome.json", preview);
		assertThat(this.json.readTree(preview).get("certificates")).hasSize(4);
		assertThat(this.json.readTree(preview).get("oneShort").findValues("teacherId")).extracting(JsonNode::asLong)
			.containsExactly(this.oneShort);

		List<String> progress = run(coordinator);
		progress.forEach((element) -> assertValid("year-end-progress.json", element));
		List<String> stages = progress.stream()
			.map((element) -> this.json.readTree(element).get("stage").asString())
			.toList();
		assertThat(stages).startsWith("planned", "issued", "evidence")
			.endsWith("announced", "done")
			.filteredOn("announced"::equals)
			.hasSize(4);
		JsonNode done = this.json.readTree(progress.get(progress.size() - 1));
		assertThat(done.get("total").asInt()).isEqualTo(4);
		assertThat(done.at("/outcome/certificates").findValues("certificateId")).allMatch((id) -> id.asLong() > 0);
		assertThat(issued()).isEqualTo(4);

		List<String> again = run(coordinator);
		assertThat(again.stream().map((element) -> this.json.readTree(element).get("stage").asString()))
			.containsExactly("planned", "issued", "evidence", "done");
		JsonNode second = this.json.readTree(again.get(again.size() - 1));
		assertThat(second.get("stage").asString()).isEqualTo("done");
		assertThat(second.at("/outcome/certificates")).isEmpty();
		assertThat(second.at("/outcome/alreadyIssued")).hasSize(4);
		assertThat(issued()).isEqualTo(4);
	}

	@Test
	void withoutSmtpNoWarningIsMailed() {
		assertThat(this.context.getBeanProvider(WarningMails.class).getIfAvailable()).isNull();
	}

	@Test
	void onlyTheNetworksCoordinatorPreviewsAndRunsAndWrongInputIsRefusedWithACode() {
		RSocketRequester admin = connect(this.accounts.admin(this.net.applicant));
		RSocketRequester coordinator = connect(this.accounts.coordinator(this.net.network));
		RSocketRequester otherCoordinator = connect(
				this.accounts.coordinator(this.net.fixtures.network(this.net.coordinatorOrganisation)));
		assertError(request(admin, yearEnd("preview"), Map.of()), "forbidden");
		assertError(request(otherCoordinator, yearEnd("preview"), Map.of()), "forbidden");
		assertError(stream(admin, yearEnd("run")), "forbidden");
		assertError(request(coordinator, "year-end." + this.net.network + ".1999.preview", Map.of()), "bad_input");
		assertError(stream(coordinator, "year-end." + this.net.network + ".20x5.run"), "bad_input");
		assertError(
				request(this.accounts.coordinatorOfAll(), "year-end.999999999." + this.year.startYear() + ".preview"),
				"not_found");
		assertThat(issued()).isZero();
	}

	@Test
	void aPlatformIsConfirmedOnceItsPresentersAreCertified() {
		RSocketRequester coordinator = connect(this.accounts.coordinator(this.net.network));
		String confirm = yearEnd("platforms." + this.net.executor + ".confirm");
		assertError(request(coordinator, confirm, Map.of()), "not_eligible");
		assertError(request(connect(this.accounts.admin(this.net.executor)), confirm, Map.of()), "forbidden");
		run(coordinator);
		String first = request(coordinator, confirm, Map.of()).block(Duration.ofSeconds(20));
		assertValid("certificate-view.json", first);
		assertThat(this.json.readTree(first).at("/certificate/kind").asString()).isEqualTo("network_platform");
		String again = request(coordinator, confirm, Map.of()).block(Duration.ofSeconds(20));
		assertThat(this.json.readTree(again).at("/certificate/id").asLong())
			.isEqualTo(this.json.readTree(first).at("/certificate/id").asLong());
	}

	@Test
	void theCoordinatorRevokesWithAReasonAndNobodyElseDoes() {
		RSocketRequester coordinator = connect(this.accounts.coordinator(this.net.network));
		run(coordinator);
		long certificate = this.database
			.sql("select id from certificates where teacher_id = :teacher and network_id = :network")
			.bind("teacher", this.listener)
			.bind("network", this.net.network)
			.map((row) -> row.get("id", Long.class))
			.one()
			.block();
		String revoke = "certificates." + certificate + ".revoke";
		assertError(request(coordinator, revoke, Map.of("reason", "  ")), "bad_input");
		assertError(request(coordinator, revoke, Map.of("cause", 1)), "bad_input");
		assertError(request(connect(this.accounts.teacher(this.listener)), revoke, Map.of("reason", "Сам")),
				"forbidden");
		assertError(request(coordinator, "certificates.999999999.revoke", Map.of("reason", "Нет такого")), "not_found");
		String revoked = request(coordinator, revoke, Map.of("reason", "Ошибка в карте")).block(Duration.ofSeconds(20));
		assertValid("certificate-view.json", revoked);
		assertThat(this.json.readTree(revoked).at("/certificate/revokeReason").asString()).isEqualTo("Ошибка в карте");
	}

	@Test
	void theCardAndTheOrganisationsTeachersAreReadByThoseWhoMaySeeThem() {
		RSocketRequester teacher = connect(this.accounts.teacher(this.listener));
		String card = request(teacher, "cards." + this.listener, Map.of()).block(Duration.ofSeconds(20));
		assertValid("card-snapshot.json", card);
		assertThat(this.json.readTree(card).get("entries")).hasSize(3);
		assertError(request(teacher, "cards." + this.oneShort, Map.of()), "forbidden");
		assertError(request(teacher, "organisations." + this.net.applicant + ".teachers", Map.of()), "forbidden");

		RSocketRequester admin = connect(this.accounts.admin(this.net.applicant));
		String teachers = request(admin, "organisations." + this.net.applicant + ".teachers", Map.of())
			.block(Duration.ofSeconds(20));
		assertValid("organisation-teachers.json", teachers);
		assertThat(this.json.readTree(teachers).findValues("teacherId")).extracting(JsonNode::asLong)
			.contains(this.listener, this.oneShort);
		assertError(request(admin, "organisations." + this.net.executor + ".teachers", Map.of()), "forbidden");
		assertError(request(admin, "organisations.999999999.teachers", Map.of()), "not_found");
		assertError(request(admin, "cards.abc", Map.of()), "bad_input");
	}

	private List<String> run(RSocketRequester coordinator) {
		return stream(coordinator, yearEnd("run")).collectList().block(Duration.ofSeconds(30));
	}

	private String yearEnd(String what) {
		return "year-end." + this.net.network + "." + this.year.startYear() + "." + what;
	}

	private long issued() {
		return this.database.sql("select count(*) from certificates where network_id = :network")
			.bind("network", this.net.network)
			.map((row) -> row.get(0, Long.class))
			.one()
			.block();
	}

	private void assertError(Mono<String> reply, String code) {
		assertError(reply.flux(), code);
	}

	private void assertError(Flux<String> reply, String code) {
		Throwable error = reply.then(Mono.<Throwable>empty()).onErrorResume(Mono::just).block(Duration.ofSeconds(20));
		assertThat(error).isInstanceOf(ApplicationErrorException.class);
		assertValid("error.json", error.getMessage());
		assertThat(this.json.readTree(error.getMessage()).get("code").asString()).isEqualTo(code);
	}

	private Mono<String> request(TestAccounts.Account account, String route) {
		return request(connect(account), route, Map.of());
	}

	private Mono<String> request(RSocketRequester requester, String route, Object data) {
		return requester.route(route).data(data).retrieveMono(String.class);
	}

	private Flux<String> stream(RSocketRequester requester, String route) {
		return requester.route(route).data(Map.of()).retrieveFlux(String.class);
	}

	private RSocketRequester connect(TestAccounts.Account account) {
		RSocketRequester requester = account.setup(this.requesters.dataMimeType(MediaType.APPLICATION_JSON))
			.tcp("localhost", this.port);
		this.opened.add(requester);
		return requester;
	}

}
