package org.centrik.matrix;

import java.util.List;

import org.centrik.security.Caller;
import org.centrik.shared.CommandErrors;
import reactor.core.publisher.Mono;

import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.handler.annotation.MessageExceptionHandler;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;

/**
 * The bank of practices over RSocket, request-response, as
 * frontend-protocol/asyncapi.yaml declares it, under the rules of HTTP
 * ({@link PracticeController}): members search and read it, an organisation's admin
 * (agreement in force) or the coordinator declares and edits. A refusal is an error frame
 * ({@code forbidden}, {@code not_found}, {@code bad_input}).
 */
@Controller
class PracticeRoutes {

	private final PracticeController http;

	PracticeRoutes(PracticeController http) {
		this.http = http;
	}

	/**
	 * The bank of the caller's networks: ranked best first for a query, else by title.
	 */
	@MessageMapping("practices.search")
	Mono<List<Practice>> search(@Payload(required = false) PracticeFilter filter,
			@AuthenticationPrincipal Caller caller) {
		PracticeFilter given = (filter != null) ? filter : new PracticeFilter(null, null, null, null, null, null);
		return this.http.search(given, caller).collectList();
	}

	@MessageMapping("practices.{practiceId}")
	Mono<Practice> practice(@DestinationVariable("practiceId") long id, @AuthenticationPrincipal Caller caller) {
		return this.http.practice(id, caller);
	}

	@MessageMapping("practices.create")
	Mono<Practice> create(@Payload PracticeDeclaration declaration, @AuthenticationPrincipal Caller caller) {
		return this.http.declare(declaration, caller);
	}

	/**
	 * Rewrites a practice; its network and organisation stay those it was declared in.
	 */
	@MessageMapping("practices.{practiceId}.update")
	Mono<Practice> update(@DestinationVariable("practiceId") long id, @Payload PracticeDeclaration declaration,
			@AuthenticationPrincipal Caller caller) {
		return this.http.update(id, declaration, caller);
	}

	@MessageExceptionHandler
	Mono<Void> failed(Throwable failure) {
		return Mono.error(CommandErrors.frame(failure));
	}

}
