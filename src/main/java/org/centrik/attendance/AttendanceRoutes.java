package org.centrik.attendance;

import org.centrik.live.LiveErrors;
import org.centrik.security.Caller;
import reactor.core.publisher.Mono;

import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.handler.annotation.MessageExceptionHandler;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;

/**
 * The request-response routes of attendance; declared in frontend-protocol/asyncapi.yaml.
 * Refusals are error frames {@code {"code", "detail", …}} with the codes of HTTP.
 */
@Controller
class AttendanceRoutes {

	private final CheckIns checkIns;

	private final HostMarking marking;

	AttendanceRoutes(CheckIns checkIns, HostMarking marking) {
		this.checkIns = checkIns;
		this.marking = marking;
	}

	@MessageMapping("attendance.{eventId}.check-in")
	Mono<CheckIns.CheckInResult> checkIn(@DestinationVariable long eventId, @Payload CheckIns.CheckInRequest request,
			@AuthenticationPrincipal Caller caller) {
		return this.checkIns.checkIn(caller, eventId, request);
	}

	@MessageMapping("attendance.{eventId}.mark")
	Mono<Participation> mark(@DestinationVariable long eventId, @Payload HostMarking.MarkRequest request,
			@AuthenticationPrincipal Caller caller) {
		return this.marking.mark(caller, eventId, request);
	}

	@MessageMapping("attendance.{eventId}.correct")
	Mono<Participation> correct(@DestinationVariable long eventId, @Payload HostMarking.CorrectionRequest request,
			@AuthenticationPrincipal Caller caller) {
		return this.marking.correct(caller, eventId, request, null);
	}

	@MessageExceptionHandler
	Mono<Void> failed(Throwable failure) {
		return Mono.error(LiveErrors.frame(failure));
	}

}
