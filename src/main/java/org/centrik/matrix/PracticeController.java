package org.centrik.matrix;

import java.net.URI;

import org.centrik.security.Access;
import org.centrik.security.Caller;
import org.centrik.shared.NetworkId;
import org.centrik.shared.OrganisationId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The bank of practices over HTTP: members search it; an organisation's admin (while its
 * agreement is in force) or the coordinator declares and edits its practices.
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

	/** The bank of the caller's networks, searched and filtered. */
	@GetMapping
	Flux<Practice> search(@RequestParam(name = "q", required = false) String query,
			@RequestParam(required = false) Long network, @RequestParam(required = false) String direction,
			@RequestParam(required = false) String level, @RequestParam(required = false) String label,
			@RequestParam(required = false) Long organisation, @AuthenticationPrincipal Caller caller) {
		return search(new PracticeFilter(query, network, direction, level, label, organisation), caller);
	}

	Flux<Practice> search(PracticeFilter filter, Caller caller) {
		return this.access.reach(caller)
			.flatMapMany((reach) -> this.practices.search(filter)
				.filter((practice) -> reach.includes(new NetworkId(practice.networkId()))));
	}

	@GetMapping("/{id}")
	Mono<Practice> practice(@PathVariable long id, @AuthenticationPrincipal Caller caller) {
		return this.practices.practice(id)
			.flatMap(
					(practice) -> this.access.member(caller, new NetworkId(practice.networkId())).thenReturn(practice));
	}

	@PostMapping
	Mono<ResponseEntity<Practice>> declareOverHttp(@RequestBody PracticeDeclaration body,
			@AuthenticationPrincipal Caller caller) {
		return declare(body, caller)
			.map((practice) -> ResponseEntity.created(URI.create("/api/practices/" + practice.id())).body(practice));
	}

	Mono<Practice> declare(PracticeDeclaration body, Caller caller) {
		return Mono.fromSupplier(body::validated)
			.flatMap((declaration) -> this.access
				.declarePractice(caller, new NetworkId(declaration.networkId()),
						new OrganisationId(declaration.organisationId()))
				.then(this.practices.declare(declaration)));
	}

	/** Rewrites a practice; its network and organisation are those it was declared in. */
	@PutMapping("/{id}")
	Mono<Practice> update(@PathVariable long id, @RequestBody PracticeDeclaration body,
			@AuthenticationPrincipal Caller caller) {
		return this.practices.practice(id).flatMap((current) -> {
			PracticeDeclaration declaration = new PracticeDeclaration(current.networkId(), current.organisationId(),
					body.title(), body.direction(), body.levels(), body.description(), body.formats(),
					body.materialsUrl())
				.validated();
			return this.access
				.declarePractice(caller, new NetworkId(current.networkId()),
						new OrganisationId(current.organisationId()))
				.then(this.practices.update(id, declaration));
		});
	}

}
