package org.centrik.live;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * A piece of work that runs one at a time however often it is woken: wake-ups that arrive
 * while it runs collapse into one more run. It also runs every poll interval, as a safety
 * net.
 */
abstract class Wakeable {

	private final Log logger = LogFactory.getLog(getClass());

	private final Sinks.Many<Boolean> wakeUps = Sinks.many().unicast().onBackpressureBuffer();

	private final AtomicBoolean started = new AtomicBoolean();

	private Disposable loop;

	/** One run; emits whether another run should follow soon. */
	protected abstract Mono<Boolean> runOnce();

	protected abstract Duration pollInterval();

	protected abstract Duration retryInterval();

	void wake() {
		this.wakeUps.emitNext(Boolean.TRUE, Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1)));
	}

	void start() {
		if (!this.started.compareAndSet(false, true)) {
			return;
		}
		this.loop = Flux.merge(this.wakeUps.asFlux(), Flux.interval(pollInterval(), pollInterval()).map((tick) -> true))
			.onBackpressureLatest()
			.concatMap((wake) -> runOnce().onErrorResume((ex) -> {
				this.logger.warn(getClass().getSimpleName() + " run failed, will retry: " + ex.getMessage());
				return Mono.just(Boolean.TRUE).delayElement(retryInterval().multipliedBy(20));
			}).doOnNext((again) -> {
				if (again) {
					Mono.delay(retryInterval()).subscribe((t) -> wake());
				}
			}), 1)
			.subscribeOn(Schedulers.parallel())
			.subscribe();
	}

	void stop() {
		if (this.loop != null) {
			this.loop.dispose();
		}
	}

}
