package org.centrik.network;

import java.util.HashSet;
import java.util.Set;
import org.centrik.shared.ForbiddenException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.centrik.security.Caller;
import org.centrik.security.Access;
import org.centrik.shared.OrganisationId;
import org.centrik.shared.NetworkId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Read-only HTTP view of the registry.
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

	private static Set<OrganisationId> own(Caller caller) {
		Set<OrganisationId> own = new HashSet<>(caller.administers());
		if (caller.organisation() != null) {
			own.add(caller.organisation());
		}
		return own;
	}

}
