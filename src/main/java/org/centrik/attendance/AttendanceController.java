package org.centrik.attendance;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import org.centrik.events.Event;
import org.centrik.events.EventId;
import org.centrik.events.Schedule;
import org.centrik.security.Access;
import org.centrik.security.Caller;
import org.centrik.shared.OrganisationId;
import org.centrik.shared.TeacherId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;

/**
 * HTTP for an event's attendance: the register, check-in, the host's code, roster, marks,
 * corrections, imports, closing and exports. The same commands are RSocket routes
 * ({@link AttendanceRoutes}); refusals are problem details with the same codes.
 */
@RestController
@RequestMapping("/api/events/{id}")
class AttendanceController {

	/** The largest participant list accepted. */
	static final int MAX_IMPORT_BYTES = 5 * 1024 * 1024;

	private final Participations participations;

	private final Access access;

	private final Schedule schedule;

	private final CheckInCodes codes;

	private final CheckIns checkIns;

	private final HostMarking marking;

	private final Corrections corrections;

	private final Roster roster;

	private final Imports imports;

	private final Register register;

	private final AttendanceProperties properties;

	private final Clock clock;

	private final JsonMapper json;

	AttendanceController(Participations participations, Access access, Schedule schedule, CheckInCodes codes,
			CheckIns checkIns, HostMarking marking, Corrections corrections, Roster roster, Imports imports,
			Register register, AttendanceProperties properties, ObjectProvider<Clock> clock, JsonMapper json) {
		this.participations = participations;
		this.access = access;
		this.schedule = schedule;
		this.codes = codes;
		this.checkIns = checkIns;
		this.marking = marking;
		this.corrections = corrections;
		this.roster = roster;
		this.imports = imports;
		this.register = register;
		this.properties = properties;
		this.clock = clock.getIfUnique(Clock::systemUTC);
		this.json = json;
	}

	/**
	 * All of them for those who run the event; otherwise the caller's own row and the
	 * rows of the organisations they administer.
	 */
	@GetMapping("/participations")
	Flux<Participation> ofEvent(@PathVariable long id, @AuthenticationPrincipal Caller caller) {
		return this.access.participations(caller, id)
			.flatMapMany((visible) -> this.participations.ofEvent(new EventId(id))
				.filter((row) -> visible.shows(new TeacherId(row.teacherId()),
						new OrganisationId(row.organisationId()))));
	}

	/**
	 * What the host's screen shows: the QR code's URL and the code word, and when they
	 * change.
	 */
	@GetMapping("/code")
	Mono<ResponseEntity<Code>> code(@PathVariable long id, @AuthenticationPrincipal Caller caller,
			ServerHttpRequest request) {
		Instant now = this.clock.instant();
		return this.access.eventHost(caller, id)
			.then(this.schedule.event(new EventId(id)))
			.flatMap((event) -> (event.state() == Event.State.CANCELLED)
					? Mono.<Event>error(AttendanceRefusal.eventCancelled(id)) : Mono.just(event))
			.zipWhen((event) -> this.codes.shown(id, now))
			.map((both) -> {
				Event event = both.getT1();
				CheckInCodes.Shown shown = both.getT2();
				URI base = request.getURI();
				// the web UI's hash route: the phone opens the check-in page without a
				// server route
				String path = "/#/checkin/" + id + "?code=" + shown.qrToken();
				String url = base.getScheme() + "://" + base.getRawAuthority() + path;
				Code code = new Code(id,
						new Code.Qr(shown.qrToken(), url, shown.qrRotatesIn(), this.properties.qrPeriod().toSeconds()),
						new Code.Word(shown.word(), shown.wordRotatesIn(), this.properties.wordPeriod().toSeconds()),
						event.checkInOpensAt(), event.checkInClosesAt(),
						event.checkInOpenAt(now) && event.state() != Event.State.FINISHED);
				return ResponseEntity.ok().cacheControl(org.springframework.http.CacheControl.noStore()).body(code);
			});
	}

	@PostMapping("/check-ins")
	Mono<ResponseEntity<CheckIns.CheckInResult>> checkIn(@PathVariable long id,
			@RequestBody CheckIns.CheckInRequest request, @AuthenticationPrincipal Caller caller) {
		return this.checkIns.checkIn(caller, id, request)
			.map((result) -> ResponseEntity.status(result.created() ? HttpStatus.CREATED : HttpStatus.OK).body(result));
	}

	@GetMapping("/roster")
	Flux<Roster.Entry> roster(@PathVariable long id, @RequestParam(required = false) String q,
			@AuthenticationPrincipal Caller caller) {
		return this.roster.of(caller, id, q);
	}

	@PostMapping("/marks")
	Mono<Participation> mark(@PathVariable long id, @RequestBody HostMarking.MarkRequest request,
			@AuthenticationPrincipal Caller caller) {
		return this.marking.mark(caller, id, request);
	}

	@PostMapping("/corrections")
	Mono<Participation> correct(@PathVariable long id, @RequestBody HostMarking.CorrectionRequest request,
			@AuthenticationPrincipal Caller caller, ServerHttpRequest http) {
		return this.marking.correct(caller, id, request, address(http));
	}

	/** The history of marks, undos and corrections, oldest first. */
	@GetMapping("/corrections")
	Flux<Corrections.Correction> corrections(@PathVariable long id, @AuthenticationPrincipal Caller caller) {
		return this.access.eventRoster(caller, id).thenMany(this.corrections.ofEvent(id));
	}

	/**
	 * Imports a participant list (CSV or XLSX, field {@code file}); with
	 * {@code dryRun=true} only reports the matching.
	 */
	@PostMapping(path = "/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	Mono<Imports.Report> importList(@PathVariable long id, @RequestPart("file") FilePart file,
			@RequestPart(name = "resolutions", required = false) String resolutions,
			@RequestParam(defaultValue = "false") boolean dryRun, @AuthenticationPrincipal Caller caller) {
		Map<Integer, Long> answers = resolutions(resolutions);
		return this.access.eventHost(caller, id)
			.then(DataBufferUtils.join(file.content(), MAX_IMPORT_BYTES)
				.onErrorMap(org.springframework.core.io.buffer.DataBufferLimitException.class,
						(ex) -> new IllegalArgumentException(
								"The file is larger than " + MAX_IMPORT_BYTES / 1024 / 1024 + " MB."))
				.map((buffer) -> {
					byte[] bytes = new byte[buffer.readableByteCount()];
					buffer.read(bytes);
					DataBufferUtils.release(buffer);
					return bytes;
				}))
			.flatMap((bytes) -> this.imports.importList(caller, id, file.filename(), bytes, answers, dryRun));
	}

	/**
	 * The host's answers for unmatched rows: a JSON object of row number → teacher id,
	 * e.g. {@code {"4": 17}}.
	 */
	private Map<Integer, Long> resolutions(String json) {
		if (json == null || json.isBlank()) {
			return Map.of();
		}
		Map<Integer, Long> answers = new java.util.HashMap<>();
		try {
			JsonNode node = this.json.readTree(json);
			if (!node.isObject()) {
				throw new IllegalArgumentException("resolutions must be a JSON object of row → teacher id.");
			}
			for (Map.Entry<String, JsonNode> entry : node.properties()) {
				if (!entry.getValue().isIntegralNumber()) {
					throw new IllegalArgumentException(
							"resolutions: the teacher id of row " + entry.getKey() + " must be a number.");
				}
				answers.put(Integer.valueOf(entry.getKey()), entry.getValue().longValue());
			}
		}
		catch (JacksonException | NumberFormatException ex) {
			throw new IllegalArgumentException("resolutions must be a JSON object of row → teacher id.");
		}
		return answers;
	}

	/** Closes attendance and finishes the event. */
	@PostMapping("/close")
	Mono<Event> close(@PathVariable long id, @AuthenticationPrincipal Caller caller) {
		return this.marking.close(caller, id);
	}

	@GetMapping("/attendance.csv")
	Mono<ResponseEntity<byte[]>> csv(@PathVariable long id, @AuthenticationPrincipal Caller caller) {
		return this.register.csv(caller, id)
			.map((export) -> file(export, "csv", new MediaType("text", "csv", StandardCharsets.UTF_8)));
	}

	@GetMapping("/attendance.xlsx")
	Mono<ResponseEntity<byte[]>> xlsx(@PathVariable long id, @AuthenticationPrincipal Caller caller) {
		return this.register.xlsx(caller, id)
			.map((export) -> file(export, "xlsx",
					MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")));
	}

	private static ResponseEntity<byte[]> file(Register.Export export, String extension, MediaType type) {
		ContentDisposition disposition = ContentDisposition.attachment()
			.filename("attendance-" + export.event().id() + "." + extension)
			.build();
		return ResponseEntity.ok()
			.contentType(type)
			.header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
			.body(export.content());
	}

	private static String address(ServerHttpRequest request) {
		InetSocketAddress remote = request.getRemoteAddress();
		return (remote != null && remote.getAddress() != null) ? remote.getAddress().getHostAddress() : null;
	}

	/**
	 * The host's screen.
	 *
	 * @param open whether check-in is open now
	 */
	record Code(long eventId, Qr qr, Word word, Instant checkInOpensAt, Instant checkInClosesAt, boolean open) {

		/**
		 * @param token the token in the URL
		 * @param url what the QR code encodes: the check-in page with the token
		 */
		record Qr(String token, String url, long rotatesInSeconds, long periodSeconds) {
		}

		record Word(String code, long rotatesInSeconds, long periodSeconds) {
		}

	}

}
