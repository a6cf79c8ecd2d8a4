package org.centrik.live;

import java.time.Duration;

import org.centrik.security.Access;
import org.centrik.security.Caller;
import reactor.core.publisher.Flux;

import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The same streams as Server-Sent Events, for curl and simple integrations:
 * {@code curl -N localhost:8080/api/live/attendance.42}. Each event's {@code id} is its
 * sequence, so a reconnecting EventSource resumes by itself through
 * {@code Last-Event-ID}.
 */
@RestController
class LiveHttp {

	private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

	private static final ServerSentEvent<LiveMessage> END = ServerSentEvent.<LiveMessage>builder().build();

	private final LiveChanges live;

	private final Access access;

	LiveHttp(LiveChanges live, Access access) {
		this.live = live;
		this.access = access;
	}

	@GetMapping(path = "/api/live/{topic}", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	Flux<ServerSentEvent<LiveMessage>> stream(@PathVariable String topic,
			@RequestHeader(name = "Last-Event-ID", required = false) Long lastEventId,
			@RequestParam(required = false) Long since, @AuthenticationPrincipal Caller caller) {
		Flux<ServerSentEvent<LiveMessage>> messages = this.live
			.subscribe(new Topic(topic), (lastEventId != null) ? lastEventId : since, caller)
			.takeUntilOther(this.access.untilInvalid(caller))
			.map((message) -> ServerSentEvent.builder(message)
				.id(Long.toString(message.sequence()))
				.event(message.kind().name().toLowerCase())
				.build());
		Flux<ServerSentEvent<LiveMessage>> keepAlive = Flux.interval(KEEP_ALIVE)
			.map((tick) -> ServerSentEvent.<LiveMessage>builder().comment("keep-alive").build());
		// the keep-alive comments end when the messages end (a resync completes the
		// stream)
		return Flux.merge(messages.concatWith(Flux.just(END)), keepAlive).takeWhile((event) -> event != END);
	}

}
