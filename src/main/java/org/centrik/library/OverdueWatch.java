package org.centrik.library;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Announces missed deadlines live: a review open ten days after its assignment, an
 * application undecided seven days after it came. Each is announced once, whichever node
 * sees it first; a deadline shows as overdue in every read regardless.
 */
@Component
class OverdueWatch implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(OverdueWatch.class);

	private final Products products;

	private final CreativeGroups groups;

	private final Duration every;

	private volatile Disposable watching;

	OverdueWatch(Products products, CreativeGroups groups,
			@Value("${centrik.library.overdue-check:1m}") Duration every) {
		this.products = products;
		this.groups = groups;
		this.every = every;
	}

	/** Looks once: how many reviews and applications became overdue. */
	Mono<Long> look() {
		return this.products.announceOverdue().zipWith(this.groups.announceOverdue(), Long::sum).onErrorResume((ex) -> {
			logger.warn("Announcing missed deadlines failed: " + ex.getMessage());
			return Mono.just(0L);
		});
	}

	@Override
	public void start() {
		this.watching = Flux.interval(Duration.ofSeconds(5), this.every).concatMap((tick) -> look()).subscribe();
	}

	@Override
	public void stop() {
		Disposable current = this.watching;
		if (current != null) {
			current.dispose();
		}
		this.watching = null;
	}

	@Override
	public boolean isRunning() {
		return this.watching != null;
	}

}
