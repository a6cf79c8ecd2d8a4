package org.centrik.library;

import java.net.URI;

import org.centrik.security.Access;
import org.centrik.security.Caller;
import org.centrik.shared.NetworkId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Creative groups over HTTP: a teacher applies as leader, the coordinator decides,
 * members of the network see the groups and applications with their deadlines.
 */
@RestController
@RequestMapping("/api/creative-groups")
class CreativeGroupController {

	private final CreativeGroups groups;

	private final Access access;

	CreativeGroupController(CreativeGroups groups, Access access) {
		this.groups = groups;
		this.access = access;
	}

	@PostMapping
	Mono<ResponseEntity<CreativeGroup>> apply(@RequestBody CreativeGroupApplication body,
			@AuthenticationPrincipal Caller caller) {
		return Mono.fromSupplier(body::validated)
			.flatMap((application) -> this.access.applyForCreativeGroup(caller, new NetworkId(application.networkId()))
				.flatMap((leader) -> this.groups.apply(application, leader, caller.user())))
			.map((group) -> ResponseEntity.created(URI.create("/api/creative-groups/" + group.id())).body(group));
	}

	@PostMapping("/{id}/decision")
	Mono<CreativeGroup> decide(@PathVariable long id, @RequestBody Decision body,
			@AuthenticationPrincipal Caller caller) {
		return this.groups.group(id)
			.flatMap((group) -> this.access.coordinator(caller, new NetworkId(group.networkId())))
			.then(Mono.defer(() -> this.groups.decide(id, body.decision(), body.reason())));
	}

	@GetMapping("/{id}")
	Mono<CreativeGroup> group(@PathVariable long id, @AuthenticationPrincipal Caller caller) {
		return this.groups.group(id)
			.flatMap((group) -> this.access.member(caller, new NetworkId(group.networkId())).thenReturn(group));
	}

	@GetMapping
	Flux<CreativeGroup> groups(@AuthenticationPrincipal Caller caller) {
		return this.access.reach(caller).flatMapMany((reach) -> this.groups.groups(reach.all() ? null : reach.ids()));
	}

	/**
	 * @param decision {@code create} or {@code reject}
	 * @param reason required for a rejection
	 */
	record Decision(String decision, String reason) {
	}

}
