package org.centrik.events;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.centrik.security.Access;
import org.centrik.security.Caller;
import org.centrik.security.UserId;
import org.centrik.shared.ForbiddenException;
import org.centrik.shared.NetworkId;
import org.centrik.shared.OrganisationId;
import org.centrik.shared.TeacherId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The schedule over HTTP: reading it with filters, and the commands of {@link Events}.
 * Who may do what is {@link Access}'s (docs/security.md, issue 7 rows).
 */
@RestController
@RequestMapping("/api/events")
class EventController {

	private final Schedule schedule;

	private final Events events;

	private final Access access;

	private final EventPeople people;

	EventController(Schedule schedule, Events events, Access access, EventPeople people) {
		this.schedule = schedule;
		this.events = events;
		this.access = access;
		this.people = people;
	}

	/**
	 * Events of the caller's networks that overlap {@code from}–{@code to} (ISO instants;
	 * by default the past and next 400 days), optionally of one network, hosted by one
	 * organisation, of one format, mode or state. Drafts only to those who run them.
	 */
	@GetMapping
	Flux<Event> find(@RequestParam(required = false) Long network, @RequestParam(required = false) Long organisation,
			@RequestParam(required = false) String format, @RequestParam(required = false) String mode,
			@RequestParam(required = false) String state, @RequestParam(required = false) Instant from,
			@RequestParam(required = false) Instant to, @AuthenticationPrincipal Caller caller) {
		Instant now = Instant.now();
		Schedule.Filter filter = new Schedule.Filter(network, organisation, parse(Event.Format.class, format, "format"),
				parse(Event.Mode.class, mode, "mode"), parse(Event.State.class, state, "state"),
				(from != null) ? from : now.minus(Duration.ofDays(400)),
				(to != null) ? to : now.plus(Duration.ofDays(400)));
		return this.access.reach(caller)
			.flatMapMany((reach) -> this.schedule.find(filter)
				.filter((event) -> reach.includes(new NetworkId(event.networkId())))
				.concatMap((event) -> (event.state() != Event.State.DRAFT) ? Mono.just(event)
						: this.access.event(caller, event.id())
							.thenReturn(event)
							.onErrorResume(ForbiddenException.class, (denied) -> Mono.empty())));
	}

	@GetMapping("/{id}")
	Mono<Event> event(@PathVariable long id, @AuthenticationPrincipal Caller caller) {
		return this.access.event(caller, id).then(this.schedule.event(new EventId(id)));
	}

	/**
	 * The names behind the event's ids: host organisations, presenters, the people
	 * appointed to run it; for whoever sees the event.
	 */
	@GetMapping("/{id}/people")
	Mono<EventPeople.People> people(@PathVariable long id, @AuthenticationPrincipal Caller caller) {
		return this.access.event(caller, id).then(this.people.of(id));
	}

	/**
	 * Who may present at or run an event of network {@code network} hosted by
	 * {@code hosts}: for those who may create such an event, or run event {@code event}.
	 */
	@GetMapping("/candidates")
	Mono<EventPeople.Candidates> candidates(@RequestParam long network, @RequestParam List<Long> hosts,
			@RequestParam(required = false) Long event, @AuthenticationPrincipal Caller caller) {
		Mono<Void> allowed = this.access.createEvent(caller, new NetworkId(network),
				hosts.stream().map(OrganisationId::new).collect(java.util.stream.Collectors.toSet()));
		if (event != null) {
			// one who runs the event, though they may not create it: its own hosts only
			return allowed.then(this.people.candidates(hosts))
				.onErrorResume(ForbiddenException.class,
						(denied) -> this.access.runEvent(caller, event)
							.then(this.schedule.event(new EventId(event)))
							.flatMap((found) -> this.people
								.candidates(hosts.stream().filter(found.hostIds()::contains).toList())));
		}
		return allowed.then(this.people.candidates(hosts));
	}

	/** Creates a draft; a retry with the same {@code clientId} returns the same event. */
	@PostMapping
	Mono<ResponseEntity<Event>> create(@RequestBody EventDetails details, @AuthenticationPrincipal Caller caller) {
		return this.events.create(details, caller)
			.map((event) -> ResponseEntity.created(URI.create("/api/events/" + event.id())).body(event));
	}

	@PutMapping("/{id}")
	Mono<Event> update(@PathVariable long id, @RequestBody EventDetails details,
			@AuthenticationPrincipal Caller caller) {
		return this.events.update(new EventId(id), details, caller);
	}

	@PostMapping("/{id}/publish")
	Mono<Event> publish(@PathVariable long id, @AuthenticationPrincipal Caller caller) {
		return this.events.publish(new EventId(id), caller);
	}

	@PostMapping("/{id}/cancel")
	Mono<Event> cancel(@PathVariable long id, @RequestBody(required = false) Cancellation cancellation,
			@AuthenticationPrincipal Caller caller) {
		return this.events.cancel(new EventId(id), (cancellation != null) ? cancellation.reason() : null, caller);
	}

	@PostMapping("/{id}/finish")
	Mono<Event> finish(@PathVariable long id, @AuthenticationPrincipal Caller caller) {
		return this.events.finish(new EventId(id), caller);
	}

	@PutMapping("/{id}/hosts")
	Mono<HostPeople> hosts(@PathVariable long id, @RequestBody HostPeople hosts,
			@AuthenticationPrincipal Caller caller) {
		return this.events.appointHosts(new EventId(id), hosts.userIds(), caller)
			.map((users) -> new HostPeople(users.stream().map(UserId::value).toList()));
	}

	/** Registers a teacher: the caller themself unless {@code teacherId} is given. */
	@PostMapping("/{id}/registrations")
	Mono<Registration> register(@PathVariable long id, @RequestBody(required = false) RegistrationRequest request,
			@AuthenticationPrincipal Caller caller) {
		return teacher((request != null) ? request.teacherId() : null, caller)
			.flatMap((teacher) -> this.events.register(new EventId(id), teacher, caller));
	}

	@DeleteMapping("/{id}/registrations")
	Mono<Registration> unregister(@PathVariable long id, @RequestParam(required = false) Long teacherId,
			@AuthenticationPrincipal Caller caller) {
		return teacher(teacherId, caller)
			.flatMap((teacher) -> this.events.unregister(new EventId(id), teacher, caller));
	}

	static Mono<TeacherId> teacher(Long teacherId, Caller caller) {
		if (teacherId != null) {
			return Mono.just(new TeacherId(teacherId));
		}
		return (caller.teacher() != null) ? Mono.just(caller.teacher())
				: Mono.error(new IllegalArgumentException("Name the teacher: 'teacherId'."));
	}

	private static <E extends Enum<E>> E parse(Class<E> type, String code, String name) {
		if (code == null || code.isBlank()) {
			return null;
		}
		try {
			return Enum.valueOf(type, code.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("Parameter '" + name + "' has an invalid value: " + code + ".");
		}
	}

	/** Why an event is cancelled. */
	record Cancellation(String reason) {
	}

	/** The users who run an event. */
	record HostPeople(List<Long> userIds) {
	}

	/** Whom to register: a teacher of the caller's organisation, or the caller. */
	record RegistrationRequest(Long teacherId) {
	}

}
