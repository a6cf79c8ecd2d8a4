package org.centrik.events;

import org.centrik.shared.NetworkId;
import org.centrik.shared.ForbiddenException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.centrik.security.Caller;
import org.centrik.security.Access;
import java.time.Duration;
import java.time.Instant;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Read-only HTTP view of the schedule.
 */
@RestController
@RequestMapping("/api/events")
class EventController {

	private final Schedule schedule;

	private final Access access;

	EventController(Schedule schedule, Access access) {
		this.schedule = schedule;
		this.access = access;
	}

	/**
	 * Events between {@code from} and {@code to} (ISO instants); by default the past and
	 * next 400 days.
	 */
	@GetMapping
	Flux<Event> between(@RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
			@AuthenticationPrincipal Caller caller) {
		Instant now = Instant.now();
		return this.access.reach(caller)
			.flatMapMany((reach) -> this.schedule
				.between((from != null) ? from : now.minus(Duration.ofDays(400)),
						(to != null) ? to : now.plus(Duration.ofDays(400)))
				.filter((event) -> reach.includes(new NetworkId(event.networkId())))
				// drafts only to those who run them
				.concatMap((event) -> (event.state() != Event.State.DRAFT) ? Mono.just(event)
						: this.access.event(caller, event.id())
							.thenReturn(event)
							.onErrorResume(ForbiddenException.class, (denied) -> Mono.empty())));
	}

	@GetMapping("/{id}")
	Mono<Event> event(@PathVariable long id, @AuthenticationPrincipal Caller caller) {
		return this.access.event(caller, id).then(this.schedule.event(new EventId(id)));
	}

}
