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
 * Requests over RSocket, request-response, as frontend-protocol/asyncapi.yaml declares
 * them: the commands answer with the request as it is after the command, the reads with
 * the request or its history, the rules those of HTTP ({@link RequestController}); a
 * refusal is an error frame ({@code forbidden}, {@code not_found}, {@code bad_input},
 * {@code illegal_transition}, {@code agreement_lapsed}, {@code client_id_reused}).
 */
@Controller
class RequestRoutes {

	private final Requests requests;

	private final RequestController http;

	RequestRoutes(Requests requests, RequestController http) {
		this.requests = requests;
		this.http = http;
	}

	/** One request of a network the caller is a member of. */
	@MessageMapping("requests.{requestId}")
	Mono<Request> request(@DestinationVariable("requestId") long id, @AuthenticationPrincipal Caller caller) {
		return this.http.request(id, caller);
	}

	/** Every transition of the request, oldest first: who moved it, when, and why. */
	@MessageMapping("requests.{requestId}.history")
	Mono<List<Requests.Transition>> history(@DestinationVariable("requestId") long id,
			@AuthenticationPrincipal Caller caller) {
		return this.http.history(id, caller).collectList();
	}

	@MessageMapping("requests.submit")
	Mono<Request> submit(@Payload NewRequest request, @AuthenticationPrincipal Caller caller) {
		return this.requests.submit(request, caller).map(Requests.Result::request);
	}

	@MessageMapping("requests.{requestId}.accept")
	Mono<Request> accept(@DestinationVariable("requestId") long id, @Payload(required = false) RequestCommand command,
			@AuthenticationPrincipal Caller caller) {
		return this.requests.accept(id, command(command).clientId(), caller).map(Requests.Result::request);
	}

	@MessageMapping("requests.{requestId}.decline")
	Mono<Request> decline(@DestinationVariable("requestId") long id, @Payload(required = false) RequestCommand command,
			@AuthenticationPrincipal Caller caller) {
		RequestCommand given = command(command);
		return this.requests.decline(id, given.reason(), given.clientId(), caller).map(Requests.Result::request);
	}

	@MessageMapping("requests.{requestId}.withdraw")
	Mono<Request> withdraw(@DestinationVariable("requestId") long id, @Payload(required = false) RequestCommand command,
			@AuthenticationPrincipal Caller caller) {
		return this.requests.withdraw(id, command(command).clientId(), caller).map(Requests.Result::request);
	}

	@MessageExceptionHandler
	Mono<Void> failed(Throwable failure) {
		return Mono.error(CommandErrors.frame(failure));
	}

	private static RequestCommand command(RequestCommand command) {
		return (command != null) ? command : RequestCommand.none();
	}

}
