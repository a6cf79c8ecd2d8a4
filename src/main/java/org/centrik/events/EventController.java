package org.centrik.events;

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

	EventController(Schedule schedule) {
		this.schedule = schedule;
	}

	/**
	 * Events between {@code from} and {@code to} (ISO instants); by default the past and
	 * next 400 days.
	 */
	@GetMapping
	Flux<Event> between(@RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to) {
		Instant now = Instant.now();
		return this.schedule.between((from != null) ? from : now.minus(Duration.ofDays(400)),
				(to != null) ? to : now.plus(Duration.ofDays(400)));
	}

	@GetMapping("/{id}")
	Mono<Event> event(@PathVariable long id) {
		return this.schedule.event(new EventId(id));
	}

}
