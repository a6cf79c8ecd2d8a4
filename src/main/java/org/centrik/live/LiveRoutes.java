package org.centrik.live;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.messaging.handler.annotation.DestinationVariable;
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

	LiveRoutes(LiveChanges live) {
		this.live = live;
	}

	@MessageMapping("attendance.{eventId}.stream")
	Flux<byte[]> attendance(@DestinationVariable long eventId, @Payload(required = false) StreamRequest request) {
		return stream(Topic.attendance(eventId), request);
	}

	@MessageMapping("matrix.{networkId}.{schoolYear}.stream")
	Flux<byte[]> matrix(@DestinationVariable long networkId, @DestinationVariable int schoolYear,
			@Payload(required = false) StreamRequest request) {
		return stream(Topic.matrix(networkId, schoolYear), request);
	}

	@MessageMapping("events.upcoming.{networkId}.stream")
	Flux<byte[]> upcomingEvents(@DestinationVariable long networkId, @Payload(required = false) StreamRequest request) {
		return stream(Topic.upcomingEvents(networkId), request);
	}

	@MessageMapping("cards.{teacherId}.stream")
	Flux<byte[]> card(@DestinationVariable long teacherId, @Payload(required = false) StreamRequest request) {
		return stream(Topic.card(teacherId), request);
	}

	@MessageExceptionHandler
	Mono<Void> failed(Throwable failure) {
		return Mono.error(LiveErrors.frame(failure));
	}

	private Flux<byte[]> stream(Topic topic, StreamRequest request) {
		return this.live.subscribeEncoded(topic, (request != null) ? request.since() : null)
			.onErrorMap(LiveErrors::frame);
	}

	/** What a client sends to open a stream: the last sequence it saw, if any. */
	record StreamRequest(Long since) {
	}

}
