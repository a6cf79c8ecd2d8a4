package org.centrik.live;

import org.centrik.security.Access;
import org.centrik.security.Caller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.messaging.handler.annotation.MessageExceptionHandler;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.stereotype.Controller;

/**
 * The RSocket streams of every topic; declared in frontend-protocol/asyncapi.yaml.
 */
@Controller
class LiveRoutes {

	private final LiveChanges live;

	private final Access access;

	LiveRoutes(LiveChanges live, Access access) {
		this.live = live;
		this.access = access;
	}

	@MessageMapping("attendance.{eventId}.stream")
	Flux<byte[]> attendance(@DestinationVariable long eventId, @Payload(required = false) StreamRequest request,
			@AuthenticationPrincipal Caller caller) {
		return stream(Topic.attendance(eventId), request, caller);
	}

	@MessageMapping("matrix.{networkId}.{schoolYear}.stream")
	Flux<byte[]> matrix(@DestinationVariable long networkId, @DestinationVariable int schoolYear,
			@Payload(required = false) StreamRequest request, @AuthenticationPrincipal Caller caller) {
		return stream(Topic.matrix(networkId, schoolYear), request, caller);
	}

	@MessageMapping("events.upcoming.{networkId}.stream")
	Flux<byte[]> upcomingEvents(@DestinationVariable long networkId, @Payload(required = false) StreamRequest request,
			@AuthenticationPrincipal Caller caller) {
		return stream(Topic.upcomingEvents(networkId), request, caller);
	}

	/**
	 * The caller's own feed of events: of their organisation, those they registered for,
	 * present at or run ({@code events.mine.{userId}}).
	 */
	@MessageMapping("events.mine.stream")
	Flux<byte[]> myEvents(@Payload(required = false) StreamRequest request, @AuthenticationPrincipal Caller caller) {
		return stream(Topic.myEvents(caller.user().value()), request, caller);
	}

	@MessageMapping("cards.{teacherId}.stream")
	Flux<byte[]> card(@DestinationVariable long teacherId, @Payload(required = false) StreamRequest request,
			@AuthenticationPrincipal Caller caller) {
		return stream(Topic.card(teacherId), request, caller);
	}

	@MessageMapping("library.{userId}.stream")
	Flux<byte[]> library(@DestinationVariable long userId, @Payload(required = false) StreamRequest request,
			@AuthenticationPrincipal Caller caller) {
		return stream(Topic.library(userId), request, caller);
	}

	@MessageExceptionHandler
	Mono<Void> failed(Throwable failure) {
		return Mono.error(LiveErrors.frame(failure));
	}

	/**
	 * The caller's stream, closed with {@code token_expired} or {@code token_revoked}
	 * when their token does.
	 */
	private Flux<byte[]> stream(Topic topic, StreamRequest request, Caller caller) {
		// takeUntilOther, not mergeWith: every change passes straight through (a merge
		// queues and drains each one), and the other's error still ends the stream
		return this.live.subscribeEncoded(topic, (request != null) ? request.since() : null, caller)
			.takeUntilOther(this.access.untilInvalid(caller))
			.onErrorMap(LiveErrors::frame);
	}

	/** What a client sends to open a stream: the last sequence it saw, if any. */
	record StreamRequest(Long since) {
	}

}
