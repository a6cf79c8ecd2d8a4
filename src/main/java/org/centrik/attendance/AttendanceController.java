package org.centrik.attendance;

import org.centrik.events.EventId;
import reactor.core.publisher.Flux;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Read-only HTTP view of an event's attendance register.
 */
@RestController
class AttendanceController {

	private final Participations participations;

	AttendanceController(Participations participations) {
		this.participations = participations;
	}

	@GetMapping("/api/events/{id}/participations")
	Flux<Participation> ofEvent(@PathVariable long id) {
		return this.participations.ofEvent(new EventId(id));
	}

}
