package org.centrik.network;

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

	RegistryController(Registry registry) {
		this.registry = registry;
	}

	@GetMapping("/networks")
	Flux<Network> networks() {
		return this.registry.networks();
	}

	@GetMapping("/networks/{id}")
	Mono<Network> network(@PathVariable long id) {
		return this.registry.network(new NetworkId(id));
	}

	@GetMapping("/organisations")
	Flux<Organisation> organisations() {
		return this.registry.organisations();
	}

	@GetMapping("/organisations/{id}")
	Mono<Organisation> organisation(@PathVariable long id) {
		return this.registry.organisation(new OrganisationId(id));
	}

}
