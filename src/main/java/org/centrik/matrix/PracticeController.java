package org.centrik.matrix;

import org.centrik.shared.NetworkId;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.centrik.security.Caller;
import org.centrik.security.Access;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Read-only HTTP view of the bank of practices.
 */
@RestController
@RequestMapping("/api/practices")
class PracticeController {

	private final Practices practices;

	private final Access access;

	PracticeController(Practices practices, Access access) {
		this.practices = practices;
		this.access = access;
	}

	/** The bank of the caller's networks. */
	@GetMapping
	Flux<Practice> search(@RequestParam(name = "q", required = false) String query,
			@AuthenticationPrincipal Caller caller) {
		return this.access.reach(caller)
			.flatMapMany((reach) -> this.practices.search(query)
				.filter((practice) -> reach.includes(new NetworkId(practice.networkId()))));
	}

	@GetMapping("/{id}")
	Mono<Practice> practice(@PathVariable long id, @AuthenticationPrincipal Caller caller) {
		return this.practices.practice(id)
			.flatMap(
					(practice) -> this.access.member(caller, new NetworkId(practice.networkId())).thenReturn(practice));
	}

}
