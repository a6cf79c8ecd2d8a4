package org.centrik.events;

import java.net.URI;

import org.centrik.security.Caller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Calendar feeds: managed by their owner under {@code /api/calendar-feeds}, read by
 * calendar apps at {@code /calendar/{token}.ics} without a login.
 */
@RestController
class CalendarController {

	private static final MediaType CALENDAR = MediaType.parseMediaType("text/calendar;charset=UTF-8");

	private final CalendarFeeds feeds;

	CalendarController(CalendarFeeds feeds) {
		this.feeds = feeds;
	}

	@PostMapping("/api/calendar-feeds")
	Mono<ResponseEntity<CalendarFeeds.NewFeed>> create(@RequestBody FeedRequest request,
			@AuthenticationPrincipal Caller caller) {
		if (request.scope() == null || request.id() == null) {
			return Mono.error(new IllegalArgumentException("'scope' and 'id' are required."));
		}
		return this.feeds.create(CalendarFeeds.Scope.of(request.scope()), request.id(), caller)
			.map((feed) -> ResponseEntity.created(URI.create("/api/calendar-feeds/" + feed.id()))
				.cacheControl(CacheControl.noStore())
				.body(feed));
	}

	@GetMapping("/api/calendar-feeds")
	Flux<CalendarFeeds.Feed> mine(@AuthenticationPrincipal Caller caller) {
		return this.feeds.mine(caller);
	}

	@DeleteMapping("/api/calendar-feeds/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	Mono<Void> revoke(@PathVariable long id, @AuthenticationPrincipal Caller caller) {
		return this.feeds.revoke(id, caller);
	}

	@GetMapping("/calendar/{token}.ics")
	Mono<ResponseEntity<String>> calendar(@PathVariable String token) {
		return this.feeds.calendar(token)
			.map((calendar) -> ResponseEntity.ok()
				.contentType(CALENDAR)
				.cacheControl(CacheControl.noCache())
				.header("X-Robots-Tag", "noindex")
				.body(calendar));
	}

	/**
	 * A feed to create: {@code network}, {@code organisation} or {@code teacher}, and its
	 * id.
	 */
	record FeedRequest(String scope, Long id) {
	}

}
