package org.centrik.attendance;

import org.centrik.shared.TeacherId;
import org.centrik.shared.OrganisationId;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.centrik.security.Caller;
import org.centrik.security.Access;
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

	private final Access access;

	AttendanceController(Participations participations, Access access) {
		this.participations = participations;
		this.access = access;
	}

	/**
	 * All of them for those who run the event; otherwise the caller's own row and the
	 * rows of the organisations they administer.
	 */
	@GetMapping("/api/events/{id}/participations")
	Flux<Participation> ofEvent(@PathVariable long id, @AuthenticationPrincipal Caller caller) {
		return this.access.participations(caller, id)
			.flatMapMany((visible) -> this.participations.ofEvent(new EventId(id))
				.filter((row) -> visible.shows(new TeacherId(row.teacherId()),
						new OrganisationId(row.organisationId()))));
	}

}
