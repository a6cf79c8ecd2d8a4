package org.centrik.events;

import org.centrik.shared.DatabaseUnavailable;
import org.centrik.live.LiveErrors;
import org.centrik.shared.RouteInput;
import java.util.Map;

import io.rsocket.exceptions.ApplicationErrorException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.centrik.security.Caller;
import org.centrik.security.UserId;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.codec.DecodingException;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.handler.annotation.MessageExceptionHandler;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.ErrorResponseException;

/**
 * The commands of events over RSocket (request-response), the same as over HTTP; declared
 * in frontend-protocol/asyncapi.yaml. A refusal is an error frame whose message is
 * {@code {"code", "detail"}}: {@code forbidden}, {@code not_found}, {@code bad_input},
 * {@code illegal_transition}, {@code internal}.
 */
@Controller
class EventRoutes {

	private static final Log logger = LogFactory.getLog(EventRoutes.class);

	private static final JsonMapper json = JsonMapper.builder().build();

	private final Events events;

	EventRoutes(Events events) {
		this.events = events;
	}

	@MessageMapping("events.create")
	Mono<Event> create(@Payload EventDetails details, @AuthenticationPrincipal Caller caller) {
		return this.events.create(details, caller);
	}

	@MessageMapping("events.{eventId}.update")
	Mono<Event> update(@DestinationVariable("eventId") long id, @Payload EventDetails details,
			@AuthenticationPrincipal Caller caller) {
		return this.events.update(new EventId(id), details, caller);
	}

	@MessageMapping("events.{eventId}.publish")
	Mono<Event> publish(@DestinationVariable("eventId") long id, @AuthenticationPrincipal Caller caller) {
		return this.events.publish(new EventId(id), caller);
	}

	@MessageMapping("events.{eventId}.cancel")
	Mono<Event> cancel(@DestinationVariable("eventId") long id, @Payload EventController.Cancellation cancellation,
			@AuthenticationPrincipal Caller caller) {
		return this.events.cancel(new EventId(id), cancellation.reason(), caller);
	}

	@MessageMapping("events.{eventId}.finish")
	Mono<Event> finish(@DestinationVariable("eventId") long id, @AuthenticationPrincipal Caller caller) {
		return this.events.finish(new EventId(id), caller);
	}

	@MessageMapping("events.{eventId}.hosts")
	Mono<EventController.HostPeople> hosts(@DestinationVariable("eventId") long id,
			@Payload EventController.HostPeople hosts, @AuthenticationPrincipal Caller caller) {
		return this.events.appointHosts(new EventId(id), hosts.userIds(), caller)
			.map((users) -> new EventController.HostPeople(users.stream().map(UserId::value).toList()));
	}

	@MessageMapping("events.{eventId}.register")
	Mono<Registration> register(@DestinationVariable("eventId") long id,
			@Payload(required = false) EventController.RegistrationRequest request,
			@AuthenticationPrincipal Caller caller) {
		return EventController.teacher((request != null) ? request.teacherId() : null, caller)
			.flatMap((teacher) -> this.events.register(new EventId(id), teacher, caller));
	}

	@MessageMapping("events.{eventId}.unregister")
	Mono<Registration> unregister(@DestinationVariable("eventId") long id,
			@Payload(required = false) EventController.RegistrationRequest request,
			@AuthenticationPrincipal Caller caller) {
		return EventController.teacher((request != null) ? request.teacherId() : null, caller)
			.flatMap((teacher) -> this.events.unregister(new EventId(id), teacher, caller));
	}

	@MessageExceptionHandler
	Mono<Void> failed(Throwable failure) {
		return Mono.error(frame(failure));
	}

	static ApplicationErrorException frame(Throwable failure) {
		if (failure instanceof ApplicationErrorException frame) {
			return frame;
		}
		if (DatabaseUnavailable.causedBy(failure)) {
			return LiveErrors.frame(failure);
		}
		if (failure instanceof ErrorResponseException problem && problem.getBody().getProperties() != null
				&& problem.getBody().getProperties().get("code") instanceof String code) {
			return frame(code, problem.getBody().getDetail());
		}
		if (failure instanceof IllegalArgumentException) {
			return frame("bad_input", failure.getMessage());
		}
		if (RouteInput.isBad(failure)) {
			return frame("bad_input", "The route or its data is not what this route takes.");
		}
		if (failure instanceof DecodingException || failure instanceof MessagingException) {
			return frame("bad_input", "The request data is not what this route takes: see frontend-protocol.");
		}
		logger.error("Event command failed", failure);
		return frame("internal", "The server could not complete the request.");
	}

	private static ApplicationErrorException frame(String code, String detail) {
		return new ApplicationErrorException(json.writeValueAsString(Map.of("code", code, "detail", detail)));
	}

}
