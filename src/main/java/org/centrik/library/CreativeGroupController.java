package org.centrik.library;

import java.net.URI;

import org.centrik.security.Caller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Creative groups over HTTP: a teacher applies as leader, the coordinator decides,
 * members of the network see the groups and applications with their deadlines.
 */
@RestController
@RequestMapping("/api/creative-groups")
class CreativeGroupController {

	private final LibraryCommands commands;

	CreativeGroupController(LibraryCommands commands) {
		this.commands = commands;
	}

	@PostMapping
	Mono<ResponseEntity<CreativeGroup>> apply(@RequestBody CreativeGroupApplication body,
			@AuthenticationPrincipal Caller caller) {
		return this.commands.apply(body, caller)
			.map((group) -> ResponseEntity.created(URI.create("/api/creative-groups/" + group.id())).body(group));
	}

	@PostMapping("/{id}/decision")
	Mono<CreativeGroup> decide(@PathVariable long id, @RequestBody Decision body,
			@AuthenticationPrincipal Caller caller) {
		return this.commands.decide(id, body.decision(), body.reason(), caller);
	}

	/** Teachers of the network's member organisations, for an application's members. */
	@GetMapping("/candidates")
	Flux<CreativeGroups.Candidate> candidates(@RequestParam long network, @AuthenticationPrincipal Caller caller) {
		return this.commands.candidates(network, caller);
	}

	@GetMapping("/{id}")
	Mono<CreativeGroup> group(@PathVariable long id, @AuthenticationPrincipal Caller caller) {
		return this.commands.group(id, caller);
	}

	@GetMapping
	Flux<CreativeGroup> groups(@AuthenticationPrincipal Caller caller) {
		return this.commands.groups(caller);
	}

	/**
	 * @param decision {@code create} or {@code reject}
	 * @param reason required for a rejection
	 */
	record Decision(String decision, String reason) {
	}

}
