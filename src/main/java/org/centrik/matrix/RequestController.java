package org.centrik.matrix;

import java.net.URI;
import java.time.LocalDate;

import org.centrik.security.Access;
import org.centrik.security.Caller;
import org.centrik.shared.NetworkId;
import org.centrik.shared.OrganisationId;
import org.centrik.shared.SchoolYear;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Requests over HTTP: filing, answering and withdrawing them (each with an optional
 * {@code clientId}, so a retry changes nothing), the request list of a network with its
 * exports, and one request with its history.
 */
@RestController
class RequestController {

	static final MediaType XLSX = MediaType
		.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

	static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

	private final Requests requests;

	private final Access access;

	RequestController(Requests requests, Access access) {
		this.requests = requests;
		this.access = access;
	}

	/**
	 * 201 with the new request; 200 with the same request when the command is a retry.
	 */
	@PostMapping("/api/requests")
	Mono<ResponseEntity<Request>> submit(@RequestBody NewRequest body, @AuthenticationPrincipal Caller caller) {
		return this.requests.submit(body, caller)
			.map((result) -> result.applied()
					? ResponseEntity.created(URI.create("/api/requests/" + result.request().id()))
						.body(result.request())
					: ResponseEntity.ok(result.request()));
	}

	@PostMapping("/api/requests/{id}/accept")
	Mono<Request> accept(@PathVariable long id, @RequestBody(required = false) RequestCommand body,
			@AuthenticationPrincipal Caller caller) {
		return this.requests.accept(id, command(body).clientId(), caller).map(Requests.Result::request);
	}

	@PostMapping("/api/requests/{id}/decline")
	Mono<Request> decline(@PathVariable long id, @RequestBody(required = false) RequestCommand body,
			@AuthenticationPrincipal Caller caller) {
		RequestCommand command = command(body);
		return this.requests.decline(id, command.reason(), command.clientId(), caller).map(Requests.Result::request);
	}

	@PostMapping("/api/requests/{id}/withdraw")
	Mono<Request> withdraw(@PathVariable long id, @RequestBody(required = false) RequestCommand body,
			@AuthenticationPrincipal Caller caller) {
		return this.requests.withdraw(id, command(body).clientId(), caller).map(Requests.Result::request);
	}

	/** The requests of a network the caller is a member of, filtered. */
	@GetMapping("/api/requests")
	Flux<Request> list(@RequestParam long network, @RequestParam(required = false) Integer year,
			@RequestParam(required = false) String state, @RequestParam(required = false) String direction,
			@RequestParam(required = false) Long organisation, @AuthenticationPrincipal Caller caller) {
		RequestFilter filter = filter(network, year, state, direction, organisation);
		return this.access.member(caller, filter.network()).thenMany(this.requests.requests(filter));
	}

	@GetMapping("/api/requests.xlsx")
	Mono<ResponseEntity<byte[]>> listXlsx(@RequestParam long network, @RequestParam(required = false) Integer year,
			@RequestParam(required = false) String state, @RequestParam(required = false) String direction,
			@RequestParam(required = false) Long organisation, @AuthenticationPrincipal Caller caller) {
		return list(network, year, state, direction, organisation, caller).collectList()
			.publishOn(Schedulers.boundedElastic())
			.map((list) -> file(MatrixExports.requestsXlsx(list), XLSX, "requests-" + network + ".xlsx"));
	}

	@GetMapping("/api/requests.csv")
	Mono<ResponseEntity<byte[]>> listCsv(@RequestParam long network, @RequestParam(required = false) Integer year,
			@RequestParam(required = false) String state, @RequestParam(required = false) String direction,
			@RequestParam(required = false) Long organisation, @AuthenticationPrincipal Caller caller) {
		return list(network, year, state, direction, organisation, caller).collectList()
			.map((list) -> file(MatrixExports.requestsCsv(list).getBytes(java.nio.charset.StandardCharsets.UTF_8), CSV,
					"requests-" + network + ".csv"));
	}

	@GetMapping("/api/requests/{id}")
	Mono<Request> request(@PathVariable long id, @AuthenticationPrincipal Caller caller) {
		return this.requests.request(id)
			.flatMap((request) -> this.access.member(caller, new NetworkId(request.networkId())).thenReturn(request));
	}

	/** Every transition of the request: who moved it, when, and why. */
	@GetMapping("/api/requests/{id}/history")
	Flux<Requests.Transition> history(@PathVariable long id, @AuthenticationPrincipal Caller caller) {
		return request(id, caller).thenMany(this.requests.history(id));
	}

	static RequestFilter filter(long network, Integer year, String state, String direction, Long organisation) {
		return new RequestFilter(new NetworkId(network), year,
				(state != null && !state.isBlank()) ? parseState(state) : null,
				(direction != null && !direction.isBlank()) ? direction : null,
				(organisation != null) ? new OrganisationId(organisation) : null);
	}

	static int yearOrCurrent(Integer year) {
		return (year != null) ? year : SchoolYear.of(LocalDate.now(MatrixExports.ZONE)).startYear();
	}

	static ResponseEntity<byte[]> file(byte[] content, MediaType type, String name) {
		return ResponseEntity.status(HttpStatus.OK)
			.contentType(type)
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
			.body(content);
	}

	private static RequestState parseState(String state) {
		try {
			return RequestState.of(state);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(
					"Unknown state " + state + " (submitted, accepted, declined, scheduled, delivered, withdrawn).");
		}
	}

	private static RequestCommand command(RequestCommand body) {
		return (body != null) ? body : RequestCommand.none();
	}

}
