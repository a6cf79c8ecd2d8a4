package org.centrik.security;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Tells this node's long streams when their session was logged out: one look every
 * {@code centrik.security.session-check} (a minute) at every session some stream is open
 * under, in one statement, however many streams there are (one timer and one query per
 * stream would be 833 queries a second at 50,000 streams).
 */
@Component
class SessionWatch implements DisposableBean {

	private static final Log logger = LogFactory.getLog(SessionWatch.class);

	private final Tokens tokens;

	private final Duration interval;

	private final ConcurrentHashMap<UUID, Watched> watched = new ConcurrentHashMap<>();

	private Disposable looking;

	SessionWatch(Tokens tokens, @Value("${centrik.security.session-check:60s}") Duration interval) {
		this.tokens = tokens;
		this.interval = interval;
	}

	/**
	 * Completes once the session (refresh-token family) is over: logged out, or every
	 * refresh token of it expired; never while it is live. Cancelling stops watching.
	 */
	Mono<Void> ended(UUID family) {
		return Mono.defer(() -> {
			Watched watch = this.watched.compute(family, (key, current) -> {
				Watched counted = (current != null) ? current : new Watched();
				counted.streams++;
				return counted;
			});
			start();
			return watch.ended.asMono().doFinally((signal) -> release(family, watch));
		});
	}

	/** How many sessions are watched now. */
	int sessions() {
		return this.watched.size();
	}

	/** One look at every watched session. */
	Mono<Void> look() {
		List<UUID> families = List.copyOf(this.watched.keySet());
		if (families.isEmpty()) {
			return Mono.empty();
		}
		return this.tokens.liveAmong(families).doOnNext((live) -> end(families, live)).then();
	}

	private void end(List<UUID> families, Set<UUID> live) {
		for (UUID family : families) {
			if (!live.contains(family)) {
				Watched watch = this.watched.remove(family);
				if (watch != null) {
					watch.ended.tryEmitEmpty();
				}
			}
		}
	}

	private void release(UUID family, Watched watch) {
		this.watched.computeIfPresent(family, (key, current) -> {
			if (current != watch) {
				return current;
			}
			current.streams--;
			return (current.streams > 0) ? current : null;
		});
	}

	private synchronized void start() {
		if (this.looking == null) {
			this.looking = Flux.interval(this.interval, this.interval)
				.onBackpressureDrop()
				.concatMap((tick) -> look().onErrorResume((ex) -> {
					// the database is away: streams go on, and the next look tells
					logger.warn("Could not look whether sessions were logged out: " + ex.getMessage());
					return Mono.empty();
				}), 1)
				.subscribe();
		}
	}

	@Override
	public synchronized void destroy() {
		if (this.looking != null) {
			this.looking.dispose();
			this.looking = null;
		}
	}

	/** The streams open under one session; changed only inside the map's compute. */
	private static final class Watched {

		private final Sinks.Empty<Void> ended = Sinks.empty();

		private int streams;

	}

}
