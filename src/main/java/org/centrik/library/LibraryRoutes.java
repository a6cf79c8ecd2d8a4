package org.centrik.library;

import java.util.List;

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
 * Products, reviews, the cabinet and creative groups over RSocket, request-response, as
 * frontend-protocol/asyncapi.yaml declares them. Files do not travel over RSocket: a
 * product submitted here has none, and files are uploaded with {@code POST /api/products}
 * or {@code POST /api/products/{id}/versions} (multipart HTTP). Refusals are error frames
 * with the codes of the HTTP endpoints ({@code forbidden}, {@code not_found},
 * {@code bad_input}, {@code not_member}, {@code not_an_expert}, {@code one_school},
 * {@code illegal_transition}, {@code already_concluded}, {@code already_decided}).
 */
@Controller
class LibraryRoutes {

	private final LibraryCommands commands;

	LibraryRoutes(LibraryCommands commands) {
		this.commands = commands;
	}

	@MessageMapping("products.submit")
	Mono<Product> submit(@Payload ProductSubmission submission, @AuthenticationPrincipal Caller caller) {
		return this.commands.submit(submission, Mono.just(List.of()), caller);
	}

	@MessageMapping("products.{productId}")
	Mono<Product> product(@DestinationVariable("productId") long id, @AuthenticationPrincipal Caller caller) {
		return this.commands.product(id, caller);
	}

	@MessageMapping("products.{productId}.revise")
	Mono<Product> revise(@DestinationVariable("productId") long id, @Payload ProductRevision revision,
			@AuthenticationPrincipal Caller caller) {
		return this.commands.revise(id, revision, Mono.just(List.of()), caller);
	}

	@MessageMapping("products.{productId}.reviewers")
	Mono<Product> reviewers(@DestinationVariable("productId") long id, @Payload ProductController.Reviewers reviewers,
			@AuthenticationPrincipal Caller caller) {
		return this.commands.assignReviewers(id, reviewers.expertIds(), caller);
	}

	@MessageMapping("reviews.{reviewId}.conclusion")
	Mono<Product> conclude(@DestinationVariable("reviewId") long id, @Payload Verdict verdict,
			@AuthenticationPrincipal Caller caller) {
		return this.commands.conclude(id, verdict, caller);
	}

	@MessageMapping("library.search")
	Mono<List<Product>> search(@Payload(required = false) Search search, @AuthenticationPrincipal Caller caller) {
		Search given = (search != null) ? search : new Search(null, null, null, null, null, null);
		return this.commands
			.cabinet(new LibraryFilter(given.q(), given.network(), given.type(), given.level(), given.subject(),
					given.organisation()), caller)
			.collectList();
	}

	@MessageMapping("creative-groups.apply")
	Mono<CreativeGroup> apply(@Payload CreativeGroupApplication application, @AuthenticationPrincipal Caller caller) {
		return this.commands.apply(application, caller);
	}

	@MessageMapping("creative-groups.{groupId}.decision")
	Mono<CreativeGroup> decide(@DestinationVariable("groupId") long id,
			@Payload CreativeGroupController.Decision decision, @AuthenticationPrincipal Caller caller) {
		return this.commands.decide(id, decision.decision(), decision.reason(), caller);
	}

	@MessageExceptionHandler
	Mono<Void> failed(Throwable failure) {
		return Mono.error(LiveErrors.frame(failure));
	}

	/**
	 * A search of the cabinet; every part optional.
	 *
	 * @param q Russian full text
	 */
	record Search(String q, Long network, String type, String level, String subject, Long organisation) {
	}

}
