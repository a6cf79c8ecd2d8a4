package org.centrik.security;

import reactor.core.publisher.Flux;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.centrik.shared.ForbiddenException;

/**
 * The audit log for coordinators: {@code GET /api/audit?action=&before=&size=}, newest
 * first, paged by id (pass the last id seen as {@code before}). The coordinator of the
 * installation sees every entry; the coordinator of a network the entries of that
 * network's users.
 */
@RestController
class AuditController {

	private final AuditLog audit;

	AuditController(AuditLog audit) {
		this.audit = audit;
	}

	@GetMapping("/api/audit")
	Flux<AuditEntry> entries(@RequestParam(required = false) String action, @RequestParam(required = false) Long before,
			@RequestParam(defaultValue = "50") int size, @AuthenticationPrincipal Caller caller) {
		if (!caller.holds(Role.COORDINATOR)) {
			return Flux.error(new ForbiddenException("The audit log is for coordinators."));
		}
		AuditAction filter;
		try {
			filter = (action != null && !action.isBlank()) ? AuditAction.of(action) : null;
		}
		catch (IllegalArgumentException ex) {
			return Flux.error(new IllegalArgumentException("Unknown action '" + action + "'."));
		}
		return this.audit.entries(filter, before, size, caller.coordinatesAll() ? null : caller.coordinatedNetworks());
	}

}
