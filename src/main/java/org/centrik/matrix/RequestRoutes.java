package org.centrik.matrix;

import org.centrik.security.Caller;
import reactor.core.publisher.Mono;

import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.handler.annotation.MessageExceptionHandler;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;

/**
 * The request commands over RSocket, request-response, as frontend-protocol/asyncapi.yaml
 * declares them: each answers with the request as it is after the command, or an error
 * frame ({@code forbidden}, {@code not_found}, {@code bad_input},
 * {@code illegal_transition}, {@code agreement_lapsed}, {@code client_id_reused}).
 */
@Controller
class RequestRoutes {

	private final Requests requests;

	RequestRoutes(Requests requests) {
		this.requests = requests;
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
