package org.centrik.matrix;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.centrik.attendance.Attendance;
import org.centrik.attendance.Participation;
import org.centrik.events.EventId;
import org.centrik.security.TestAccounts;
import org.centrik.shared.TeacherId;
import org.centrik.support.IntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The request workflow (domain rule 2) and membership (rule 1): every transition that is
 * allowed moves the request and is kept in its history with who and when; every other is
 * refused with {@code illegal_transition} and changes nothing; a lapsed organisation
 * files and accepts nothing new, and its history stays.
 */
@IntegrationTest
@AutoConfigureWebTestClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestWorkflowIntegrationTests {

	private static final int YEAR = 2025;

	@Autowired
	ApplicationContext context;

	@Autowired
	WebTestClient http;

	@Autowired
	Requests requests;

	@Autowired
	Attendance attendance;

	MatrixScene scene;

	@BeforeAll
	void scene() {
		this.scene = new MatrixScene(this.context);
	}

	@Test
	void aRequestGoesFromSubmittedToDeliveredAndEveryStepIsInItsHistory() {
		Request submitted = submit(this.scene.applicantAdmin, this.scene.request(YEAR)).expectStatus()
			.isCreated()
			.expectBody(Request.class)
			.returnResult()
			.getResponseBody();
		assertThat(submitted.state()).isEqualTo(RequestState.SUBMITTED);
		assertThat(submitted.executorId()).isEqualTo(this.scene.executor);

		Request accepted = command(this.scene.executorAdmin, submitted.id(), "accept", Map.of()).expectStatus()
			.isOk()
			.expectBody(Request.class)
			.returnResult()
			.getResponseBody();
		assertThat(accepted.state()).isEqualTo(RequestState.ACCEPTED);

		long event = this.scene.event();
		Request scheduled = this.requests
			.schedule(submitted.id(), event, this.scene.asAdmin(this.scene.executorAdmin, this.scene.executor))
			.block()
			.request();
		assertThat(scheduled.state()).isEqualTo(RequestState.SCHEDULED);
		assertThat(scheduled.eventIds()).containsExactly(event);

		assertThat(this.requests.deliverAnsweredBy(event).collectList().block()).as("no attendance yet").isEmpty();
		long teacher = this.scene.fixtures.teacher(this.scene.applicant, "Слушателева");
		this.attendance
			.record(new EventId(event), new TeacherId(teacher), Participation.Role.LISTENER,
					Participation.Method.HOST_MARKED, UUID.randomUUID(), Instant.now(), "test")
			.block();
		assertThat(this.requests.deliverAnsweredBy(event).collectList().block()).extracting(Request::state)
			.containsExactly(RequestState.DELIVERED);

		List<Requests.Transition> history = this.requests.history(submitted.id()).collectList().block();
		assertThat(history).extracting(Requests.Transition::to)
			.containsExactly(RequestState.SUBMITTED, RequestState.ACCEPTED, RequestState.SCHEDULED,
					RequestState.DELIVERED);
		assertThat(history).extracting(Requests.Transition::actor)
			.containsExactly(this.scene.applicantAdmin.login(), this.scene.executorAdmin.login(),
					this.scene.executorAdmin.login(), "system");
		assertThat(history.get(0).from()).isNull();
		assertThat(history).allSatisfy((transition) -> assertThat(transition.at()).isNotNull());
		assertThat(history.get(3).eventId()).isEqualTo(event);
	}

	@Test
	void theExecutorDeclinesWithAReasonOnly() {
		long id = submitted();
		command(this.scene.executorAdmin, id, "decline", Map.of()).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("bad_input");
		command(this.scene.executorAdmin, id, "decline", Map.of("reason", "Нет свободных педагогов в октябре"))
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.state")
			.isEqualTo("declined")
			.jsonPath("$.declineReason")
			.isEqualTo("Нет свободных педагогов в октябре");
		assertThat(this.requests.history(id).collectList().block()).last()
			.satisfies((last) -> assertThat(last.reason()).isEqualTo("Нет свободных педагогов в октябре"));
	}

	static Stream<Arguments> commands() {
		return Stream.of(RequestState.values())
			.flatMap((from) -> Stream.of("accept", "decline", "withdraw", "schedule")
				.map((command) -> Arguments.of(from, command, from.canBecome(target(command)))));
	}

	@ParameterizedTest(name = "{1} when {0}: allowed {2}")
	@MethodSource("commands")
	void everyCommandFromEveryStateIsAllowedOrRefused(RequestState from, String command, boolean allowed) {
		long id = inState(from);
		long transitionsBefore = transitions(id);
		Request after;
		if (command.equals("schedule")) {
			long event = this.scene.event();
			if (!allowed && from != RequestState.SCHEDULED) {
				assertThatThrownBy(() -> this.requests.schedule(id, event, this.scene.asCoordinator()).block())
					.isInstanceOf(IllegalTransitionException.class)
					.hasMessageContaining(from.code());
				assertThat(state(id)).isEqualTo(from);
				assertThat(transitions(id)).isEqualTo(transitionsBefore);
				return;
			}
			after = this.requests.schedule(id, event, this.scene.asCoordinator()).block().request();
			assertThat(after.state()).isEqualTo(RequestState.SCHEDULED);
			assertThat(after.eventIds()).contains(event);
			return;
		}
		TestAccounts.Account party = command.equals("withdraw") ? this.scene.applicantAdmin : this.scene.executorAdmin;
		WebTestClient.ResponseSpec response = command(party, id, command, Map.of("reason", "Причина"));
		if (allowed) {
			response.expectStatus().isOk().expectBody().jsonPath("$.state").isEqualTo(target(command).code());
			assertThat(transitions(id)).isEqualTo(transitionsBefore + 1);
		}
		else {
			response.expectStatus()
				.isEqualTo(HttpStatus.CONFLICT)
				.expectBody()
				.jsonPath("$.code")
				.isEqualTo("illegal_transition");
			assertThat(state(id)).isEqualTo(from);
			assertThat(transitions(id)).isEqualTo(transitionsBefore);
		}
	}

	@Test
	void aRetriedCommandReturnsTheFirstResultAndChangesNothing() {
		NewRequest request = this.scene.request(YEAR);
		long id = submit(this.scene.applicantAdmin, request).expectStatus()
			.isCreated()
			.expectBody(Request.class)
			.returnResult()
			.getResponseBody()
			.id();
		long writes = this.scene.writes();
		submit(this.scene.applicantAdmin, request).expectStatus().isOk().expectBody().jsonPath("$.id").isEqualTo(id);
		assertThat(this.scene.writes()).isEqualTo(writes);

		UUID accept = UUID.randomUUID();
		command(this.scene.executorAdmin, id, "accept", Map.of("clientId", accept)).expectStatus().isOk();
		writes = this.scene.writes();
		command(this.scene.executorAdmin, id, "accept", Map.of("clientId", accept)).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.state")
			.isEqualTo("accepted");
		assertThat(this.scene.writes()).isEqualTo(writes);
		command(this.scene.executorAdmin, id, "accept", Map.of()).expectStatus()
			.isEqualTo(HttpStatus.CONFLICT)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("illegal_transition");
	}

	@Test
	void onlyThePartiesAndTheCoordinatorChangeARequestAndARefusalWritesNothing() {
		long id = submitted();
		long writes = this.scene.writes();
		command(this.scene.bystanderAdmin, id, "accept", Map.of()).expectStatus().isForbidden();
		command(this.scene.applicantAdmin, id, "accept", Map.of()).expectStatus().isForbidden();
		command(this.scene.executorAdmin, id, "withdraw", Map.of()).expectStatus().isForbidden();
		NewRequest forOthers = this.scene.request(YEAR);
		submit(this.scene.bystanderAdmin, forOthers).expectStatus().isForbidden();
		submit(this.scene.users.teacher(this.scene.fixtures.teacher(this.scene.applicant, "Учителева")), forOthers)
			.expectStatus()
			.isForbidden();
		assertThat(this.scene.writes()).isEqualTo(writes);
		assertThat(state(id)).isEqualTo(RequestState.SUBMITTED);
		command(this.scene.coordinator, id, "accept", Map.of()).expectStatus().isOk();
	}

	@Test
	void aLapsedOrganisationFilesAndAcceptsNothingNewAndItsHistoryStays() {
		MatrixScene lapsing = new MatrixScene(this.context);
		long earlier = submitted(lapsing);
		long pending = submitted(lapsing);
		lapsing.lapse(lapsing.applicant);
		long writes = lapsing.writes();
		submit(lapsing.applicantAdmin, lapsing.request(YEAR)).expectStatus()
			.isEqualTo(HttpStatus.CONFLICT)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("agreement_lapsed");
		assertThat(lapsing.writes()).isEqualTo(writes);
		this.http.get()
			.uri("/api/requests?network={n}&organisation={a}", lapsing.network, lapsing.applicant)
			.headers(lapsing.coordinator::bearer)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBodyList(Request.class)
			.value((list) -> assertThat(list).extracting(Request::id).contains(earlier, pending));

		lapsing.lapse(lapsing.executor);
		command(lapsing.executorAdmin, pending, "accept", Map.of()).expectStatus()
			.isEqualTo(HttpStatus.CONFLICT)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("agreement_lapsed");
		command(lapsing.coordinator, pending, "accept", Map.of()).expectStatus().isEqualTo(HttpStatus.CONFLICT);
		assertThat(lapsing.writes()).isEqualTo(writes);
		command(lapsing.executorAdmin, pending, "decline", Map.of("reason", "Договор истёк")).expectStatus().isOk();
	}

	@Test
	void anOrganisationDoesNotRequestItsOwnPractice() {
		NewRequest own = new NewRequest(UUID.randomUUID(), this.scene.practice, this.scene.executor, null, null, null,
				null, null, YEAR);
		submit(this.scene.executorAdmin, own).expectStatus().isBadRequest();
	}

	private long inState(RequestState state) {
		long id = submitted();
		switch (state) {
			case SUBMITTED -> {
			}
			case ACCEPTED -> accept(id);
			case DECLINED -> this.requests.decline(id, "Нет возможности", null, this.scene.asCoordinator()).block();
			case WITHDRAWN -> this.requests.withdraw(id, null, this.scene.asCoordinator()).block();
			case SCHEDULED -> schedule(id);
			case DELIVERED -> {
				long event = schedule(id);
				long teacher = this.scene.fixtures.teacher(this.scene.applicant, "Присутствова");
				this.attendance
					.record(new EventId(event), new TeacherId(teacher), Participation.Role.LISTENER,
							Participation.Method.HOST_MARKED, UUID.randomUUID(), Instant.now(), "test")
					.block();
				this.requests.deliverAnsweredBy(event).blockLast(Duration.ofSeconds(10));
			}
		}
		assertThat(state(id)).isEqualTo(state);
		return id;
	}

	private void accept(long id) {
		this.requests.accept(id, null, this.scene.asCoordinator()).block();
	}

	private long schedule(long id) {
		accept(id);
		long event = this.scene.event();
		this.requests.schedule(id, event, this.scene.asCoordinator()).block();
		return event;
	}

	private long submitted() {
		return submitted(this.scene);
	}

	private long submitted(MatrixScene in) {
		return this.requests.submit(in.request(YEAR), in.asAdmin(in.applicantAdmin, in.applicant))
			.block()
			.request()
			.id();
	}

	private RequestState state(long id) {
		return this.requests.request(id).block().state();
	}

	private long transitions(long id) {
		return this.requests.history(id).count().block();
	}

	private WebTestClient.ResponseSpec submit(TestAccounts.Account account, NewRequest request) {
		return this.http.post().uri("/api/requests").headers(account::bearer).bodyValue(request).exchange();
	}

	private WebTestClient.ResponseSpec command(TestAccounts.Account account, long id, String command,
			Map<String, ?> body) {
		return this.http.post()
			.uri("/api/requests/{id}/{command}", id, command)
			.headers(account::bearer)
			.bodyValue(body)
			.exchange();
	}

	private static RequestState target(String command) {
		return switch (command) {
			case "accept" -> RequestState.ACCEPTED;
			case "decline" -> RequestState.DECLINED;
			case "withdraw" -> RequestState.WITHDRAWN;
			default -> RequestState.SCHEDULED;
		};
	}

}
