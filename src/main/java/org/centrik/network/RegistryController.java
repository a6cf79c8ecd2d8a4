package org.centrik.network;

import java.net.URI;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

import org.centrik.security.Access;
import org.centrik.security.Caller;
import org.centrik.shared.ConflictException;
import org.centrik.shared.ForbiddenException;
import org.centrik.shared.NetworkId;
import org.centrik.shared.OrganisationId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The registry over HTTP: networks, organisations and agreements. Members read it; a
 * coordinator adds organisations and agreements; an admin edits their organisation's
 * card.
 */
@RestController
@RequestMapping("/api")
class RegistryController {

	private final Registry registry;

	private final Access access;

	RegistryController(Registry registry, Access access) {
		this.registry = registry;
		this.access = access;
	}

	/** The networks the caller is a member of. */
	@GetMapping("/networks")
	Flux<Network> networks(@AuthenticationPrincipal Caller caller) {
		return this.access.reach(caller)
			.flatMapMany((reach) -> this.registry.networks()
				.filter((network) -> reach.includes(new NetworkId(network.id()))));
	}

	@GetMapping("/networks/{id}")
	Mono<Network> network(@PathVariable long id, @AuthenticationPrincipal Caller caller) {
		NetworkId network = new NetworkId(id);
		return this.registry.network(network).flatMap((found) -> this.access.member(caller, network).thenReturn(found));
	}

	/** The registry of members: every agreement of the network, current and lapsed. */
	@GetMapping("/networks/{id}/agreements")
	Flux<Agreement> agreements(@PathVariable long id, @AuthenticationPrincipal Caller caller) {
		NetworkId network = new NetworkId(id);
		return this.registry.network(network)
			.then(this.access.member(caller, network))
			.thenMany(this.registry.agreements(network));
	}

	@PostMapping("/networks/{id}/agreements")
	Mono<ResponseEntity<Agreement>> addAgreementOverHttp(@PathVariable long id, @RequestBody NewAgreement body,
			@AuthenticationPrincipal Caller caller) {
		return addAgreement(id, body, caller).map((agreement) -> ResponseEntity
			.created(URI.create("/api/networks/" + id + "/agreements/" + agreement.id()))
			.body(agreement));
	}

	Mono<Agreement> addAgreement(long id, NewAgreement body, Caller caller) {
		NetworkId network = new NetworkId(id);
		return this.access.coordinator(caller, network)
			.then(Mono.fromSupplier(body::validated))
			.flatMap((agreement) -> this.registry.add(network, agreement))
			.onErrorMap(DataIntegrityViolationException.class, (ex) -> new ConflictException("conflict",
					"Agreement number " + body.number() + " is already taken in network " + id + "."));
	}

	/**
	 * The organisations of the caller's networks (members and coordinating
	 * organisations), and the caller's own.
	 */
	@GetMapping("/organisations")
	Flux<Organisation> organisations(@AuthenticationPrincipal Caller caller) {
		return this.access.reach(caller)
			.flatMapMany((reach) -> reach.all() ? this.registry.organisations()
					: this.registry.organisations(reach.networks(), own(caller)));
	}

	@GetMapping("/organisations/{id}")
	Mono<Organisation> organisation(@PathVariable long id, @AuthenticationPrincipal Caller caller) {
		OrganisationId organisation = new OrganisationId(id);
		return this.registry.organisation(organisation)
			.flatMap((found) -> this.access.reach(caller)
				.flatMap((reach) -> reach.all() ? Mono.just(true)
						: this.registry.organisations(reach.networks(), own(caller))
							.any((visible) -> visible.id() == id))
				.flatMap((visible) -> visible ? Mono.just(found) : Mono.error(
						new ForbiddenException("Organisation " + id + " is not in a network you are a member of."))));
	}

	@PostMapping("/organisations")
	Mono<ResponseEntity<Organisation>> addOrganisationOverHttp(@RequestBody OrganisationCard body,
			@AuthenticationPrincipal Caller caller) {
		return addOrganisation(body, caller)
			.map((organisation) -> ResponseEntity.created(URI.create("/api/organisations/" + organisation.id()))
				.body(organisation));
	}

	Mono<Organisation> addOrganisation(OrganisationCard body, Caller caller) {
		return this.access.addOrganisation(caller)
			.then(Mono.fromSupplier(body::validated))
			.flatMap(this.registry::add)
			.onErrorMap(DataIntegrityViolationException.class, RegistryController::integrity);
	}

	/**
	 * Replaces the card. An admin may change names and contacts only; changing the labels
	 * or the responsible admin is the coordinator's.
	 */
	@PutMapping("/organisations/{id}")
	Mono<Organisation> editOrganisation(@PathVariable long id, @RequestBody OrganisationCard body,
			@AuthenticationPrincipal Caller caller) {
		OrganisationId organisation = new OrganisationId(id);
		return this.registry.organisation(organisation)
			.flatMap((current) -> this.access.editOrganisation(caller, organisation).flatMap((asCoordinator) -> {
				OrganisationCard card = body.validated();
				boolean registryFacts = !new HashSet<>(card.labels()).equals(new HashSet<>(current.labels()))
						|| !Objects.equals(card.responsibleUserId(), current.responsibleUserId());
				if (registryFacts && !asCoordinator) {
					return Mono.error(new ForbiddenException(
							"Labels and the responsible admin are changed by the network's coordinator."));
				}
				return this.registry.update(organisation, card);
			}))
			.onErrorMap(DataIntegrityViolationException.class, RegistryController::integrity);
	}

	private static ConflictException integrity(DataIntegrityViolationException ex) {
		return new ConflictException("conflict", "The card names a user that does not exist.");
	}

	private static Set<OrganisationId> own(Caller caller) {
		Set<OrganisationId> own = new HashSet<>(caller.administers());
		if (caller.organisation() != null) {
			own.add(caller.organisation());
		}
		return own;
	}

}
