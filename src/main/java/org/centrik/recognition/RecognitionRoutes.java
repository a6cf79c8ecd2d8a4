package org.centrik.recognition;

import java.util.List;

import org.centrik.live.LiveErrors;
import org.centrik.security.Actor;
import org.centrik.security.Caller;
import org.centrik.shared.SchoolYear;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.handler.annotation.MessageExceptionHandler;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;

/**
 * Recognition over RSocket, as frontend-protocol/asyncapi.yaml declares it: the card, an
 * organisation's teachers, the year end (its run a request-stream of progress ending with
 * the outcome), «Сетевая площадка» and revocation. The same rules as HTTP
 * ({@link Recognition}); a refusal is an error frame {@code {"code", "detail"}}:
 * {@code forbidden}, {@code not_found}, {@code bad_input}, {@code not_eligible},
 * {@code internal}.
 */
@Controller
class RecognitionRoutes {

	private final Recognition recognition;

	RecognitionRoutes(Recognition recognition) {
		this.recognition = recognition;
	}

	@MessageMapping("cards.{teacherId}")
	Mono<CardSnapshots.ActivityCard> card(@DestinationVariable long teacherId, @AuthenticationPrincipal Caller caller) {
		return this.recognition.card(caller, teacherId).onErrorMap(LiveErrors::frame);
	}

	@MessageMapping("organisations.{organisationId}.teachers")
	Mono<List<Recognition.TeacherProgress>> teachers(@DestinationVariable long organisationId,
			@AuthenticationPrincipal Caller caller) {
		return this.recognition.teachers(caller, organisationId).onErrorMap(LiveErrors::frame);
	}

	@MessageMapping("year-end.{networkId}.{schoolYear}.preview")
	Mono<YearEnd.Outcome> preview(@DestinationVariable long networkId, @DestinationVariable int schoolYear,
			@AuthenticationPrincipal Caller caller) {
		return Mono.defer(() -> this.recognition.preview(caller, networkId, year(schoolYear)))
			.onErrorMap(LiveErrors::frame);
	}

	/**
	 * The run, as a stream: each step of its transaction, then {@code done} with the
	 * outcome once committed. Cancelling the stream does not stop the run: it commits or
	 * fails as a whole (the audit log and a second run tell which).
	 */
	@MessageMapping("year-end.{networkId}.{schoolYear}.run")
	Flux<YearEnd.Progress> run(@DestinationVariable long networkId, @DestinationVariable int schoolYear,
			@AuthenticationPrincipal Caller caller) {
		return Flux.<YearEnd.Progress>defer(() -> {
			SchoolYear year = year(schoolYear);
			return Flux.<YearEnd.Progress>create(
					(sink) -> this.recognition.run(caller, networkId, year, Actor.of(caller, null), sink::next)
						.subscribe((outcome) -> {
							sink.next(YearEnd.Progress.done(outcome));
							sink.complete();
						}, sink::error));
		}).onErrorMap(LiveErrors::frame);
	}

	@MessageMapping("year-end.{networkId}.{schoolYear}.platforms.{organisationId}.confirm")
	Mono<Recognition.CertificateView> confirmPlatform(@DestinationVariable long networkId,
			@DestinationVariable int schoolYear, @DestinationVariable long organisationId,
			@AuthenticationPrincipal Caller caller) {
		return Mono
			.defer(() -> this.recognition.confirmPlatform(caller, networkId, organisationId, year(schoolYear),
					Actor.of(caller, null)))
			.onErrorMap(LiveErrors::frame);
	}

	@MessageMapping("certificates.{certificateId}.revoke")
	Mono<Recognition.CertificateView> revoke(@DestinationVariable long certificateId,
			@Payload RecognitionController.Revocation revocation, @AuthenticationPrincipal Caller caller) {
		return this.recognition.revoke(caller, certificateId, revocation.reason(), Actor.of(caller, null))
			.onErrorMap(LiveErrors::frame);
	}

	@MessageExceptionHandler
	Mono<Void> failed(Throwable failure) {
		return Mono.error(LiveErrors.frame(failure));
	}

	private static SchoolYear year(int schoolYear) {
		if (schoolYear < 2000 || schoolYear > 2100) {
			throw new IllegalArgumentException(
					"schoolYear must be the calendar year the school year starts in (2000–2100), not " + schoolYear);
		}
		return new SchoolYear(schoolYear);
	}

}
